//! Tagging speed on real news, one thread: every article of a JSON Lines file (gzip or not,
//! `{"paragraphs": [...]}` per line, e.g. `shared/corpus/id-news.jsonl.gz`) tagged in turn,
//! best of three rounds, in MB/s of the thread's CPU time and of wall time.
//!
//! `taskset -c 0 cargo run --release -p warta-ner --example throughput -- CORPUS.jsonl.gz`
//! (`--model FILE` to time another model than the bundled one)

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use warta_ner::{NameKind, Tagger};

/// Seconds this thread has run on a CPU (Linux `schedstat`, the first field in ns); NaN
/// where it cannot be read, so the CPU figure shows as missing rather than wrong.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, model) = match args.as_slice() {
        [path] => (path.clone(), None),
        [path, flag, model] if flag == "--model" => (path.clone(), Some(model.clone())),
        _ => return Err("usage: throughput CORPUS.jsonl[.gz] [--model FILE]".into()),
    };
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut texts = Vec::new();
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let paragraphs: Vec<&str> = value["paragraphs"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
            .unwrap_or_default();
        texts.push(paragraphs.join("\n\n"));
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let tagger = match &model {
        Some(m) => Tagger::from_bytes(&std::fs::read(m).map_err(|e| format!("{m}: {e}"))?)?,
        None => Tagger::bundled().clone(),
    };
    println!("model load: {:.1?}", t.elapsed());
    let (mut best_cpu, mut best_wall) = (f64::MAX, f64::MAX);
    let mut counts = [0usize; 3];
    for _ in 0..3 {
        let (c0, w0) = (cpu_seconds(), Instant::now());
        counts = [0; 3];
        for text in &texts {
            for name in tagger.tag(text) {
                counts[name.kind as usize] += 1;
            }
        }
        best_cpu = best_cpu.min(cpu_seconds() - c0);
        best_wall = best_wall.min(w0.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB: {:.1} MB/s CPU, {:.1} MB/s wall (best of 3, one thread)",
        texts.len(),
        mb / best_cpu,
        mb / best_wall
    );
    println!(
        "names: {} people, {} organisations, {} places",
        counts[NameKind::Person as usize],
        counts[NameKind::Organisation as usize],
        counts[NameKind::Place as usize]
    );
    Ok(())
}
