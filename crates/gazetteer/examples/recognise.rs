//! Prints the entities found in each text file given on the command line.
//!
//! `cargo run -p warta-gazetteer --example recognise -- article.txt ...`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let g = warta_gazetteer::Gazetteer::bundled()?;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        println!("=== {path}");
        for (i, e) in g.recognise(&text).iter().enumerate() {
            if matches!(e.kind, warta_gazetteer::EntityKind::Topic) {
                continue;
            }
            let mut extra = Vec::new();
            if let Some(r) = &e.region {
                extra.push(format!("region={} {}", r.code, r.name));
            }
            for (k, v) in [
                ("unit", &e.unit),
                ("faction", &e.faction),
                ("title", &e.title),
                ("hon", &e.honorific),
                ("parent", &e.parent),
            ] {
                if let Some(v) = v {
                    extra.push(format!("{k}={v}"));
                }
            }
            if let Some(a) = e.affiliation {
                extra.push(format!("aff=#{a}"));
            }
            let m: Vec<&str> = e.mentions.iter().map(|s| s.text.as_str()).collect();
            println!(
                "#{i} {:?} {} [{}] {} | {:?}",
                e.kind,
                e.name,
                e.id.as_deref().unwrap_or("-"),
                extra.join(" "),
                m
            );
        }
    }
    Ok(())
}
