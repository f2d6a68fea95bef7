#!/usr/bin/env bash
# Seeds fuzz/corpus/extract_page with the project's own fixture pages (prefixed with a
# Content-Type selector byte), then runs the fuzzer for SECONDS (default 300).
#   fuzz/seed-corpus.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus/extract_page
mkdir -p "$corpus"
for f in ../fixtures/demo/pages/*.html ../fixtures/article/*.html; do
  [ -f "$f" ] || continue
  { printf '\001'; cat "$f"; } > "$corpus/$(basename "$f").seed"
done
cargo +nightly fuzz run extract_page "$corpus" -- -max_total_time="${1:-300}" -max_len=262144
