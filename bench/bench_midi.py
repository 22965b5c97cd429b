"""MIDI export speed: scoreframe against mido and MIDIUtil writing the same notes, same run.

The generated score (bench/generate.py: 4 voices, tempo changes, a CC contour) is built once per
N outside the timing. scoreframe is timed from the Score to the file's bytes (validation, tie
chains, velocities from contours, the conductor, controllers, encoding); mido and MIDIUtil
from a ready note table (what their users would hold) to the file's bytes. Each measurement
runs in its own process, so the peak memory (max RSS) is that contender's alone.

    python bench/bench_midi.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import isolated  # noqa: E402
from bench.generate import generated_score, note_table  # noqa: E402

TEMPO_BPM = 96


def run_scoreframe(n: int) -> float:
    import scoreframe as sf

    score = generated_score(n)
    warnings.simplefilter("ignore")
    to_bytes = sf.midi.to_bytes  # imported before the clock starts, as mido and MIDIUtil are
    start = time.perf_counter()
    to_bytes(score)
    return time.perf_counter() - start


def run_mido(n: int) -> float:
    import mido

    notes = note_table(generated_score(n))
    start = time.perf_counter()
    midi = mido.MidiFile(type=1, ticks_per_beat=480)
    conductor = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(TEMPO_BPM))])
    midi.tracks.append(conductor)
    for track_index in sorted({n[0] for n in notes}):
        events = []
        for _, channel, key, velocity, onset, length in (n for n in notes if n[0] == track_index):
            on, off = round(onset * 480), round((onset + length) * 480)
            events.append(
                (on, 1, mido.Message("note_on", channel=channel, note=key, velocity=velocity))
            )
            events.append(
                (max(off, on + 1), 0, mido.Message("note_off", channel=channel, note=key))
            )
        events.sort(key=lambda e: (e[0], e[1]))
        track, last = mido.MidiTrack(), 0
        for tick, _, message in events:
            track.append(message.copy(time=tick - last))
            last = tick
        midi.tracks.append(track)
    midi.save(file=io.BytesIO())
    return time.perf_counter() - start


def run_midiutil(n: int) -> float:
    from midiutil import MIDIFile

    notes = note_table(generated_score(n))
    start = time.perf_counter()
    tracks = len({n[0] for n in notes})
    midi = MIDIFile(tracks, ticks_per_quarternote=480, deinterleave=False)
    midi.addTempo(0, 0, TEMPO_BPM)
    for track, channel, key, velocity, onset, length in notes:
        midi.addNote(track, channel, key, onset, length, velocity)
    midi.writeFile(io.BytesIO())
    return time.perf_counter() - start


RUNNERS = {"scoreframe": run_scoreframe, "mido": run_mido, "MIDIUtil": run_midiutil}


def measure(name: str, n: int) -> dict[str, float]:
    return isolated.measure(__file__, name, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        isolated.run_one(RUNNERS, args.one[0], int(args.one[1]))
        return
    print("MIDI export: seconds (peak MB), same notes, same run")
    print(
        f"{'notes':>9} {'scoreframe':>18} {'mido':>18} {'MIDIUtil':>18} {'vs mido':>8} "
        f"{'vs MIDIUtil':>11}"
    )
    for n in args.sizes:
        row = {name: measure(name, n) for name in RUNNERS if n <= 100_000 or name == "scoreframe"}
        ours = row["scoreframe"]["seconds"]
        cells = [
            f"{row[k]['seconds']:8.3f} ({row[k]['rss_mb']:5.0f})" if k in row else f"{'-':>16}"
            for k in RUNNERS
        ]
        ratios = [
            f"{row[k]['seconds'] / ours:7.1f}x" if k in row else f"{'-':>8}"
            for k in ("mido", "MIDIUtil")
        ]
        print(f"{n:>9} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18} {ratios[0]:>8} {ratios[1]:>11}")


if __name__ == "__main__":
    main()
