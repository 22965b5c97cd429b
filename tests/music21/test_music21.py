"""music21 interop checked by music21: works of its corpus go music21 -> scoreframe ->
MusicXML (ours) -> music21 with the same notes per part and per staff (offset, pitch, length
with ties merged), and the formats music21 reads load through ``sf.load``."""

from __future__ import annotations

import subprocess
import sys
import warnings
from fractions import Fraction
from typing import Any

import pytest

import scoreframe as sf
from tests.music21 import oracle
from tests.support import require_module

CHORALES = [
    "bach/bwv1.6.mxl",
    "bach/bwv10.7.mxl",
    "bach/bwv101.7.mxl",
    "bach/bwv102.7.mxl",
    "bach/bwv103.6.mxl",
    "bach/bwv104.6.mxl",
    "bach/bwv108.6.mxl",
    "bach/bwv11.6.mxl",
    "bach/bwv110.7.mxl",
    "bach/bwv111.6.mxl",
    "bach/bwv112.5.mxl",
    "bach/bwv113.8.mxl",
    "bach/bwv114.7.mxl",
    "bach/bwv115.6.mxl",
    "bach/bwv116.6.mxl",
    "bach/bwv117.4.mxl",
    "bach/bwv119.9.mxl",
    "bach/bwv12.7.mxl",
    "bach/bwv120.6.mxl",
    "bach/bwv122.6.mxl",
    "bach/bwv13.6.mxl",
    "bach/bwv66.6",
]
OTHERS = [
    "schoenberg/opus19/movement2.mxl",  # piano, two staves, tuplets
    "mozart/k155/movement2.mxl",  # string quartet, triplets
    "haydn/opus1no1/movement1.mxl",  # quartet: repeats, bars shorter than their meter
    "haydn/opus1no1/movement2.mxl",
    "verdi/laDonnaEMobile.mxl",
    "corelli/opus3no1/1grave.xml",
    "bach/bwv144.3.mxl",
    "luca/gloria.xml",  # meter changes
    "monteverdi/madrigal.3.1.mxl",
    "schubert/Lindenbaum.xml",  # voice and piano
]


def _round_trip(work: str) -> tuple[Any, Any, sf.Score]:
    require_module("music21")
    from music21 import converter, corpus, repeat

    original = corpus.parse(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.music21.from_stream(original)
    data = sf.musicxml.to_bytes(score, date="2000-01-01")
    sf.musicxml.validate(sf.musicxml.to_tree(score, date="2000-01-01"))
    back = converter.parse(data.decode("utf-8"), format="musicxml")
    has_repeats = any(True for _ in original.recurse().getElementsByClass(repeat.RepeatMark))
    played = original.expandRepeats() if has_repeats else original
    return played, back, score


def test_the_corpus_check_covers_thirty_works() -> None:
    assert len(CHORALES) + len(OTHERS) >= 30


@pytest.mark.parametrize("work", CHORALES + OTHERS)
def test_a_corpus_work_comes_back_with_the_same_notes_per_part_and_staff(work: str) -> None:
    played, back, score = _round_trip(work)
    from music21 import corpus

    like = corpus.parse(work)
    expected = oracle.staff_groups(played, like)
    got = oracle.staff_groups(back)
    assert len(got) == len(expected) == len(score.parts)
    for theirs, ours in zip(expected, got, strict=True):
        assert oracle.part_notes(ours) == oracle.part_notes(theirs)
        assert len(ours) == len(theirs)
        for staff_theirs, staff_ours in zip(theirs, ours, strict=True):
            assert oracle.part_notes([staff_ours]) == oracle.part_notes([staff_theirs])


def test_a_single_voice_part_keeps_its_voice_and_exact_triplets() -> None:
    _, _, score = _round_trip("mozart/k155/movement2.mxl")
    times = {n.onset for v in score.voices for n in v.notes}
    assert any(t.denominator % 3 == 0 for t in times)  # triplets, exact
    for part in score.parts:
        assert len(part.voices) == 1


def test_what_the_model_lacks_is_named_and_counted_in_one_warning() -> None:
    require_module("music21")
    from music21 import corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        score = sf.music21.from_stream(corpus.parse("haydn/opus1no1/movement1.mxl"))
    messages = [str(w.message) for w in caught if issubclass(w.category, sf.ScoreframeWarning)]
    assert len(messages) == 1
    for named in ("InvertedMordent", "repeats played out", "bars shorter than their time"):
        assert named in messages[0]
    # grace notes and slurs are read now (issue 14: docs/notation.md)
    marks = [v.notation for v in score.voices if v._notation]
    assert sum(len(m.graces) for m in marks) > 0 and sum(len(m.slurs) for m in marks) > 0


def test_repeats_and_endings_are_played_out() -> None:
    require_module("music21")
    from music21 import converter

    abc = "X:1\nT:Rep\nM:2/4\nL:1/8\nK:C\n|: CDEF |1 GABc :|2 cBAG |]\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.music21.from_stream(converter.parse(abc, format="abc"))
    names = [str(n.pitch)[0] for n in score.voices[0].notes if n.pitch]
    assert "".join(names) == "CDEFGABC" + "CDEF" + "CBAG"


@pytest.mark.parametrize("work", ["palestrina/Agnus_01.krn", "bach/bwv66.6.mxl"])
def test_sf_load_reads_what_music21_reads(work: str) -> None:
    require_module("music21")
    from music21 import corpus

    path = corpus.getWork(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.load(path)
        expected = corpus.parse(work)
    if isinstance(expected, sf.Score):  # pragma: no cover
        raise AssertionError
    ours = sum(1 for v in score.voices for n in v.notes if n.pitch is not None)
    from music21 import stream

    if isinstance(expected, stream.Opus):
        expected = expected.scores[0]
    theirs = sum(
        len(n.notes) if n.isChord else 1
        for n in expected.flatten().notes
        if n.quarterLength and not n.duration.isGrace
    )
    assert ours >= theirs > 0  # ties split notes in music21 as in the score


def test_sf_load_reads_abc_and_the_cli_converts_it(tmp_path: Any) -> None:
    require_module("music21")
    from scoreframe.cli import main

    path = tmp_path / "tune.abc"
    path.write_text("X:1\nT:Tune\nM:3/4\nL:1/4\nK:G\nGAB | d2 B | A3 |]\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.load(path)
        assert main(["export", str(path), "--all", str(tmp_path / "out")]) == 0
    assert [str(n.pitch) for n in score.voices[0].notes] == ["G4", "A4", "B4", "D5", "B4", "A4"]
    assert str(score.meters.meter_at(0)) == "3/4" and score.keys.key_at(0).fifths == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "tune.csd",
        "tune.mid",
        "tune.musicxml",
        "tune.mxl",
        "tune.sco",
        "tune.score.xml",
    ]


def test_offsets_are_exact_fractions() -> None:
    require_module("music21")
    score = sf.Score()
    voice = score.part("P").voice()
    for _ in range(3):
        voice.note("C4", Fraction(1, 12))
    stream = sf.music21.to_stream(score)
    offsets = [n.offset for n in stream.flatten().notes]
    assert offsets == [0, Fraction(1, 3), Fraction(2, 3)]


def test_import_scoreframe_does_not_import_music21_or_mido() -> None:
    code = (
        "import sys, scoreframe; print(sorted(m for m in ('music21', 'mido') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
