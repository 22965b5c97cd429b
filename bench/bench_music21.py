"""The music21 bridge: ``sf.music21.from_stream`` against music21's own MusicXML parse of the
same piece (``converter.parse(..., forceSource=True)``: no cache), same run; and the whole
``sf.load`` (music21's parse, then from_stream). Works of music21's corpus, small to large.

    python bench/bench_music21.py
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKS = [
    "bach/bwv66.6.mxl",
    "schoenberg/opus19/movement2.mxl",
    "mozart/k155/movement1.mxl",
    "haydn/opus1no1/movement1.mxl",
    "beethoven/opus18no1/movement1.mxl",
]


def main() -> None:
    from music21 import converter, corpus

    import scoreframe as sf

    warnings.simplefilter("ignore")
    sf.music21.from_stream(converter.parse("tinyNotation: 4/4 c4 d e f"))  # modules loaded first
    print("music21 bridge: seconds, same run")
    print(f"{'work':<36} {'notes':>6} {'music21 parse':>14} {'from_stream':>12} {'ratio':>7}")
    for work in WORKS:
        path = str(corpus.getWork(work))
        start = time.perf_counter()
        stream = converter.parse(path, forceSource=True)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        score = sf.music21.from_stream(stream)
        ours = time.perf_counter() - start
        notes = sum(len(v.notes) for v in score.voices)
        print(f"{work:<36} {notes:>6} {parse:>14.3f} {ours:>12.3f} {parse / ours:>6.1f}x")


if __name__ == "__main__":
    main()
