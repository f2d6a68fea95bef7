//! Step 5b: people, through four patterns: title first, name then title, honorific, and a name
//! after a speech verb; names read from capitalised runs that never include a non-name word.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn people(&mut self) {
        let text = self.text;
        let mut used_hon: std::collections::HashSet<usize> = Default::default();
        // A: title first — "Wakil Bupati Bekasi, dr. Asep Surya Atmaja", "Presiden KSPI Said Iqbal"
        // B: name first — "Marihot Sianipar, Kepala Seksi ... Disnakertrans Sumsel"
        for t in 0..self.hits.len() {
            if self.kind_of(t) != EntryKind::Title || self.hits[t].absorbed {
                continue;
            }
            let tid = self.id_of(t).to_string();
            if let Some((ws, we)) = word_before(text, self.hits[t].start)
                && self.lex.title_as_thing.contains(&text[ws..we])
            {
                continue;
            }
            let (title_end, aff, after) = self.title_tail(t, text.len());
            let implied = self
                .g
                .entry_at(self.hits[t].entries[0])
                .parent
                .clone()
                .and_then(|pid| self.g.index_of(&pid));
            let mut title = self.title_text(t, title_end, aff);
            let (after, company) = self.skip_qualifiers(after);
            let mut p = self.skip_relative_clause(skip_spaces(text, after));
            let comma = text[p..].starts_with(',');
            if comma {
                p += 1;
            }
            let (hon, hp) = self.honorifics(p);
            if let Some(h) = self.hit_at(skip_spaces(text, p))
                && self.kind_of(h) == EntryKind::Honorific
            {
                used_hon.insert(h);
            }
            let mut name = self.name_at(hp);
            let mut after = after;
            // "Sekretaris Jendral SP JICT Firmansyah", "Kepala Bidang Lalu Lintas dan Angkutan
            // Jalan Dishub X, Sudirman": the words after the title belong to its body, the name
            // comes after them
            if let Some((n, body_end)) = self.name_past_body(hp, name) {
                name = Some(n);
                after = body_end;
            }
            // B: name before the title
            let before_name = if name.is_none() {
                let s = self.hits[t].start;
                let pre = text[..s].trim_end_matches(is_space);
                // "memilih Nama Orang sebagai Ketua DPD X": the name the office is given to
                let as_office = pre
                    .strip_suffix("sebagai")
                    .filter(|h| h.ends_with(is_space))
                    .map(|h| h.trim_end_matches(is_space));
                if let Some(h) = as_office {
                    self.name_before(h.len())
                } else if pre.ends_with(',') {
                    // "Menaker, Mendag, Menperin": an item of a list is no name
                    self.name_before(pre.len() - 1)
                        .filter(|n| !text[..n.0].trim_end_matches(is_space).ends_with(','))
                } else {
                    None
                }
            } else {
                None
            };
            // "Menaker, Mendag, Menperin": a list of titles or bodies, not "title, name"
            if comma && name.is_some_and(|n| self.list_continues(n.1)) {
                name = None;
            }
            let after_title = name.is_some();
            let Some(name) = name.or(before_name) else {
                continue;
            };
            if headline_like(text, name.0) {
                continue;
            }
            // the title as written, with its body, region and branch ("Ketua DPC KSPSI Kota
            // Makassar"), up to the name or the end of the apposition
            let written = &text[self.title_start(t)..after];
            let written = [" versi ", " kubu ", " pimpinan "]
                .iter()
                .filter_map(|f| written.find(f))
                .min()
                .map_or(written, |cut| &written[..cut]);
            let written = written.trim_end_matches(|c: char| c == ',' || is_space(c));
            if (!after_title || written.len() >= title.len()) && !written.contains('\n') {
                title = collapse(written);
            }
            let aff_proto = match aff {
                Some(a) => self.affiliation_proto(a),
                None => company.or_else(|| {
                    let p = implied.and_then(|i| self.proto_for_entry(i, None))?;
                    // "Menteri Ketenagakerjaan X" with the ministry named nowhere else: the
                    // minister's title is where the text names the ministry acting
                    if self.protos[p].mentions.is_empty() {
                        self.protos[p]
                            .mentions
                            .push((self.hits[t].start, self.hits[t].end));
                    }
                    Some(p)
                }),
            };
            // "Ketua dan Wakil Ketua DPRD Nama Satu dan Nama Dua": the second name shares
            // the titles written before the first
            let second = after_title
                .then(|| skip_spaces(text, name.1))
                .filter(|&q| text[q..].starts_with("dan "))
                .and_then(|q| self.name_at(q + 3))
                .filter(|n| {
                    text[n.0..n.1].split_whitespace().count() >= 2
                        && !self.runs_into_body(n.1)
                        && !self.name_goes_on(n.0, n.1)
                });
            if let Some(n2) = second {
                self.add_person(n2, Some(title.clone()), Some(tid.clone()), None, aff_proto);
            }
            self.add_person(name, Some(title), Some(tid), hon, aff_proto);
        }
        // C: honorific + name, optional "(title / body)" — "Ibu Eky (Kabid ... Disnaker Provinsi)"
        for h in 0..self.hits.len() {
            if self.kind_of(h) != EntryKind::Honorific
                || used_hon.contains(&h)
                || self.hits[h].absorbed
            {
                continue;
            }
            // only the first of a run of honorifics starts a pattern
            if h > 0
                && self.kind_of(h - 1) == EntryKind::Honorific
                && skip_spaces(text, self.hits[h - 1].end) == self.hits[h].start
            {
                continue;
            }
            // a degree after a name ("Hendra Siregar, S.H. Turut hadir ...") starts nothing;
            // degrees have two or more dots, unlike "H." or "Dr." before a name
            let surface = &text[self.hits[h].start..self.hits[h].end];
            if surface.matches('.').count() >= 2
                && text[..self.hits[h].start]
                    .trim_end_matches(is_space)
                    .ends_with(',')
            {
                continue;
            }
            // "Jalan Raden Saleh", "Masjid Haji X": a street or building named after someone
            if let Some((ws, we)) = word_before(text, self.hits[h].start)
                && self
                    .lex
                    .title_as_thing
                    .contains(text[ws..we].trim_end_matches('.'))
            {
                continue;
            }
            let (hon, hp) = self.honorifics(self.hits[h].start);
            let Some(name) = self.name_at(hp) else {
                continue;
            };
            if headline_like(text, name.0) {
                continue;
            }
            let mut title = None;
            let mut title_id = None;
            let mut aff = None;
            let p = skip_spaces(text, name.1);
            if text[p..].starts_with('(')
                && let Some(close) = text[p..].find(')').map(|c| p + c)
            {
                let q = skip_spaces(text, p + 1);
                if let Some(x) = self.hit_at(q) {
                    let k = self.kind_of(x);
                    if k == EntryKind::Title {
                        let (te, a, _) = self.title_tail(x, close);
                        title = Some(self.title_text(x, te, a));
                        title_id = Some(self.id_of(x).to_string());
                        aff = a.and_then(|a| self.affiliation_proto(a));
                    } else if k.is_actor() || k.is_place() {
                        aff = self.affiliation_proto(x);
                    }
                }
            }
            self.add_person(name, title, title_id, hon, aff);
        }
        // E: a name set off by commas right after the body it speaks for, then a verb —
        // "narasumber dari Disnakertrans Sulsel, Rosmiati Baso, menjelaskan ..."
        for h in 0..self.hits.len() {
            if self.hits[h].absorbed || !self.kind_of(h).is_actor() {
                continue;
            }
            let end = self.hits[h].extent.max(self.hits[h].end);
            let p = skip_spaces(text, end);
            if !text[p..].starts_with(',') {
                continue;
            }
            let Some((ns, ne)) = self.name_at(p + 1) else {
                continue;
            };
            if text[ns..ne].split_whitespace().count() < 2 || !text[ne..].starts_with(',') {
                continue;
            }
            let verb = word_at(text, skip_spaces(text, ne + 1)).map(|(a, b)| &text[a..b]);
            if !verb.is_some_and(|v| v.len() > 4 && v.starts_with("me")) {
                continue;
            }
            let aff = self.hits[h].proto;
            self.add_person((ns, ne), None, None, None, aff);
        }
        // D: after a speech verb, a two-word name ("kata Haiyani Rumondang")
        for i in 0..self.words.len() {
            let (s, e) = self.words[i];
            // speech verbs are short ASCII words: test without allocating where possible
            let word = &text[s..e];
            let is_speech = self.lex.speech.contains(word);
            if !is_speech {
                continue;
            }
            let (hon, hp) = self.honorifics(e);
            if let Some((ns, ne)) = self.name_at(hp)
                && (hon.is_some()
                    || text[ns..ne].split_whitespace().count() >= 2
                    || !word.eq_ignore_ascii_case("menurut")
                        && self.after_quote(s)
                        && self.lone_name_ends(ns, ne))
                && self.hit_covering(ns).is_none()
            {
                self.add_person((ns, ne), None, None, hon, None);
            }
        }
        // F: a full name with the short name it is known by in parentheses — "Nama Lengkap
        // (Panggilan) kembali aktif": both name the person
        let mut search = 0;
        while let Some(off) = text[search..].find(" (") {
            let open = search + off + 1;
            search = open + 1;
            let Some(close) = text[open..]
                .char_indices()
                .take(20)
                .find(|&(_, c)| c == ')')
                .map(|(i, _)| open + i)
            else {
                continue;
            };
            let inner = &text[open + 1..close];
            if inner.len() < 3
                || !capitalised(inner)
                || all_caps(inner)
                || !inner.chars().all(char::is_alphabetic)
                || self.hit_covering(open + 1).is_some()
                || self.lex.not_a_name(inner)
            {
                continue;
            }
            let Some(n) = self.name_before(open - 1) else {
                continue;
            };
            let words: Vec<String> = text[n.0..n.1]
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            // the run must be the whole name: a capitalised word before it ("Komandan Satuan
            // X (Singkatan)") makes it the tail of some other name
            let led = word_before(text, n.0).is_some_and(|(a, b)| {
                b + 1 >= n.0 && capitalised(&text[a..b]) && !text[b..n.0].contains(['.', ',', '\n'])
            });
            // a common noun in the run ("Pantai Utara Jawa (Pantura)": "pantai" elsewhere)
            let common = text[n.0..n.1]
                .split_whitespace()
                .any(|w| self.written_lower(w));
            if words.len() < 2
                || led
                || common
                || syllabic_acronym(&inner.to_lowercase(), &words)
                || self.covered(n.0)
                || headline_like(text, n.0)
            {
                continue;
            }
            // "... (Panggilan) kembali aktif sebagai gubernur DKI Jakarta": the office it holds
            let rest = &text[close..text.len().min(close + 80)];
            let rest = &rest[..rest.find(['.', '\n', ';']).unwrap_or(rest.len())];
            let mut office = (None, None, None);
            if let Some(i) = rest.find(" sebagai ")
                && let Some(x) = self.hit_at(skip_spaces(text, close + i + 9))
                && self.kind_of(x) == EntryKind::Title
            {
                let (te, a, _) = self.title_tail(x, close + rest.len());
                office = (
                    Some(self.title_text(x, te, a)),
                    Some(self.id_of(x).to_string()),
                    a.and_then(|a| self.affiliation_proto(a)),
                );
            }
            self.add_person(n, office.0, office.1, None, office.2);
            self.add_person_mention(n, (open + 1, close));
        }
        self.merge_people();
    }

    /// True when the word after a name candidate shows the candidate was part of a title's
    /// body: an acronym in capitals, a known organisation, topic or title, or a field word
    /// ("Jendral SP JICT", "Lalu Lintas", "Jaringan Buruh Migran").
    fn runs_into_body(&self, end: usize) -> bool {
        let text = self.text;
        let q = skip_spaces(text, end);
        if q == end {
            return false;
        }
        if let Some(h) = self.hit_at(q) {
            let k = self.kind_of(h);
            return k != EntryKind::Honorific && !k.is_place();
        }
        let Some((s, e)) = word_at(text, q) else {
            return false;
        };
        let w = &text[s..e];
        capitalised(w)
            && (all_caps(w) && !w.ends_with('.') || self.lex.field.contains(w))
            && self
                .hit_covering(s)
                .is_none_or(|h| self.kind_of(h) != EntryKind::Honorific)
    }

    /// The name that follows a title's body when the words right after the title were not a
    /// name: the body runs as capitalised words, acronyms, known names, parenthesised
    /// acronyms and "dan" up to a comma (the name follows the comma: "Sekretaris Dinas
    /// Pendidikan Kota X, Nama menuturkan") or up to a lower-case word (the name is the last
    /// run of name words: "Ketua Komnas HAM Nama Lengkap menyesalkan"). `name` is what
    /// [`Self::name_at`] read at `from`; it is replaced only when it ran into such a body or
    /// is missing. Returns the name and the end of the body (where the written title ends).
    pub(super) fn name_past_body(
        &self,
        from: usize,
        name: Option<(usize, usize)>,
    ) -> Option<((usize, usize), usize)> {
        let text = self.text;
        let start = match name {
            Some((s, e)) if self.runs_into_body(e) || self.name_goes_on(s, e) => s,
            Some(_) => return None,
            None => skip_spaces(text, from),
        };
        // (start, end, is a name word)
        let mut toks: Vec<(usize, usize, bool)> = Vec::new();
        let mut p = start;
        while toks.len() < 14 {
            let mut q = skip_spaces(text, p);
            // the body goes on past a comma with more fields or its region ("Bidang Sosial,
            // Budaya, dan Pemberdayaan ...", "(Dikpora), Kabupaten X, Provinsi Y (Z), Nama")
            if text[q..].starts_with(',') && !toks.is_empty() {
                let r = skip_spaces(text, q + 1);
                let r2 = match word_at(text, r) {
                    Some((a, b)) if &text[a..b] == "dan" => skip_spaces(text, b),
                    _ => r,
                };
                let goes_on = self.hit_at(r2).is_some_and(|h| self.kind_of(h).is_place())
                    || word_at(text, r2).is_some_and(|(a, b)| {
                        let w = &text[a..b];
                        self.lex.field.contains(w) && capitalised(w) && !all_caps(w)
                    });
                if goes_on {
                    q = r2;
                }
            }
            // "Al-Ghufais" written "Al - Ghufais": a spaced hyphen inside a name
            if text[q..].starts_with("- ") && toks.last().is_some_and(|t| t.2) {
                p = q + 1;
                continue;
            }
            if q == p && !toks.is_empty() {
                break;
            }
            if text[q..].starts_with('(') {
                let close = text[q..]
                    .char_indices()
                    .take(40)
                    .find(|&(_, c)| c == ')' || c == '\n')
                    .filter(|&(_, c)| c == ')');
                match close {
                    Some((i, _)) if text[q + 1..].starts_with(char::is_uppercase) => {
                        toks.push((q, q + i + 1, false));
                        p = q + i + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if let Some(h) = self.hit_at(q) {
                let k = self.kind_of(h);
                if k == EntryKind::Honorific {
                    break;
                }
                let end = self.hits[h].extent.max(self.hits[h].end);
                // a one-word place inside a name is allowed by name_at; here it is body
                toks.push((q, end, false));
                p = end;
                continue;
            }
            if let Some((end, _)) = self.company_at(q) {
                toks.push((q, end, false));
                p = end;
                continue;
            }
            let Some((ws, we)) = word_at(text, q) else {
                break;
            };
            let w = &text[ws..we];
            if (w == "dan" || w == "&")
                && toks.last().is_none_or(|t| !t.2)
                && word_at(text, skip_spaces(text, we))
                    .is_some_and(|(a, b)| capitalised(&text[a..b]))
            {
                toks.push((ws, we, false));
                p = we;
                continue;
            }
            if !(capitalised(w) || w.starts_with(|c: char| c.is_ascii_digit())) {
                break;
            }
            let name_word = capitalised(w)
                && (!all_caps(w) || w.ends_with('.'))
                && !self.lex.not_a_name(w.trim_end_matches('.'))
                && !self.lex.field.contains(w)
                && !self.defined.contains(w)
                && !w.chars().any(|c| c.is_ascii_digit())
                && self.hit_covering(ws).is_none();
            toks.push((ws, we, name_word));
            p = we;
        }
        let body_end = |i: usize| -> usize { toks[..i].last().map_or(start, |t| t.1) };
        let stop = skip_spaces(text, p);
        if text[stop..].starts_with(',') && toks.iter().any(|t| !t.2) {
            let (_, hp) = self.honorifics(stop + 1);
            if let Some(n) = self.name_at(hp)
                && !self.runs_into_body(n.1)
                && !self.list_continues(n.1)
            {
                return Some((n, body_end(toks.len())));
            }
            return None;
        }
        // the body must end at a lower-case word (the verb after the name), not at punctuation
        if !word_at(text, stop).is_some_and(|(a, b)| text[a..b].starts_with(char::is_lowercase)) {
            return None;
        }
        // the last run of name words, preceded by body words
        let mut i = toks.len();
        while i > 0 && toks[i - 1].2 && toks.len() - (i - 1) <= 5 {
            i -= 1;
        }
        // a word the text also writes in lower case is a common noun of the body's name
        // ("Aliansi Buruh Pelabuhan Nama": "pelabuhan" elsewhere), not the start of the name
        while i + 1 < toks.len() && self.written_lower(&text[toks[i].0..toks[i].1]) {
            i += 1;
        }
        if i == toks.len() || i == 0 {
            return None;
        }
        // the run must end the stretch at a lower-case word or punctuation, not mid-body
        let (ns, ne) = (toks[i].0, toks[toks.len() - 1].1);
        let n = self
            .name_at(ns)
            .filter(|n| n.1 >= ne.min(n.1) && n.0 == ns)?;
        let n = (n.0, n.1.max(ne));
        // `name_at` reads at most four words; a spaced-hyphen name is taken whole
        if text[n.0..n.1].chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        Some((n, body_end(i)))
    }

    /// True when the speech verb at `verb` follows a quotation or a clause closed by a comma
    /// (`...," kata X`, `..., ujar X`): the attribution of what was said, not "menurut" citing
    /// a source ("menurut Reuters").
    fn after_quote(&self, verb: usize) -> bool {
        let before = self.text[..verb].trim_end_matches(is_space);
        before.ends_with(['"', '”', ',', '\''])
    }

    /// A one-word name after a speech verb ("kata Taryono, Senin", "ujar Sumiati sambil
    /// ...") is a person when the word ends the clause or a lower-case word follows, it is
    /// written with a lower-case tail (not an acronym) and the text never uses it in lower
    /// case (a common noun after "menurut": "menurut Rencana ...").
    fn lone_name_ends(&self, start: usize, end: usize) -> bool {
        let text = self.text;
        let w = &text[start..end];
        if w.chars().count() < 3 || w.ends_with('.') || self.written_lower(w) {
            return false;
        }
        let next = text[end..].chars().next();
        match next {
            None => true,
            Some(',' | '.' | ';' | ':' | '"' | '”' | ')' | '\n') => true,
            Some(' ') => word_at(text, skip_spaces(text, end))
                .is_some_and(|(a, b)| text[a..b].starts_with(char::is_lowercase)),
            _ => false,
        }
    }

    /// True when a name candidate took the most words a name may have and yet another
    /// capitalised word follows: it began inside the body's name.
    fn name_goes_on(&self, start: usize, end: usize) -> bool {
        let text = self.text;
        text[start..end].split_whitespace().count() >= 4
            && text[end..].starts_with(' ')
            && word_at(text, skip_spaces(text, end))
                .is_some_and(|(a, b)| capitalised(&text[a..b]) && !self.lex.not_a_name(&text[a..b]))
    }

    /// True when the text also has `word` in lower case as a word of its own: a common noun,
    /// however it is capitalised in a name of an organisation.
    pub(super) fn written_lower(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if lower == word {
            return false;
        }
        // the text's lower-case words, collected once (a scan of the text per question made
        // recognition measurably slower)
        self.lower_words
            .get_or_init(|| {
                self.words
                    .iter()
                    .map(|&(s, e)| &self.text[s..e])
                    .filter(|w| w.starts_with(char::is_lowercase))
                    .collect()
            })
            .contains(lower.as_str())
    }

    /// True when a comma and another capitalised word follow `end`: the words before were an
    /// item of a list ("dihadiri Perwakilan Kementerian X, Dinas Y, Polres Z", "Menaker,
    /// Mendag, Menperin"), not a name set off after a title.
    pub(super) fn list_continues(&self, end: usize) -> bool {
        let text = self.text;
        let q = skip_spaces(text, end);
        // a degree after the name ("Budi Santoso, S.H.") continues no list
        text[q..].starts_with(',')
            && word_at(text, skip_spaces(text, q + 1)).is_some_and(|(a, b)| {
                capitalised(&text[a..b])
                    && !text[a..b].ends_with('.')
                    && self
                        .hit_covering(a)
                        .is_none_or(|h| self.kind_of(h) != EntryKind::Honorific)
            })
    }

    /// Honorifics starting at `pos` (after spaces): their surface and the position after them.
    pub(super) fn honorifics(&self, pos: usize) -> (Option<String>, usize) {
        let mut p = skip_spaces(self.text, pos);
        let mut parts = Vec::new();
        let mut end = pos;
        while let Some(h) = self.hit_at(p) {
            // "Mas'ud" is a name, not the honorific "Mas"
            if self.kind_of(h) != EntryKind::Honorific
                || self.text[self.hits[h].end..].starts_with(['\'', '’'])
            {
                break;
            }
            parts.push(&self.text[self.hits[h].start..self.hits[h].end]);
            end = self.hits[h].end;
            p = skip_spaces(self.text, end);
        }
        if parts.is_empty() {
            (None, pos)
        } else {
            (Some(parts.join(" ")), end)
        }
    }

    /// A person's name starting at `pos`: 1-4 capitalised words, none a known organisation,
    /// title or common capitalised word.
    pub(super) fn name_at(&self, pos: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut p = skip_spaces(text, pos);
        let start = p;
        let mut end = None;
        let mut n = 0;
        let mut only_places = true;
        while n < 4 {
            let Some((s, e)) = word_at(text, p) else {
                break;
            };
            let w = &text[s..e];
            if !capitalised(w)
                || self.defined.contains(w)
                || self.lex.not_a_name(w.trim_end_matches('.'))
                || self.lex.field.contains(w)
                || (all_caps(w) && !w.ends_with('.'))
                || w.chars().any(|c| c.is_ascii_digit())
            {
                break;
            }
            // a match that ends inside the word ("Mas" in "Mas'ud") is no match
            let covering = self.hit_covering(s).filter(|&h| self.hits[h].end >= e);
            if let Some(h) = covering {
                let inner_honorific = n >= 2
                    && self.kind_of(h) == EntryKind::Honorific
                    && !w.ends_with('.')
                    && text[e..].starts_with(' ')
                    && word_at(text, skip_spaces(text, e)).is_some_and(|(a, b)| {
                        capitalised(&text[a..b]) && self.hit_covering(a).is_none()
                    });
                if inner_honorific {
                    only_places = false;
                } else if !self.bare_place(h) || self.hits[h].start != s {
                    break;
                }
            } else {
                only_places = false;
            }
            n += 1;
            end = Some(e);
            p = e;
            if !text[p..].starts_with([' ', '\u{a0}']) {
                break;
            }
            p = skip_spaces(text, p);
        }
        let end = end?;
        if only_places {
            return None;
        }
        // "Tri Indonesia", "Astra Group": a company, not a person
        if let Some((ws, we)) = word_at(text, skip_spaces(text, end))
            && text[end..ws].chars().all(is_space)
            && ["Indonesia", "Tbk", "Group", "Grup", "Persero"].contains(&&text[ws..we])
        {
            return None;
        }
        // a lone initial is not a name
        let name = &text[start..end];
        if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        Some((start, end))
    }

    /// The name ending at `end` (exclusive), scanning backwards over capitalised words; the
    /// word before it must not be capitalised (so a sentence's subject is not taken whole).
    pub(super) fn name_before(&self, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut words = Vec::new();
        let mut p = end;
        while words.len() < 4 {
            let Some((s, e)) = word_before(text, p) else {
                break;
            };
            let w = &text[s..e];
            if e != p || !capitalised(w) || self.lex.not_a_name(w) || all_caps(w) {
                break;
            }
            if self.hit_covering(s).is_some() {
                break;
            }
            words.push((s, e));
            p = s;
            if !text[..p].ends_with(' ') {
                break;
            }
            p -= 1;
        }
        let first = words.last()?.0;
        let last = words.first()?.1;
        Some((first, last)).filter(|(s, e)| self.name_at(*s).is_some_and(|n| n.1 >= *e))
    }

    /// Proto of the body a person acts for: the affiliation hit's entity, or for a bare region
    /// after a title ("Gubernur Sumatera Selatan") that region's government.
    pub(super) fn affiliation_proto(&mut self, a: usize) -> Option<usize> {
        if self.kind_of(a).is_place() {
            let code = self.g.entry_at(self.hits[a].entries[0]).region.clone()?;
            let gi = self.g.index_of(&format!("gov/{code}"))?;
            let p = self.proto_for_entry(gi, None)?;
            let span = (self.hits[a].start, self.hits[a].end);
            // duplicates are removed when the entity is finished (a check here was quadratic)
            self.protos[p].mentions.push(span);
            return Some(p);
        }
        self.hits[a].proto
    }

    /// Adds `alias` (a short name written for the person at `name`) to that person's
    /// mentions, and later bare uses of it.
    fn add_person_mention(&mut self, name: (usize, usize), alias: (usize, usize)) {
        let text = self.text;
        let key = format!("person|{}", collapse(&text[name.0..name.1]).to_lowercase());
        let Some(&pi) = self.keys.get(&key) else {
            return;
        };
        let word = &text[alias.0..alias.1];
        let mut spans = vec![alias];
        for (s, e) in self.words.iter().copied() {
            if s > alias.1 && &text[s..e] == word {
                spans.push((s, e));
            }
        }
        self.protos[pi].mentions.extend(spans);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_person(
        &mut self,
        name: (usize, usize),
        title: Option<String>,
        title_id: Option<String>,
        honorific: Option<String>,
        affiliation: Option<usize>,
    ) {
        let text = self.text;
        if headline_like(text, name.0) {
            return;
        }
        let full = collapse(&text[name.0..name.1]);
        let key = format!("person|{}", full.to_lowercase());
        let pi = self.proto_for_key(key, || Proto::new(EntityKind::Person, full.clone()));
        let p = &mut self.protos[pi];
        p.mentions.push(name);
        p.fill_person(title, title_id, honorific, affiliation);
    }
}

/// True when `short` is made of leading pieces of `words`, in order, from at least two of them
/// ("undip" from "universitas diponegoro", "dansatsiber" from "komandan satuan siber" after
/// its first syllable): the short form of an institution, not a person's nickname.
pub(super) fn syllabic_acronym(short: &str, words: &[String]) -> bool {
    fn go(short: &str, words: &[String], used: usize) -> bool {
        if short.is_empty() {
            return used >= 2;
        }
        let Some((w, rest)) = words.split_first() else {
            return false;
        };
        // take 1..=len leading characters of this word, or skip it
        let common = w
            .chars()
            .zip(short.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        let mut k = common;
        while k > 0 {
            if short.is_char_boundary(k) && go(&short[k..], rest, used + 1) {
                return true;
            }
            k -= 1;
        }
        go(short, rest, used)
    }
    // the first word may be entered mid-way ("komandan" gives "dan")
    (0..words.first().map_or(0, String::len)).any(|i| {
        let mut ws = words.to_vec();
        ws[0] = words[0].get(i..).unwrap_or("").to_string();
        go(short, &ws, 0)
    })
}
