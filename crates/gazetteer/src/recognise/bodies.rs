//! Step 4e: government bodies the gazetteer does not list, named by their construction: a
//! head ("Kementerian", "Badan", "Otorita", "Biro") and the words naming its field, an
//! acronym or a common noun ("Otorita IKN", "Badan Pembina BUMD", "Kementerian Agama"),
//! with the region written after it. The heads are data (`rules/government-heads.tsv`).

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn bodies(&mut self) {
        let text = self.text;
        let heads = self.lex.government_heads;
        let mut found: Vec<(usize, usize, Option<String>)> = Vec::new();
        for i in 0..self.words.len() {
            let (s, e) = self.words[i];
            let w = &text[s..e];
            // (capitals first: hashing every word of the text was measurable)
            if !capitalised(w)
                || !heads.contains(w)
                || found.last().is_some_and(|f| f.1 > s)
                || self.covered(s)
                || headline_like(text, s)
            {
                continue;
            }
            let mut end = e;
            let mut region = None;
            let mut p = e;
            let mut words = 0;
            while words < 7 {
                if !text[p..].starts_with([' ', '\u{a0}']) {
                    break;
                }
                let q = skip_spaces(text, p);
                if let Some(h) = self.hit_at(q) {
                    let k = self.kind_of(h);
                    if k.is_place() && words > 0 {
                        // the region it serves ends the name
                        end = self.hits[h].extent.max(self.hits[h].end);
                        region = self.g.entry_at(self.hits[h].entries[0]).region.clone();
                        break;
                    }
                    if k == EntryKind::Topic {
                        end = self.hits[h].end;
                        p = end;
                        words += 1;
                        continue;
                    }
                    break;
                }
                let Some((ws, we)) = word_at(text, q) else {
                    break;
                };
                let n = &text[ws..we];
                if words == 0
                    && heads
                        .lookup(&format!("{w} {n}"))
                        .any(|r| r.fields.get(1).is_some_and(|f| f == "not"))
                {
                    break;
                }
                let connector = (n == "dan" || n == "&")
                    && words > 0
                    && word_at(text, skip_spaces(text, we))
                        .is_some_and(|(a, b)| self.lex.field.contains(&text[a..b]));
                let named = capitalised(n)
                    && (self.lex.field.contains(n)
                        || all_caps(n) && !n.ends_with('.')
                        || self.defined.contains(n)
                        || !self.lex.not_a_name(n) && self.written_lower(n));
                if !(connector || named) {
                    break;
                }
                end = we;
                p = we;
                if !connector {
                    words += 1;
                }
            }
            // "Direktorat Jenderal (Ditjen) Kementerian X": the name goes on after its
            // acronym, so what was read is only its start
            let q = skip_spaces(text, end);
            if region.is_none()
                && text[q..].starts_with('(')
                && let Some(c) = text[q..].find(')').filter(|&c| c < 30)
                && let r = skip_spaces(text, q + c + 1)
                && (word_at(text, r).is_some_and(|(a, b)| heads.contains(&text[a..b]))
                    || self
                        .hit_at(r)
                        .is_some_and(|h| self.kind_of(h).is_government()))
            {
                continue;
            }
            if words == 0 {
                continue;
            }
            found.push((s, end, region));
        }
        for (s, end, region) in found {
            let name = collapse(&text[s..end]);
            let key = format!("government|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || {
                let mut p = Proto::new(EntityKind::Government, name.clone());
                p.region = region.clone();
                p
            });
            self.protos[pi].mentions.push((s, end));
            // read by titles like a company: "Kepala Otorita X, Nama"
            let at = self.companies.partition_point(|c| c.0 < s);
            self.companies.insert(at, (s, end, pi));
        }
    }
}
