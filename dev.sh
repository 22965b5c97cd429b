#!/usr/bin/env bash
# scoreframe's one entry point for people and CI.
#   bash dev.sh run     set up, then export every score in scores/ to every format, into out/
#   bash dev.sh test    set up (the Debian programs too, when root), then lint, type-check, test
#   bash dev.sh bench   set up, then run the benchmarks in bench/
#   bash dev.sh gallery set up, then remake docs/gallery/ and docs/gallery.md from scores/
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=${VENV:-.venv}
# Debian programs the tests drive: Csound, FluidSynth with a GM soundfont, TiMidity,
# MuseScore 3 (headless import checks), JACK (live playback).
DEBIAN_PACKAGES="csound fluidsynth fluid-soundfont-gm timidity musescore3 jackd2 libsndfile1 libcairo2"

setup_python() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test,live,render${1:+,$1}]"
}

setup_system() {
    local missing=""
    for pkg in $DEBIAN_PACKAGES; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian packages:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "not root: the tests that need$missing will skip (CI installs them)" >&2
    fi
}

example_scores() {
    # The example scores: each .py, and each .score.xml that has no .py twin.
    local score stem
    for score in scores/*.py scores/*.score.xml; do
        [ -e "$score" ] || continue
        case "$score" in scores/make_*.py|scores/_*) continue ;; esac
        stem=$(basename "$score"); stem=${stem%.py}; stem=${stem%.score.xml}
        case "$score" in *.score.xml) [ -e "scores/$stem.py" ] && continue ;; esac
        echo "$score"
    done
}

run_scores() {
    mkdir -p out
    local score
    for score in $(example_scores); do
        "$VENV/bin/scoreframe" export "$score" --all out
    done
    echo "exported to out/:"; ls out
}

# Contour panels of each example's piano roll (every example has a velocity contour).
roll_contours() {
    case "$1" in
        accelerando) echo "--contour velocity --contour control:11 --contour pitch_bend" ;;
        *) echo "--contour velocity" ;;
    esac
}

pages() {
    # An image and the pages after it (NAME-2.EXT, NAME-3.EXT...), in page order.
    local base=${1%.*} ext=${1##*.}
    echo "$1"
    find "$(dirname "$1")" -maxdepth 1 -name "$(basename "$base")-[0-9]*.$ext" | sort -V
}

gallery() {
    # Remade from a clean checkout: the folder is emptied first; images are deterministic.
    local out=docs/gallery page=docs/gallery.md score stem first command file
    rm -rf "$out"; mkdir -p "$out"
    {
        echo "# Gallery"
        echo
        echo "Each example score in \`scores/\`: its notation engraved by verovio (from our MusicXML),"
        echo "the same MusicXML engraved by MuseScore 3, and its piano roll. Remade by"
        echo "\`bash dev.sh gallery\`; each image's command is under it."
    } >"$page"
    for score in $(example_scores); do
        stem=$(basename "$score"); stem=${stem%.py}; stem=${stem%.score.xml}
        printf '\n## %s\n' "$stem" >>"$page"
        for first in "$out/$stem.svg" "$out/$stem-musescore.png" "$out/$stem-roll.png"; do
            case "$first" in
                *.svg) command="render $score -o $first" ;;
                *-musescore.png) command="render $score -o $first --engine musescore -O resolution=80" ;;
                *) command="plot $score -o $first $(roll_contours "$stem")" ;;
            esac
            # shellcheck disable=SC2086  # the command's words
            "$VENV/bin/scoreframe" $command >/dev/null
            printf '\n```\nscoreframe %s\n```\n\n' "$command" >>"$page"
            for file in $(pages "$first"); do
                printf '![%s](gallery/%s)\n' "$(basename "$file")" "$(basename "$file")" >>"$page"
            done
        done
    done
    echo "made $out/ and $page:"; ls "$out"
}

case "${1:-}" in
    run)
        setup_python
        run_scores ;;
    test)
        setup_system
        setup_python
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/ruff" check .
        "$VENV/bin/mypy" src
        "$VENV/bin/python" -m pytest "${@:2}" ;;
    bench)
        setup_python bench   # pretty_midi and symusic: benchmark contenders only
        for bench in bench/bench_*.py; do "$VENV/bin/python" "$bench" "${@:2}"; done ;;
    gallery)
        setup_system
        setup_python
        SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0} gallery ;;
    *)
        echo "usage: bash dev.sh run|test|bench|gallery" >&2
        exit 2 ;;
esac
