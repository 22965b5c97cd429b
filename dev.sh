#!/usr/bin/env bash
# scoreframe's one entry point for people and CI.
#   bash dev.sh run     set up, then export every score in scores/ to every format, into out/
#   bash dev.sh test    set up (the Debian programs too, when root), then lint, type-check, test
#   bash dev.sh bench   set up, then run the benchmarks in bench/
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
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[test,live,render]'
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

run_scores() {
    mkdir -p out
    local score stem
    for score in scores/*.py scores/*.score.xml; do
        [ -e "$score" ] || continue
        case "$score" in scores/make_*.py|scores/_*) continue ;; esac
        stem=$(basename "$score"); stem=${stem%.py}; stem=${stem%.score.xml}
        case "$score" in *.score.xml) [ -e "scores/$stem.py" ] && continue ;; esac
        "$VENV/bin/scoreframe" export "$score" --all out
    done
    echo "exported to out/:"; ls out
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
        setup_python
        for bench in bench/bench_*.py; do "$VENV/bin/python" "$bench" "${@:2}"; done ;;
    *)
        echo "usage: bash dev.sh run|test|bench" >&2
        exit 2 ;;
esac
