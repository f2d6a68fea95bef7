#!/usr/bin/env bash
# What a --province/--org/--type/--from filter adds to a whole `warta search` process:
#   bench/filter-cost.sh [RUNS]      (default 50)
# Builds the release binary, loads the bundled demo into a temporary data directory, then runs
# `warta search upah` RUNS times without and with each filter and prints p50/p95 wall time per
# process and the difference of the medians (goal: every filter under 5 ms). Also prints the
# resolver's own time per value (crates/export/examples/resolve_timing.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
cargo build --release --quiet --bin warta
cargo build --release --quiet -p warta-export --example resolve_timing
target=${CARGO_TARGET_DIR:-$PWD/target}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$target/release/warta" --data-dir "$data" -q demo > /dev/null
python3 - "$target/release/warta" "$data" "$runs" <<'PY'
import statistics, subprocess, sys, time
binary, data, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def timed(extra):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([binary, "--data-dir", data, "search", "upah", *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]
base = timed([])
print(f"{'filter':<45} {'p50 ms':>7} {'p95 ms':>7} {'+p50 ms':>8}")
print(f"{'(none)':<45} {base[0]:7.1f} {base[1]:7.1f} {0:8.1f}")
for f in (["--province", "sumsel"], ["--province", "33"], ["--province", "Palembang"],
          ["--org", "Disnaker"], ["--org", "KSPSI", "--with-members"], ["--type", "protest"],
          ["--from", "2025-01-01", "--to", "2025-06-30"],
          ["--province", "jateng", "--org", "kspsi", "--type", "assembly"]):
    p50, p95 = timed(f)
    print(f"{' '.join(f):<45} {p50:7.1f} {p95:7.1f} {p50 - base[0]:8.1f}")
PY
"$target/release/examples/resolve_timing"
