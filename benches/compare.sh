#!/usr/bin/env bash
# griffie and Hugo side by side on the same generated Markdown files: the scenarios of a
# council's daily work, each with wall time and peak resident memory (GNU time).
#
#   benches/compare.sh [SIZE ...]          default: 1000 10000
#   SEED=42 KEEP=1 benches/compare.sh 10000
#
# Per size, one corpus from gen-corpus (crates/griffie-synth) in a temporary folder, then:
#
#   griffie cold, PDFs         nothing cached, no git, PDFs and search (the default build)
#   griffie cold, --no-pdf     the same without PDFs (search index included)
#   hugo cold                  `hugo` on the same .md files (minimal single and list templates)
#   griffie warm, unchanged    everything cached, previous output present, nothing changed
#   griffie commit: body       the corpus as a git repository; a commit changes one document's
#                              body; caches and previous output present
#   griffie commit: title      the same with a commit that changes a title (shown on other pages)
#   hugo after the commit      Hugo's build of the changed files (Hugo has no incremental build)
#   griffie commit: body, the next commits
#                              two more such commits; the time of the second (steady state)
#   griffie CI                 a fresh clone with `.griffie-cache/` restored and no `output/`,
#                              after the body commit
#   griffie CI: cache and output
#                              what ci-recipes/ do: a fresh clone of the next commit with
#                              `.griffie-cache/` and the last run's `output/` restored: the
#                              `check` the recipes run first, then the `build`
#
# Hugo comes from Debian (`apt-get install hugo`, installed here when missing). The griffie
# binaries are release builds in $CARGO_TARGET_DIR (default target/), unless GRIFFIE and
# GEN_CORPUS name others. Corpora go to $TMPDIR.
# Nothing here asserts a time: it prints a table for people (and the README) to read.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
seed=${SEED:-42}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
target=${CARGO_TARGET_DIR:-$repo/target}

if ! command -v hugo > /dev/null; then
    apt-get update -qq > /dev/null && apt-get install -y -qq hugo > /dev/null
fi
if [ ! -x /usr/bin/time ]; then
    apt-get update -qq > /dev/null && apt-get install -y -qq time > /dev/null
fi
# GRIFFIE and GEN_CORPUS name other binaries (e.g. a debug build, to try this script quickly).
if [ -z "${GRIFFIE:-}" ]; then
    cargo build --release --quiet -p griffie --bin griffie
    cargo build --release --quiet -p griffie-synth --bin gen-corpus
fi
griffie=${GRIFFIE:-$target/release/griffie}
gen=${GEN_CORPUS:-$target/release/gen-corpus}

work=$(mktemp -d "${TMPDIR:-/tmp}/griffie-compare.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "corpora are kept in $work"; fi

# A fixed identity and dates for the commits, and no user configuration.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Griffie Bench" GIT_AUTHOR_EMAIL="bench@griffie.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
commit() { # folder, message, date
    git -C "$1" add -A
    GIT_AUTHOR_DATE="$3" GIT_COMMITTER_DATE="$3" git -C "$1" commit -q -m "$2"
}

# Runs a command in folder $1 under GNU time; prints "<wall s> <peak MiB>". Fails loudly.
measure() {
    local dir=$1
    shift
    local timing="$work/time.txt" log="$work/run.log"
    if ! (cd "$dir" && /usr/bin/time -v -o "$timing" "$@") > "$log" 2>&1; then
        echo "failed in $dir: $*" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
        /Maximum resident set size/ { peak = $2 / 1024 }
        END { printf "%.2f %.0f\n", wall, peak }' "$timing"
}

row() { # size, scenario, wall, peak, hugo wall for the ratio (or -)
    local ratio="-"
    if [ "$5" != "-" ]; then ratio=$(awk -v a="$3" -v b="$5" 'BEGIN { printf "%.2f×", (b > 0 ? a / b : 0) }'); fi
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$ratio"
}

# A Hugo site over the corpus's Markdown files: the same folders, minimal templates.
hugo_site() { # corpus, hugo folder
    mkdir -p "$2/layouts/_default" "$2/content"
    (cd "$1/content" && find . -name '*.md' -print0 | tar --null -cf - -T -) | tar -xf - -C "$2/content"
    cat > "$2/hugo.toml" << 'TOML'
baseURL = "https://raad.example.invalid/"
languageCode = "nl"
title = "Raadsinformatie"
TOML
    cat > "$2/layouts/_default/single.html" << 'HTML'
<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>{{ .Content }}</main></body></html>
HTML
    cat > "$2/layouts/_default/list.html" << 'HTML'
<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}</main></body></html>
HTML
}

echo "griffie $("$griffie" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(uname -sr)"
echo
echo "| documents | build | wall s | peak MiB | vs Hugo cold |"
echo "|---|---|---|---|---|"
for size in "${sizes[@]}"; do
    corpus="$work/corpus-$size"
    "$gen" --docs "$size" --seed "$seed" --out "$corpus" --templates "$repo/templates" > /dev/null
    hugo_dir="$work/hugo-$size"
    hugo_site "$corpus" "$hugo_dir"
    sync

    read -r hugo_wall hugo_peak < <(measure "$hugo_dir" hugo --quiet --destination "$work/hugo-out-$size")
    read -r wall peak < <(measure "$corpus" "$griffie" build --quiet --no-pdf)
    row "$size" "griffie cold, --no-pdf" "$wall" "$peak" "$hugo_wall"
    row "$size" "hugo cold" "$hugo_wall" "$hugo_peak" "$hugo_wall"
    rm -rf "$corpus/output" "$corpus/.griffie-cache"
    read -r wall peak < <(measure "$corpus" "$griffie" build --quiet)
    row "$size" "griffie cold, PDFs" "$wall" "$peak" "$hugo_wall"
    read -r wall peak < <(measure "$corpus" "$griffie" build --quiet)
    row "$size" "griffie warm, unchanged" "$wall" "$peak" "$hugo_wall"

    # The corpus as a repository: one commit of everything, built once (caches and output).
    printf '/output/\n/.output.*/\n/.griffie-cache/\n' > "$corpus/.gitignore"
    git -C "$corpus" -c init.defaultBranch=main init -q
    commit "$corpus" "Archief" "2026-01-05T10:00:00+01:00"
    measure "$corpus" "$griffie" build --quiet > /dev/null
    # A document whose title is plain (unquoted) YAML, so the title edit below stays valid.
    doc=$(cd "$corpus" && grep -rlE --include='*.md' '^title: [A-Za-z]' content | sort | sed -n '2p')
    printf '\nEen zin die er bij deze correctie bij komt.\n' >> "$corpus/$doc"
    commit "$corpus" "Correctie" "2026-01-06T10:00:00+01:00"
    read -r wall peak < <(measure "$corpus" "$griffie" build --quiet)
    row "$size" "griffie commit: body" "$wall" "$peak" "$hugo_wall"
    cp "$corpus/$doc" "$hugo_dir/content/${doc#content/}"
    read -r wall peak < <(measure "$hugo_dir" hugo --quiet --destination "$work/hugo-out-$size")
    row "$size" "hugo after the commit" "$wall" "$peak" "$hugo_wall"
    # The daily case: commits follow each other. A build writes into the output of the build
    # before the previous one (output/ and its staging folder trade places), so the first
    # commit after the repository's first build still makes what that older folder lacked
    # (the version pages and PDFs); from the second commit on, only what the commit touched.
    for n in 1 2; do
        printf '\nNog een zin bij correctie %s.\n' "$n" >> "$corpus/$doc"
        commit "$corpus" "Correctie $n" "2026-01-06T1$n:00:00+01:00"
        read -r wall peak < <(measure "$corpus" "$griffie" build --quiet)
    done
    row "$size" "griffie commit: body, the next commits" "$wall" "$peak" "$hugo_wall"

    # CI: a fresh clone of that commit with the cache restored and no output.
    git clone -q "$corpus" "$work/clone-$size"
    cp -a "$corpus/.griffie-cache" "$work/clone-$size/"
    read -r wall peak < <(measure "$work/clone-$size" "$griffie" build --quiet)
    row "$size" "griffie CI: clone, cache, no output" "$wall" "$peak" "$hugo_wall"
    # CI as the recipes run it now: the cache and the last run's site restored (that run is the
    # one above), a fresh clone of the next commit.
    cp -a "$work/clone-$size/.griffie-cache" "$work/clone-$size/output" "$work/"
    rm -rf "$work/clone-$size"
    printf '\nEen zin voor de volgende CI-run.\n' >> "$corpus/$doc"
    commit "$corpus" "Correctie voor CI" "2026-01-06T15:00:00+01:00"
    git clone -q "$corpus" "$work/clone-$size"
    mv "$work/.griffie-cache" "$work/output" "$work/clone-$size/"
    read -r wall peak < <(measure "$work/clone-$size" "$griffie" check --quiet)
    row "$size" "griffie CI: check, cache and output" "$wall" "$peak" "$hugo_wall"
    read -r wall peak < <(measure "$work/clone-$size" "$griffie" build --quiet)
    row "$size" "griffie CI: clone, cache and output" "$wall" "$peak" "$hugo_wall"
    rm -rf "$work/clone-$size"

    sed -i '0,/^title: /s/^title: \(.*\)$/title: \1 (herzien)/' "$corpus/$doc"
    commit "$corpus" "Titel" "2026-01-07T10:00:00+01:00"
    read -r wall peak < <(measure "$corpus" "$griffie" build --quiet)
    row "$size" "griffie commit: title" "$wall" "$peak" "$hugo_wall"
    if [ -z "${KEEP:-}" ]; then rm -rf "$corpus" "$hugo_dir" "$work/hugo-out-$size"; fi
done
