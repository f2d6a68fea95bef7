//! Step 6: merging: one-word names and same-title mentions join the full name, later bare uses
//! become mentions; protos become entities with sorted, de-duplicated mentions.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn merge_people(&mut self) {
        let people: Vec<usize> = (0..self.protos.len())
            .filter(|&i| self.protos[i].kind == EntityKind::Person)
            .collect();
        // merge a one-word name into a longer name containing it, or into the person holding
        // the same specific title ("Wagub Ariza" = "Wakil Gubernur Ahmad Riza Patria")
        for &i in &people {
            let toks: Vec<String> = self.protos[i]
                .name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            // a shorter form of a longer name: one word of it, or a run of its words ("Sri
            // Astuti" for "Sri Astuti Wibawani")
            let target = people.iter().copied().find(|&j| {
                if j == i || self.protos[j].dead {
                    return false;
                }
                let long: Vec<String> = self.protos[j]
                    .name
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                long.len() > toks.len() && long.windows(toks.len()).any(|w| w == toks.as_slice())
            });
            if toks.len() != 1 && target.is_none() {
                continue;
            }
            let target = target.or_else(|| {
                let tid = self.protos[i].title_id.as_deref()?;
                if [
                    "title/kepala",
                    "title/ketua",
                    "title/wakil-ketua",
                    "title/sekretaris",
                    "title/pengurus",
                    "title/presiden",
                    "title/koordinator",
                ]
                .contains(&tid)
                {
                    return None;
                }
                people.iter().copied().find(|&j| {
                    j != i
                        && !self.protos[j].dead
                        && self.protos[j].title_id.as_deref() == Some(tid)
                        && self.protos[j].name.split_whitespace().count() > 1
                })
            });
            if let Some(j) = target {
                let src = std::mem::take(&mut self.protos[i].mentions);
                self.protos[i].dead = true;
                let (t, tid, h, a) = (
                    self.protos[i].title.clone(),
                    self.protos[i].title_id.clone(),
                    self.protos[i].honorific.clone(),
                    self.protos[i].affiliation,
                );
                let pj = &mut self.protos[j];
                pj.mentions.extend(src);
                pj.fill_person(t, tid, h, a);
            }
        }
        // later short mentions: full name, first or last word, written alone elsewhere
        let live: Vec<usize> = people
            .into_iter()
            .filter(|&i| !self.protos[i].dead)
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for &i in &live {
            for t in self.protos[i].name.split_whitespace() {
                *counts.entry(t.to_string()).or_default() += 1;
            }
        }
        for &i in &live {
            let name = self.protos[i].name.clone();
            let toks: Vec<&str> = name.split_whitespace().collect();
            let mut forms: Vec<String> = vec![name.clone()];
            if toks.len() > 1 {
                for t in [toks[0], toks[toks.len() - 1]] {
                    if t.chars().count() >= 3 && counts.get(t) == Some(&1) && !t.ends_with('.') {
                        forms.push(t.to_string());
                    }
                }
            }
            let mut found = Vec::new();
            for f in &forms {
                if f.is_empty() {
                    continue;
                }
                // memmem (vectorised) rather than str::find: this runs once per person and
                // form over the whole article, and was a tenth of recognise(); occurrences are
                // the same (non-overlapping, left to right)
                for s in memchr::memmem::find_iter(self.text.as_bytes(), f.as_bytes()) {
                    let e = s + f.len();
                    let bounded = !self.text[..s].chars().next_back().is_some_and(is_word_char)
                        && !self.text[e..].chars().next().is_some_and(is_word_char);
                    if !bounded || self.hit_covering(s).is_some() {
                        continue;
                    }
                    // not the start of a longer capitalised name ("Asep" in "Asep Lain")
                    if f != &name
                        && let Some((ws, we)) = word_at(self.text, skip_spaces(self.text, e))
                        && skip_spaces(self.text, e) == e + 1
                        && capitalised(&self.text[ws..we])
                        && !self.lex.not_a_name(&self.text[ws..we])
                    {
                        continue;
                    }
                    found.push((s, e));
                }
            }
            // keep the occurrences that overlap no mention so far: the existing mentions
            // sorted by start with the running maximum of their ends, the accepted ones (never
            // overlapping each other) by start; a scan per occurrence was quadratic on pages
            // naming one person thousands of times
            let p = &mut self.protos[i];
            let mut old = p.mentions.clone();
            old.sort_unstable();
            let mut max_end = Vec::with_capacity(old.len());
            let mut m = 0;
            for &(_, e) in &old {
                m = m.max(e);
                max_end.push(m);
            }
            let mut accepted: std::collections::BTreeMap<usize, usize> = Default::default();
            for sp in found {
                let before = old.partition_point(|o| o.0 < sp.1);
                let hits_old = before > 0 && max_end[before - 1] > sp.0;
                let hits_new = accepted
                    .range(..sp.1)
                    .next_back()
                    .is_some_and(|(_, &e)| e > sp.0);
                if !hits_old && !hits_new {
                    accepted.insert(sp.0, sp.1);
                    p.mentions.push(sp);
                }
            }
        }
    }

    // -- output --------------------------------------------------------------------------------

    pub(super) fn finish(mut self) -> Vec<Entity> {
        let mut order: Vec<usize> = (0..self.protos.len())
            .filter(|&i| !self.protos[i].dead && !self.protos[i].mentions.is_empty())
            .collect();
        for p in &mut self.protos {
            p.mentions.sort_unstable();
            p.mentions.dedup();
        }
        order.sort_by_key(|&i| self.protos[i].mentions[0]);
        let mut index = vec![None; self.protos.len()];
        for (k, &i) in order.iter().enumerate() {
            index[i] = Some(k);
        }
        let text = self.text;
        order
            .iter()
            .map(|&i| {
                let p = &self.protos[i];
                Entity {
                    kind: p.kind,
                    id: p.id.clone(),
                    name: p.name.clone(),
                    acronym: p.acronym.clone(),
                    parent: p.parent.clone(),
                    region: p.region.as_deref().and_then(|c| self.g.region(c)),
                    unit: p.unit.clone(),
                    faction: p.faction.clone(),
                    title: p.title.clone(),
                    honorific: p.honorific.clone(),
                    affiliation: p.affiliation.and_then(|a| index[a]),
                    mentions: p
                        .mentions
                        .iter()
                        .map(|&(s, e)| Span {
                            start: s,
                            end: e,
                            text: text[s..e].to_string(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}
