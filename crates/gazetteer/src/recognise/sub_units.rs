//! Step 4a: units (DPD/DPW/PUK...), sub-units written out before a body, and the capitalised
//! runs they are read from.

use super::*;

impl<'a> Ctx<'a> {
    /// "Biro Kepegawaian Setda Provinsi Riau", "Bagian Umum Setda Kabupaten Kudus": a bureau
    /// or section the gazetteer does not list, written before a known secretariat, is a
    /// sub-unit of that secretariat (named as written, parent = the setda entry) rather than
    /// the secretariat itself plus loose words.
    pub(super) fn sub_units(&mut self) {
        let text = self.text;
        for i in 0..self.hits.len() {
            if self.hits[i].absorbed || !self.id_of(i).ends_with("/setda") {
                continue;
            }
            if self.kind_of(i) == EntryKind::OfficeType {
                self.written_out_sub_unit(i);
                continue;
            }
            if self.kind_of(i) != EntryKind::Office {
                continue;
            }
            // capitalised words (and "dan") back to "Biro" / "Bagian"
            let mut p = self.hits[i].start;
            let mut head = None;
            for _ in 0..8 {
                let Some((s, e)) = word_before(text, p) else {
                    break;
                };
                if !text[e..p].chars().all(is_space) || e == p && s == p {
                    break;
                }
                let w = &text[s..e];
                if w == "Biro" || w == "Bagian" {
                    head = Some(s);
                    break;
                }
                if !(capitalised(w) || w == "dan" || w == "&") || self.lex.not_a_name(w) {
                    break;
                }
                p = s;
            }
            let Some(start) = head else { continue };
            // at least one word between the head and the secretariat
            if text[start..self.hits[i].start].split_whitespace().count() < 2 {
                continue;
            }
            let end = self.hits[i].end;
            let e = self.g.entry_at(self.hits[i].entries[0]);
            let (setda_id, region) = (e.id.clone(), e.region.clone());
            let name = collapse(&text[start..end]);
            let key = format!("subunit|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || {
                let mut p = Proto::new(EntityKind::Government, name.clone());
                p.parent = Some(setda_id);
                p.region = region;
                p
            });
            self.protos[pi].mentions.push((start, end));
            for h in self.hits.iter_mut() {
                if h.start >= start && h.end <= end {
                    h.absorbed = true;
                    h.proto = Some(pi);
                }
            }
        }
    }

    /// "Biro Perekonomian Sekretariat Daerah (Setda) Aceh": a bureau before the secretariat
    /// written out, its acronym in parentheses and then the region. The same bureau written
    /// compactly ("Biro Perekonomian Setda Aceh") is looked up in the gazetteer, so a generated
    /// bureau keeps its id; nothing is done when that form is not known.
    pub(super) fn written_out_sub_unit(&mut self, i: usize) {
        let text = self.text;
        let (hs, he) = (self.hits[i].start, self.hits[i].end);
        // the bureau words: "Biro"/"Bagian" and 1-4 capitalised words right before
        let mut p = hs;
        let mut head = None;
        for _ in 0..5 {
            let Some((s, e)) = word_before(text, p) else {
                break;
            };
            if !text[e..p].chars().all(is_space) || e == p {
                break;
            }
            let w = &text[s..e];
            if w == "Biro" || w == "Bagian" {
                head = Some(s);
                break;
            }
            if !capitalised(w) && w != "dan" {
                break;
            }
            p = s;
        }
        let Some(start) = head else { return };
        let bureau = collapse(text[start..hs].trim_end_matches(is_space));
        if bureau.split_whitespace().count() < 2 {
            return;
        }
        // "(Setda)" then the region
        let mut q = skip_spaces(text, he);
        if text[q..].starts_with('(')
            && let Some(close) = text[q..].char_indices().take(16).find(|&(_, c)| c == ')')
        {
            q = skip_spaces(text, q + close.0 + 1);
        }
        let Some(ph) = self.hit_at(q).filter(|&h| self.kind_of(h).is_place()) else {
            return;
        };
        let (ps, pe) = (self.hits[ph].start, self.hits[ph].end);
        let compact = format!("{bureau} Setda {}", &text[ps..pe]);
        let found = self
            .g
            .matches(&compact)
            .into_iter()
            .find(|m| m.start == 0 && m.end == compact.len())
            .and_then(|m| m.entries.first().copied())
            .filter(|&e| {
                self.g
                    .entry_at(e)
                    .parent
                    .as_deref()
                    .is_some_and(|p| p.ends_with("/setda"))
            });
        let Some(entry) = found else { return };
        let Some(pi) = self.proto_for_entry(entry, None) else {
            return;
        };
        self.protos[pi].mentions.push((start, pe));
        for h in self.hits.iter_mut() {
            if h.start >= start && h.end <= pe {
                h.absorbed = true;
                h.proto = Some(pi);
            }
        }
    }

    /// Unit word written right before an organisation ("DPD FSP KEP", "Dewan Pengurus Wilayah").
    pub(super) fn unit_before(&self, pos: usize) -> Option<(String, usize)> {
        let before = self.text[..pos].trim_end_matches([' ', '\t', '(']);
        const UNITS: &[(&str, &str)] = &[
            ("dewan pengurus pusat", "DPP"),
            ("dewan pengurus wilayah", "DPW"),
            ("dewan pengurus daerah", "DPD"),
            ("dewan pengurus cabang", "DPC"),
            ("pimpinan unit kerja", "PUK"),
            ("pimpinan cabang", "PC"),
            ("pimpinan wilayah", "PW"),
            ("pengurus cabang", "PC"),
            ("pengurus pusat", "DPP"),
            ("dpp", "DPP"),
            ("dpw", "DPW"),
            ("dpd", "DPD"),
            ("dpc", "DPC"),
            ("puk", "PUK"),
            ("pc", "PC"),
        ];
        for (w, code) in UNITS {
            let Some(s) = before.len().checked_sub(w.len()) else {
                continue;
            };
            let Some(surface) = before.get(s..) else {
                continue;
            };
            if surface.eq_ignore_ascii_case(w)
                && !before[..s].chars().next_back().is_some_and(is_word_char)
            {
                // short forms must be written in capitals
                if w.len() <= 3 && surface != surface.to_uppercase() {
                    continue;
                }
                return Some((code.to_string(), s));
            }
        }
        None
    }

    /// Capitalised name words from `pos` (for faction leaders): up to `max` words.
    pub(super) fn cap_run(&self, pos: usize, max: usize) -> Option<(usize, usize)> {
        let mut p = skip_spaces(self.text, pos);
        let start = p;
        let mut end = None;
        for _ in 0..max {
            let Some((s, e)) = word_at(self.text, p) else {
                break;
            };
            let w = &self.text[s..e];
            if !capitalised(w) || self.lex.not_a_name(w) {
                break;
            }
            if let Some(h) = self.hit_covering(s)
                && !self.bare_place(h)
            {
                break;
            }
            end = Some(e);
            p = e;
            if !self.text[p..].starts_with(' ') {
                break;
            }
            p = skip_spaces(self.text, p);
        }
        end.map(|e| (start, e))
    }

    /// A one-word region name without a type word ("Bekasi", "Deru"): may be part of a name.
    pub(super) fn bare_place(&self, h: usize) -> bool {
        let hit = &self.hits[h];
        let s = &self.text[hit.start..hit.end];
        self.kind_of(h).is_place() && !s.contains(' ')
    }
}
