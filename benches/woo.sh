#!/usr/bin/env bash
# What the Woo exports cost a build: one generated corpus built with its `woo:` section (DiWoo
# sitemaps, the static ORI API: a list and a file per object) and without it (no publisher: none
# of those files), cold (nothing cached, no git), alternating, RUNS times each. Prints the median
# wall time, peak resident memory (GNU time) and the number of files each build wrote.
#
#   benches/woo.sh [SIZE]              default: 10000
#   RUNS=3 benches/woo.sh 10000
#
# Builds with --no-pdf: the exports list PDFs but do not make them, so the PDFs would only add
# the same seconds to both. Binaries as in benches/council.sh (GRIFFIE, GEN_CORPUS, or release
# builds in $CARGO_TARGET_DIR). Nothing here asserts a time: it prints a table for people to read.
set -euo pipefail
# shellcheck source=benches/corpus-bench.sh
. "$(dirname "$0")/corpus-bench.sh"

"$gen" --docs "$size" --seed "$seed" --templates "$here/templates" --out "$work/woo" >"$work/gen.log"
head -1 "$work/gen.log"
cp -r "$work/woo" "$work/plain"
# The same corpus without `woo:` (the section ends at the next top-level key).
awk '/^woo:/ {skip = 1; next} skip && /^[^ ]/ {skip = 0} !skip' "$work/woo/griffie.yaml" >"$work/plain/griffie.yaml"

run() { # dir → "seconds peak-KB files"
  rm -rf "$1/output" "$1/.griffie-cache"
  local measured
  measured="$(cd "$1" && /usr/bin/time -f "%e %M" "$griffie" build --quiet --no-pdf 2>&1 >/dev/null | tail -1)"
  echo "$measured $(find "$1/output" -type f | wc -l)"
}

declare -A times=() memory=() files=()
for ((i = 0; i < runs; i++)); do
  for corpus in plain woo; do
    read -r secs kb count < <(run "$work/$corpus")
    times[$corpus]+="$secs "
    memory[$corpus]+="$((kb / 1024)) "
    files[$corpus]="$count"
  done
done
printf '%-8s %10s %10s %10s\n' corpus "median s" "peak MB" files
for corpus in plain woo; do
  printf '%-8s %10s %10s %10s\n' "$corpus" \
    "$(tr ' ' '\n' <<<"${times[$corpus]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${memory[$corpus]}" | grep . | sort -n | tail -1)" \
    "${files[$corpus]}"
done
