//! Step 4c: companies named by their legal form ("PT Sinar Baja Perkasa", "CV X") become
//! employers on the fly.

use super::*;

impl<'a> Ctx<'a> {
    /// Step 4b: companies named by their legal form ("PT Cahaya Kimia Mandiri", "PT Gajah
    /// Tunggal Tbk") become employer entities: the form followed by 1-5 capitalised words.
    pub(super) fn companies(&mut self) {
        let text = self.text;
        let mut pos = 0;
        // (start, end, end of each word after the form)
        let mut found: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        for i in 0..self.words.len() {
            let (s, e) = self.words[i];
            if s < pos {
                continue; // inside the company just found
            }
            pos = e;
            if !self.lex.company_forms.contains(&text[s..e])
                || self.hit_covering(s).is_some()
                || headline_like(text, s)
            {
                continue;
            }
            let mut end = None;
            let mut word_ends = Vec::new();
            let mut p = e;
            for _ in 0..5 {
                if !text[p..].starts_with([' ', '\u{a0}']) {
                    break;
                }
                let q = skip_spaces(text, p);
                let Some((ws, we)) = word_at(text, q) else {
                    break;
                };
                let w = &text[ws..we];
                if !capitalised(w)
                    || self.lex.not_a_name(w) && !self.lex.company_name_words.contains(w)
                    || self.hit_at(ws).is_some_and(|h| !self.kind_of(h).is_place())
                {
                    break;
                }
                end = Some(we);
                word_ends.push(we);
                p = we;
                if w == "Tbk" {
                    break;
                }
            }
            let Some(end) = end else {
                continue;
            };
            found.push((s, end, word_ends));
            pos = end;
        }
        // "Direktur Utama PT Transportasi Kota Budi Santoso" after "PT Transportasi Kota"
        // elsewhere: a company written shorter in the same text ends there, the words after it
        // are the next name
        let names: std::collections::HashSet<String> = found
            .iter()
            .map(|(s, e, _)| collapse(&text[*s..*e]).to_lowercase())
            .collect();
        for (s, mut end, word_ends) in found {
            if let Some(&cut) = word_ends.iter().rev().skip(1).find(|&&we| {
                let short = collapse(&text[s..we]).to_lowercase();
                // "PT X Indonesia", "PT X Tbk": the legal and country words belong to it
                let next = word_at(text, skip_spaces(text, we)).map(|(a, b)| &text[a..b]);
                short.contains(' ')
                    && names.contains(&short)
                    && !next.is_some_and(|n| self.lex.company_name_words.contains(n))
            }) {
                end = cut;
            }
            let name = collapse(&text[s..end]);
            let key = format!("employer|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || Proto::new(EntityKind::Employer, name.clone()));
            self.protos[pi].mentions.push((s, end));
            self.companies.push((s, end, pi));
        }
    }

    /// The on-the-fly company starting at `pos`: (end, proto).
    pub(super) fn company_at(&self, pos: usize) -> Option<(usize, usize)> {
        // companies are found word by word, so the list is ordered by start: a binary search
        // (a scan here made title reading quadratic on pages naming many companies)
        let i = self.companies.partition_point(|c| c.0 < pos);
        self.companies
            .get(i)
            .filter(|c| c.0 == pos)
            .map(|&(_, end, pi)| (end, pi))
    }
}
