//! Resolving what a user types after `--province` to a Kemendagri province code.
//!
//! Users write the official name (`Sumatera Selatan`), a spelling variant (`Sumatra Selatan`), the
//! newsroom abbreviation (`sumsel`) or the code (`16`). Names and codes of the 38 provinces are
//! stable public facts, so a compact table here avoids depending on the gazetteer crate (and its
//! data files) just to answer a filter; anything the table does not know falls back to a phrase
//! match on the province names stored in the index.

/// `(code, official name, aliases)`; aliases are matched after [`normalise`].
const PROVINCES: &[(&str, &str, &[&str])] = &[
    ("11", "Aceh", &["nad", "nanggroe aceh darussalam"]),
    ("12", "Sumatera Utara", &["sumut", "sumatra utara"]),
    ("13", "Sumatera Barat", &["sumbar", "sumatra barat"]),
    ("14", "Riau", &[]),
    ("15", "Jambi", &[]),
    ("16", "Sumatera Selatan", &["sumsel", "sumatra selatan"]),
    ("17", "Bengkulu", &[]),
    ("18", "Lampung", &[]),
    (
        "19",
        "Kepulauan Bangka Belitung",
        &["babel", "bangka belitung", "kep babel"],
    ),
    ("21", "Kepulauan Riau", &["kepri", "kep riau"]),
    (
        "31",
        "Daerah Khusus Ibukota Jakarta",
        &[
            "dki",
            "dki jakarta",
            "jakarta",
            "dkj",
            "daerah khusus jakarta",
        ],
    ),
    ("32", "Jawa Barat", &["jabar"]),
    ("33", "Jawa Tengah", &["jateng"]),
    (
        "34",
        "Daerah Istimewa Yogyakarta",
        &["diy", "di yogyakarta", "yogyakarta", "jogja", "yogya"],
    ),
    ("35", "Jawa Timur", &["jatim"]),
    ("36", "Banten", &[]),
    ("51", "Bali", &[]),
    ("52", "Nusa Tenggara Barat", &["ntb"]),
    ("53", "Nusa Tenggara Timur", &["ntt"]),
    ("61", "Kalimantan Barat", &["kalbar"]),
    ("62", "Kalimantan Tengah", &["kalteng"]),
    ("63", "Kalimantan Selatan", &["kalsel"]),
    ("64", "Kalimantan Timur", &["kaltim"]),
    ("65", "Kalimantan Utara", &["kaltara"]),
    ("71", "Sulawesi Utara", &["sulut"]),
    ("72", "Sulawesi Tengah", &["sulteng"]),
    ("73", "Sulawesi Selatan", &["sulsel"]),
    ("74", "Sulawesi Tenggara", &["sultra"]),
    ("75", "Gorontalo", &[]),
    ("76", "Sulawesi Barat", &["sulbar"]),
    ("81", "Maluku", &[]),
    ("82", "Maluku Utara", &["malut"]),
    ("91", "Papua", &[]),
    ("92", "Papua Barat", &["pabar"]),
    ("93", "Papua Selatan", &["papsel"]),
    ("94", "Papua Tengah", &["papteng"]),
    ("95", "Papua Pegunungan", &["papeg"]),
    ("96", "Papua Barat Daya", &["pbd"]),
];

/// Lower-cases, turns punctuation into spaces, collapses whitespace and drops a leading
/// `provinsi`/`prov` so `"Prov. Sumatera  Selatan"` and `"sumatera selatan"` compare equal.
pub(crate) fn normalise(input: &str) -> String {
    let cleaned: String = input
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if matches!(words.first(), Some(&"provinsi") | Some(&"prov")) && words.len() > 1 {
        words.remove(0);
    }
    words.join(" ")
}

/// Whether `input` looks like a region code (`16`, `16.71`), which is matched exactly.
pub(crate) fn is_code(input: &str) -> bool {
    let t = input.trim();
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.starts_with(|c: char| c.is_ascii_digit())
}

/// The province code for an official name or a common alias, if the table knows it.
pub(crate) fn code_for_name(input: &str) -> Option<&'static str> {
    let wanted = normalise(input);
    if wanted.is_empty() {
        return None;
    }
    PROVINCES.iter().find_map(|(code, name, aliases)| {
        (normalise(name) == wanted || aliases.iter().any(|a| *a == wanted)).then_some(*code)
    })
}

/// Up to `n` official province names closest to `input` (by edit distance on the normalised
/// names and aliases), for the error that refuses an unknown `--province`.
pub fn nearest(input: &str, n: usize) -> Vec<&'static str> {
    let wanted = normalise(input);
    let mut scored: Vec<(usize, &'static str)> = PROVINCES
        .iter()
        .map(|(_, name, aliases)| {
            let best = std::iter::once(normalise(name))
                .chain(aliases.iter().map(|a| a.to_string()))
                .map(|candidate| edit_distance(&wanted, &candidate))
                .min()
                .unwrap_or(usize::MAX);
            (best, *name)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, name)| name).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_codes_resolve() {
        assert_eq!(code_for_name("Sumatera Selatan"), Some("16"));
        assert_eq!(code_for_name("sumsel"), Some("16"));
        assert_eq!(code_for_name("Prov. Sumatra Selatan"), Some("16"));
        assert_eq!(code_for_name("JABAR"), Some("32"));
        assert_eq!(code_for_name("Atlantis"), None);
        assert_eq!(code_for_name("  "), None);
        assert!(is_code("16"));
        assert!(is_code("16.71"));
        assert!(!is_code("sumsel"));
        assert!(!is_code("."));
    }

    #[test]
    fn nearest_names_come_first() {
        assert_eq!(nearest("Sumatera Selatn", 1), vec!["Sumatera Selatan"]);
        assert_eq!(nearest("jatimm", 1), vec!["Jawa Timur"]);
        assert_eq!(nearest("x", 3).len(), 3);
    }
}
