#!/usr/bin/env bash
# Score a release build on the project's own gold (fixtures/demo: 40 pages, eight templates):
#   scripts/eval-fixtures.sh [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin warta
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
w="$PWD/target/release/warta"
"$w" -q --data-dir "$d" import fixtures/demo/demo.warc.gz >/dev/null
"$w" -q --data-dir "$d" extract >/dev/null
"$w" --data-dir "$d" eval --gold fixtures/demo/gold.jsonl "$@"
