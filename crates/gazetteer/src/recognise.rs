//! Entity recognition: gazetteer matches plus the context rules that turn them into
//! participants.
//!
//! Steps, in order:
//! 1. fold the text (NFKC, lower case, spaces) and run the one Aho-Corasick automaton
//!    (leftmost-longest) over it, keeping matches that sit on word boundaries and satisfy their
//!    alias's case rule; when the longest candidate fails, shorter ones at the same start are
//!    tried. A title that swallowed the start of an office ("Kepala Dinas|Tenaga Kerja ...") is
//!    cut back so the office is found;
//! 2. resolve ambiguous bare region names (kabupaten vs kota) from the words before them or
//!    from the region named elsewhere in the text;
//! 3. acronym definitions `Long Name (ACR)` confirm gazetteer entities or create new ones;
//! 4. organisations get their unit (DPD/DPW/...), region and faction ("versi X") from the words
//!    around them; office types are composed with a following region or inherit the region the
//!    text is about;
//! 5. people are found through four patterns — title first ("Wakil Bupati Bekasi, dr. Asep
//!    Surya Atmaja", "Presiden KSPI Said Iqbal"), name then title ("Marihot Sianipar, Kepala
//!    Seksi ..."), honorific with an optional parenthesis ("Ibu Eky (Kabid ... Disnaker
//!    Provinsi)") and a two-word name after a speech verb ("kata Haiyani Rumondang"); one-word
//!    names and same-title mentions ("Wagub Ariza") are merged into the full name, and later
//!    bare uses of the first or last name become mentions. A title without a name is no person.

use std::collections::HashMap;

use aho_corasick::{Anchored, Input};
use warta_model::Region;

use crate::normalize::{Folded, fold, is_word_char};
use crate::{EntryKind, Gazetteer};

/// The coarse kind of a recognised entity; mirrors `ParticipantKind` plus places and topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Union,
    Government,
    Employer,
    Person,
    Other,
    Place,
    Topic,
}

/// One mention: byte offsets into the input `&str` (always on char boundaries) and the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One referent in the text, all its mentions merged (coreference: "Asep Surya Atmaja" …
/// "Asep"; "Wagub Ariza").
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Gazetteer id; `None` for entities found on the fly (people, acronym definitions).
    pub id: Option<String>,
    /// Canonical (gazetteer) name or best surface form; for a person the full name without
    /// title or honorific.
    pub name: String,
    pub acronym: Option<String>,
    pub parent: Option<String>,
    pub region: Option<Region>,
    /// Organisational level named in the text: DPD / DPW / DPC / PC / PUK / DPP.
    pub unit: Option<String>,
    /// Faction qualifier as written, e.g. `"versi Andi Gani Nena Wea"`.
    pub faction: Option<String>,
    /// Person: the office as written ("Wakil Bupati", "Kabid Hubungan Industrial").
    pub title: Option<String>,
    /// Person: honorifics as written ("dr.", "Bapak H.").
    pub honorific: Option<String>,
    /// Person: index (in the returned Vec) of the organisation or government they act for.
    pub affiliation: Option<usize>,
    /// Every mention in text order; the first is the first mention.
    pub mentions: Vec<Span>,
}

// ---------------------------------------------------------------------------------------------
// Step 1: raw matches

/// A gazetteer match in the original text.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    /// Entries this match may stand for (more than one only for ambiguous bare region names).
    entries: Vec<usize>,
    /// The entity (proto index) this hit was assigned to.
    proto: Option<usize>,
    /// End of the composite this hit heads (an organisation with its region and faction, an
    /// office with its region); `end` if nothing was attached.
    extent: usize,
    /// Consumed by a composite headed by another hit.
    absorbed: bool,
}

struct Matcher<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    f: &'a Folded,
}

impl Matcher<'_> {
    /// Checks word boundaries and the case rules of the pattern's targets; returns the entries
    /// that accept this occurrence.
    fn validate(&self, fs: usize, fe: usize, pattern: usize) -> Option<Vec<usize>> {
        let ft = &self.f.text;
        if ft[..fs].chars().next_back().is_some_and(is_word_char)
            || ft[fe..].chars().next().is_some_and(is_word_char)
        {
            return None;
        }
        // an alias ending in a word character must not be followed by ".<letter>" etc. handled
        // above; an alias starting with a non-word character is fine.
        let (s, e) = self.f.original_range(fs, fe);
        let surface = &self.text[s..e];
        let list: Vec<usize> = self.g.targets[pattern]
            .iter()
            .filter(|t| t.case.accepts(surface))
            .map(|t| t.entry)
            .collect();
        let mut list = list;
        list.dedup();
        (!list.is_empty()).then_some(list)
    }

    /// Longest valid match anchored at `fs` and ending at or before `max_end`.
    fn anchored(&self, fs: usize, max_end: usize) -> Option<(usize, Vec<usize>)> {
        let mut limit = max_end;
        while limit > fs {
            let input = Input::new(&self.f.text)
                .range(fs..limit)
                .anchored(Anchored::Yes);
            let m = self.g.ac.find(input)?;
            if let Some(list) = self.validate(m.start(), m.end(), m.pattern().as_usize()) {
                return Some((m.end(), list));
            }
            limit = m.end() - 1;
            while limit > fs && !self.f.text.is_char_boundary(limit) {
                limit -= 1;
            }
        }
        None
    }

    fn all_titles(&self, list: &[usize]) -> bool {
        list.iter()
            .all(|&e| self.g.entry_at(e).kind == EntryKind::Title)
    }

    fn hits(&self) -> Vec<Hit> {
        let ft = &self.f.text;
        let mut out: Vec<Hit> = Vec::new();
        let mut pos = 0;
        while pos < ft.len() {
            let Some(m) = self.g.ac.find(Input::new(ft).range(pos..)) else {
                break;
            };
            let (fs, mut fe) = (m.start(), m.end());
            let mut list = self.validate(fs, fe, m.pattern().as_usize());
            if list.is_none()
                && fe > fs + 1
                && let Some((e, l)) = self.anchored(fs, fe - 1)
            {
                fe = e;
                list = Some(l);
            }
            let Some(mut list) = list else {
                pos = fs + ft[fs..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            // a title that swallowed the start of an organisation or office
            let mut next: Option<(usize, usize, Vec<usize>)> = None;
            if self.all_titles(&list) {
                for (j, _) in ft[fs..fe].match_indices(' ') {
                    let ws = fs + j + 1;
                    if let Some((e2, l2)) = self.anchored(ws, ft.len())
                        && e2 > fe
                        && l2.iter().any(|&x| self.g.entry_at(x).kind.is_actor())
                    {
                        let head = ft[fs..ws].trim_end();
                        if let Some((he, hl)) = self.anchored(fs, fs + head.len())
                            && he == fs + head.len()
                            && self.all_titles(&hl)
                        {
                            fe = he;
                            list = hl;
                        } else {
                            fe = fs; // drop the title
                        }
                        next = Some((ws, e2, l2));
                        break;
                    }
                }
            }
            if fe > fs {
                out.push(self.hit(fs, fe, list));
            }
            pos = fe.max(fs + 1);
            if let Some((ws, e2, l2)) = next {
                out.push(self.hit(ws, e2, l2));
                pos = e2;
            }
        }
        out
    }

    fn hit(&self, fs: usize, fe: usize, entries: Vec<usize>) -> Hit {
        let (start, end) = self.f.original_range(fs, fe);
        Hit {
            start,
            end,
            entries,
            proto: None,
            extent: end,
            absorbed: false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text helpers (byte offsets into the original text)

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}'
}

/// Skips spaces and tabs (not line breaks: a name never continues on the next line).
fn skip_spaces(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next() {
        if !is_space(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

/// The word starting at `pos`: letters/digits with inner `-` or `'`; an initial or short
/// abbreviation keeps its trailing dot ("M.", "Moh.").
fn word_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let first = rest.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    let mut end = pos;
    let mut prev_joiner = false;
    for (i, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            end = pos + i + c.len_utf8();
            prev_joiner = false;
        } else if (c == '-' || c == '\'' || c == '’') && !prev_joiner {
            prev_joiner = true;
        } else {
            break;
        }
    }
    let word = &text[pos..end];
    let letters = word.chars().count();
    if letters <= 3
        && text[end..].starts_with('.')
        && text[end + 1..].chars().next().is_none_or(|c| c == ' ')
        && word.chars().all(char::is_alphabetic)
    {
        end += 1;
    }
    Some((pos, end))
}

/// The word ending just before `pos` (skipping spaces), as `(start, end)`.
fn word_before(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut end = pos;
    while let Some(c) = text[..end].chars().next_back() {
        if !is_space(c) {
            break;
        }
        end -= c.len_utf8();
    }
    let mut start = end;
    while let Some(c) = text[..start].chars().next_back() {
        if !(c.is_alphanumeric() || c == '.' || c == '-') {
            break;
        }
        start -= c.len_utf8();
    }
    (start < end).then_some((start, end))
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// Capitalised words that start sentences or name things but are never part of a person's name.
const NOT_NAME: &[&str] = &[
    "Dalam",
    "Dan",
    "Di",
    "Ke",
    "Dari",
    "Yang",
    "Saat",
    "Selain",
    "Menurut",
    "Kepada",
    "Pada",
    "Ini",
    "Itu",
    "Acara",
    "Kegiatan",
    "Pertemuan",
    "Beliau",
    "Ia",
    "Dia",
    "Kami",
    "Kita",
    "Saya",
    "Mereka",
    "Para",
    "Sebagai",
    "Sedangkan",
    "Namun",
    "Bahkan",
    "Adapun",
    "Hal",
    "Jadi",
    "Karena",
    "Untuk",
    "Dengan",
    "Oleh",
    "Atas",
    "Bagi",
    "Juga",
    "Sementara",
    "Sehingga",
    "Terkait",
    "Usai",
    "Balai",
    "Gedung",
    "Ruang",
    "Kantor",
    "Aula",
    "Jalan",
    "Jl",
    "Komplek",
    "Kompleks",
    "Kawasan",
    "Hotel",
    "Wisma",
    "Graha",
    "Istana",
    "Lapangan",
    "Masjid",
    "Rumah",
    "Pendopo",
    "Kota",
    "Kabupaten",
    "Provinsi",
    "Kecamatan",
    "Desa",
    "Kelurahan",
    "Pemerintah",
    "Pemerintahan",
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
    "Serikat",
    "Federasi",
    "Konfederasi",
    "Dinas",
    "Badan",
    "Kementerian",
    "Direktorat",
    "Dewan",
    "Partai",
    "Komisi",
    "Tim",
    "Program",
    "Koperasi",
    "Baca",
    "Berita",
    "Foto",
    "Editor",
    "Reporter",
    "Penulis",
    "Sumber",
    "Video",
    "Lihat",
    "Simak",
    "Selamat",
    "Terima",
    "Kasih",
    "Alhamdulillah",
    "Insya",
    "InsyaAllah",
    "Allah",
    "Bupati",
    "Gubernur",
    "Presiden",
    "Ketua",
    "Wakil",
    "Menteri",
    "Kepala",
    "Rapat",
    "Konsolidasi",
    "Audiensi",
    "Silaturahmi",
    "Bersama",
    "Indonesia",
    "Republik",
    "Negara",
    "Pusat",
    "Daerah",
    "Wilayah",
    "Cabang",
    "Nomor",
    "No",
    "Tahun",
    "Peraturan",
    "Keputusan",
    "Surat",
    "Undang",
    "Pasal",
    "Bab",
    "Tbk",
    "Persero",
    "Group",
    "Grup",
    "Bank",
];

/// Words after which a title names a thing, not a person ("Peraturan Menteri ...").
const TITLE_AS_THING: &[&str] = &[
    "Peraturan",
    "Keputusan",
    "Surat",
    "Instruksi",
    "Kantor",
    "kantor",
    "Rumah",
    "rumah",
    "Gedung",
    "gedung",
    "Ruang",
    "ruang",
    "Rapat",
    "rapat",
    "Jabatan",
    "jabatan",
    "Pendopo",
    "pendopo",
    "Istana",
    "Rumdin",
    "rumdin",
];

/// Capitalised words that describe an office's field ("Menteri Pemuda dan Olahraga", "Kepala
/// Seksi Urusan Umum") and are never part of a person's name.
const FIELD: &[&str] = &[
    "Pemuda",
    "Olahraga",
    "Olah",
    "Raga",
    "Kesehatan",
    "Agama",
    "Keuangan",
    "Perindustrian",
    "Perdagangan",
    "Sosial",
    "Pendidikan",
    "Kebudayaan",
    "Pertanian",
    "Perhubungan",
    "Dalam",
    "Luar",
    "Negeri",
    "Hukum",
    "Ketenagakerjaan",
    "Koordinator",
    "BUMN",
    "Pariwisata",
    "Investasi",
    "Tenaga",
    "Kerja",
    "Pekerjaan",
    "Umum",
    "Perencanaan",
    "Pembangunan",
    "Lingkungan",
    "Hidup",
    "Kehutanan",
    "Kelautan",
    "Perikanan",
    "Energi",
    "Sumber",
    "Daya",
    "Mineral",
    "Komunikasi",
    "Informatika",
    "Keamanan",
    "Politik",
    "Perumahan",
    "Rakyat",
    "Urusan",
    "Seleksi",
    "Panitia",
    "Bidang",
    "Seksi",
    "Bagian",
    "Lembaga",
    "Hubungan",
    "Industrial",
    "Pengawasan",
    "Pelayanan",
    "Perekonomian",
    "Pemerintahan",
    "Kesejahteraan",
    "Administrasi",
    "Hak",
    "Asasi",
    "Manusia",
    "Sekretariat",
    "Negara",
    "Transmigrasi",
    "Koperasi",
    "Usaha",
    "Kecil",
    "Menengah",
    "Desa",
    "Pembinaan",
    "Penempatan",
    "Pelatihan",
    "Vokasi",
    "Produktivitas",
    "Jaminan",
    "Kelembagaan",
    "Perselisihan",
    "Pencegahan",
    "Keselamatan",
    "Norma",
    "Pengupahan",
    "Statistik",
    "Perizinan",
    "Penanaman",
    "Modal",
    "Kepegawaian",
    "Keluarga",
    "Berencana",
    "Perempuan",
    "Anak",
    "Perlindungan",
    "Hubungan",
    "Masyarakat",
    "Humas",
    "Protokol",
    "Operasional",
    "Teknis",
];

/// Speech verbs after which a capitalised word is the speaker ("kata Haiyani").
const SPEECH: &[&str] = &[
    "kata", "ujar", "ucap", "ungkap", "jelas", "tegas", "tutur", "imbuh", "tambah", "terang",
    "papar", "sebut", "tandas", "pungkas", "tutup", "lanjut", "katanya", "ujarnya", "menurut",
];

// ---------------------------------------------------------------------------------------------
// Entities under construction

#[derive(Debug, Clone)]
struct Proto {
    kind: EntityKind,
    id: Option<String>,
    name: String,
    acronym: Option<String>,
    parent: Option<String>,
    region: Option<String>,
    unit: Option<String>,
    faction: Option<String>,
    title: Option<String>,
    /// Title entry id, used to merge "Wagub Ariza" with "Wakil Gubernur Ahmad Riza Patria".
    title_id: Option<String>,
    honorific: Option<String>,
    affiliation: Option<usize>,
    mentions: Vec<(usize, usize)>,
    /// Merged into another proto.
    dead: bool,
}

impl Proto {
    fn new(kind: EntityKind, name: String) -> Proto {
        Proto {
            kind,
            id: None,
            name,
            acronym: None,
            parent: None,
            region: None,
            unit: None,
            faction: None,
            title: None,
            title_id: None,
            honorific: None,
            affiliation: None,
            mentions: Vec::new(),
            dead: false,
        }
    }
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    hits: Vec<Hit>,
    /// hit start → hit index
    by_start: HashMap<usize, usize>,
    protos: Vec<Proto>,
    keys: HashMap<String, usize>,
    /// Region the text is about: (province code, regency/city code if one dominates).
    province: Option<String>,
    regency: Option<String>,
}

fn entity_kind(k: EntryKind) -> Option<EntityKind> {
    if k.is_union() {
        Some(EntityKind::Union)
    } else if k.is_government() {
        Some(EntityKind::Government)
    } else if k.is_place() {
        Some(EntityKind::Place)
    } else {
        match k {
            EntryKind::Employer => Some(EntityKind::Employer),
            EntryKind::Party => Some(EntityKind::Other),
            EntryKind::Topic => Some(EntityKind::Topic),
            _ => None,
        }
    }
}

impl<'a> Ctx<'a> {
    fn kind_of(&self, h: usize) -> EntryKind {
        self.g.entry_at(self.hits[h].entries[0]).kind
    }

    fn id_of(&self, h: usize) -> &str {
        &self.g.entry_at(self.hits[h].entries[0]).id
    }

    fn hit_at(&self, pos: usize) -> Option<usize> {
        self.by_start.get(&pos).copied()
    }

    /// Index of the hit covering byte `pos`, if any.
    fn hit_covering(&self, pos: usize) -> Option<usize> {
        let i = self.hits.partition_point(|h| h.start <= pos);
        (i > 0 && self.hits[i - 1].end > pos).then(|| i - 1)
    }

    fn proto_for_key(&mut self, key: String, make: impl FnOnce() -> Proto) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        self.protos.push(make());
        let i = self.protos.len() - 1;
        self.keys.insert(key, i);
        i
    }

    /// Proto for a gazetteer entry (merging all mentions of the same id and faction).
    fn proto_for_entry(&mut self, entry: usize, faction: Option<&str>) -> Option<usize> {
        let g = self.g;
        let e = g.entry_at(entry);
        let kind = entity_kind(e.kind)?;
        let key = match faction {
            Some(f) => format!("{}|{}", e.id, f.to_lowercase()),
            None => e.id.clone(),
        };
        Some(self.proto_for_key(key, || {
            let mut p = Proto::new(kind, e.name.clone());
            p.id = Some(e.id.clone());
            p.acronym = e.acronym.clone();
            p.parent = e.parent.clone();
            p.region = e.region.clone();
            p.faction = faction.map(str::to_string);
            p
        }))
    }

    // -- step 2: ambiguous places and the region the text is about ---------------------------

    fn resolve_places(&mut self) {
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
            self.hits[i].entries = vec![pick];
        }
    }

    fn decide_region(&mut self) {
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

    fn acronyms(&mut self) {
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
            let kind = if ["serikat", "federasi", "konfederasi", "buruh", "pekerja"]
                .iter()
                .any(|w| lower.starts_with(w) || lower.contains(&format!(" {w} ")))
                && !lower.starts_with("koperasi")
                && !lower.starts_with("kartu")
            {
                EntityKind::Union
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
            let acr = inner.to_string();
            let pi = self.proto_for_key(format!("acr|{acr}"), || {
                let mut p = Proto::new(kind, long.to_string());
                p.acronym = Some(acr.clone());
                p
            });
            self.protos[pi].mentions.push((ls, before.len()));
            self.protos[pi]
                .mentions
                .push((inner_start, inner_start + inner.len()));
            defs.push((acr, pi));
            // words of the long name are no longer free (e.g. for name detection)
            for h in &mut self.hits {
                if h.start >= ls && h.end <= before.len() {
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

    /// Unit word written right before an organisation ("DPD FSP KEP", "Dewan Pengurus Wilayah").
    fn unit_before(&self, pos: usize) -> Option<(String, usize)> {
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
    fn cap_run(&self, pos: usize, max: usize) -> Option<(usize, usize)> {
        let mut p = skip_spaces(self.text, pos);
        let start = p;
        let mut end = None;
        for _ in 0..max {
            let Some((s, e)) = word_at(self.text, p) else {
                break;
            };
            let w = &self.text[s..e];
            if !capitalised(w) || NOT_NAME.contains(&w) {
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
    fn bare_place(&self, h: usize) -> bool {
        let hit = &self.hits[h];
        let s = &self.text[hit.start..hit.end];
        self.kind_of(h).is_place() && !s.contains(' ')
    }

    fn organisations(&mut self) {
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
            } else if (kind.is_government() || kind.is_place() || kind == EntryKind::Topic)
                && let Some(p) = self.proto_for_entry(entry, None)
            {
                let (s, e) = (self.hits[i].start, self.hits[i].end);
                self.protos[p].mentions.push((s, e));
                self.hits[i].proto = Some(p);
            }
        }
    }

    fn union_hit(&mut self, i: usize, entry: usize) {
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

    fn office_hit(&mut self, i: usize, entry: usize) {
        let text = self.text;
        let g = self.g;
        let e = g.entry_at(entry);
        let suffix = e.id.rsplit('/').next().unwrap_or_default().to_string();
        let mut extent = self.hits[i].end;
        let p = skip_spaces(text, extent);
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
            self.protos[pi].mentions.push((self.hits[i].start, extent));
            self.hits[i].proto = Some(pi);
            self.hits[i].extent = extent;
        }
    }

    // -- step 5: people ----------------------------------------------------------------------

    /// Honorifics starting at `pos` (after spaces): their surface and the position after them.
    fn honorifics(&self, pos: usize) -> (Option<String>, usize) {
        let mut p = skip_spaces(self.text, pos);
        let mut parts = Vec::new();
        let mut end = pos;
        while let Some(h) = self.hit_at(p) {
            if self.kind_of(h) != EntryKind::Honorific {
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
    fn name_at(&self, pos: usize) -> Option<(usize, usize)> {
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
                || NOT_NAME.contains(&w.trim_end_matches('.'))
                || (all_caps(w) && !w.ends_with('.'))
                || w.chars().any(|c| c.is_ascii_digit())
            {
                break;
            }
            if let Some(h) = self.hit_covering(s) {
                if !self.bare_place(h) || self.hits[h].start != s {
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

    /// Everything a title says after it: descriptive words ("Hubungan Industrial"), the body
    /// acted for (hit index) and where that ends. Returns (title end incl. descriptive words,
    /// affiliation hit, position after the affiliation).
    fn title_tail(&self, t: usize, limit: usize) -> (usize, Option<usize>, usize) {
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
                || NOT_NAME.contains(&w) && !connector && !FIELD.contains(&w)
            {
                break;
            }
            p = e;
            words += 1;
            if field_run && FIELD.contains(&w) {
                field_end = p;
            } else if !connector {
                field_run = false;
            }
        }
        // no body follows: only the words that cannot be a name describe the title, the rest
        // is probably the name
        (field_end, None, field_end)
    }

    /// Title string as it should be reported: title + descriptive words, plus the organisation
    /// for union titles ("Presiden KSPI") and the office type for heads of office.
    fn title_text(&self, t: usize, title_end: usize, aff: Option<usize>) -> String {
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

    /// Proto of the body a person acts for: the affiliation hit's entity, or for a bare region
    /// after a title ("Gubernur Sumatera Selatan") that region's government.
    fn affiliation_proto(&mut self, a: usize) -> Option<usize> {
        if self.kind_of(a).is_place() {
            let code = self.g.entry_at(self.hits[a].entries[0]).region.clone()?;
            let gi = self.g.index_of(&format!("gov/{code}"))?;
            let p = self.proto_for_entry(gi, None)?;
            let span = (self.hits[a].start, self.hits[a].end);
            if !self.protos[p].mentions.contains(&span) {
                self.protos[p].mentions.push(span);
            }
            return Some(p);
        }
        self.hits[a].proto
    }

    #[allow(clippy::too_many_arguments)]
    fn add_person(
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
        if p.title.is_none() {
            p.title = title;
            p.title_id = title_id;
        }
        if p.honorific.is_none() {
            p.honorific = honorific;
        }
        if p.affiliation.is_none() {
            p.affiliation = affiliation;
        }
    }

    fn people(&mut self) {
        let text = self.text;
        let mut used_hon: Vec<usize> = Vec::new();
        // A: title first — "Wakil Bupati Bekasi, dr. Asep Surya Atmaja", "Presiden KSPI Said Iqbal"
        // B: name first — "Marihot Sianipar, Kepala Seksi ... Disnakertrans Sumsel"
        for t in 0..self.hits.len() {
            if self.kind_of(t) != EntryKind::Title || self.hits[t].absorbed {
                continue;
            }
            let tid = self.id_of(t).to_string();
            if let Some((ws, we)) = word_before(text, self.hits[t].start)
                && TITLE_AS_THING.contains(&&text[ws..we])
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
            let title = self.title_text(t, title_end, aff);
            let mut p = skip_spaces(text, after);
            let comma = text[p..].starts_with(',');
            if comma {
                p += 1;
            }
            let (hon, hp) = self.honorifics(p);
            if let Some(h) = self.hit_at(skip_spaces(text, p))
                && self.kind_of(h) == EntryKind::Honorific
            {
                used_hon.push(h);
            }
            let name = self.name_at(hp);
            // B: name before the title
            let before_name = if name.is_none() {
                let s = self.hits[t].start;
                let pre = text[..s].trim_end_matches(is_space);
                if pre.ends_with(',') {
                    self.name_before(pre.len() - 1)
                } else {
                    None
                }
            } else {
                None
            };
            let Some(name) = name.or(before_name) else {
                continue;
            };
            if headline_like(text, name.0) {
                continue;
            }
            let aff_proto = match aff {
                Some(a) => self.affiliation_proto(a),
                None => implied.and_then(|i| self.proto_for_entry(i, None)),
            };
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
        // D: after a speech verb, a two-word name ("kata Haiyani Rumondang")
        let mut pos = 0;
        while pos < text.len() {
            let Some((s, e)) = word_at(text, pos) else {
                pos += text[pos..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            pos = e;
            let w = text[s..e].to_lowercase();
            if !SPEECH.contains(&w.as_str()) {
                continue;
            }
            let (hon, hp) = self.honorifics(e);
            if let Some((ns, ne)) = self.name_at(hp)
                && (hon.is_some() || text[ns..ne].split_whitespace().count() >= 2)
                && self.hit_covering(ns).is_none()
            {
                self.add_person((ns, ne), None, None, hon, None);
            }
        }
        self.merge_people();
    }

    /// The name ending at `end` (exclusive), scanning backwards over capitalised words; the
    /// word before it must not be capitalised (so a sentence's subject is not taken whole).
    fn name_before(&self, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut words = Vec::new();
        let mut p = end;
        while words.len() < 4 {
            let Some((s, e)) = word_before(text, p) else {
                break;
            };
            let w = &text[s..e];
            if e != p || !capitalised(w) || NOT_NAME.contains(&w) || all_caps(w) {
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

    fn merge_people(&mut self) {
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
            if toks.len() != 1 {
                continue;
            }
            let target = people.iter().copied().find(|&j| {
                j != i
                    && !self.protos[j].dead
                    && self.protos[j].name.split_whitespace().count() > 1
                    && self.protos[j]
                        .name
                        .split_whitespace()
                        .any(|t| t.to_lowercase() == toks[0])
            });
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
                if pj.title.is_none() {
                    pj.title = t;
                    pj.title_id = tid;
                }
                if pj.honorific.is_none() {
                    pj.honorific = h;
                }
                if pj.affiliation.is_none() {
                    pj.affiliation = a;
                }
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
                let mut from = 0;
                while let Some(off) = self.text[from..].find(f.as_str()) {
                    let s = from + off;
                    let e = s + f.len();
                    from = e;
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
                        && !NOT_NAME.contains(&&self.text[ws..we])
                    {
                        continue;
                    }
                    found.push((s, e));
                }
            }
            let p = &mut self.protos[i];
            for sp in found {
                if !p.mentions.iter().any(|m| m.0 < sp.1 && sp.0 < m.1) {
                    p.mentions.push(sp);
                }
            }
        }
    }

    // -- output --------------------------------------------------------------------------------

    fn finish(mut self) -> Vec<Entity> {
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

/// True when the line containing `pos` is written in Title Case (a headline or link list):
/// there every word is capitalised, so capitalisation says nothing about names.
fn headline_like(text: &str, pos: usize) -> bool {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let words: Vec<&str> = text[start..end]
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    (6..=25).contains(&words.len()) && caps * 10 >= words.len() * 7
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn recognise(g: &Gazetteer, text: &str) -> Vec<Entity> {
    let folded = fold(text);
    let matcher = Matcher {
        g,
        text,
        f: &folded,
    };
    let hits = matcher.hits();
    let by_start = hits.iter().enumerate().map(|(i, h)| (h.start, i)).collect();
    let mut ctx = Ctx {
        g,
        text,
        hits,
        by_start,
        protos: Vec::new(),
        keys: HashMap::new(),
        province: None,
        regency: None,
    };
    ctx.resolve_places();
    ctx.decide_region();
    ctx.acronyms();
    ctx.organisations();
    ctx.people();
    ctx.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
    }

    fn by_id<'a>(es: &'a [Entity], id: &str) -> Vec<&'a Entity> {
        es.iter().filter(|e| e.id.as_deref() == Some(id)).collect()
    }

    fn person<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
        es.iter()
            .find(|e| e.kind == EntityKind::Person && e.name == name)
            .unwrap_or_else(|| panic!("no person {name}: {es:#?}"))
    }

    fn check_spans(text: &str, es: &[Entity]) {
        for e in es {
            assert!(!e.mentions.is_empty());
            for m in &e.mentions {
                assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }

    #[test]
    fn union_leader_and_deputy_mayor() {
        let t = "Ketua DPW FSPMI Jawa Barat, Bapak Rudi Hartono, memimpin rombongan buruh yang \
                 diterima Wakil Wali Kota Bandung, Ir. H. Budi Santoso, di Balai Kota. Budi berjanji \
                 meneruskan usulan kenaikan upah kepada Disnaker Kota Bandung. \"Kami mendengar \
                 aspirasi pekerja,\" ujar Budi.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let f = by_id(&es, "org/fspmi");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].unit.as_deref(), Some("DPW"));
        assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("32"));
        assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
        let rudi = person(&es, "Rudi Hartono");
        assert_eq!(rudi.title.as_deref(), Some("Ketua DPW FSPMI"));
        assert_eq!(rudi.honorific.as_deref(), Some("Bapak"));
        assert_eq!(
            es[rudi.affiliation.unwrap()].id.as_deref(),
            Some("org/fspmi")
        );
        let budi = person(&es, "Budi Santoso");
        assert_eq!(budi.title.as_deref(), Some("Wakil Wali Kota"));
        assert_eq!(budi.honorific.as_deref(), Some("Ir. H."));
        assert_eq!(
            es[budi.affiliation.unwrap()].id.as_deref(),
            Some("gov/32.73")
        );
        assert_eq!(budi.mentions.len(), 3, "{:?}", budi.mentions);
        assert_eq!(by_id(&es, "gov/32.73/disnaker").len(), 1);
        assert!(es.iter().all(|e| e.name != "Balai Kota"));
    }

    #[test]
    fn factions_and_inherited_offices() {
        let t = "Pemkot Bekasi menggelar dialog dengan KSPSI versi Andi Gani dan KSPSI Kota Bekasi \
                 versi Jumhur Hidayat. Kepala Disnaker, Siti Rahmawati, hadir bersama perwakilan \
                 Kesbangpol.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(by_id(&es, "org/kspsi-agn").len(), 1);
        let k = by_id(&es, "org/kspsi");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].faction.as_deref(), Some("versi Jumhur Hidayat"));
        assert_eq!(k[0].region.as_ref().map(|r| r.code.as_str()), Some("32.75"));
        let siti = person(&es, "Siti Rahmawati");
        assert_eq!(siti.title.as_deref(), Some("Kepala Disnaker"));
        assert_eq!(
            es[siti.affiliation.unwrap()].id.as_deref(),
            Some("gov/32.75/disnaker")
        );
        assert_eq!(by_id(&es, "gov/32.75/kesbangpol").len(), 1);
        // no person is made of the faction leaders
        assert!(es.iter().all(|e| e.name != "Jumhur Hidayat"));
    }

    #[test]
    fn acronym_definition_speech_verb_and_title_without_name() {
        let t = "Serikat Pekerja Kuliner Nusantara (SPKN) menggelar aksi di depan kantor Bupati. \
                 Pak Bupati belum menemui massa. \"Kami menuntut pesangon dibayar,\" kata Andi \
                 Wijaya Kusuma. SPKN juga menolak PHK sepihak.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let u = es
            .iter()
            .find(|e| e.acronym.as_deref() == Some("SPKN"))
            .expect("acronym entity");
        assert_eq!(u.kind, EntityKind::Union);
        assert_eq!(u.id, None);
        assert_eq!(u.name, "Serikat Pekerja Kuliner Nusantara");
        assert_eq!(u.mentions.len(), 3);
        let people: Vec<&str> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(people, vec!["Andi Wijaya Kusuma"]);
        assert_eq!(by_id(&es, "topic/layoffs").len(), 1);
    }

    #[test]
    fn provincial_office_from_context() {
        let t = "Pemerintah Provinsi Jawa Tengah melalui Disnakertrans Provinsi menggelar \
                 pelatihan. Kabid Pengawasan Ketenagakerjaan Disnakertrans Provinsi, Ibu Sri \
                 Lestari, membuka acara. Sri Lestari berharap peserta aktif.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let d = by_id(&es, "gov/33/disnaker");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].mentions.len(), 2);
        assert_eq!(d[0].parent.as_deref(), Some("gov/33"));
        let sri = person(&es, "Sri Lestari");
        assert_eq!(
            sri.title.as_deref(),
            Some("Kabid Pengawasan Ketenagakerjaan")
        );
        assert_eq!(sri.honorific.as_deref(), Some("Ibu"));
        assert_eq!(
            es[sri.affiliation.unwrap()].id.as_deref(),
            Some("gov/33/disnaker")
        );
        assert_eq!(sri.mentions.len(), 2);
    }

    #[test]
    fn federation_with_confederation() {
        let t = "DPD FSP KEP KSPI Provinsi Riau bertemu pengurus Konfederasi Serikat Pekerja \
                 Indonesia (KSPI) di Pekanbaru.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let f = by_id(&es, "org/fsp-kep-kspi");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].unit.as_deref(), Some("DPD"));
        assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("14"));
        assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
        let k = by_id(&es, "org/kspi");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].mentions.len(), 2);
        assert_eq!(by_id(&es, "place/14.71").len(), 1); // Kota Pekanbaru
    }

    #[test]
    fn case_rules_and_boundaries() {
        // lower-case "batu" is a stone, "kspi" inside a word is nothing, "Phi" is not the court
        let t = "Mereka membawa batu ke Fspkep.id dan kspi-nya; Phi bukan PHI.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert!(by_id(&es, "place/35.79").is_empty());
        assert!(by_id(&es, "org/kspi").is_empty());
        assert_eq!(by_id(&es, "gov/phi")[0].mentions.len(), 1);
    }

    #[test]
    fn ambiguous_regency_or_city() {
        let t = "Bupati Bekasi meninjau pabrik. Warga Bekasi menyambutnya.";
        let es = g().recognise(t);
        assert_eq!(by_id(&es, "place/32.16").len(), 1);
        assert!(by_id(&es, "place/32.75").is_empty());
        let t = "Pemkot Bekasi dan Disnaker Bekasi bertemu di Bekasi.";
        let es = g().recognise(t);
        assert_eq!(by_id(&es, "gov/32.75/disnaker").len(), 1);
        assert!(by_id(&es, "place/32.16").is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            " ",
            "(",
            "()",
            "(A)",
            "Ibu",
            "Bapak (",
            "kata",
            "Ketua,",
            "ǅ (ǅǅ) ﬁ",
            "\u{0301}KSPI",
        ] {
            let es = g().recognise(t);
            check_spans(t, &es);
        }
    }
}
