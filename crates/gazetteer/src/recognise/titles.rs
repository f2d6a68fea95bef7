//! Step 5a: how far a title reaches: the words that qualify it before ("Penjabat (Pj)") and
//! after (field, body, region, branch, relative clause), and the title text as written.

use super::*;

impl<'a> Ctx<'a> {
    /// Start of a title including the words that qualify it ("Penjabat (Pj) Bupati").
    pub(super) fn title_start(&self, t: usize) -> usize {
        let s = self.hits[t].start;
        let pre = text_trim_end(&self.text[..s]);
        for form in self.lex.title_prefix.words() {
            if let Some(head) = pre.strip_suffix(form)
                && !head.chars().next_back().is_some_and(char::is_alphanumeric)
                && pre.len() < s
            {
                return head.len();
            }
        }
        s
    }

    /// Everything a title says after it: descriptive words ("Hubungan Industrial"), the body
    /// acted for (hit index) and where that ends. Returns (title end incl. descriptive words,
    /// affiliation hit, position after the affiliation).
    pub(super) fn title_tail(&self, t: usize, limit: usize) -> (usize, Option<usize>, usize) {
        let text = self.text;
        let title_end = self.hits[t].end;
        let mut p = title_end;
        let mut words = 0;
        // end of the descriptive words that can never be a name ("Pemuda dan Olahraga")
        let mut field_end = title_end;
        let mut field_run = true;
        loop {
            let q = skip_spaces(text, p);
            if q >= limit {
                break;
            }
            if let Some(h) = self.hit_at(q) {
                let k = self.kind_of(h);
                if k == EntryKind::Topic && words < 6 {
                    p = self.hits[h].end;
                    words += 1;
                    if field_run {
                        field_end = p;
                    }
                    continue;
                }
                if k.is_actor() || k.is_place() {
                    // descriptive words end where the body starts
                    return (
                        if words > 0 { p } else { title_end },
                        Some(h),
                        self.hits[h].extent.max(self.hits[h].end),
                    );
                }
                break;
            }
            let Some((s, e)) = word_at(text, q) else {
                break;
            };
            let w = &text[s..e];
            let connector = w == "dan" || w == "&";
            if !(capitalised(w) || connector)
                || words >= 6
                || self.lex.not_a_name(w) && !connector && !self.lex.field.contains(w)
            {
                break;
            }
            if self.company_at(q).is_some() {
                break;
            }
            p = e;
            words += 1;
            let numbered = is_roman(w)
                && word_before(text, s).is_some_and(|(a, b)| self.lex.field.contains(&text[a..b]));
            if field_run && (self.lex.field.contains(w) || numbered) {
                field_end = p;
            } else if !connector {
                field_run = false;
            }
        }
        // no body follows: only the words that cannot be a name describe the title, the rest
        // is probably the name
        (field_end, None, field_end)
    }

    /// Skips what may stand between a title's body and the name: a parenthesised acronym
    /// ("(Disnakerperinkop UKM)"), a region, a branch ("Cabang Manado", "Wilayah I"), more
    /// fields of a combined office (", Perindustrian, Koperasi dan UKM") and a company ("PT X").
    /// Returns the position after them and the company, if one was passed.
    pub(super) fn skip_qualifiers(&self, mut p: usize) -> (usize, Option<usize>) {
        let text = self.text;
        let mut company = None;
        let mut prev_field = false;
        // still in the lower-case words right after a role ("kuasa hukum para pekerja")
        let mut role_run = true;
        for _ in 0..12 {
            let q = skip_spaces(text, p);
            if text[q..].starts_with('(') {
                let close = text[q..]
                    .char_indices()
                    .take(60)
                    .find(|&(_, c)| c == ')' || c == '\n')
                    .filter(|&(_, c)| c == ')');
                let inner = close.map(|(i, _)| &text[q + 1..q + i]);
                if let (Some((i, _)), Some(inner)) = (close, inner)
                    && inner.chars().next().is_some_and(char::is_uppercase)
                {
                    p = q + i + 1;
                    prev_field = false;
                    continue;
                }
                break;
            }
            if let Some((end, pi)) = self.company_at(q) {
                company = Some(pi);
                p = end;
                prev_field = false;
                continue;
            }
            if let Some(h) = self.hit_at(q) {
                if self.kind_of(h).is_place() {
                    p = self.hits[h].extent.max(self.hits[h].end);
                    prev_field = false;
                    continue;
                }
                break;
            }
            // ", Perindustrian, Koperasi dan UKM": a list of fields continues the office
            if text[q..].starts_with(',')
                && let Some((ws, we)) = word_at(text, skip_spaces(text, q + 1))
                && self.lex.field.contains(&text[ws..we])
                && !all_caps(&text[ws..we])
            {
                p = ws;
                continue;
            }
            let Some((ws, we)) = word_at(text, q) else {
                break;
            };
            let w = &text[ws..we];
            role_run &= self.lex.role_of.contains(w);
            let after_dan = (w == "dan" || w == "&")
                && word_at(text, skip_spaces(text, we)).is_some_and(|(a, b)| {
                    let n = &text[a..b];
                    self.lex.field.contains(n) || all_caps(n)
                });
            if self.lex.field.contains(w) && !all_caps(w)
                || self.lex.role_of.contains(w) && role_run
                || prev_field && is_roman(w)
                || after_dan
                || self.defined.contains(w)
                || prev_field && all_caps(w) && w.len() <= 5
            {
                prev_field = true;
            } else {
                break;
            }
            p = we;
        }
        (p, company)
    }

    /// A short relative clause between a title and the name it introduces ("Ketua DPD X yang
    /// baru dilantik, Nama"): "yang" and up to five lower-case words closed by a comma. Returns
    /// the position of that comma, or `p` unchanged when the words are not such a clause, so the
    /// clause is neither the name nor part of the title.
    pub(super) fn skip_relative_clause(&self, p: usize) -> usize {
        let text = self.text;
        let Some((s, e)) = word_at(text, p) else {
            return p;
        };
        if s != p || &text[s..e] != "yang" {
            return p;
        }
        let mut q = e;
        for _ in 0..5 {
            let r = skip_spaces(text, q);
            if text[r..].starts_with(',') {
                return if r > e && text[e..r].contains(|c: char| c.is_alphabetic()) {
                    r
                } else {
                    p
                };
            }
            let Some((ws, we)) = word_at(text, r) else {
                return p;
            };
            if ws != r || !text[ws..we].chars().all(|c| c.is_lowercase() || c == '-') {
                return p;
            }
            q = we;
        }
        let r = skip_spaces(text, q);
        if text[r..].starts_with(',') { r } else { p }
    }

    /// Title string as it should be reported: title + descriptive words, plus the organisation
    /// for union titles ("Presiden KSPI") and the office type for heads of office.
    pub(super) fn title_text(&self, t: usize, title_end: usize, aff: Option<usize>) -> String {
        let mut end = title_end;
        if let Some(a) = aff {
            let k = self.kind_of(a);
            let tid = self.id_of(t);
            if k.is_union() || k == EntryKind::Party || k == EntryKind::Employer {
                end = self.hits[a].end;
            } else if matches!(k, EntryKind::OfficeType | EntryKind::Office)
                && (tid == "title/kepala"
                    || tid == "title/kepala-dinas"
                    || tid == "title/kepala-badan")
                && self.hits[a].start <= end + 1
            {
                // the office words without the region ("... Energi Provinsi DKI Jakarta")
                let surface = &self.text[self.hits[a].start..self.hits[a].end];
                let cut = [" Provinsi ", " Prov. ", " Kabupaten ", " Kab. ", " Kota "]
                    .iter()
                    .filter_map(|w| surface.find(w))
                    .min()
                    .unwrap_or(surface.len());
                end = self.hits[a].start + cut;
            }
        }
        collapse(&self.text[self.hits[t].start..end])
    }
}
