//! Times the filter resolver on the bundled gazetteer (each value resolved five times).
fn main() {
    let r = warta_export::Resolver::bundled();
    for v in ["33", "sumsel", "Palembang", "Narnia"] {
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let ok = r.regions(v).is_ok();
            println!("--province {v}: {ok} {:?}", t.elapsed());
        }
    }
    for (v, m) in [("Disnaker", false), ("KSPSI", true), ("org/kspi", false)] {
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let ok = r.orgs(v, m).is_ok();
            println!("--org {v} {m}: {ok} {:?}", t.elapsed());
        }
    }
}
