//! Step 4d: labour organisations the gazetteer does not list, named by their construction:
//! an enterprise union ("Serikat Pekerja PT X", "SP JICT", "PUK SP ... PT X"), a network,
//! alliance or forum of workers ("Jaringan Buruh Migran", "Aliansi Buruh Pelabuhan X"). The
//! words are data (`rules/labour-org.tsv`). A generic head without anything naming it
//! ("Federasi Serikat Pekerja", "serikat pekerja") is no organisation.

use super::*;

/// What a word of `labour-org.tsv` does in an organisation's name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A head whose name alone is generic ("Serikat", "Federasi").
    Generic,
    /// A head that opens a network or alliance ("Aliansi", "Jaringan").
    Head,
    /// The short form of a union head ("SP", "PUK").
    Acronym,
    /// A word for working people ("Buruh", "Pelaut").
    Worker,
}

impl<'a> Ctx<'a> {
    fn labour_role(&self, w: &str) -> Option<Role> {
        if !capitalised(w) || !self.lex.labour_org.contains(w) {
            return None;
        }
        let e = self.lex.labour_org.lookup(w).next()?;
        let role = match e.fields.get(1).map(String::as_str) {
            Some("generic") => Role::Generic,
            Some("head") => Role::Head,
            Some("acronym") if all_caps(w) => Role::Acronym,
            Some("worker") => Role::Worker,
            _ => return None,
        };
        Some(role)
    }

    /// True when an entity already found covers byte `pos` (a gazetteer union, an acronym
    /// definition, a company).
    pub(super) fn covered(&self, pos: usize) -> bool {
        self.hit_covering(pos)
            .is_some_and(|h| !matches!(self.kind_of(h), EntryKind::Topic))
            || self
                .protos
                .iter()
                .any(|p| p.mentions.iter().any(|&(s, e)| s <= pos && pos < e))
    }

    /// True when the words from `start` to `end` are the start of a known union's long name
    /// written out before its acronym in the same sentence ("Federasi Serikat Pekerja Rokok,
    /// Tembakau, ... (FSP RTMM-SPSI)") or contain a known union, whose own match stands for it.
    fn spells_known_union(&self, start: usize, end: usize) -> bool {
        let text = self.text;
        let union_at = |pos: usize| {
            self.hit_covering(pos)
                .is_some_and(|h| self.kind_of(h).is_union())
        };
        if self
            .words
            .iter()
            .any(|&(s, _)| s >= start && s < end && union_at(s))
        {
            return true;
        }
        // inside or right after a parenthesis: the acronym of a name read elsewhere, or the
        // rest of that name ("(PUK SP KEP) SPSI PT X")
        let before = text[..start].trim_end_matches(is_space);
        if before.ends_with(['(', ')']) {
            return true;
        }
        let mut lo = before.len().saturating_sub(60);
        while !before.is_char_boundary(lo) {
            lo -= 1;
        }
        let near = &before[lo..];
        let near = &near[near.rfind('\n').map_or(0, |i| i + 1)..];
        if near
            .rfind('(')
            .is_some_and(|o| near.rfind(')').is_none_or(|c| c < o))
        {
            return true;
        }
        // "Serikat Pekerja Kimia, Energi dan Pertambangan (SP KEP)": a list of fields goes on
        // after a comma to the acronym that defines the whole name
        let after = skip_spaces(text, end);
        if text[after..].starts_with(',')
            && word_at(text, skip_spaces(text, after + 1))
                .is_some_and(|(a, b)| capitalised(&text[a..b]))
        {
            let tail = &text[after..text.len().min(after + 120)];
            let stop = tail.find(['.', '\n']).unwrap_or(tail.len());
            if tail[..stop].contains('(') {
                return true;
            }
        }
        let tail = &text[end..text.len().min(end + 120)];
        let stop = tail.find(['.', '\n']).unwrap_or(tail.len());
        tail[..stop]
            .match_indices('(')
            .any(|(i, _)| union_at(skip_spaces(text, end + i + 1)))
    }

    pub(super) fn unions(&mut self) {
        let text = self.text;
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let (s, e) = self.words[i];
            i += 1;
            let Some(role) = self.labour_role(&text[s..e]) else {
                continue;
            };
            if role == Role::Worker
                || self.covered(s)
                || headline_like(text, s)
                // "anggota Serikat Pekerja" in a longer known name was covered; a head right
                // after another head word is read from the first
                || found.last().is_some_and(|&(_, fe)| fe > s)
            {
                continue;
            }
            let mut end = e;
            let mut has_worker = role == Role::Acronym;
            // something beyond the generic words names it: a company, an acronym, a sector
            let mut named = role == Role::Head;
            let mut p = e;
            for _ in 0..8 {
                if !text[p..].starts_with([' ', '\u{a0}']) {
                    break;
                }
                let q = skip_spaces(text, p);
                if let Some((ce, _)) = self.company_at(q) {
                    end = ce;
                    named = true;
                    break;
                }
                if self.covered(q) && self.hit_at(q).is_none_or(|h| self.kind_of(h).is_actor()) {
                    // a known union's name or acronym inside ("PUK SP KEP SPSI ..."): the
                    // gazetteer reads it with its unit
                    end = e;
                    break;
                }
                if let Some(h) = self.hit_at(q) {
                    let k = self.kind_of(h);
                    if k == EntryKind::Topic || k.is_place() {
                        end = self.hits[h].end;
                        p = end;
                        has_worker |= text[q..end]
                            .split_whitespace()
                            .any(|w| self.labour_role(w) == Some(Role::Worker));
                        named |= k.is_place();
                        continue;
                    }
                    break;
                }
                let Some((ws, we)) = word_at(text, q) else {
                    break;
                };
                let w = &text[ws..we];
                match self.labour_role(w) {
                    Some(Role::Worker) => has_worker = true,
                    Some(Role::Generic | Role::Acronym) => has_worker |= all_caps(w),
                    Some(Role::Head) => break,
                    None if all_caps(w) && !w.ends_with('.') => named = true,
                    None if capitalised(w)
                        && (self.lex.field.contains(w) || self.written_lower(w))
                        && !self.lex.not_a_name(w) =>
                    {
                        named = true
                    }
                    None => break,
                }
                end = we;
                p = we;
            }
            if !has_worker || !named || end == e || self.spells_known_union(s, end) {
                continue;
            }
            found.push((s, end));
        }
        for (s, mut end) in found {
            // the same union defined with its acronym ("Federasi Serikat Pekerja (FSP) X Y")
            // and written out later without it: one entity, its whole name
            let known = self.protos.iter().position(|p| {
                p.kind == EntityKind::Union
                    && p.name.len() > end - s
                    && text[s..].starts_with(p.name.as_str())
            });
            if let Some(k) = known {
                end = s + self.protos[k].name.len();
                self.protos[k].mentions.push((s, end));
                let at = self.companies.partition_point(|c| c.0 < s);
                self.companies.insert(at, (s, end, k));
                continue;
            }
            let name = collapse(&text[s..end]);
            let key = format!("union|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || Proto::new(EntityKind::Union, name.clone()));
            self.protos[pi].mentions.push((s, end));
            // read by titles like a company: "Ketua SP PT X Nama"
            let at = self.companies.partition_point(|c| c.0 < s);
            self.companies.insert(at, (s, end, pi));
        }
    }
}
