#!/usr/bin/env python3
"""Generate gazetteers/regions.tsv and gazetteers/regional-gov.tsv from a copy of the
Kemendagri region tables (the `wilayah` folder: provinces.csv, regencies.csv, districts.csv,
province_aliases.csv).

Usage: scripts/gen-gazetteers.py --wilayah DIR [--out gazetteers]

Why generated: 38 provinces x 514 regencies/cities x their offices give tens of thousands of
naming variants; writing them by hand would be error-prone, and the region codes must stay in
step with the official table. The output is deterministic (sorted by code) so a regenerated file
diffs cleanly and the gazetteer content hash only changes when the data does.

Bare short names ("Bekasi") are only emitted where they are unambiguous; the recogniser resolves
ambiguous ones (kabupaten vs kota) from context.
"""
import argparse
import collections
import csv
import os
import sys

HEADER = "id\tkind\tname\tacronym\taliases\tparent\tregion\tvalid_from\tvalid_to\tnotes"

# Regional offices: (suffix, kind, canonical long form, long variants, short variants, levels)
# levels: p = province, k = kabupaten, c = kota.
OFFICES = [
    ("disnaker", "office", "Dinas Tenaga Kerja",
     ["Dinas Tenaga Kerja", "Dinas Tenaga Kerja dan Transmigrasi", "Dinas Ketenagakerjaan"],
     ["Disnaker", "Disnakertrans"], "pkc"),
    ("kesbangpol", "office", "Badan Kesatuan Bangsa dan Politik",
     ["Badan Kesatuan Bangsa dan Politik"], ["Kesbangpol", "Bakesbangpol"], "pkc"),
    ("diskop", "office", "Dinas Koperasi dan UKM",
     ["Dinas Koperasi dan UKM", "Dinas Koperasi dan Usaha Kecil dan Menengah"],
     ["Diskop UKM", "Dinkop UKM"], "pkc"),
    ("esdm", "office", "Dinas Energi dan Sumber Daya Mineral",
     ["Dinas Energi dan Sumber Daya Mineral"], ["Dinas ESDM"], "p"),
    ("bappeda", "office", "Badan Perencanaan Pembangunan Daerah",
     ["Badan Perencanaan Pembangunan Daerah"], ["Bappeda"], "pkc"),
    ("setda", "office", "Sekretariat Daerah", ["Sekretariat Daerah"], ["Setda"], "pkc"),
]

# Sub-units of the regional secretariat (Setda): bureaus (Biro) exist only in provinces,
# regencies and cities have sections (Bagian) instead. (suffix, names as news writes them,
# levels). The first name is canonical. Their parent is the government's setda entry; other
# bureaus ("Biro X Setda Provinsi Y" not listed here) are recognised on the fly as sub-units.
SETDA_UNITS = [
    ("biro-pemerintahan", ["Biro Pemerintahan dan Otonomi Daerah", "Biro Pemerintahan",
                           "Biro Pemotda", "Biro Otda"], "p"),
    ("biro-perekonomian", ["Biro Perekonomian", "Biro Ekonomi"], "p"),
    ("biro-hukum", ["Biro Hukum"], "p"),
    ("biro-kesra", ["Biro Kesejahteraan Rakyat", "Biro Kesra"], "p"),
    ("biro-umum", ["Biro Umum", "Biro Umum dan Perlengkapan"], "p"),
    ("biro-organisasi", ["Biro Organisasi"], "p"),
    ("biro-adpem", ["Biro Administrasi Pembangunan", "Biro Adpem"], "p"),
    ("biro-adpim", ["Biro Administrasi Pimpinan", "Biro Adpim"], "p"),
    ("bagian-pemerintahan", ["Bagian Pemerintahan"], "kc"),
    ("bagian-perekonomian", ["Bagian Perekonomian"], "kc"),
    ("bagian-hukum", ["Bagian Hukum"], "kc"),
    ("bagian-kesra", ["Bagian Kesejahteraan Rakyat", "Bagian Kesra"], "kc"),
]

# Labour offices whose own name differs from the generic one: (long forms, short forms) per
# region code. DKI Jakarta merges labour, transmigration and energy into one office; Aceh's
# office also handles population mobility.
OWN_DISNAKER = {
    "31": (["Dinas Tenaga Kerja, Transmigrasi dan Energi"],
           ["Disnakertransgi", "Disnakertrans dan Energi"]),
    "11": (["Dinas Tenaga Kerja dan Mobilitas Penduduk"], ["Disnakermobduk"]),
}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def row(id_, kind, name, acronym="", aliases=(), parent="", region="", notes=""):
    seen, out = {name.casefold()}, []
    for a in aliases:
        a = " ".join(a.split())
        if a and a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    for field in (name, acronym, parent, region, notes, *out):
        if "\t" in field or "\n" in field or ";" in field and field in out:
            sys.exit(f"bad character in field {field!r}")
    return "\t".join([id_, kind, name, acronym, ";".join(out), parent, region, "", "", notes])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wilayah", required=True, help="folder with the wilayah CSV files")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "gazetteers"))
    args = ap.parse_args()

    provinces = read_csv(os.path.join(args.wilayah, "provinces.csv"))
    aliases = {r["kode"]: [a.strip() for a in r["alias_umum"].split(";") if a.strip()]
               for r in read_csv(os.path.join(args.wilayah, "province_aliases.csv"))}
    regencies = read_csv(os.path.join(args.wilayah, "regencies.csv"))
    districts = read_csv(os.path.join(args.wilayah, "districts.csv"))

    prov_words = set()
    for p in provinces:
        prov_words.add(p["nama"].casefold())
        prov_words.update(a.casefold() for a in aliases.get(p["kode"], []))
    short_count = collections.Counter(r["nama_pendek"].casefold() for r in regencies)
    reg_short = set(short_count)
    reg_unique = {r["kode"]: short_count[r["nama_pendek"].casefold()] == 1
                  and r["nama_pendek"].casefold() not in prov_words for r in regencies}
    taken = set(prov_words) | {r["nama_pendek"].casefold() for r in regencies}
    dist_count = collections.Counter(d["nama"].casefold() for d in districts)

    regions, gov = [], []
    regions.append("# GENERATED by scripts/gen-gazetteers.py from the Kemendagri wilayah tables; do not edit.")
    regions.append(HEADER)
    gov.append("# GENERATED by scripts/gen-gazetteers.py from the Kemendagri wilayah tables; do not edit.")
    gov.append(HEADER)

    # name forms used after an office or government word, per region code
    formal, short = {}, {}
    for p in sorted(provinces, key=lambda r: r["kode"]):
        code, name = p["kode"], p["nama"]
        al = [a for a in aliases.get(code, []) if a != name]
        acr = next((a for a in al if len(a) <= 8 and " " not in a and a != name), "")
        forms = [name] + al
        regions.append(row(f"place/{code}", "province", name, acr,
                           forms + [f"Provinsi {f}" for f in forms] + [f"Prov. {f}" for f in forms],
                           region=code))
        formal[code] = [f"Provinsi {name}"] + [f"Provinsi {a}" for a in al]
        short[code] = [acr] if acr else []
        short[code] += [a for a in al if a not in short[code]]
        # the plain name after an office word ("Setda Aceh", "Disnaker Jawa Barat"), unless a
        # regency or city has the same short name ("Gorontalo"): then only the formal
        # "Provinsi X" is unambiguous
        if not acr or name.casefold() not in reg_short:
            short[code].append(name)
    for r in sorted(regencies, key=lambda r: r["kode"]):
        code, name, sh, jenis = r["kode"], r["nama"], r["nama_pendek"], r["jenis"]
        kind = "regency" if jenis == "kabupaten" else "city"
        if kind == "regency":
            forms = [f"Kabupaten {sh}", f"Kab. {sh}"]
        else:
            forms = [f"Kota {sh}"]
        if "Administrasi" in name:
            forms.insert(0, name)
        bare = [sh] if reg_unique[code] else []
        notes = "" if reg_unique[code] else "short name shared with another region; resolved from context"
        regions.append(row(f"place/{code}", kind, name, "", forms + bare,
                           parent=f"place/{r['kode_prov']}", region=code, notes=notes))
        formal[code] = [name] + [f for f in forms if f != name]
        short[code] = bare
    reg_name = {r["kode"]: r["nama"] for r in regencies}
    qual_count = collections.Counter(
        (d["nama"].casefold(), d["kode_kabkota"]) for d in districts)
    for d in sorted(districts, key=lambda r: r["kode"]):
        code, name = d["kode"], d["nama"]
        if dist_count[name.casefold()] == 1:
            al = [f"Kec. {name}", f"Distrik {name}"]
            if " " in name and name.casefold() not in taken and not name.startswith(("Kota ", "Kabupaten ")):
                al.append(name)
            full = f"Kecamatan {name}"
        else:
            # the same district name exists elsewhere: only the form qualified by its
            # regency/city is unambiguous
            full = f"Kecamatan {name}, {reg_name[d['kode_kabkota']]}"
            al = [f"Kecamatan {name} {reg_name[d['kode_kabkota']]}"]
            if qual_count[(name.casefold(), d["kode_kabkota"])] > 1:
                full, al = f"{full} ({code})", []
        regions.append(row(f"place/{code}", "district", full, "", al,
                           parent=f"place/{d['kode_kabkota']}", region=code))

    levels = {}
    for p in provinces:
        levels[p["kode"]] = ("p", p["nama"])
    for r in regencies:
        levels[r["kode"]] = ("k" if r["jenis"] == "kabupaten" else "c", r["nama"])
    for code in sorted(levels, key=lambda c: [int(x) for x in c.split(".")]):
        lvl, name = levels[code]
        gid = f"gov/{code}"
        if lvl == "p":
            word, short_word = "Pemerintah Provinsi", "Pemprov"
            rest = [f[len("Provinsi "):] for f in formal[code]]
            gname = f"Pemerintah Provinsi {name}"
        else:
            word = "Pemerintah Kabupaten" if lvl == "k" else "Pemerintah Kota"
            short_word = "Pemkab" if lvl == "k" else "Pemkot"
            base = name.split(" ", 1)[1].replace("Administrasi ", "")
            rest = [base]
            gname = f"{word} {base}"
        galiases = [f"{word} {x}" for x in rest] + [f"{short_word} {x}" for x in rest]
        if lvl == "p":
            galiases += [f"Pemda {x}" for x in short[code]]
        gov.append(row(gid, "government", gname, "", galiases, region=code))
        # the regional parliament
        dforms = formal[code] + short[code]
        gov.append(row(f"{gid}/dprd", "parliament", f"Dewan Perwakilan Rakyat Daerah {formal[code][0]}",
                       "", [f"DPRD {f}" for f in dforms], parent=gid, region=code))
        for suffix, kind, canon, longs, shorts, lv in OFFICES:
            if lvl not in lv:
                continue
            ls, ss = list(longs), list(shorts)
            if suffix == "disnaker" and code in OWN_DISNAKER:
                own_long, own_short = OWN_DISNAKER[code]
                ls = own_long + ls
                ss = own_short + ss
            al = [f"{l} {f}" for l in ls for f in formal[code]]
            al += [f"{s} {f}" for s in ss for f in formal[code] + short[code]]
            gov.append(row(f"{gid}/{suffix}", kind, f"{ls[0]} {formal[code][0]}", "", al,
                           parent=gid, region=code))
        # bureaus and sections of the secretariat, with and without "Setda"; kept to the
        # forms news uses so the automaton stays small (province: ~25 forms per bureau,
        # regency/city: ~4 per section)
        for suffix, names, lv in SETDA_UNITS:
            if lvl not in lv:
                continue
            al = []
            for n in names:
                if lvl == "p":
                    al += [f"{n} Setda {f}" for f in formal[code] + short[code]]
                    al += [f"{n} Setdaprov {f}" for f in short[code]]
                    al += [f"{n} Sekretariat Daerah {f}" for f in formal[code]]
                    al += [f"{n} {f}" for f in formal[code]]
                else:
                    al += [f"{n} Setda {formal[code][0]}", f"{n} {formal[code][0]}"]
                    al += [f"{n} Setda {f}" for f in short[code]]
            gov.append(row(f"{gid}/{suffix}", "office", f"{names[0]} Setda {formal[code][0]}",
                           "", al, parent=f"{gid}/setda", region=code))

    os.makedirs(args.out, exist_ok=True)
    for fname, lines in (("regions.tsv", regions), ("regional-gov.tsv", gov)):
        with open(os.path.join(args.out, fname), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{fname}: {len(lines) - 2} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
