//! Step 4b: organisations and offices: unions with unit, region and faction; office types
//! composed with a region or inheriting the text's; merged offices ("Disnaker ESDM Bali");
//! regional bodies and their commissions.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn organisations(&mut self) {
        for i in 0..self.hits.len() {
            if self.hits[i].absorbed {
                continue;
            }
            let kind = self.kind_of(i);
            let entry = self.hits[i].entries[0];
            if kind.is_union() || kind == EntryKind::Employer || kind == EntryKind::Party {
                self.union_hit(i, entry);
            } else if kind == EntryKind::OfficeType {
                self.office_hit(i, entry);
            } else if matches!(kind, EntryKind::Agency | EntryKind::Court)
                && self.g.entry_at(entry).region.is_none()
                && self.regional_body(i, entry)
            {
                // made that region's body ("Dewan Pengupahan Provinsi Riau")
            } else if (kind.is_government() || kind.is_place() || kind == EntryKind::Topic)
                && let Some(p) = self.proto_for_entry(entry, None)
            {
                let (mut s, e) = (self.hits[i].start, self.hits[i].end);
                if self.id_of(i).ends_with("/dprd")
                    && let Some((ks, unit)) = self.commission_before(s)
                {
                    s = ks;
                    self.protos[p].unit.get_or_insert(unit);
                }
                self.protos[p].mentions.push((s, e));
                self.hits[i].proto = Some(p);
            }
        }
        self.written_office_names();
    }

    /// A regional labour office's generated name is a guess ("Dinas Tenaga Kerja Kabupaten
    /// X"): regions merge functions and name the office after them. When the article writes the
    /// office out in full ("Dinas Tenaga Kerja dan Transmigrasi Kabupaten X"), that written
    /// form names it, so a later bare "Disnakertrans" still reads as the office written.
    pub(super) fn written_office_names(&mut self) {
        let text = self.text;
        for p in &mut self.protos {
            if p.dead || !p.id.as_deref().is_some_and(|id| id.ends_with("/disnaker")) {
                continue;
            }
            let written = p
                .mentions
                .iter()
                .map(|&(s, e)| collapse(&text[s..e]))
                .find(|m| {
                    m.starts_with("Dinas ")
                        && [" Provinsi ", " Kabupaten ", " Kota "]
                            .iter()
                            .any(|w| m.contains(w))
                });
            if let Some(w) = written
                && w != p.name
            {
                p.name = w;
            }
        }
    }

    pub(super) fn union_hit(&mut self, i: usize, entry: usize) {
        let text = self.text;
        let unit = self.unit_before(self.hits[i].start);
        let mut pos = self.hits[i].end;
        let mut extent = pos;
        // "(FSP KEP)" right after the long name: same entity, already a hit of its own
        let p = skip_spaces(text, pos);
        let mut acr_hit = None;
        if text[p..].starts_with('(')
            && let Some(h) = self.hit_at(p + 1)
            && self.hits[h].entries[0] == entry
            && text[self.hits[h].end..].starts_with(')')
        {
            pos = self.hits[h].end + 1;
            acr_hit = Some(h);
        }
        let mut region = None;
        let mut p = skip_spaces(text, pos);
        if let Some((s, e)) = word_at(text, p)
            && [
                "Daerah", "Wilayah", "Cabang", "Tingkat", "daerah", "wilayah", "cabang",
            ]
            .contains(&&text[s..e])
        {
            p = skip_spaces(text, e);
        }
        if let Some(h) = self.hit_at(p)
            && self.kind_of(h).is_place()
        {
            region = self.g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            pos = extent;
        }
        let mut faction = None;
        let p = skip_spaces(text, pos);
        if let Some((s, e)) = word_at(text, p)
            && ["versi", "kubu", "pimpinan"].contains(&&text[s..e])
            && let Some((_, ne)) = self.cap_run(e, 5)
        {
            faction = Some(text[s..ne].to_string());
            extent = ne;
        }
        let Some(pi) = self.proto_for_entry(entry, faction.as_deref()) else {
            return;
        };
        if let Some(h) = acr_hit {
            self.hits[h].absorbed = true;
            self.hits[h].proto = Some(pi);
            let span = (self.hits[h].start, self.hits[h].end);
            self.protos[pi].mentions.push(span);
        }
        let proto = &mut self.protos[pi];
        proto.mentions.push((self.hits[i].start, self.hits[i].end));
        if proto.unit.is_none() {
            proto.unit = unit.map(|u| u.0);
        }
        if proto.region.is_none() {
            proto.region = region;
        }
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
    }

    /// Two office types written together ("Disnaker ESDM Bali", "Dinas Tenaga Kerja dan ESDM
    /// Provinsi X") are one merged office, not two: the entity is named as written and later
    /// bare mentions of either part in the same region resolve to it. Returns true when `i`
    /// headed such a pair.
    pub(super) fn combined_office(&mut self, i: usize, suffix: &str) -> bool {
        let text = self.text;
        let mut q = skip_spaces(text, self.hits[i].end);
        if text[q..].starts_with("dan ") {
            q = skip_spaces(text, q + 3);
        }
        let Some(h2) = self.hit_at(q) else {
            return false;
        };
        if h2 == i || self.kind_of(h2) != EntryKind::OfficeType || self.hits[h2].absorbed {
            return false;
        }
        let suffix2 = self
            .id_of(h2)
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        if suffix2 == suffix {
            return false;
        }
        let mut extent = self.hits[h2].end;
        let mut name = collapse(&text[self.hits[i].start..extent]);
        // "(Disnaker ESDM)" between the office and its region: the article's acronym
        let acronym = self.defined_acronym(extent);
        let mut r = skip_spaces(text, extent);
        let mut paren = None;
        if acronym.is_some()
            && let Some(close) = text[r..].find(')')
        {
            paren = Some((r, r + close + 1));
            r = skip_spaces(text, r + close + 1);
        }
        let mut code = None;
        if let Some(ph) = self.hit_at(r)
            && self.kind_of(ph).is_place()
        {
            code = self.g.entry_at(self.hits[ph].entries[0]).region.clone();
            extent = self.hits[ph].end;
            self.hits[ph].absorbed = true;
            name = format!("{name} {}", collapse(&text[self.hits[ph].start..extent]));
        } else if paren.is_some() {
            paren = None;
        }
        let Some(code) = code.or_else(|| self.regency.clone().or_else(|| self.province.clone()))
        else {
            return false;
        };
        let start = self.hits[i].start;
        let parent = self
            .g
            .index_of(&format!("gov/{code}"))
            .map(|_| format!("gov/{code}"));
        let key = format!("gov/{code}/{suffix}+{suffix2}");
        let pi = self.proto_for_key(key, || {
            let mut p = Proto::new(EntityKind::Government, name);
            p.parent = parent;
            p.region = Some(code.clone());
            p
        });
        if acronym.is_some() {
            self.protos[pi].acronym = acronym;
        }
        // the acronym's own matches are this office, not a second one
        if let Some((ps, pe)) = paren {
            for h in self.hits.iter_mut().filter(|h| h.start > ps && h.end < pe) {
                h.absorbed = true;
                h.proto = Some(pi);
            }
        }
        self.protos[pi].mentions.push((start, extent));
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
        self.hits[h2].absorbed = true;
        self.hits[h2].proto = Some(pi);
        self.combined
            .push(((code, suffix.to_string(), suffix2), pi));
        true
    }

    pub(super) fn office_hit(&mut self, i: usize, entry: usize) {
        let text = self.text;
        let g = self.g;
        let e = g.entry_at(entry);
        let suffix = e.id.rsplit('/').next().unwrap_or_default().to_string();
        if self.combined_office(i, &suffix) {
            return;
        }
        let mut extent = self.hits[i].end;
        let mut p = skip_spaces(text, extent);
        // "Dinas Tenaga Kerja dan Transmigrasi Daerah Provinsi Sulawesi Utara"
        if text[p..].starts_with("Daerah ") {
            let q = skip_spaces(text, p + "Daerah".len());
            if self.hit_at(q).is_some_and(|h| self.kind_of(h).is_place())
                || ["Provinsi ", "Kabupaten ", "Kota "]
                    .iter()
                    .any(|w| text[q..].starts_with(w))
            {
                p = q;
            }
        }
        let mut code: Option<String> = None;
        let mut level_word: Option<&str> = None;
        if let Some(h) = self.hit_at(p)
            && self.kind_of(h).is_place()
        {
            code = g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            self.hits[h].absorbed = true;
        } else if let Some((s, we)) = word_at(text, p) {
            let w = &text[s..we];
            if ["Provinsi", "Prov.", "Kabupaten", "Kab.", "Kota", "provinsi"].contains(&w) {
                level_word = Some(if w.eq_ignore_ascii_case("kota") {
                    "kota"
                } else if w.starts_with('K') {
                    "kab"
                } else {
                    "prov"
                });
                extent = we;
            }
        }
        let code = code.or_else(|| match level_word {
            Some("prov") => self.province.clone(),
            _ => self.regency.clone().or_else(|| self.province.clone()),
        });
        // a bare "Disnaker" after "Disnaker ESDM Bali" is that combined office
        let explicit = extent > self.hits[i].end;
        if !explicit
            && let Some(code) = &code
            && let Some(&(_, pi)) = self
                .combined
                .iter()
                .find(|(k, _)| k.0 == *code && (k.1 == suffix || k.2 == suffix))
        {
            self.protos[pi].mentions.push((self.hits[i].start, extent));
            self.hits[i].proto = Some(pi);
            self.hits[i].extent = extent;
            return;
        }
        let pi = match code {
            Some(code) => {
                let id = format!("gov/{code}/{suffix}");
                if let Some(ei) = g.index_of(&id) {
                    self.proto_for_entry(ei, None)
                } else {
                    let name = text[self.hits[i].start..self.hits[i].end].to_string();
                    let region = code.clone();
                    Some(self.proto_for_key(format!("{id}|local"), || {
                        let mut p = Proto::new(EntityKind::Government, name);
                        p.acronym = e.acronym.clone();
                        p.parent = g
                            .index_of(&format!("gov/{code}"))
                            .map(|_| format!("gov/{code}"));
                        p.region = Some(region);
                        p
                    }))
                }
            }
            None => self.proto_for_entry(entry, None),
        };
        if let Some(pi) = pi {
            let mut start = self.hits[i].start;
            // "Komisi IV DPRD Kota Batam": the commission is the unit of the parliament
            if suffix == "dprd"
                && let Some((ks, unit)) = self.commission_before(start)
            {
                start = ks;
                self.protos[pi].unit.get_or_insert(unit);
            }
            self.protos[pi].mentions.push((start, extent));
            self.hits[i].proto = Some(pi);
            self.hits[i].extent = extent;
            // "Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM (Disnakerperinkop UKM)": the
            // article's own acronym for a merged office names it better than the generic one
            if let Some(acr) = self.defined_acronym(self.hits[i].end) {
                self.protos[pi].acronym = Some(acr);
            }
        }
    }

    /// Region inheritance: a national body written with a level word and a region ("Dewan
    /// Pengupahan Provinsi Riau", "Dewan Pengupahan Kota Pekanbaru") is that region's body of the
    /// same kind, not the national one. A level word alone ("Dewan Pengupahan Provinsi") takes
    /// the region the text is about. Returns false (nothing done) without a level word.
    pub(super) fn regional_body(&mut self, i: usize, entry: usize) -> bool {
        let text = self.text;
        let g = self.g;
        let p = skip_spaces(text, self.hits[i].end);
        let level = |w: &str| match w {
            "Provinsi" | "Prov." => Some("prov"),
            "Kabupaten" | "Kab." => Some("kab"),
            "Kota" => Some("kota"),
            _ => None,
        };
        let Some((ws, we)) = word_at(text, p) else {
            return false;
        };
        let Some(lv) = level(&text[ws..we]) else {
            return false;
        };
        let mut extent = we;
        let mut code = None;
        // the place hit may start at the level word ("Provinsi Riau") or after it
        let place = self
            .hit_at(p)
            .or_else(|| self.hit_at(skip_spaces(text, we)))
            .filter(|&h| self.kind_of(h).is_place());
        if let Some(h) = place {
            code = g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            self.hits[h].absorbed = true;
        }
        let code = code.or_else(|| match lv {
            "prov" => self.province.clone(),
            _ => self.regency.clone(),
        });
        let Some(code) = code else {
            return false;
        };
        // the level word must agree with the region's depth ("Provinsi" + a province code)
        if (lv == "prov") == code.contains('.') {
            return false;
        }
        let start = self.hits[i].start;
        let name = collapse(&text[start..extent]);
        let parent = g
            .index_of(&format!("gov/{code}"))
            .map(|_| format!("gov/{code}"));
        let key = format!("{}@{code}", g.entry_at(entry).id);
        let pi = self.proto_for_key(key, || {
            let mut p = Proto::new(EntityKind::Government, name);
            p.parent = parent;
            p.region = Some(code.clone());
            p
        });
        self.protos[pi].mentions.push((start, extent));
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
        true
    }

    /// "Komisi IV" / "Komisi B" written right before `pos`: (start, unit).
    pub(super) fn commission_before(&self, pos: usize) -> Option<(usize, String)> {
        let text = self.text;
        let (ns, ne) = word_before(text, pos)?;
        let num = &text[ns..ne];
        let numbered = is_roman(num)
            || num.len() == 1
                && num
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !numbered {
            return None;
        }
        let (ks, ke) = word_before(text, ns)?;
        (&text[ks..ke] == "Komisi").then(|| (ks, format!("Komisi {num}")))
    }
}
