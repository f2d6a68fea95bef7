//! Scaling check: recognition time and peak memory on an entity-dense page of a given size,
//! to show that `recognise()` stays linear in its input (goal: time per MB within 2x of a
//! normal article, see `bench/dense.sh`).
//!
//! `cargo run --release -p warta-gazetteer --example dense -- MB [MB ...]`
//!
//! The page repeats invented sentences full of titles, names, unions, offices and companies;
//! names vary (first name x last name) so that people do not collapse into a few entities.
//! Prints one line per size: bytes, seconds (wall), MB/s, entities, peak RSS (VmHWM, kB).

use std::time::Instant;

const FIRST: [&str; 12] = [
    "Agus", "Budi", "Citra", "Dedi", "Endang", "Fajar", "Gita", "Hendra", "Indah", "Joko",
    "Kartika", "Lukman",
];
const LAST: [&str; 12] = [
    "Santoso",
    "Wibowo",
    "Siregar",
    "Nasution",
    "Hartono",
    "Saputra",
    "Lestari",
    "Pratama",
    "Gunawan",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
];

fn sentence(i: usize) -> String {
    let a = format!("{} {}", FIRST[i % 12], LAST[(i / 12) % 12]);
    let b = format!("{} {}", FIRST[(i / 7) % 12], LAST[(i / 3) % 12]);
    match i % 6 {
        0 => format!(
            "Ketua DPC KSPSI Kabupaten Bekasi, {a}, menyebut Kepala Dinas Tenaga Kerja Kota Medan {b} belum hadir. "
        ),
        1 => format!(
            "Wakil Gubernur Jambi {a} bertemu Presiden KSPI Said Iqbal dan Direktur PT Sinar Baja Perkasa {b} di Gedung DPRD. "
        ),
        2 => format!("\"Upah harus naik,\" kata {a} kepada wartawan, Senin (3/5). "),
        3 => format!(
            "Pak {a} (Kabid Hubungan Industrial Disnaker Provinsi) bersama Sekjen FSPMI {b} mendatangi kantor Bupati Karawang. "
        ),
        4 => format!(
            "Anggota Komisi IV DPRD Kota Bandung {a} menerima massa buruh dari Serikat Pekerja Nasional. "
        ),
        _ => format!("Menurut {a}, Menteri Ketenagakerjaan {b} sudah menandatangani surat itu. "),
    }
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = warta_gazetteer::Gazetteer::bundled()?;
    let sizes: Vec<f64> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    for mb in sizes {
        let target = (mb * 1e6) as usize;
        let mut text = String::with_capacity(target + 256);
        let mut i = 0;
        while text.len() < target {
            text.push_str(&sentence(i));
            i += 1;
        }
        let t = Instant::now();
        let n = g.recognise(&text).len();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{}\t{secs:.3}\t{:.2}\t{n}\t{}",
            text.len(),
            text.len() as f64 / 1e6 / secs,
            peak_rss_kb()
        );
    }
    Ok(())
}
