"""Csound note-list speed: scoreframe's .sco against a plain f-string loop over the same notes,
same run.

The plain loop is what a composer would write by hand: for each note, seconds from the same
TempoMap, amplitude and frequency, one f-string line. scoreframe also validates, merges tie
chains, writes bar comments and the header. Goal: within 2x of the plain loop.

    python bench/bench_csound.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scoreframe as sf  # noqa: E402
from bench.generate import generated_score  # noqa: E402


def plain_loop(score: sf.Score) -> str:
    tempo_map = sf.TempoMap(score)
    lines = []
    for index, part in enumerate(score.parts, 1):
        for voice in part.voices:
            for note in voice.notes:
                if note.pitch is None:
                    continue
                start = tempo_map.seconds(note.onset)
                length = tempo_map.seconds(note.onset + note.duration) - start
                velocity = note.velocity or voice.value_at("velocity", note.onset) or 80
                amp = float(velocity) / 127
                lines.append(
                    f"i {index} {start:.6f} {length:.6f} {amp:.6f} "
                    f"{note.pitch.frequency(score.a4):.6f}"
                )
    return "\n".join(lines) + "\ne\n"


def timed(function: object, score: sf.Score) -> float:
    start = time.perf_counter()
    function(score)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    args = parser.parse_args()
    print("Csound .sco: seconds, same notes, same run")
    print(f"{'notes':>9} {'scoreframe':>11} {'plain loop':>11} {'ratio':>7}")
    to_text = sf.csound.to_text  # imported before the clock starts
    for n in args.sizes:
        score = generated_score(n)
        ours = timed(to_text, score)
        plain = timed(plain_loop, score)
        print(f"{n:>9} {ours:>11.3f} {plain:>11.3f} {ours / plain:>6.2f}x")


if __name__ == "__main__":
    main()
