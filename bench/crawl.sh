#!/usr/bin/env bash
# Crawler benchmark: builds the crawl_bench example in release and crawls a synthetic news web
# served on loopback addresses (127.0.0.11.., one per site) with no delay between requests.
#
#   bench/crawl.sh [PAGES] [FRONTIER] [CAP]
#
# Run 1 crawls a web of PAGES articles (default 20000) completely.
# Runs 2 and 3 stop after CAP pages (default 5000): run 2 on the same web of PAGES articles,
# run 3 on a web whose sitemaps list FRONTIER articles (default 200000). Same work, a frontier
# ten times larger: the difference in peak memory is what the frontier costs.
# The data directory is a temporary directory under $TMPDIR (default /tmp): on a disk every
# archived response costs an fdatasync; TMPDIR=/dev/shm shows the crawler without that cost.
# Output: one markdown table on stdout; the JSON line of every run in bench/out/crawl.jsonl
# (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-20000}
FRONTIER=${2:-200000}
CAP=${3:-5000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release -q -p warta-fetch --example crawl_bench
BIN="$CARGO_TARGET_DIR/release/examples/crawl_bench"
mkdir -p bench/out
JSONL=bench/out/crawl.jsonl
: > "$JSONL"
first=1
run() {
  local out
  out=$("$BIN" "$@")
  if [ "$first" = 1 ]; then
    grep '^|' <<<"$out" | sed -n '1,2p'
    first=0
  fi
  grep '^|' <<<"$out" | sed -n '3p'
  sed -n 's/^JSON //p' <<<"$out" >> "$JSONL"
}
run --pages "$PAGES" --label "full crawl"
run --pages "$PAGES" --max-pages "$CAP" --label "capped at $CAP"
run --pages "$FRONTIER" --max-pages "$CAP" --label "capped at $CAP"
echo
echo "JSON lines: $JSONL"
