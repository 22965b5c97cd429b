"""The MusicXML rows of bench/bench_path.py: build the music through each library's own API and
write MusicXML; and write it from a model built already.

The music is bench/generate.py's material (4 voices in 2 parts of rhythmic cells that fill a
quarter: eighths, sixteenths, a dotted pair, a triplet, a quarter). scoreframe builds it with
``voice.note`` and with the bulk ``voice.notes``; music21 inserts its notes into two parts (its
exporter makes the measures, ties, tuplets and beams, as ours does); partitura adds the notes to
two parts in divisions and lets its own functions make measures, ties and tuplets; pymusicxml
needs its user to lay out the measures, voices and tuplets, which is done here from the cells.
"""

from __future__ import annotations

import os
import tempfile
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from bench.generate import build_with_api, material

_STEPS = ["C", "C", "D", "D", "E", "F", "F", "G", "G", "A", "A", "B"]
_ALTERS = [0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0]


def _spelled(key: int) -> tuple[str, int, int]:
    """(step, alter, octave) of a MIDI key, sharps for the black keys."""
    return _STEPS[key % 12], _ALTERS[key % 12], key // 12 - 1


def _timed(run: Callable[[str], None]) -> float:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        run(os.path.join(folder, "out.musicxml"))
        return time.perf_counter() - start


def _scoreframe(n: int, bulk: bool) -> float:
    import scoreframe as sf

    voices = material(n)
    write = sf.musicxml.write

    def run(path: str) -> None:
        write(build_with_api(voices, bulk), path, date="2026-01-01")

    return _timed(run)


def build_scoreframe(n: int) -> float:
    return _scoreframe(n, bulk=False)


def build_scoreframe_bulk(n: int) -> float:
    return _scoreframe(n, bulk=True)


def _music21_score(voices: list[Any]) -> Any:
    from music21 import meter, note, stream, tempo

    out = stream.Score()
    for track in range(2):
        part = stream.Part()
        part.insert(0, meter.TimeSignature("4/4"))
        if track == 0:
            part.insert(0, tempo.MetronomeMark(number=96))
        for keys, periods, _ in voices[2 * track : 2 * track + 2]:
            onset = Fraction(0)
            for key, period in zip(keys, periods, strict=True):
                element = note.Note(key)
                element.quarterLength = period * 4
                part.insert(onset * 4, element)
                onset += period
        out.insert(0, part)
    return out


def build_music21(n: int) -> float:
    import music21  # noqa: F401  # imported before the clock starts

    voices = material(n)
    return _timed(lambda path: _music21_score(voices).write("musicxml", fp=path))


def build_partitura(n: int) -> float:
    import partitura
    import partitura.score as ps

    voices = material(n)
    divisions = 12  # per quarter: sixteenths and triplet eighths

    def run(path: str) -> None:
        parts = []
        for track in range(2):
            part = ps.Part(f"P{track}", f"P{track}", quarter_duration=divisions)
            part.add(ps.TimeSignature(4, 4), 0)
            for number, (keys, periods, _) in enumerate(voices[2 * track : 2 * track + 2]):
                onset = 0
                for key, period in zip(keys, periods, strict=True):
                    step, alter, octave = _spelled(key)
                    length = int(period * 4 * divisions)
                    part.add(
                        ps.Note(step, octave, alter or None, voice=number + 1),
                        onset,
                        onset + length,
                    )
                    onset += length
            ps.add_measures(part)
            ps.tie_notes(part)
            ps.find_tuplets(part)
            parts.append(part)
        partitura.save_musicxml(parts, path)

    return _timed(run)


def _pitch_name(key: int) -> str:
    step, alter, octave = _spelled(key)
    return f"{step.lower()}{'#' if alter else ''}{octave}"


def _pymusicxml_measures(voice: Any, pm: Any) -> list[list[Any]]:
    """One voice's bars (lists of notes, rests and tuplets), four quarter cells each; the
    end filled with rests."""
    keys, periods, _ = voice
    bars: list[list[Any]] = [[]]
    filled, index = Fraction(0), 0
    while index < len(keys):
        if periods[index] == Fraction(1, 12):
            group = [pm.Note(_pitch_name(k), 0.5) for k in keys[index : index + 3]]
            index += len(group)
            group += [pm.Rest(0.5) for _ in range(3 - len(group))]
            bars[-1].append(pm.Tuplet(group, (3, 2)))
            length = Fraction(1, 4)
        else:
            length = periods[index]
            bars[-1].append(pm.Note(_pitch_name(keys[index]), float(length * 4)))
            index += 1
        filled += length
        if filled >= 1:
            bars.append([])
            filled = Fraction(0)
    if filled:
        part_of_quarter = (-filled * 4) % 1
        if part_of_quarter:
            bars[-1].append(pm.Rest(float(part_of_quarter)))
        bars[-1] += [pm.Rest(1.0) for _ in range(int((1 - filled) * 4))]
    elif not bars[-1]:
        bars.pop()
    return bars


def build_pymusicxml(n: int) -> float:
    import pymusicxml as pm

    voices = material(n)

    def run(path: str) -> None:
        parts = []
        for track in range(2):
            one, two = (_pymusicxml_measures(v, pm) for v in voices[2 * track : 2 * track + 2])
            while len(one) < len(two):
                one.append([pm.Rest(4.0)])
            while len(two) < len(one):
                two.append([pm.Rest(4.0)])
            measures = [
                pm.Measure([a, b], time_signature=(4, 4) if i == 0 else None)
                for i, (a, b) in enumerate(zip(one, two, strict=True))
            ]
            parts.append(pm.Part(f"P{track}", measures))
        pm.Score(parts).export_to_file(path)

    return _timed(run)


def write_scoreframe(n: int) -> float:
    import scoreframe as sf

    score = build_with_api(material(n), bulk=True)
    write = sf.musicxml.write
    return _timed(lambda path: write(score, path, date="2026-01-01"))


def write_music21(n: int) -> float:
    score = _music21_score(material(n))
    return _timed(lambda path: score.write("musicxml", fp=path))


BUILD: dict[str, Callable[[int], float]] = {
    "scoreframe note()": build_scoreframe,
    "scoreframe notes()": build_scoreframe_bulk,
    "music21": build_music21,
    "partitura": build_partitura,
    "pymusicxml": build_pymusicxml,
}
WRITE: dict[str, Callable[[int], float]] = {
    "scoreframe": write_scoreframe,
    "music21": write_music21,
}
