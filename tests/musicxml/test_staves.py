"""A chord across staves (a pianist's hands struck together) is written one chord a staff, as
MuseScore 3 can show it (it puts a chord that names two staves on one of them): checked in
our file, by the official XSD, by music21 and in MuseScore's own MusicXML of our file."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction as F
from pathlib import Path

from lxml import etree

import scoreframe as sf
from scoreframe.musicxml import validate
from scoreframe.musicxml.staves import page_voices
from tests.musicxml.oracles import music21_notes, run_musescore, score_notes, xml_voice_runs

STEPS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def hands() -> sf.Score:
    """One voice of a piano: chords of both hands, a bass note alone, a tie over the bar line
    in the left hand, a right hand alone, a lyric and a slur on the right hand, a lyric
    where the left hand plays alone and a fingering in the left hand."""
    s = sf.Score(title="Hands")
    s.meter("3/4")
    v = s.part("Piano", staves=2, program=1).voice()
    bar = [(["E5", "G4"], ["C3"]), (["D5"], ["G2", "D3"]), (["C5", "E4"], [])]
    for top, low in [*bar, ([], ["A2"]), (["B4"], ["E3"]), (["A4"], ["A2"])]:
        at = v.cursor
        for pitch in top:
            v.note(pitch, "1/4", at=at)
        for pitch in low:
            v.note(pitch, "1/4", at=at, staff=2, fingering=5 if pitch == "C3" and at == 0 else None)
    at = v.cursor
    v.note("G4", "1/2", at=at)
    v.note("C3", "1/2", at=at, staff=2, tie=True)
    v.note("C3", "1/4", staff=2)
    v.lyric("la", at=0)
    v.lyric("lo", at=F(3, 4))  # where the left hand plays alone
    v.slur(0, F(1, 2))
    return s


def _keys_and_staves(root: etree._Element) -> Counter[tuple[int, int]]:
    """Every pitched note of a MusicXML file's first part: (key, staff)."""
    out: Counter[tuple[int, int]] = Counter()
    for note in root.find("part").iter("note"):
        pitch = note.find("pitch")
        if pitch is None or note.find("grace") is not None:
            continue
        key = 12 * (int(pitch.findtext("octave")) + 1) + STEPS[pitch.findtext("step")]
        key += int(float(pitch.findtext("alter") or 0))
        out[(key, int(note.findtext("staff") or 1))] += 1
    return out


def _expected(score: sf.Score) -> Counter[tuple[int, int]]:
    (voice,) = score.voices
    return Counter(
        (n.pitch.key_number, n.staff or voice.staff) for n in voice.notes if n.pitch is not None
    )


def test_a_chord_across_staves_is_written_one_chord_a_staff(tmp_path: Path) -> None:
    score = hands()
    score.validate()
    path = score.write(tmp_path / "hands.musicxml", date="2026-01-01")
    validate(path)
    root = etree.parse(str(path)).getroot()
    chords: list[set[str]] = []
    for note in root.iter("note"):
        staff = note.findtext("staff") or "1"
        if note.find("chord") is None:
            chords.append({staff})
        else:
            chords[-1].add(staff)
    assert all(len(staves) == 1 for staves in chords)
    assert _keys_and_staves(root) == _expected(score)
    assert music21_notes(path) == score_notes(score)
    assert xml_voice_runs(path) == []
    # each lyric once, on a note at its onset (the second on the left hand's), the slur on
    # the right hand, the fingering on its note
    sung = [(n.findtext("staff"), n.findtext("lyric/text")) for n in root.iter("note")]
    assert [x for x in sung if x[1]] == [("1", "la"), ("2", "lo")]
    assert len(list(root.iter("slur"))) == 2
    fingered = [n for n in root.iter("note") if n.find(".//fingering") is not None]
    assert [(n.findtext("pitch/step"), n.findtext("staff")) for n in fingered] == [("C", "2")]


def test_musescore_shows_each_hand_on_its_staff(tmp_path: Path) -> None:
    score = hands()
    path = score.write(tmp_path / "hands.musicxml", date="2026-01-01")
    theirs = tmp_path / "hands.musescore.musicxml"
    assert run_musescore(path, theirs) == []
    assert _keys_and_staves(etree.parse(str(theirs)).getroot()) == _expected(score)
    assert run_musescore(path, tmp_path / "hands.pdf") == []


def test_a_voice_whose_other_staff_notes_stand_alone_is_written_as_before() -> None:
    s = sf.Score()
    v = s.part("Piano", staves=2).voice()
    v.note("C5", "1/4")
    v.note("C3", "1/4", staff=2)  # alone at its onset: the note names its staff
    assert page_voices([v]) == (v,)
    notes = list(sf.musicxml.to_tree(s, date="2026-01-01").iter("note"))
    assert [n.findtext("staff") for n in notes if n.find("pitch") is not None] == ["1", "2"]


def _rests(root: etree._Element) -> list[tuple[str, bool]]:
    """Every rest of the first part: (staff, shown)."""
    return [
        (note.findtext("staff") or "1", note.get("print-object") != "no")
        for note in root.find("part").iter("note")
        if note.find("rest") is not None
    ]


def test_a_split_voice_hides_its_rests_where_its_staff_sounds_on(tmp_path: Path) -> None:
    alone = etree.fromstring(sf.musicxml.to_bytes(hands(), date="2026-01-01"))
    assert ("2", True) in _rests(alone)  # the left hand rests: the bass staff shows it
    s = sf.Score()
    s.meter("3/4")
    piano = s.part("Piano", staves=2)
    hands_ = piano.voice("Both")
    hands_.note("E5", "1/4")
    hands_.note("C3", "1/4", at=0, staff=2)  # a chord across staves...
    hands_.note("D5", "1/2")  # ...then the right hand alone
    piano.voice("Bass", staff=2).note("G2", "3/4")  # a bass voice sounding all the bar
    path = s.write(tmp_path / "inner.musicxml", date="2026-01-01")
    validate(path)
    root = etree.parse(str(path)).getroot()
    rests = _rests(root)  # the split voice's rests, under the held G2
    assert rests and all(rest == ("2", False) for rest in rests)
    assert xml_voice_runs(path) == []
    theirs = tmp_path / "inner.musescore.musicxml"
    assert run_musescore(path, theirs) == []
    shown = [
        r
        for r in etree.parse(str(theirs)).iter("rest")
        if r.getparent().get("print-object") != "no"
    ]
    assert shown == []
