"""MusicXML export speed: scoreframe against music21 writing the same notes, same run.

The generated score (bench/generate.py) is built once per N; music21 gets the same notes as a
music21 Score built outside the timing (parts, voices, offsets, pitches, tempo marks), then
``write('musicxml')`` is timed: it makes notation (measures, ties, tuplets, beams) as we do.
Each measurement runs in its own process, so every call is cold (the first in its process, no
caches or imports left over from a smaller size) and the peak memory (max RSS) is that
contender's alone. music21 runs only up to --music21-max notes (it takes about 45 s at 10k).

    python bench/bench_musicxml.py [--sizes 1000 10000 100000] [--music21-max 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scoreframe as sf  # noqa: E402
from bench import isolated  # noqa: E402
from bench.generate import generated_score  # noqa: E402


def music21_score(score: sf.Score) -> Any:
    from music21 import meter, note, stream, tempo

    out = stream.Score()
    for index, part in enumerate(score.parts):
        m21_part = stream.Part()
        m21_part.insert(0, meter.TimeSignature("4/4"))
        if index == 0:
            m21_part.insert(0, tempo.MetronomeMark(number=96))
        for voice in part.voices:
            for n in voice.notes:
                element = note.Rest() if n.pitch is None else note.Note(n.pitch.key_number)
                element.quarterLength = n.period * 4
                m21_part.insert(n.onset * 4, element)
        out.insert(0, m21_part)
    return out


def time_scoreframe(n: int) -> float:
    score = generated_score(n)
    to_bytes = sf.musicxml.to_bytes  # imported before the clock starts
    start = time.perf_counter()
    to_bytes(score, date="2026-01-01")
    return time.perf_counter() - start


def time_music21(n: int) -> float:
    m21 = music21_score(generated_score(n))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        m21.write("musicxml", fp=str(Path(folder) / "out.musicxml"))
        return time.perf_counter() - start


RUNNERS = {"scoreframe": time_scoreframe, "music21": time_music21}


def measure(name: str, n: int) -> dict[str, float]:
    return isolated.measure(__file__, name, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--music21-max", type=int, default=10_000)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        isolated.run_one(RUNNERS, args.one[0], int(args.one[1]))
        return
    print("MusicXML export: seconds (peak MB), same notes, same run, each call cold")
    print(f"{'notes':>9} {'scoreframe':>18} {'music21':>18} {'ratio':>8}")
    for n in args.sizes:
        ours = measure("scoreframe", n)
        cell = f"{ours['seconds']:8.3f} ({ours['rss_mb']:5.0f})"
        if n <= args.music21_max:
            theirs = measure("music21", n)
            other = f"{theirs['seconds']:8.3f} ({theirs['rss_mb']:5.0f})"
            ratio = f"{theirs['seconds'] / ours['seconds']:7.1f}x"
            print(f"{n:>9} {cell:>18} {other:>18} {ratio:>8}")
        else:
            print(f"{n:>9} {cell:>18} {'-':>18} {'-':>8}")


if __name__ == "__main__":
    main()
