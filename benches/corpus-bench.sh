# Sourced by the benchmark scripts that build generated corpora (benches/council.sh,
# benches/woo.sh): the size and runs from the command line and environment, the release
# binaries (GRIFFIE and GEN_CORPUS, or those in $CARGO_TARGET_DIR, default target/), a work
# folder removed on exit, and `median` of numbers on stdin.
size="${1:-10000}"
runs="${RUNS:-3}"
seed="${SEED:-42}"
target="${CARGO_TARGET_DIR:-target}"
griffie="${GRIFFIE:-$target/release/griffie}"
gen="${GEN_CORPUS:-$target/release/gen-corpus}"
here="$(cd "$(dirname "$0")/.." && pwd)"
for tool in "$griffie" "$gen" /usr/bin/time; do
  [ -x "$tool" ] || { echo "missing $tool (cargo build --release -p griffie -p griffie-synth; apt-get install time)" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
