"""Per-part meters (polymeter): each part's own bars in MusicXML (read by music21, checked by
the XSD), the score's in MIDI (with a warning), kept by the native format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe.document import loads, to_bytes
from scoreframe.musicxml.schema import check
from tests.support import require_module


def _polymeter() -> sf.Score:
    score = sf.Score(title="Three against four")
    score.meter("4/4")
    four = score.part("Four").voice("a")
    three = score.part("Three")
    three.meter("3/4")
    three.meter("6/8", at="3/2")
    voice = three.voice("b")
    for _ in range(12):
        four.note("C5", "1/4")
        voice.note("G4", "1/4")
    return score


def test_musicxml_writes_each_parts_bars(tmp_path: Path) -> None:
    music21 = require_module("music21")
    path = tmp_path / "poly.musicxml"
    sf.musicxml.write(_polymeter(), path, date="2026-01-01")
    assert check(path.read_bytes()) == ()
    parsed = music21.converter.parse(str(path))
    meters = [
        [m.timeSignature.ratioString for m in part.getElementsByClass("Measure") if m.timeSignature]
        for part in parsed.parts
    ]
    counts = [len(part.getElementsByClass("Measure")) for part in parsed.parts]
    assert meters == [["4/4"], ["3/4", "6/8"]] and counts == [3, 4]


def test_midi_keeps_the_scores_meters_and_says_so() -> None:
    mido = require_module("mido")
    with pytest.warns(sf.ScoreframeWarning, match="'Three' have meters of their own"):
        data = sf.midi.to_bytes(_polymeter())
    signatures = [
        (m.numerator, m.denominator)
        for m in mido.MidiFile(file=io.BytesIO(data)).tracks[0]
        if m.type == "time_signature"
    ]
    assert signatures == [(4, 4)]


def test_the_native_format_keeps_a_parts_meters() -> None:
    score = _polymeter()
    back = loads(to_bytes(score))
    assert back.parts[0].meters is None
    assert back.parts[1].meters is not None
    assert back.parts[1].meters.changes == score.parts[1].meters.changes  # type: ignore[union-attr]
    assert to_bytes(back) == to_bytes(score)
