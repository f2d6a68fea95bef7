//! The warta half of `bench/recognise.sh` (run in release mode, pinned to one core).
//!
//! * `bench_match --export-aliases FILE` writes every distinct surface form the matcher looks
//!   for, one per line, so spaCy's PhraseMatcher can be given exactly the same aliases.
//! * `bench_match --corpus FILE` reads documents separated by form feeds (`\x0c`) and prints
//!   one tab-separated row per measurement:
//!   `label  bytes  cpu_seconds  wall_seconds  count`.
//!
//! Times are the best of several rounds. CPU time comes from `/proc/thread-self/schedstat`
//! (wall time where that is missing) because the bench machine is shared: CPU time does not
//! count the time another process held the core, wall time does.

use std::collections::BTreeSet;
use std::time::Instant;

use warta_gazetteer::{Gazetteer, fold};

/// Nanoseconds this thread has spent on a CPU, if the kernel says.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs `f` `rounds` times; returns (best CPU seconds, best wall seconds, last result).
fn measure(rounds: usize, mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let (mut cpu, mut wall, mut out) = (f64::MAX, f64::MAX, 0);
    for _ in 0..rounds {
        let c0 = thread_cpu_ns();
        let t0 = Instant::now();
        out = f();
        let w = t0.elapsed().as_secs_f64();
        let c = match (c0, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b.saturating_sub(a)) as f64 / 1e9,
            _ => w,
        };
        cpu = cpu.min(c);
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
        _ => return Err("usage: bench_match --export-aliases FILE | --corpus FILE".into()),
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
            println!("load\t0\t{load:.6}\t{load:.6}\t{}", g.alias_count());
            row(
                "warta-fold",
                bytes,
                measure(5, || docs.iter().map(|d| fold(d).text.len()).sum()),
            );
            row(
                "warta-match",
                bytes,
                measure(5, || docs.iter().map(|d| g.matches(d).len()).sum()),
            );
            row(
                "warta-recognise",
                bytes,
                measure(3, || docs.iter().map(|d| g.recognise(d).len()).sum()),
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
        _ => return Err(format!("unknown flag {flag}").into()),
    }
    Ok(())
}
