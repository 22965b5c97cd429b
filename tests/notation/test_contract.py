"""The notation vocabulary block of API.md, call by call as it is written there."""

from __future__ import annotations

from fractions import Fraction

import scoreframe as sf


def test_the_vocabulary_block_runs_and_means_what_it_says() -> None:
    score = sf.Score()
    piano = score.part("Piano", program=1, staves=2)
    v = piano.voice("RH")
    a = v.note("C5", "1/4", lyric="Ky-")
    v.grace(["D5"], slash=True)
    b = v.note("E5", "1/4", lyric="ri-")
    v.slur(a, b)
    v.note("F5", 4)
    piano.text("dolce", at=2)
    score.rehearsal("A", at=4)
    piano.pedal(at=0, release=2)
    cl = score.part("Clarinet in Bb", program=72, transpose="Bb")
    piano.dynamic("sfz", at=3)
    score.validate()
    assert v.notation.lyrics[Fraction(0)][0].text == "Ky-"
    assert v.notation.graces[Fraction(1, 4)].slash
    assert [(s.start, s.stop) for s in v.notation.slurs] == [(0, Fraction(1, 4))]
    assert piano.notation.texts[0].text == "dolce" and score.rehearsals[0].label == "A"
    assert piano.value_at("control:64", 1) == 127 and piano.value_at("control:64", 2) == 0
    assert cl.transpose == "Bb"
    assert piano.value_at("velocity", 3) == 112
