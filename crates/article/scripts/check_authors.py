#!/usr/bin/env python3
"""Author recall of warta-article on the demo pages, plus title/date/authors/body on the dev set.

  crates/article/scripts/check_authors.py [--demo-only] [-v]

Runs `cargo run --release -p warta-article --example extract_file -- FILE URL` per page (the
bytes path, so the windows-1252 page is decoded as the pipeline would) and compares with the
gold files using the same folding as /work/shared/eval/score.py. Standard library only.
Set CARGO_TARGET_DIR (e.g. /work/targets/article) to reuse a build.
"""
import argparse, collections, json, os, re, subprocess, sys, unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DEMO = os.path.join(ROOT, "fixtures", "demo")
DEV = "/work/shared/eval/dev"
HONORIFICS = {"bapak", "bpk", "pak", "ibu", "bu", "h", "hj", "dr", "drs", "dra", "ir", "prof", "kh",
              "sdr", "saudara", "st", "se", "sh", "mh", "mm", "msi", "mpd", "spd", "skm", "mt", "ak"}


def fold(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[\u2010-\u2015\-/&.,()'\"“”‘’:]", " ", s)
    return " ".join(s.split())


def fold_person(s):
    return " ".join(w for w in fold(s).split() if w not in HONORIFICS)


def same_person(a, b):
    a, b = fold_person(a), fold_person(b)
    return bool(a and b and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "))


def bag_f1(pred, gold):
    tok = lambda s: collections.Counter(re.findall(r"\w+", unicodedata.normalize("NFKC", s or "").lower()))
    p, g = tok(pred), tok(gold)
    common = sum((p & g).values())
    if not p and not g:
        return 1.0
    pr, rc = common / max(1, sum(p.values())), common / max(1, sum(g.values()))
    return 2 * pr * rc / (pr + rc) if pr + rc else 0.0


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def extract(path, url):
    r = subprocess.run(["cargo", "run", "-q", "--release", "-p", "warta-article", "--example",
                        "extract_file", "--", path, url], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        return {"error": r.stderr.strip()[-300:]}
    return json.loads(r.stdout)


def check(pages, gold_by_url, label, full, verbose):
    found = total = 0
    extra = []
    m = collections.Counter()
    for path, url in pages:
        g = gold_by_url[url]
        a = extract(path, url)
        pred = [x["name"] for x in a.get("authors") or []]
        hits = [x for x in g["authors"] if any(same_person(p, x) for p in pred)]
        found += len(hits)
        total += len(g["authors"])
        unmatched = [p for p in pred if not any(same_person(p, x) for x in g["authors"])]
        extra += unmatched
        miss = [x for x in g["authors"] if x not in hits]
        if full:
            m["n"] += 1
            m["title"] += fold(a.get("title")) == fold(g.get("title"))
            m["date"] += (a.get("published") or "")[:10] == g.get("published")
            m["body"] += bag_f1(a.get("text"), g.get("text", ""))
        if verbose or miss or unmatched or "error" in a:
            print(f"{label} {os.path.basename(path)}: gold={g['authors']} got="
                  f"{[(x['name'], x['role']) for x in a.get('authors') or []]}"
                  + (f" MISS={miss}" if miss else "") + (f" EXTRA={unmatched}" if unmatched else "")
                  + (f" ERROR={a['error']}" if "error" in a else ""))
    print(f"{label}: author recall {found}/{total} = {found / max(1, total):.3f}; "
          f"predicted names matching no gold author: {len(extra)}")
    if full and m["n"]:
        print(f"{label}: title {m['title'] / m['n']:.3f} date {m['date'] / m['n']:.3f} "
              f"body_f1 {m['body'] / m['n']:.3f}")
    return found, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo-only", action="store_true")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    gold = {g["url"]: g["article"] for g in load(os.path.join(DEMO, "gold.jsonl"))}
    pages = [(os.path.join(DEMO, p["file"]), p["url"]) for p in load(os.path.join(DEMO, "pages.jsonl"))]
    check(pages, gold, "demo", True, args.v)
    if not args.demo_only and os.path.isdir(DEV):
        gold = {g["url"]: g["article"] for g in load(os.path.join(DEV, "gold.jsonl"))}
        pages = [(os.path.join(DEV, p["file"]), p["url"]) for p in load(os.path.join(DEV, "manifest.jsonl"))]
        check(pages, gold, "dev", True, args.v)


if __name__ == "__main__":
    sys.exit(main())
