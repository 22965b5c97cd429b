"""A silence longer than a MIDI delta time holds names the note, voice, part and bar after it
(issue 17: the message once said only "track event 4: 383999520 ticks")."""

from __future__ import annotations

import pytest

import scoreframe as sf


def _far(at: int = 200_000) -> sf.Score:
    score = sf.Score()
    voice = score.part("Horn").voice("V")
    voice.note("C4", "1/4")
    voice.note("D4", "1/4", at=at)
    return score


@pytest.mark.parametrize("form", [0, 1])
def test_a_gap_too_long_names_the_note_part_and_bar(form: int) -> None:
    message = (
        r"^note D4 at part 'Horn', voice 'V', bar 200001, beat 1 \(time 200000\) starts "
        r"383999520 ticks after the event before it \(time 1/4\); a MIDI delta time is at most "
        r"268435455 ticks \(139810 whole notes at 480 ticks a quarter\): shorten the silence"
    )
    with pytest.raises(sf.ExportError, match=message):
        sf.midi.to_bytes(_far(), format=form)


def test_a_gap_in_the_conductor_track() -> None:
    score = sf.Score()
    score.tempo.hold(60).hold(90, at=150_000)
    score.part("P").voice("V").note("C4", "1/4")
    with pytest.raises(sf.ExportError, match=r"^an event of the conductor track at bar 150001"):
        sf.midi.to_bytes(score)


def test_a_lower_ppq_holds_the_gap() -> None:
    data = sf.midi.to_bytes(_far(), ppq=96)
    assert [str(n.pitch) for n in sf.midi.to_score(data).voices[0].notes if n.pitch] == [
        "C4",
        "D4",
    ]
