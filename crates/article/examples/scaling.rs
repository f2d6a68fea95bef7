//! How extraction time grows with page size: one synthetic article page of 1, 2, 5 and 10 MB
//! (paragraphs interleaved with related-link boxes and inline scripts), timed in-process.
//! Linear growth shows as a constant MB/s column. `cargo run --release -p warta-article
//! --example scaling`

/// The allocator of the `warta` binary.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn page(bytes: usize) -> String {
    let mut s = String::from("<html><head><title>Uji</title></head><body><div class='isi'>");
    let para = "<p>Serikat pekerja menggelar rapat anggota untuk membahas upah, lembur, dan cuti, \
        kata ketua serikat kepada wartawan di kantor dinas tenaga kerja.</p>\n";
    let mut i = 0usize;
    while s.len() < bytes {
        s.push_str(para);
        s.push_str("<div class='related'><a href='/berita/lain'>Berita lain</a></div>");
        if i.is_multiple_of(10) {
            s.push_str("<script>window.dataLayer = window.dataLayer || []; dataLayer.push({a: 1});</script>");
        }
        i += 1;
    }
    s.push_str("</div></body></html>");
    s
}

fn main() {
    // Lazily compiled patterns are a one-time cost, not part of any page's time.
    let _ = warta_article::extract(&page(10_000), "https://contoh.id/a");
    println!("{:>6} {:>10} {:>8}", "MB", "seconds", "MB/s");
    for mb in [1usize, 2, 5, 10] {
        let html = page(mb * 1024 * 1024);
        let t = std::time::Instant::now();
        let a = warta_article::extract(&html, "https://contoh.id/a").expect("extracts");
        let secs = t.elapsed().as_secs_f64();
        std::hint::black_box(a);
        println!("{mb:>6} {secs:>10.3} {:>8.1}", mb as f64 / secs);
    }
}
