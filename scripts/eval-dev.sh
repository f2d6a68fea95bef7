#!/usr/bin/env bash
# Score a release build on the shared development gold set (pages in five site templates):
#   scripts/eval-dev.sh SHARED_DIR   (the read-only shared folder beside the checkout)
set -euo pipefail
shared=${1:?usage: scripts/eval-dev.sh SHARED_DIR (the folder holding eval/run-dev.sh)}
shift
shared=$(cd "$shared" && pwd)
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin warta
"$shared/eval/run-dev.sh" "$PWD/target/release/warta" "$@"
