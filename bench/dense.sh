#!/usr/bin/env bash
# Recognition on entity-dense pages of growing size (one core), to check that time stays linear:
#   bench/dense.sh [MB ...]      (default: 0.25 1 4 19)
# Prints bytes, seconds, MB/s, entities and peak RSS (kB) per size; compare MB/s across sizes
# (goal: the largest within 2x of the smallest) and with bench/recognise.sh on normal articles.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p warta-gazetteer --example dense
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/examples/dense
printf 'bytes\tseconds\tMB/s\tentities\tpeak_rss_kB\n'
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(0.25 1 4 19)
for mb in "${sizes[@]}"; do
    # one process per size, so each peak RSS is its own
    taskset -c 0 "$bin" "$mb"
done
