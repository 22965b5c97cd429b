"""Rendering speed, same notes, same run, against what a composer would do by hand:

* audio: ``score.write("x.wav")`` (our MIDI, FluidSynth, the sound fitted to the score) against
  writing the MIDI file and running ``fluidsynth -F`` on it;
* notation: ``score.write("x.svg")`` (our MusicXML, verovio) against music21 writing the same
  music as MusicXML (its stream parsed before the clock starts) and verovio engraving that;
* piano roll: ``sf.plot.pianoroll`` against a plain matplotlib loop (a ``broken_barh`` per note).

    python bench/bench_render.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scoreframe as sf  # noqa: E402
from bench.generate import generated_score  # noqa: E402

FONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def fluidsynth_by_hand(score: sf.Score, folder: Path) -> None:
    midi = sf.midi.write(score, folder / "hand.mid")
    subprocess.run(
        ["fluidsynth", "-ni", "-F", str(folder / "hand.wav"), FONT, str(midi)],
        capture_output=True,
        check=True,
    )


def music21_and_verovio(stream: object, folder: Path) -> None:
    import verovio

    path = stream.write("musicxml", fp=str(folder / "m21.musicxml"))  # type: ignore[attr-defined]
    toolkit = verovio.toolkit()
    toolkit.loadData(Path(path).read_text())
    for page in range(1, toolkit.getPageCount() + 1):
        toolkit.renderToSVG(page)


def plain_roll(score: sf.Score, path: Path) -> object:
    from matplotlib.figure import Figure

    tempo = sf.TempoMap(score)
    figure = Figure(figsize=(10, 4))
    axes = figure.subplots()
    for voice in score.voices:
        for note in voice.notes:
            if note.pitch is not None:
                start = tempo.seconds(note.onset)
                axes.broken_barh(
                    [(start, tempo.seconds(note.release) - start)], (note.pitch.midi, 0.8)
                )
    figure.savefig(path)
    return figure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    args = parser.parse_args()
    if not shutil.which("fluidsynth"):
        print("bench_render: needs fluidsynth (skipped)")
        return
    import music21

    warnings.simplefilter("ignore")
    print("Rendering: seconds, same notes, same run")
    print(f"{'notes':>7} {'what':<10} {'scoreframe':>11} {'by hand':>9}  by hand is")
    for n in args.sizes:
        row(n, generated_score(n), music21)


def row(n: int, score: sf.Score, music21: object) -> None:
    """The three measurements of one size, printed."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ours = timed(lambda: score.write(folder / "ours.wav"))
        hand = timed(lambda: fluidsynth_by_hand(score, folder))
        print(f"{n:>7} {'audio':<10} {ours:>11.2f} {hand:>9.2f}  our MIDI + fluidsynth -F")
        source = str(sf.musicxml.write(score, folder / "s.musicxml"))
        stream = music21.converter.parse(source)  # type: ignore[attr-defined]
        ours = timed(lambda: score.write(folder / "ours.svg"))
        hand = timed(lambda: music21_and_verovio(stream, folder))
        print(f"{n:>7} {'notation':<10} {ours:>11.2f} {hand:>9.2f}  music21 MusicXML + verovio")
        ours = timed(lambda: sf.plot.pianoroll(score, folder / "roll.png", time="seconds"))
        hand = timed(lambda: plain_roll(score, folder / "plain.png"))
        print(f"{n:>7} {'piano roll':<10} {ours:>11.2f} {hand:>9.2f}  a broken_barh per note")


if __name__ == "__main__":
    main()
