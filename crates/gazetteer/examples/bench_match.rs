//! The warta half of `bench/recognise.sh` (run in release mode, pinned to one core).
//!
//! * `bench_match --export-aliases FILE` writes every distinct surface form the matcher looks
//!   for, one per line, so spaCy's PhraseMatcher can be given exactly the same aliases.
//! * `bench_match --corpus FILE` reads documents separated by form feeds (`\x0c`) and prints
//!   one tab-separated row per measurement:
//!   `label  bytes  cpu_seconds  wall_seconds  count`.
//! * `bench_match --dump FILE` prints every document's matches and recognised entities (Debug
//!   form), so a change to the matcher can be checked against the previous output byte for
//!   byte.
//!
//! Times are the best of `BENCH_ROUNDS` rounds (default 3; `bench/recognise.sh` gives spaCy the
//! same number). CPU time is the process's (`CLOCK_PROCESS_CPUTIME_ID`, what Python's
//! `time.process_time` reads on the spaCy side) because the bench machine is shared: CPU time
//! does not count the time another process held the core, wall time does.

use std::collections::BTreeSet;
use std::time::Instant;

use warta_gazetteer::{Gazetteer, fold};

/// Seconds of CPU time this process has used.
fn process_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Runs `f` `rounds` times; returns (best CPU seconds, best wall seconds, last result).
fn measure(rounds: usize, mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let (mut cpu, mut wall, mut out) = (f64::MAX, f64::MAX, 0);
    for _ in 0..rounds.max(1) {
        let c0 = process_cpu();
        let t0 = Instant::now();
        out = f();
        let w = t0.elapsed().as_secs_f64();
        let c = process_cpu() - c0;
        cpu = cpu.min(if c.is_nan() { w } else { c });
        wall = wall.min(w);
    }
    (cpu, wall, out)
}

fn row(label: &str, bytes: usize, (cpu, wall, n): (f64, f64, usize)) {
    println!("{label}\t{bytes}\t{cpu:.6}\t{wall:.6}\t{n}");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (flag, path) = match args.as_slice() {
        [f, p] => (f.as_str(), p.as_str()),
        _ => {
            return Err(
                "usage: bench_match --export-aliases FILE | --corpus FILE | --dump FILE".into(),
            );
        }
    };
    let t0 = Instant::now();
    let g = Gazetteer::bundled()?;
    let load = t0.elapsed().as_secs_f64();
    match flag {
        "--export-aliases" => {
            let forms: BTreeSet<&str> =
                g.entries().iter().flat_map(|e| e.surface_forms()).collect();
            let mut out = String::new();
            for f in &forms {
                out.push_str(f);
                out.push('\n');
            }
            std::fs::write(path, out)?;
            println!(
                "load\t{}\t{load:.6}\t{load:.6}\t{}",
                g.len(),
                g.alias_count()
            );
            println!("exported\t0\t0\t0\t{}", forms.len());
        }
        "--corpus" => {
            let corpus = std::fs::read_to_string(path)?;
            let docs: Vec<&str> = corpus.split('\x0c').filter(|d| !d.is_empty()).collect();
            let bytes: usize = docs.iter().map(|d| d.len()).sum();
            let rounds: usize = std::env::var("BENCH_ROUNDS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(3);
            println!("load\t0\t{load:.6}\t{load:.6}\t{}", g.alias_count());
            row(
                "warta-fold",
                bytes,
                measure(rounds, || docs.iter().map(|d| fold(d).text.len()).sum()),
            );
            row(
                "warta-match",
                bytes,
                measure(rounds, || docs.iter().map(|d| g.matches(d).len()).sum()),
            );
            row(
                "warta-recognise",
                bytes,
                measure(rounds, || docs.iter().map(|d| g.recognise(d).len()).sum()),
            );
            let mentions: usize = docs
                .iter()
                .map(|d| {
                    g.recognise(d)
                        .iter()
                        .map(|e| e.mentions.len())
                        .sum::<usize>()
                })
                .sum();
            println!("warta-recognise-mentions\t{bytes}\t0\t0\t{mentions}");
        }
        "--dump" => {
            use std::io::Write;
            let corpus = std::fs::read_to_string(path)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // each distinct document once: the corpus repeats its documents
            let docs: BTreeSet<&str> = corpus.split('\x0c').filter(|d| !d.is_empty()).collect();
            for d in docs {
                writeln!(out, "== {} bytes", d.len())?;
                for m in g.matches(d) {
                    writeln!(
                        out,
                        "{}..{} {:?} {:?}",
                        m.start,
                        m.end,
                        &d[m.start..m.end],
                        m.entries
                    )?;
                }
                for e in g.recognise(d) {
                    writeln!(out, "{e:?}")?;
                }
            }
        }
        _ => return Err(format!("unknown flag {flag}").into()),
    }
    Ok(())
}
