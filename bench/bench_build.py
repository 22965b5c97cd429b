"""Building notes through the API, in microseconds a note: ``voice.note()``, ``rest()``,
``chord()`` (three notes a call, time per note) and the bulk ``voice.notes(...)``; ``note() +
read`` is the calls and the first read of the voice's notes after (``note()`` keeps a plain
note as plain values, made into Notes on that read: scoreframe/voice.py), so the whole cost.
Against what a user would write instead: a plain loop appending a tuple per note (with an
exact Fraction onset, or only ints), and mido building its ``Message`` objects (a note on and
a note off a note). The cyclic garbage collector is on, as in a user's program. Each
contender and size runs in its own process (bench/isolated.py), so the peak memory is its own.

    python bench/bench_build.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import isolated  # noqa: E402
from bench.generate import material, note_rows  # noqa: E402

Flat = tuple[list[int], list[Fraction], list[int | None]]


def _flat(n: int) -> Flat:
    """The material's four voices end to end: keys, periods, velocities."""
    keys: list[int] = []
    periods: list[Fraction] = []
    velocities: list[int | None] = []
    for k, p, v in material(n):
        keys += k
        periods += p
        velocities += v
    return keys, periods, velocities


def _voices(count: int) -> list[object]:
    import scoreframe as sf

    score = sf.Score()
    part = score.part("P")
    return [part.voice() for _ in range(count)]


def _note_calls(n: int, read: bool) -> float:
    keys, periods, velocities = _flat(n)
    (voice,) = _voices(1)
    note = voice.note  # type: ignore[attr-defined]
    start = time.perf_counter()
    for key, period, velocity in zip(keys, periods, velocities, strict=True):
        note(key, period, velocity=velocity)
    if read:
        assert len(voice.notes) == n  # type: ignore[attr-defined]
    return time.perf_counter() - start


def sf_note(n: int) -> float:
    return _note_calls(n, read=False)


def sf_note_read(n: int) -> float:
    """``note()`` a call a note, then the voice's notes read once (``voice.notes``): the notes
    ``note()`` keeps as plain values are made then (scoreframe/voice.py, ``_settle``), so
    this is the whole cost of a note a call."""
    return _note_calls(n, read=True)


def sf_rest(n: int) -> float:
    _, periods, _ = _flat(n)
    (voice,) = _voices(1)
    rest = voice.rest  # type: ignore[attr-defined]
    start = time.perf_counter()
    for period in periods:
        rest(period)
    return time.perf_counter() - start


def sf_chord(n: int) -> float:
    keys, periods, velocities = _flat(n // 3)
    (voice,) = _voices(1)
    chord = voice.chord  # type: ignore[attr-defined]
    start = time.perf_counter()
    for key, period, velocity in zip(keys, periods, velocities, strict=True):
        chord((key, key + 4, key + 7), period, velocity=velocity)
    return (time.perf_counter() - start) * n / (3 * len(keys))


def sf_notes(n: int) -> float:
    keys, periods, velocities = _flat(n)
    (voice,) = _voices(1)
    start = time.perf_counter()
    voice.notes(keys, periods, velocities=velocities)  # type: ignore[attr-defined]
    return time.perf_counter() - start


def plain_fraction(n: int) -> float:
    """A user's own note list: (onset, period, key, velocity) with an exact Fraction onset."""
    keys, periods, velocities = _flat(n)
    start = time.perf_counter()
    notes: list[tuple[Fraction, Fraction, int, int | None]] = []
    add, onset = notes.append, Fraction(0)
    for key, period, velocity in zip(keys, periods, velocities, strict=True):
        add((onset, period, key, velocity))
        onset += period
    return time.perf_counter() - start


def plain_ticks(n: int) -> float:
    """The same with integer ticks (no exact time): the floor of a Python note list."""
    keys, periods, velocities = _flat(n)
    ticks = [round(p * 1920) for p in periods]
    start = time.perf_counter()
    notes: list[tuple[int, int, int, int | None]] = []
    add, onset = notes.append, 0
    for key, step, velocity in zip(keys, ticks, velocities, strict=True):
        add((onset, step, key, velocity))
        onset += step
    return time.perf_counter() - start


def mido_messages(n: int) -> float:
    """mido's Message objects, a note on and a note off a note (not yet sorted or written)."""
    import mido

    rows = note_rows(material(n))
    start = time.perf_counter()
    out = []
    for _, channel, key, velocity, on, off in rows:
        out.append((on, mido.Message("note_on", channel=channel, note=key, velocity=velocity)))
        out.append((off, mido.Message("note_off", channel=channel, note=key)))
    return time.perf_counter() - start


RUNNERS: dict[str, Callable[[int], float]] = {
    "note()": sf_note,
    "note() + read": sf_note_read,
    "rest()": sf_rest,
    "chord()": sf_chord,
    "notes()": sf_notes,
    "plain Fraction": plain_fraction,
    "plain ticks": plain_ticks,
    "mido Message": mido_messages,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--only", nargs="*", help="only these contenders")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        isolated.run_one(RUNNERS, args.one[0], int(args.one[1]))
        return
    names = [name for name in RUNNERS if not args.only or name in args.only]
    print("building notes: us a note (peak MB), same notes, same run, the collector on")
    print(f"{'notes':>9} " + " ".join(f"{name:>16}" for name in names))
    for n in args.sizes:
        cells = []
        for name in names:
            got = isolated.measure(__file__, name, n)
            cells.append(f"{got['seconds'] / n * 1e6:7.2f} ({got['rss_mb']:4.0f})")
        print(f"{n:>9} " + " ".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
