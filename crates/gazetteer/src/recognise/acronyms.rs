//! Step 3: acronym definitions `Long Name (ACR)` confirm gazetteer entities or create new
//! ones; acronyms the article defines are never names.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn acronyms(&mut self) {
        let text = self.text;
        let mut defs: Vec<(String, usize)> = Vec::new(); // (acronym, proto)
        let mut search = 0;
        while let Some(off) = text[search..].find('(') {
            let open = search + off;
            search = open + 1;
            let Some(close_off) = text[open + 1..].find(')') else {
                break;
            };
            let close = open + 1 + close_off;
            let inner = text[open + 1..close].trim();
            if inner.is_empty() || inner.chars().count() > 20 || inner.contains(['\n', ',']) {
                continue;
            }
            let upper = inner.chars().filter(|c| c.is_uppercase()).count();
            if upper < 2 || !inner.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let inner_start =
                open + 1 + (text[open + 1..close].len() - text[open + 1..close].trim_start().len());
            let inner_hit = self.hit_covering(inner_start);
            // what ends right before the parenthesis
            let before = text[..open].trim_end_matches(is_space);
            let prev_hit = self
                .hits
                .iter()
                .rposition(|h| h.end == before.len() && !before.is_empty());
            if inner_hit.is_some() || prev_hit.is_some_and(|h| self.kind_of(h).is_actor()) {
                continue; // a known entity: handled by the gazetteer match itself
            }
            // on-the-fly: the capitalised run before the parenthesis whose initials spell the acronym
            let mut words: Vec<(usize, usize)> = Vec::new();
            let mut p = before.len();
            while words.len() < 10 {
                let Some((s, e)) = word_before(text, p) else {
                    break;
                };
                let w = &text[s..e];
                let connector = matches!(w, "dan" | "&" | "of" | "and");
                if !(capitalised(w) || connector) {
                    break;
                }
                if let Some(h) = self.hit_covering(s)
                    && !matches!(self.kind_of(h), EntryKind::Topic)
                    && !self.kind_of(h).is_place()
                {
                    break;
                }
                words.push((s, e));
                // allow a slash between words ("Pekerja/Serikat")
                p = s;
                if text[..p].ends_with('/') {
                    p -= 1;
                } else if !text[..p].ends_with(is_space) {
                    break;
                }
            }
            words.reverse();
            let letters: Vec<char> = inner
                .chars()
                .filter(|c| c.is_uppercase())
                .flat_map(char::to_lowercase)
                .collect();
            let initials: Vec<(usize, char)> = words
                .iter()
                .enumerate()
                .filter(|(_, (s, e))| capitalised(&text[*s..*e]))
                .filter_map(|(i, (s, _))| text[*s..].chars().next().map(|c| (i, c)))
                .flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, l)))
                .collect();
            // shortest suffix of the run whose initials contain the acronym's capitals in order,
            // starting with its first letter
            let mut found = None;
            for start in (0..initials.len()).rev() {
                if initials[start].1 != letters[0] {
                    continue;
                }
                let mut k = 0;
                for &(_, c) in &initials[start..] {
                    if k < letters.len() && c == letters[k] {
                        k += 1;
                    }
                }
                if k == letters.len() && initials.len() - start <= letters.len() + 2 {
                    found = Some(initials[start].0);
                    break;
                }
            }
            let Some(first_word) = found else { continue };
            let (ls, _) = words[first_word];
            let long = &text[ls..before.len()];
            if long.split_whitespace().count() < 2 {
                continue;
            }
            let lower = long.to_lowercase();
            // a labour organisation opens with a head ("Serikat", "Kesatuan", "Aliansi") and
            // names working people; "Perlindungan Pekerja Migran" (a law) opens with neither
            let first = long.split_whitespace().next().unwrap_or("");
            let head = self.lex.labour_org.lookup(first).next().is_some_and(|e| {
                matches!(
                    e.fields.get(1).map(String::as_str),
                    Some("generic" | "head")
                )
            });
            let labour_words = long
                .split_whitespace()
                .filter(|w| self.lex.labour_org.contains(w))
                .count();
            let worker = long.split_whitespace().any(|w| {
                self.lex
                    .labour_org
                    .lookup(w)
                    .next()
                    .is_some_and(|e| e.fields.get(1).map(String::as_str) == Some("worker"))
            });
            let kind = if head
                && (worker
                    || lower.starts_with("serikat")
                    || lower.starts_with("federasi")
                    || lower.starts_with("konfederasi"))
            {
                EntityKind::Union
            } else if self
                .lex
                .government_heads
                .lookup(
                    &long
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .any(|r| r.fields.get(1).is_some_and(|f| f == "not"))
            {
                // "Badan Usaha Jalan Tol (BUJT)": a company, not a government body
                EntityKind::Other
            } else if [
                "dinas",
                "badan",
                "kementerian",
                "pemerintah",
                "direktorat",
                "biro",
                "kantor",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
            {
                EntityKind::Government
            } else if [
                "asosiasi pengusaha",
                "himpunan pengusaha",
                "perusahaan",
                "pt ",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
            {
                EntityKind::Employer
            } else {
                EntityKind::Other
            };
            let mut acr = inner.to_string();
            let mut long = long.to_string();
            let mut long_end = before.len();
            // "Federasi Serikat Pekerja (FSP) BUMN Bersatu": a generic union name is named by
            // the words after its acronym; with none it names no organisation
            if kind == EntityKind::Union && labour_words == long.split_whitespace().count() {
                let mut p = close + 1;
                let mut end = None;
                for _ in 0..4 {
                    if !text[p..].starts_with(' ') {
                        break;
                    }
                    let Some((ws, we)) = word_at(text, skip_spaces(text, p)) else {
                        break;
                    };
                    let w = &text[ws..we];
                    if !capitalised(w)
                        || self.lex.not_a_name(w) && !self.lex.field.contains(w)
                        || self.hit_covering(ws).is_some_and(|h| {
                            !matches!(self.kind_of(h), EntryKind::Topic)
                                && !self.kind_of(h).is_place()
                        })
                    {
                        break;
                    }
                    end = Some(we);
                    p = we;
                }
                let Some(end) = end else { continue };
                let tail = collapse(&text[close + 1..end]);
                long = format!("{long} {tail}");
                acr = format!("{acr} {tail}");
                long_end = end;
            }
            let pi = self.proto_for_key(format!("acr|{acr}"), || {
                let mut p = Proto::new(kind, long.clone());
                p.acronym = Some(acr.clone());
                p
            });
            self.protos[pi].mentions.push((ls, long_end));
            self.protos[pi]
                .mentions
                .push((inner_start, inner_start + inner.len()));
            defs.push((acr, pi));
            // words of the long name are no longer free (e.g. for name detection)
            for h in &mut self.hits {
                if h.start >= ls && h.end <= long_end {
                    h.absorbed = true;
                }
            }
        }
        // later bare uses of a defined acronym
        for (acr, pi) in defs {
            let mut from = 0;
            while let Some(off) = text[from..].find(acr.as_str()) {
                let s = from + off;
                let e = s + acr.len();
                from = e;
                let bounded = !text[..s].chars().next_back().is_some_and(is_word_char)
                    && !text[e..].chars().next().is_some_and(is_word_char);
                if bounded && self.hit_covering(s).is_none() {
                    self.protos[pi].mentions.push((s, e));
                }
            }
        }
    }

    // -- step 4: organisations, offices, places, topics --------------------------------------

    /// The acronym written in parentheses right after `pos` ("(Disnakerperinkop UKM)"), if it
    /// is one: 1-3 words starting with a capital, no digits.
    pub(super) fn defined_acronym(&self, pos: usize) -> Option<String> {
        let q = skip_spaces(self.text, pos);
        let rest = self.text[q..].strip_prefix('(')?;
        let close = rest.char_indices().take(40).find(|&(_, c)| c == ')')?.0;
        let inner = rest[..close].trim();
        let words = inner.split_whitespace().count();
        let ok = (1..=3).contains(&words)
            && inner.chars().next().is_some_and(char::is_uppercase)
            && !inner.chars().any(|c| c.is_ascii_digit())
            && inner.split_whitespace().all(capitalised);
        ok.then(|| inner.to_string())
    }

    // -- step 5: people ----------------------------------------------------------------------
}
