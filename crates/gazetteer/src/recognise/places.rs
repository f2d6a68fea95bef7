//! Step 2: ambiguous bare region names (kabupaten or kota) resolved from the words before
//! them or from the region the text is about, and that region decided.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn resolve_places(&mut self) {
        // codes named unambiguously anywhere in the text
        let mut named: Vec<String> = Vec::new();
        for h in &self.hits {
            if h.entries.len() == 1
                && let Some(r) = &self.g.entry_at(h.entries[0]).region
            {
                named.push(r.clone());
            }
        }
        for i in 0..self.hits.len() {
            if self.hits[i].entries.len() < 2 {
                continue;
            }
            let cands = self.hits[i].entries.clone();
            let prev = word_before(self.text, self.hits[i].start)
                .map(|(s, e)| self.text[s..e].to_lowercase())
                .unwrap_or_default();
            let prev2 = word_before(
                self.text,
                word_before(self.text, self.hits[i].start).map_or(0, |w| w.0),
            )
            .map(|(s, e)| self.text[s..e].to_lowercase())
            .unwrap_or_default();
            let want = if ["pemkab", "kabupaten", "kab.", "bupati", "wabup", "sekkab"]
                .contains(&prev.as_str())
            {
                Some(EntryKind::Regency)
            } else if ["pemkot", "kota", "walikota", "walkot", "wawali", "sekkot"]
                .contains(&prev.as_str())
                || (prev == "kota" && prev2 == "wali")
            {
                Some(EntryKind::City)
            } else {
                None
            };
            let pick = want
                .and_then(|k| {
                    cands
                        .iter()
                        .copied()
                        .find(|&c| self.g.entry_at(c).kind == k)
                })
                .or_else(|| {
                    cands.iter().copied().find(|&c| {
                        self.g
                            .entry_at(c)
                            .region
                            .as_ref()
                            .is_some_and(|code| named.contains(code))
                    })
                })
                .or_else(|| {
                    cands
                        .iter()
                        .copied()
                        .find(|&c| self.g.entry_at(c).kind == EntryKind::Regency)
                })
                .unwrap_or(cands[0]);
            self.hits[i].entries = std::sync::Arc::from([pick]);
        }
    }

    pub(super) fn decide_region(&mut self) {
        let mut prov: HashMap<String, usize> = HashMap::new();
        let mut reg: HashMap<String, usize> = HashMap::new();
        let mut reg_gov: HashMap<String, usize> = HashMap::new();
        for h in &self.hits {
            let e = self.g.entry_at(h.entries[0]);
            let Some(code) = &e.region else { continue };
            let w = if e.kind.is_government() { 3 } else { 1 };
            let mut parts = code.split('.');
            let p = parts.next().unwrap_or_default().to_string();
            *prov.entry(p.clone()).or_default() += w;
            if let Some(k) = parts.next() {
                let rc = format!("{p}.{k}");
                *reg.entry(rc.clone()).or_default() += w;
                if e.kind.is_government() {
                    *reg_gov.entry(rc).or_default() += 1;
                }
            }
        }
        let best = |m: &HashMap<String, usize>| {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.first().map(|(k, _)| (*k).clone())
        };
        self.province = best(&prov);
        let r = best(&reg);
        if let (Some(r), Some(p)) = (r, &self.province)
            && r.starts_with(&format!("{p}."))
            && (reg_gov.contains_key(&r) || reg.get(&r) >= prov.get(p))
        {
            self.regency = Some(r);
        }
    }

    // -- step 3: acronym definitions ---------------------------------------------------------
}
