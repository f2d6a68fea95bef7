#!/usr/bin/env bash
# Real text through every text function and through the whole pipeline, with no panic:
#   bench/corpus-check.sh CORPUS.jsonl[.gz]
# 1. every gazetteer text function (fold, matches, recognise, candidates) over every text;
# 2. every text as a news page in a WARC (bench/corpus_to_warc.py), then the real binary:
#    import, extract, index, a search, export of events and articles, `warta check` — no page
#    may fail in the extractor, and every evidence span must quote its source's text.
# The event count and types it prints are a precision check: read a sample of the events.
set -euo pipefail
corpus=${1:?usage: bench/corpus-check.sh CORPUS.jsonl[.gz]}
corpus=$(realpath "$corpus")
cd "$(dirname "$0")/.."
cargo build --release --quiet -p warta-gazetteer --example corpus_check
cargo build --release --quiet --bin warta
target=${CARGO_TARGET_DIR:-$PWD/target}
case "$corpus" in
    *.gz) gzip -dc "$corpus" | "$target/release/examples/corpus_check" ;;
    *) "$target/release/examples/corpus_check" < "$corpus" ;;
esac

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
warta() { "$target/release/warta" --data-dir "$work/data" "$@"; }
python3 bench/corpus_to_warc.py "$corpus" "$work/corpus.warc.gz"
warta -q import "$work/corpus.warc.gz"
warta extract
warta -q index
warta search --events buruh --limit 3 > /dev/null
warta -q export --out "$work/events.jsonl"
warta -q export --what articles --out "$work/articles.jsonl"
warta check | tee "$work/check.txt"
grep -q '; 0 pages failed in the extractor' "$work/check.txt" || {
    echo "corpus-check: pages failed in the extractor (see above)" >&2; exit 1; }
python3 bench/check_spans.py "$work/events.jsonl" "$work/articles.jsonl"
