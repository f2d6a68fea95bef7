//! Trains the bundled name tagger: reads every `*-train.conll` in DATA_DIR (the IndoNLU sets
//! of `shared/data/ner-id`), writes the model to OUT, and scores it on every `*-valid.conll`
//! found beside them.
//!
//! `cargo run --release -p warta-ner --example train -- DATA_DIR gazetteers/ner/tagger.bin`
//! (`--epochs N`, `--bits B` change the training; the bundled model uses the defaults).

use std::path::{Path, PathBuf};
use std::time::Instant;

use warta_ner::{Tagger, conll, train};

fn read(path: &Path) -> Result<Vec<conll::Sentence>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(conll::parse(&path.display().to_string(), &text)?)
}

fn files(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    out.sort();
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut options = train::Options::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--epochs" => options.epochs = args.next().ok_or("--epochs N")?.parse()?,
            "--bits" => options.bits = args.next().ok_or("--bits B")?.parse()?,
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [data, out] = positional.as_slice() else {
        return Err("usage: train DATA_DIR OUT_FILE [--epochs N] [--bits B]".into());
    };
    let mut sentences = Vec::new();
    for f in files(data, "-train.conll")? {
        let s = read(&f)?;
        eprintln!("{}: {} sentences", f.display(), s.len());
        sentences.extend(s);
    }
    if sentences.is_empty() {
        return Err(format!("{}: no *-train.conll files", data.display()).into());
    }
    let t = Instant::now();
    let tagger = train::train(&sentences, options);
    let bytes = tagger.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "{options:?}: trained in {:.1?}, {} bytes written to {}",
        t.elapsed(),
        bytes.len(),
        out.display()
    );
    let tagger = Tagger::from_bytes(&bytes)?;
    for f in files(data, "-valid.conll")? {
        let scores = conll::evaluate(&read(&f)?, |text| {
            tagger
                .tag(text)
                .into_iter()
                .map(|n| (n.kind, n.start, n.end))
                .collect()
        });
        println!("{}\n{scores}", f.display());
    }
    Ok(())
}
