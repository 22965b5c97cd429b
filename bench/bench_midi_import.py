"""MIDI import speed: scoreframe reading a file into a Score, against mido's bare parse (which
builds no score), pretty_midi, music21 (``converter.parse``) and symusic (C++, the anchor),
same file, same run; and scoreframe's bare reader (``sf.midi.read``) against mido's parse.

The file is the generated score (bench/generate.py) written once per N by our exporter (two
tracks, tempo changes, a CC 11 contour). Each measurement runs in its own process and times
from the file's bytes in memory to the library's result; the peak memory (max RSS) is the
contender's alone. Each library's modules are imported before the clock starts (scoreframe's
importer, lazily imported on first use, is imported first, as ``import mido`` is). music21 is
measured at the small size only (it takes minutes beyond). At the small size each contender
runs five times, each in a fresh process, in rounds (every contender once a round, so that a
machine that drifts weighs on all alike): the median is shown, and a ratio is the median of
the rounds' ratios. ``--lyrics`` puts a lyric event on every note of the first voice (the most
meta events a file has: the reader places each on its note), and a marker and a text event on
every bar.

    python bench/bench_midi_import.py [--sizes 10000 100000 1000000] [--lyrics] [--repeat-large 3]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import isolated  # noqa: E402

MUSIC21_UP_TO = 10_000
#: Up to this many notes each contender runs ``--repeat`` times (fresh processes), the median
#: kept: a run of 20 ms varies by a tenth from one to the next.
SMALL = 10_000
#: Set (by ``--lyrics``, inherited by each measuring process): the file with lyrics.
LYRICS = "SCOREFRAME_BENCH_LYRICS"


def midi_file(n: int) -> Path:
    """The generated file of ``n`` notes, kept in the temporary folder (made by
    :func:`make_file` in a process of its own, so that no contender's peak memory counts the
    score it was made from)."""
    kind = "lyrics-" if os.environ.get(LYRICS) else ""
    return Path(tempfile.gettempdir()) / f"scoreframe-bench-import-{kind}{n}.mid"


def make_file(n: int) -> None:
    path = midi_file(n)
    if path.exists():
        return
    subprocess.run([sys.executable, __file__, "--make", str(n)], check=True)


def _make(n: int) -> None:
    import scoreframe as sf
    from bench.generate import generated_score

    warnings.simplefilter("ignore")
    score = generated_score(n)
    if os.environ.get(LYRICS):
        _annotate(score)
    midi_file(n).write_bytes(sf.midi.to_bytes(score))


def _annotate(score: object) -> None:
    """A syllable on every note of the first voice, a marker and a text on every bar."""
    import scoreframe as sf

    assert isinstance(score, sf.Score)
    voice = score.voices[0]
    for i, onset in enumerate(dict.fromkeys(n.onset for n in voice.notes if n.pitch is not None)):
        voice.lyric("la-" if i % 2 else "la", at=onset)
    bar = score.meters.meter_at(0).bar_length
    end = voice.notes[-1].onset
    part = voice.part
    for k in range(int(end / bar)):
        score.rehearsal(str(k + 1), at=k * bar)
        part.text("dolce", at=k * bar)


def run_import(n: int) -> float:
    import scoreframe as sf
    import scoreframe.midi.importer  # imported before the clock, as mido is

    data = midi_file(n).read_bytes()
    warnings.simplefilter("ignore")
    to_score = sf.midi.to_score
    start = time.perf_counter()
    to_score(data)
    return time.perf_counter() - start


def run_read(n: int) -> float:
    import scoreframe as sf

    data = midi_file(n).read_bytes()
    read = sf.midi.read
    start = time.perf_counter()
    read(data)
    return time.perf_counter() - start


def run_mido(n: int) -> float:
    import mido

    data = midi_file(n).read_bytes()
    start = time.perf_counter()
    mido.MidiFile(file=io.BytesIO(data))
    return time.perf_counter() - start


def run_pretty_midi(n: int) -> float:
    import pretty_midi

    data = midi_file(n).read_bytes()
    warnings.simplefilter("ignore")
    pretty_midi.pretty_midi.MAX_TICK = 1 << 40  # it refuses files past tick 1e7 ("corrupt")
    start = time.perf_counter()
    pretty_midi.PrettyMIDI(io.BytesIO(data))
    return time.perf_counter() - start


def run_music21(n: int) -> float:
    from music21 import converter

    path = midi_file(n)
    start = time.perf_counter()
    converter.parse(str(path), format="midi", forceSource=True)
    return time.perf_counter() - start


def run_symusic(n: int) -> float:
    import symusic

    data = midi_file(n).read_bytes()
    start = time.perf_counter()
    symusic.Score.from_midi(data)
    return time.perf_counter() - start


RUNNERS = {
    "import": run_import,
    "read": run_read,
    "mido": run_mido,
    "pretty_midi": run_pretty_midi,
    "music21": run_music21,
    "symusic": run_symusic,
}


def _cell(row: dict[str, dict[str, Any]], name: str) -> str:
    if name not in row:
        return f"{'-':>16}"
    return f"{row[name]['seconds']:8.3f} ({row[name]['rss_mb']:5.0f})"


def _ratio(row: dict[str, dict[str, Any]], theirs: str, ours: str) -> str:
    if theirs not in row:
        return f"{'-':>7}"
    return f"{isolated.round_ratio(row[theirs], row[ours]):6.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--make", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--lyrics", action="store_true", help="lyrics, markers and texts too")
    parser.add_argument(
        "--repeat", type=int, default=5, help=f"runs of each contender up to {SMALL} notes (median)"
    )
    parser.add_argument(
        "--repeat-large", type=int, default=1, help=f"runs of each contender beyond {SMALL} notes"
    )
    args = parser.parse_args()
    if args.lyrics:
        os.environ[LYRICS] = "1"
    if args.make:
        _make(args.make)
        return
    if args.one:
        isolated.run_one(RUNNERS, args.one[0], int(args.one[1]))
        return
    with_lyrics = " (a lyric on every note of voice 1)" if args.lyrics else ""
    print(f"MIDI import: seconds (peak MB), same file, same run{with_lyrics}")
    names = list(RUNNERS)
    print(f"{'notes':>9} " + " ".join(f"{k:>16}" for k in names) + "  import vs: mido music21")
    ratios = []
    for n in args.sizes:
        make_file(n)  # made before any clock starts
        times = args.repeat if n <= SMALL else args.repeat_large
        here = [k for k in names if k != "music21" or n <= MUSIC21_UP_TO]
        row = isolated.measure_rounds(__file__, here, n, times)
        cells = " ".join(_cell(row, k) for k in names)
        print(f"{n:>9} {cells}  {_ratio(row, 'mido', 'import')} {_ratio(row, 'music21', 'import')}")
        ratios.append((n, _ratio(row, "mido", "read")))
    print("bare read (sf.midi.read) vs mido's parse: " + ", ".join(f"{n}: {r}" for n, r in ratios))


if __name__ == "__main__":
    main()
