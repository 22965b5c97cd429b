"""The notation vocabulary in the model and the native format (exact round trip, the XSD)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from lxml import etree

import scoreframe as sf
from scoreframe.document import loads, schema, to_bytes
from scoreframe.notation import Lyric, Slur, syllabics

from .scores import song


def test_round_trip_is_exact() -> None:
    score = song()
    data = to_bytes(score)
    assert schema().validate(etree.fromstring(data))
    back = loads(data)
    assert to_bytes(back) == data
    for part, read in zip(score.parts, back.parts, strict=True):
        assert read.notation == part.notation
        assert read.transpose == part.transpose
        for voice, other in zip(part.voices, read.voices, strict=True):
            assert other.notation == voice.notation
            assert other.notes == voice.notes
    assert back.rehearsals == score.rehearsals
    assert (back.subtitle, back.lyricist, back.copyright) == (
        score.subtitle,
        score.lyricist,
        score.copyright,
    )


def test_lyrics_by_verse_and_syllabic() -> None:
    voice = song().parts[0].voices[0]
    first = [lyric for _, lyric in voice.notation.verse(1)]
    assert [lyric.syllable for lyric in first] == ["Ky", "ri", "e", "Lord"]
    assert syllabics(first) == ["begin", "middle", "end", "single"]
    second = [lyric for _, lyric in voice.notation.verse(2)]
    assert second[2] == Lyric(2, "a_") and second[2].extend


def test_slurs_and_graces_are_keyed_by_onset() -> None:
    voice = song().parts[0].voices[0]
    assert Slur(Fraction(0), Fraction(1, 4)) in voice.notation.slurs
    grace = voice.notation.graces[Fraction(1, 4)]
    assert grace.slash and [str(p) for p in grace.pitches] == ["D5"]
    assert not voice.notation.graces[Fraction(1)].slash


def test_pedal_and_dynamics_set_contours() -> None:
    piano = song().parts[1]
    times = (0, "3/4", "49/64", "3/2")
    assert [piano.value_at("control:64", t) for t in times] == [127, 0, 127, 0]
    assert piano.value_at("velocity", 0) == 48
    assert piano.value_at("velocity", "3/4") == 112
    assert piano.value_at("velocity", "13/16") == 48  # the accent returns to the level


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, v, p: v.slur(v.note("C4", "1/4"), 0), "a slur must end on a later note"),
        (lambda s, v, p: p.dynamic("loud", at=0), "dynamic 'loud' is not one of"),
        (lambda s, v, p: p.harmony("H7", at=0), "chord symbol 'H7'"),
        (lambda s, v, p: s.part("X", transpose="Q"), "transpose 'Q' is not one of"),
        (lambda s, v, p: p.text("pizz.", at=0, placement="left"), "placement 'left'"),
        (lambda s, v, p: p.clef("treble", at=0, staff=3), "staff 3 must be an int in 1..1"),
        (lambda s, v, p: v.grace([], at=0), "grace notes need pitches"),
        (lambda s, v, p: p.pedal(at=1, release=1), "released after"),
        (lambda s, v, p: v.note(None, "1/4", fingering=1), "a rest takes no fingering"),
        (lambda s, v, p: v.note("C4", "1/4", fingering=""), "fingering '' must be a finger"),
        (lambda s, v, p: v.note("C4", "1/4", fingering=2.5), "fingering 2.5 must be a finger"),
        (lambda s, v, p: v.chord(["C4", "E4"], "1/4", fingering=1), "one fingering per pitch"),
        (lambda s, v, p: v.chord(["C4", "E4"], "1/4", fingering=[1]), "one fingering per pitch"),
    ],
)
def test_bad_notation_says_what_to_change(call, message) -> None:  # type: ignore[no-untyped-def]
    score = sf.Score()
    part = score.part("P")
    with pytest.raises(sf.ScoreframeError, match=message):
        call(score, part.voice("V"), part)


def test_marks_without_their_note_are_refused() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.note("C4", "1/4")
    voice.grace(["D4"])  # before the note at the cursor, which never comes
    with pytest.raises(sf.ScoreframeError, match=r"bar 1, beat 2 .*grace notes .*no note"):
        score.validate()


def test_a_fingering_needs_its_note_in_a_document() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.note("C4", "1/4", fingering=3)
    text = to_bytes(score).replace(b'step="C"', b'step="D"', 1)
    assert b"<fingering" in text
    back = loads(text, "x.score.xml")  # checked with the score, as lyrics are
    with pytest.raises(sf.ScoreframeError, match=r"a fingering on D4 .*no note of the voice"):
        back.validate()
