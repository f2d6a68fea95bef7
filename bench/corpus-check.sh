#!/usr/bin/env bash
# Every gazetteer text function over every text of a JSON Lines corpus (gzip or plain), no panic:
#   bench/corpus-check.sh CORPUS.jsonl[.gz]
set -euo pipefail
corpus=${1:?usage: bench/corpus-check.sh CORPUS.jsonl[.gz]}
cd "$(dirname "$0")/.."
cargo build --release --quiet -p warta-gazetteer --example corpus_check
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/examples/corpus_check
case "$corpus" in
    *.gz) gzip -dc "$corpus" | "$bin" ;;
    *) "$bin" < "$corpus" ;;
esac
