#!/usr/bin/env bash
# Recognition speed of the gazetteer crate side by side with spaCy's PhraseMatcher, given the
# same aliases and the same texts, both pinned to one core (taskset -c 0). Prints one table.
#   bench/recognise.sh
# Creates bench/.venv-spacy (spaCy, blank "id" pipeline: no model download) on first run and
# writes its inputs to bench/out/. Runs in well under a minute once the venv exists.
# Both sides report the best of BENCH_ROUNDS rounds (default 3) in process CPU time
# (CLOCK_PROCESS_CPUTIME_ID) and wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
SPACY_VERSION=${SPACY_VERSION:-3.8.18}
export BENCH_ROUNDS=${BENCH_ROUNDS:-3}
VENV=bench/.venv-spacy
OUT=bench/out
mkdir -p "$OUT"

# --- spaCy venv -------------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    if ! python3 -m venv "$VENV" 2>/dev/null; then
        echo "python3 venv module missing: installing python3-venv" >&2
        SUDO=""
        [ "$(id -u)" -ne 0 ] && SUDO=sudo
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-venv >&2
        rm -rf "$VENV"
        python3 -m venv "$VENV"
    fi
fi
# keep the venv out of git whatever the repository's .gitignore says
[ -f "$VENV/.gitignore" ] || echo '*' > "$VENV/.gitignore"
if ! "$VENV/bin/python" -c 'import spacy' 2>/dev/null; then
    "$VENV/bin/pip" install -q "spacy==$SPACY_VERSION" >&2
fi

# --- inputs -------------------------------------------------------------------------------
# Corpus: the repository's own fixture article texts (demo sources without their header
# block, the gazetteer's test articles), concatenated until about 2 MB; documents are
# separated by form feeds.
python3 - "$OUT/recognise-corpus.txt" <<'EOF'
import glob, json, sys
docs = []
for p in sorted(glob.glob("fixtures/demo/src/*.txt")):
    t = open(p, encoding="utf-8").read()
    docs.append(t.split("\n---\n", 1)[1] if "\n---\n" in t else t)
for p in sorted(glob.glob("crates/gazetteer/tests/data/*.jsonl")):
    for line in open(p, encoding="utf-8"):
        try:
            docs.append(json.loads(line)["text"])
        except (ValueError, KeyError):
            pass
docs = [d.strip() for d in docs if d.strip()]
out, n = [], 0
while n < 2_000_000:
    for d in docs:
        out.append(d)
        n += len(d.encode("utf-8"))
open(sys.argv[1], "w", encoding="utf-8").write("\x0c".join(out))
EOF
cargo build --release --quiet -p warta-gazetteer --example bench_match
BIN="$CARGO_TARGET_DIR/release/examples/bench_match"
"$BIN" --export-aliases "$OUT/recognise-aliases.txt" > "$OUT/recognise-export.tsv"

# --- measurements -------------------------------------------------------------------------
taskset -c 0 "$BIN" --corpus "$OUT/recognise-corpus.txt" > "$OUT/recognise-warta.tsv"
taskset -c 0 "$VENV/bin/python" bench/spacy_match.py \
    "$OUT/recognise-aliases.txt" "$OUT/recognise-corpus.txt" > "$OUT/recognise-spacy.tsv"

# --- table --------------------------------------------------------------------------------
python3 - "$OUT" "$("$VENV/bin/python" -c 'import spacy; print(spacy.__version__)')" "$BENCH_ROUNDS" <<'EOF'
import sys
out, spacy_version, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {}
for name in ("recognise-export.tsv", "recognise-warta.tsv", "recognise-spacy.tsv"):
    for line in open(f"{out}/{name}", encoding="utf-8"):
        label, nbytes, cpu, wall, count = line.rstrip("\n").split("\t")
        rows.setdefault(label, (int(nbytes), float(cpu), float(wall), int(count)))
exported = rows["exported"][3]
aliases = rows["load"][3]
print(f"gazetteer: {rows['load'][0]} entries, {aliases} aliases ({exported} distinct strings "
      f"given to both); warta load {rows['load'][1]*1000:.0f} ms, spaCy PhraseMatcher build "
      f"{rows['spacy-load'][1]*1000:.0f} ms CPU (spaCy {spacy_version})")
mb = rows["warta-match"][0] / 1e6
load = open("/proc/loadavg").read().split()[0] if __import__("os").path.exists("/proc/loadavg") else "?"
print(f"corpus: {mb:.2f} MB of fixture article text; one core (taskset -c 0); both sides best of "
      f"{rounds} rounds, MB/s per core from process CPU time; load average {load} (shared "
      f"machine: compare within a run)")
print()
fmt = "{:<4} {:<58} {:>10} {:>10} {:>9}"
print(fmt.format("", "what is timed", "MB/s CPU", "MB/s wall", "matches"))
def line(key, tag, text, count=None):
    nbytes, cpu, wall, n = rows[key]
    print(fmt.format(tag, text, f"{nbytes/1e6/cpu:.1f}", f"{nbytes/1e6/wall:.1f}",
                     n if count is None else count))
line("warta-match", "(a)", "warta: matches() = folding + automaton + boundary/case")
line("warta-fold", "", "warta: fold() alone (full copy + offset map; not in (a))")
line("warta-recognise", "(b)", "warta: full recognise() (entities, not matches)",
     f"{rows['warta-recognise'][3]}e")
line("spacy-tokenise+match", "(c)", "spaCy: make_doc + PhraseMatcher(attr=LOWER)")
line("spacy-match", "(c')", "spaCy: PhraseMatcher only, texts tokenised beforehand")
line("spacy-tokenise", "", "spaCy: make_doc (tokeniser) only", f"{rows['spacy-tokenise'][3]}t")
a = rows["warta-match"][1]
print()
print(f"(a) vs (c):  {rows['spacy-tokenise+match'][1]/a:.1f}x faster (CPU time)")
print(f"(a) vs (c'): {rows['spacy-match'][1]/a:.1f}x faster (CPU time)")
print(f"match counts: warta {rows['warta-match'][3]} (leftmost-longest, word boundaries, case "
      f"rules for acronyms and names); spaCy {rows['spacy-match'][3]} raw (all overlapping "
      f"phrases, lower case only), {rows['spacy-longest-matches'][3]} after keeping the longest "
      f"non-overlapping (spacy.util.filter_spans)")
print(f"(b) found {rows['warta-recognise'][3]} entities with "
      f"{rows['warta-recognise-mentions'][3]} mentions; e = entities, t = tokens")
EOF
