//! Rough speed check (run in release mode): gazetteer load time, raw automaton throughput on
//! folded text, and full `recognise` throughput.
//!
//! `cargo run --release -p warta-gazetteer --example throughput` (or `bench/recognise.sh`)

use std::time::Instant;

use warta_gazetteer::{Gazetteer, fold};

/// Our own sample paragraph (Indonesian labour news style).
const PARA: &str = "Ketua DPW FSPMI Jawa Barat, Bapak Rudi Hartono, memimpin rombongan buruh yang \
diterima Wakil Wali Kota Bandung di Balai Kota pada Senin pagi. Mereka meminta Disnaker Kota Bandung \
mengawasi perusahaan yang belum membayar upah sesuai ketentuan, serta menolak praktik alih daya di \
kawasan industri. Pertemuan juga dihadiri perwakilan Apindo, Kesbangpol dan pengurus KSPSI versi Andi \
Gani. \"Kami akan menindaklanjuti laporan ini bersama pengawas ketenagakerjaan provinsi,\" ujar Budi \
Santoso usai pertemuan. Sebelumnya, ratusan pekerja berkumpul di depan gedung DPRD sejak pukul 09.00 WIB.\n\n";

/// Our own sample of ordinary prose with few entities.
const PROSE: &str = "Harga kebutuhan pokok di pasar tradisional terus naik menjelang akhir tahun, \
sementara pedagang mengeluhkan sepinya pembeli karena hujan turun hampir setiap sore. Warga berharap \
pemerintah segera menstabilkan harga beras dan minyak goreng agar daya beli tidak semakin tertekan. \
Di sisi lain, sejumlah sekolah mulai menyiapkan kegiatan akhir semester dengan melibatkan orang tua \
murid dalam pameran karya siswa yang digelar di halaman sekolah.\n\n";

fn automaton(g: &Gazetteer, label: &str, para: &str) {
    let text = para.repeat(32 * 1024 * 1024 / para.len() + 1);
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..3 {
        let t = Instant::now();
        n = g.matches(&text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "matching (fold + automaton + checks), {label}: {:.1} MB/s ({} matches in {:.1} MB)",
        text.len() as f64 / 1e6 / best,
        n,
        text.len() as f64 / 1e6
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let g = Gazetteer::bundled()?;
    let load = t0.elapsed();
    println!(
        "load: {:.2?} for {} entries, {} aliases, {} distinct patterns",
        load,
        g.len(),
        g.alias_count(),
        g.pattern_count()
    );
    let text = PARA.repeat(16 * 1024 * 1024 / PARA.len() + 1);
    let t1 = Instant::now();
    let folded = fold(&text);
    println!(
        "fold: {:.1} MB/s",
        text.len() as f64 / 1e6 / t1.elapsed().as_secs_f64()
    );
    drop(folded);
    automaton(&g, "entity-dense labour news", PARA);
    automaton(&g, "ordinary prose", PROSE);
    let small = PARA.repeat(2000);
    let t = Instant::now();
    let mut ents = 0;
    for chunk in small.split("\n\n").filter(|c| !c.is_empty()) {
        ents += g.recognise(chunk).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "recognise (per paragraph, all rules): {:.1} MB/s, {} entities",
        small.len() as f64 / 1e6 / secs,
        ents
    );
    // whole articles, as the pipeline calls it: the test gold articles, repeated
    let articles: Vec<String> = include_str!("../tests/data/people.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let rounds = (8 * 1024 * 1024 / bytes.max(1)).max(1);
    let t = Instant::now();
    let mut ents = 0;
    for _ in 0..rounds {
        for a in &articles {
            ents += g.recognise(a).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "recognise (whole articles, {} x {} articles): {:.1} MB/s, {:.0} articles/s, {} entities",
        rounds,
        articles.len(),
        (bytes * rounds) as f64 / 1e6 / secs,
        (articles.len() * rounds) as f64 / secs,
        ents
    );
    Ok(())
}
