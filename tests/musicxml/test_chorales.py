"""Real music none of us wrote: Bach chorales from music21's corpus, rebuilt through the public
API, exported, re-parsed by music21 and compared note by note with the original."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import scoreframe as sf
from scoreframe.musicxml import validate
from tests.musicxml.oracles import music21_notes, run_musescore
from tests.support import require_module

CHORALES = ["bach/bwv66.6", "bach/bwv7.7", "bach/bwv84.5"]


def rebuild(original: Any) -> sf.Score:
    """The chorale as a scoreframe score, through the public API only."""
    score = sf.Score(title=str(original.metadata.title or "Chorale"), composer="J. S. Bach")
    first = original.parts[0].getElementsByClass("Measure")[0]
    meter = original.parts[0].flatten().getElementsByClass("TimeSignature")[0]
    key = original.parts[0].flatten().getElementsByClass("KeySignature")[0]
    score.meter(meter.ratioString)
    if first.paddingLeft:
        score.pickup(Fraction(meter.barDuration.quarterLength - first.paddingLeft) / 4)
    score.key(sf.Key(key.sharps))
    for part in original.parts:
        voice = score.part(part.partName, program=53).voice(part.partName)
        for element in part.flatten().notesAndRests:
            at = Fraction(element.getOffsetInHierarchy(part)) / 4
            period = Fraction(element.quarterLength) / 4
            if element.isRest:
                voice.rest(period, at=at)
                continue
            tie = element.tie is not None and element.tie.type in ("start", "continue")
            voice.note(element.pitch.nameWithOctave.replace("-", "b"), period, at=at, tie=tie)
    return score


@pytest.mark.parametrize("name", CHORALES)
def test_chorale_round_trip_through_music21(name: str, tmp_path: Path) -> None:
    music21 = require_module("music21")
    original = music21.corpus.parse(name)
    score = rebuild(original)
    path = score.write(tmp_path / "chorale.musicxml", date="2026-01-01")
    validate(path)
    expected = music21_notes(original)
    assert sum(map(len, expected.values())) > 30
    assert music21_notes(path) == expected


def test_a_chorale_opens_in_musescore(tmp_path: Path) -> None:
    music21 = require_module("music21")
    score = rebuild(music21.corpus.parse(CHORALES[0]))
    path = score.write(tmp_path / "chorale.mxl", date="2026-01-01")
    assert run_musescore(path, tmp_path / "chorale.pdf") == []
