#!/usr/bin/env bash
# Recognition speed of the gazetteer crate (release build): load time, automaton MB/s, and
# full recognise() MB/s per paragraph and per whole article. Runs well under a minute.
#   bench/recognise.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/targets/gazetteer}
cargo build --release --quiet -p warta-gazetteer --example throughput
"$CARGO_TARGET_DIR/release/examples/throughput"
