#!/usr/bin/env bash
# What the council data costs: the same generated corpus with and without meetings, parties
# and votes per party (gen-corpus --no-council), each built cold (nothing cached, no git),
# alternating, RUNS times each; prints the median wall time and peak resident memory (GNU time).
#
#   benches/council.sh [SIZE]              default: 10000
#   RUNS=3 PDF=1 benches/council.sh 10000  PDF=1 builds with PDFs too (the default build)
#
# The corpus with council data holds the same documents plus one meeting per council Thursday
# that has motions or amendments, and their votes per party instead of counts. The griffie and
# gen-corpus binaries are release builds in $CARGO_TARGET_DIR (default target/), unless GRIFFIE
# and GEN_CORPUS name others. Nothing here asserts a time: it prints a table for people to read.
set -euo pipefail
# shellcheck source=benches/corpus-bench.sh
. "$(dirname "$0")/corpus-bench.sh"

# (Whole output to a file: gen-corpus must not meet a closed pipe.)
"$gen" --docs "$size" --seed "$seed" --templates "$here/templates" --out "$work/with" >"$work/gen.log"
head -1 "$work/gen.log"
"$gen" --docs "$size" --seed "$seed" --templates "$here/templates" --out "$work/without" --no-council >"$work/gen.log"
head -1 "$work/gen.log"

modes=("--no-pdf")
[ "${PDF:-0}" = 1 ] && modes+=("")
# One cold build: seconds and peak MB on one line.
cold() { # dir, flags
  rm -rf "$1/output" "$1/.griffie-cache"
  (cd "$1" && /usr/bin/time -f "%e %M" "$griffie" build --quiet $2 2>&1 >/dev/null | tail -1)
}

printf '%-10s %-10s %10s %10s\n' build corpus "median s" "peak MB"
for mode in "${modes[@]}"; do
  declare -A times=() memory=()
  for ((i = 0; i < runs; i++)); do
    for corpus in without with; do
      read -r secs kb < <(cold "$work/$corpus" "$mode")
      times[$corpus]+="$secs "
      memory[$corpus]+="$((kb / 1024)) "
    done
  done
  for corpus in without with; do
    printf '%-10s %-10s %10s %10s\n' "${mode:-pdf}" "$corpus" \
      "$(tr ' ' '\n' <<<"${times[$corpus]}" | grep . | median)" \
      "$(tr ' ' '\n' <<<"${memory[$corpus]}" | grep . | sort -n | tail -1)"
  done
  unset times memory
done
