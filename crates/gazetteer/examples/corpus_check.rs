//! Robustness over real text: every public text function of the crate (`fold`, `matches`,
//! `recognise`, the candidate collector) over every article of a JSON Lines corpus read from
//! stdin (`{"title", "paragraphs": [...]}` per line), checking that spans sit on char
//! boundaries and quote the text. Exits non-zero on the first violation; a panic aborts.
//!
//! `zcat corpus.jsonl.gz | cargo run --release -p warta-gazetteer --example corpus_check`
//! (wrapped by `bench/corpus-check.sh CORPUS.jsonl.gz`).

use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = warta_gazetteer::Gazetteer::bundled()?;
    let mut collector = warta_gazetteer::candidates::Collector::new(&g);
    let (mut n, mut bytes, mut entities) = (0usize, 0usize, 0usize);
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let mut text = v["title"].as_str().unwrap_or("").to_string();
        for p in v["paragraphs"].as_array().into_iter().flatten() {
            text.push_str("\n\n");
            text.push_str(p.as_str().unwrap_or(""));
        }
        let folded = warta_gazetteer::fold(&text);
        let _ = folded.original_range(0, folded.text.len());
        for m in g.matches(&text) {
            if text.get(m.start..m.end).is_none() {
                return Err(
                    format!("line {}: match {}..{} off a char", i + 1, m.start, m.end).into(),
                );
            }
        }
        for e in g.recognise(&text) {
            for s in &e.mentions {
                if text.get(s.start..s.end) != Some(s.text.as_str()) {
                    return Err(
                        format!("line {}: mention {s:?} does not quote the text", i + 1).into(),
                    );
                }
            }
            entities += 1;
        }
        collector.add(&format!("doc{i}"), &text);
        n += 1;
        bytes += text.len();
    }
    let candidates = collector.finish(2).len();
    println!(
        "{n} texts, {bytes} bytes, {entities} entities, {candidates} candidates: no panic, every span on char boundaries"
    );
    Ok(())
}
