#!/usr/bin/env bash
# Whole-pipeline throughput next to the segmentation floor, start-up time and peak
# memory, on ../shared/corpus/news (converted to JSONL here). Numbers go to stdout as a
# table; docs/performance.md explains them.
#
# Usage: scripts/bench.sh            (set CORPUS=DIR to use another corpus)
#        MEMORY=1 scripts/bench.sh   (also the 10x input for flat memory)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus/news}
WORK=${WORK:-target/bench}
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }
mkdir -p "$WORK"
cargo build --release --quiet --bin baokan --example segment_floor
BIN=target/release/baokan
FLOOR=target/release/examples/segment_floor
[ -f "$WORK/news.jsonl" ] || python3 scripts/corpus_to_jsonl.py "$CORPUS" "$WORK/news.jsonl"
BYTES=$(stat -c %s "$WORK/news.jsonl")
DOCS=$(wc -l < "$WORK/news.jsonl")

measure() { # label, command...: prints "label seconds peak_MiB"
  local label=$1; shift
  local t
  # /usr/bin/time writes after the command's own stderr: keep only its tagged line.
  t=$( ( /usr/bin/time -f "TIME %e %M" "$@" >/dev/null ) 2>&1 | grep '^TIME' | tail -n 1)
  set -- $t
  echo "$label $2 $(( $3 / 1024 ))"
}

printf "%-22s %8s %8s %10s %9s\n" run seconds MB/s articles/s peak_MiB
row() { # label seconds peak
  awk -v l="$1" -v s="$2" -v m="$3" -v b="$BYTES" -v d="$DOCS" \
    'BEGIN { printf "%-22s %8.2f %8.2f %10.0f %9d\n", l, s, b/1e6/s, d/s, m }'
}
declare -A SECS
for jobs in 1 2; do
  read -r _ s m < <(measure floor "$FLOOR" "$WORK/news.jsonl" "$jobs")
  row "segment-only jobs=$jobs" "$s" "$m"; SECS[floor$jobs]=$s
  read -r _ s m < <(measure run "$BIN" run -q --jobs "$jobs" -o "$WORK/out.jsonl" "$WORK/news.jsonl")
  row "baokan jobs=$jobs" "$s" "$m"; SECS[run$jobs]=$s
done
awk -v r1="${SECS[run1]}" -v f1="${SECS[floor1]}" -v r2="${SECS[run2]}" 'BEGIN {
  printf "pipeline/segmentation throughput, jobs=1: %.2f (target >= 0.75)\n", f1/r1;
  printf "jobs=2 / jobs=1 speed-up:                 %.2f (target >= 1.8)\n", r1/r2 }'

echo '{"text": "浙江"}' > "$WORK/one.jsonl"
best=999
for _ in 1 2 3 4 5; do
  read -r _ s _ < <(measure startup "$BIN" run -q --jobs 1 -o "$WORK/one.out.jsonl" "$WORK/one.jsonl")
  best=$(awk -v a="$s" -v b="$best" 'BEGIN { print (a < b) ? a : b }')
done
echo "start-up (rules, gazetteer, dictionary, one tiny document): ${best} s (target <= 0.150)"

if [ "${MEMORY:-0}" = 1 ]; then
  [ -f "$WORK/news10.jsonl" ] || python3 scripts/corpus_to_jsonl.py "$CORPUS" "$WORK/news10.jsonl" 10
  read -r _ s m < <(measure run10 "$BIN" run -q --jobs 2 -o "$WORK/out10.jsonl" "$WORK/news10.jsonl")
  echo "peak memory, 10x input (jobs=2): ${m} MiB in ${s} s"
fi
