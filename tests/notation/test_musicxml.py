"""The notation in MusicXML, checked by programs we did not write: the MusicXML 4.0 XSD,
music21's parser (slurs, grace notes, lyrics per verse, texts, rehearsal marks, pedal marks,
chord symbols, written pitch and transposition) and MuseScore 3 (imports with no complaint,
and its own MusicXML export keeps each element, counted)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import scoreframe as sf
from scoreframe.musicxml.schema import check
from tests.musicxml.oracles import run_musescore
from tests.support import require_module

from .scores import song

# MuseScore 3.6 reads <arpeggiate/> (no direction) as a plain arpeggio and says so on stderr
# all the same ("unknown arpeggio type none"): the one line of its import we let pass.
_KNOWN = ("unknown arpeggio type none",)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("notation") / "song.musicxml"
    sf.musicxml.write(song(), path, date="2026-01-01")
    return path


def _count(path: Path) -> Counter[str]:
    root = etree.parse(str(path)).getroot()
    counted: Counter[str] = Counter()
    for element in root.iter():
        tag = element.tag
        if tag == "slur" and element.get("type") == "start":
            counted["slur"] += 1
        elif tag == "pedal" and element.get("type") == "start":
            counted["pedal"] += 1
        elif tag in (
            "grace",
            "lyric",
            "words",
            "rehearsal",
            "harmony",
            "transpose",
            "arpeggiate",
            "trill-mark",
            "accidental-mark",
            "mordent",
            "turn",
            "up-bow",
            "staccatissimo",
            "breath-mark",
            "sfz",
            "extend",
            "fingering",
        ):
            counted[tag] += 1
    return counted


def test_the_xsd_validates(written: Path) -> None:
    assert check(written.read_bytes()) == ()


def test_the_elements_written(written: Path) -> None:
    counted = _count(written)
    assert counted == {
        "slur": 3,
        "grace": 3,
        "lyric": 8,
        "extend": 1,
        "words": 2,
        "rehearsal": 1,
        "pedal": 2,
        "harmony": 2,
        "transpose": 2,
        "arpeggiate": 3,
        "trill-mark": 1,
        "accidental-mark": 1,
        "mordent": 1,
        "turn": 1,
        "up-bow": 1,
        "staccatissimo": 1,
        "breath-mark": 1,
        "sfz": 1,
        "fingering": 5,
    }


def test_music21_reads_the_notation_back(written: Path) -> None:
    music21 = require_module("music21")
    parsed = music21.converter.parse(str(written))
    named = {part.partName: part for part in reversed(parsed.parts)}  # a piano's first staff
    voice, piano = named["Voice"], named["Piano"]
    clarinet, horn = named["Clarinet in Bb"], named["Horn in F"]
    notes = list(voice.flatten().notes)
    assert sum(n.duration.isGrace for n in notes) == 3
    assert len(parsed.spannerBundle.getByClass("Slur")) == 3
    assert len(parsed.spannerBundle.getByClass("PedalMark")) == 2
    verses = {
        number: [lyric.text for n in notes for lyric in n.lyrics if lyric.number == number]
        for number in (1, 2)
    }
    assert verses == {1: ["Ky", "ri", "e", "Lord"], 2: ["Glo", "ri", "a", "high"]}
    texts = [
        t.content for p in parsed.parts for t in p.flatten().getElementsByClass("TextExpression")
    ]
    assert sorted(texts) == ["dolce", "legato"]
    marks = voice.flatten().getElementsByClass("RehearsalMark")
    assert [m.content for m in marks] == ["A"]
    chords = [c.figure for c in piano.flatten().getElementsByClass("ChordSymbol")]
    assert chords == ["F", "B-/D"]
    assert str(clarinet.getInstrument().transposition.directedName) == "M-2"
    assert [n.nameWithOctave for n in clarinet.flatten().notes] == ["C4", "F4"]  # written
    sounding = clarinet.toSoundingPitch()
    assert [n.nameWithOctave for n in sounding.flatten().notes] == ["B-3", "E-4"]
    assert str(horn.getInstrument().transposition.directedName) == "P-5"
    trill = next(e for n in clarinet.flatten().notes for e in n.expressions if "Trill" in e.classes)
    assert str(trill.accidental.name) == "sharp"
    key = clarinet.flatten().getElementsByClass("KeySignature")[0]
    assert key.sharps == 1  # F major sounds; G major is written
    fingers = {
        (name, n.nameWithOctave if n.isNote else "chord"): [
            a.fingerNumber for a in n.articulations if "Fingering" in a.classes
        ]
        for name, part in named.items()
        for n in part.flatten().notes
        if any("Fingering" in a.classes for a in n.articulations)
    }
    assert fingers == {("Piano", "chord"): [1, 2, 4], ("Clarinet in Bb", "F4"): ["T"]}


def test_concert_pitch_writes_what_sounds(tmp_path: Path) -> None:
    path = tmp_path / "concert.musicxml"
    sf.musicxml.write(song(), path, date="2026-01-01", concert_pitch=True)
    root = etree.parse(str(path)).getroot()
    assert root.find(".//transpose") is None
    clarinet = root.findall("part")[2]
    assert [n.findtext("pitch/step") for n in clarinet.iter("note")] == ["B", "E"]


def test_musescore_imports_and_keeps_each_element(written: Path, tmp_path: Path) -> None:
    exported = tmp_path / "again.musicxml"
    complaints = [c for c in run_musescore(written, exported) if not c.endswith(_KNOWN)]
    assert complaints == []
    ours, theirs = _count(written), _count(exported)
    # MuseScore writes an extender on every note of a melisma and one <words> per text; its
    # trill ornament has no accidental (it keeps the trill and drops the accidental-mark)
    del ours["accidental-mark"]
    for name in ours:
        assert theirs[name] >= ours[name], (name, ours[name], theirs[name])


def test_reading_our_musicxml_back_keeps_the_notation(written: Path) -> None:
    require_module("music21")
    with pytest.warns(sf.ScoreframeWarning, match="pedalMarks"):  # not read yet: counted
        back = sf.load(written)
    voice = back.parts[0].voices[0]
    assert set(voice.notation.slurs) == set(song().parts[0].voices[0].notation.slurs)
    graces = song().parts[0].voices[0].notation.graces
    assert {at: g.pitches for at, g in voice.notation.graces.items()} == {
        at: g.pitches for at, g in graces.items()
    }  # music21 reads every <grace> as slashed: the slash is not kept
    assert [lyric.text for _, lyric in voice.notation.verse(2)] == ["Glo-", "ri-", "a", "high"]
    assert sorted(t.text for p in back.parts for t in p.notation.texts) == ["dolce", "legato"]
    assert [r.label for r in back.rehearsals] == ["A"]
    clarinet = next(p for p in back.parts if p.name == "Clarinet in Bb")
    assert clarinet.transpose == "Bb"
    assert [str(n.pitch) for n in clarinet.voices[0].notes] == ["Bb3", "Eb4"]  # concert again


def test_a_transposing_part_of_a_score_in_no_key_writes_its_written_key(tmp_path: Path) -> None:
    music21 = require_module("music21")
    score = sf.Score()
    score.part("Clarinet in A", transpose="A").voice("Cl").note("C#4", 1)
    score.part("Violin").voice("Vn").note("C#4", 1)
    path = tmp_path / "keys.musicxml"
    sf.musicxml.write(score, path, date="2026-01-01")
    assert check(path.read_bytes()) == ()
    parsed = music21.converter.parse(str(path))
    keys = [
        [k.sharps for k in p.flatten().getElementsByClass("KeySignature")] for p in parsed.parts
    ]
    assert keys == [[-3], []]  # C major sounds: E-flat major is written for the A clarinet
    assert [n.nameWithOctave for n in parsed.parts[0].flatten().notes] == ["E4"]


def test_a_note_cut_at_a_bar_line_shows_its_lyric_and_slurs_once(tmp_path: Path) -> None:
    score = sf.Score()
    score.meter("3/4")
    voice = score.part("V").voice("S")
    a = voice.note("C5", "1/2", lyric="Ky-")
    b = voice.note("A4", "1/2", lyric="e_")  # crosses the bar line: two tied pieces
    c = voice.note("G4", "1/2", lyric="son")
    voice.slur(a, b)
    voice.slur(b, c)
    path = tmp_path / "cut.musicxml"
    sf.musicxml.write(score, path, date="2026-01-01")
    notes = etree.parse(str(path)).getroot().findall(".//note")
    assert [len(n.findall("lyric")) for n in notes] == [1, 1, 0, 1]
    slurs = [[s.get("type") for s in n.iter("slur")] for n in notes]
    assert slurs == [["start"], ["stop", "start"], [], ["stop"]]
    assert run_musescore(path, tmp_path / "cut.pdf") == []
