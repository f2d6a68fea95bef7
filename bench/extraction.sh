#!/usr/bin/env bash
# Article-extraction benchmark: warta vs trafilatura on the same pages, in one run.
#   bench/extraction.sh SHARED_DIR
# SHARED_DIR holds bench/scrapinghub-aeb, bench/id-news-html and eval/score_extraction.py.
# Both extractors run in-process over all pages of a set (trafilatura through its Python API,
# warta through the release build of the article example's --dir mode), pinned to one core
# with taskset -c 0; pages/s counts extraction time only. Scores come from the shared scorer.
set -euo pipefail
shared=$(cd "${1:?usage: bench/extraction.sh SHARED_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
scorer="$shared/eval/score_extraction.py"
[ -f "$scorer" ] || { echo "no $scorer" >&2; exit 1; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
pin=(taskset -c 0)
command -v taskset >/dev/null || { echo "taskset missing: timing on all cores" >&2; pin=(); }

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# lxml >= 5.2 moved html.clean out (justext, used by trafilatura, imports it): pin both.
if ! "$venv/bin/python" -c 'import trafilatura, sys; sys.exit(trafilatura.__version__ != "2.3.1")' 2>/dev/null; then
  "$venv/bin/pip" install -q 'trafilatura==2.3.1' 'lxml_html_clean==0.4.6'
fi

(cd "$repo" && cargo build -q --release -p warta-article --example extract_file)
warta="$CARGO_TARGET_DIR/release/examples/extract_file"

out="$here/out/extraction"; rm -rf "$out"; mkdir -p "$out"
rows=()
for set in scrapinghub-aeb id-news-html; do
  b="$shared/bench/$set"
  [ -d "$b" ] || { echo "skip $set: no $b" >&2; continue; }
  "${pin[@]}" "$venv/bin/python" "$here/trafilatura_run.py" "$b" "$out/$set/trafilatura" > "$out/$set.trafilatura.time.json"
  "${pin[@]}" "$warta" --dir "$b/html" "$out/$set.warta.json" --pred-dir "$out/$set/warta" --gt "$b/ground-truth.json" > "$out/$set.warta.time.json"
  for x in trafilatura warta; do
    python3 "$scorer" "$b" --pred-dir "$out/$set/$x" --name "$set/$x" --json "$out/$set.$x.score.json" \
      --per-doc "$out/$set.$x.per-doc.tsv" > "$out/$set.$x.score.txt"
    rows+=("$set $x")
  done
done

python3 - "$out" "${rows[@]}" <<'PY'
import json, sys
out, rows = sys.argv[1], sys.argv[2:]
print(f"{'set':<18} {'extractor':<12} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9} {'pages/cpu-s':>12}")
for row in rows:
    s, x = row.split()
    sc = json.load(open(f"{out}/{s}.{x}.score.json"))
    t = json.load(open(f"{out}/{s}.{x}.time.json"))
    print(f"{s:<18} {x:<12} {sc['docs']:>5} {sc['precision']:>6.3f} {sc['recall']:>6.3f} {sc['f1']:>6.3f} {t['docs_per_second']:>9.1f} {t.get('docs_per_cpu_second', 0):>12.1f}")
by_set = {}
for row in rows:
    s, x = row.split()
    by_set.setdefault(s, {})[x] = json.load(open(f"{out}/{s}.{x}.time.json"))
for s, t in by_set.items():
    if "warta" in t and "trafilatura" in t:
        w, tr = t["warta"], t["trafilatura"]
        wall = w["docs_per_second"] / tr["docs_per_second"] if tr["docs_per_second"] else 0
        cpu = (w.get("docs_per_cpu_second", 0) / tr["docs_per_cpu_second"]
               if tr.get("docs_per_cpu_second") else 0)
        print(f"{s}: warta is {wall:.1f}x trafilatura per wall second, {cpu:.1f}x per CPU second")
PY
echo "details: $out (per-doc TSVs, predictions)" >&2
