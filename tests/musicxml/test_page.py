"""What a composer sees in MuseScore 3: for each example score and a small score per point of
issue 11, MuseScore converts our MusicXML to its own, and the marks it will print are counted
there (tempo texts, fermatas, accents, dynamics, wedges, unpitched notes, rests): each equals
what the composer wrote. Its MIDI still follows an accelerando."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from fractions import Fraction as F
from pathlib import Path

import pytest
from lxml import etree

import scoreframe as sf
from tests.musicxml.oracles import (
    beyond_musescore_3,
    midi_onsets,
    musescore_page,
    page_counts,
    score_onsets,
)
from tests.support import require_module

EXAMPLES = Path(__file__).resolve().parents[2] / "scores"


def quartet() -> sf.Score:
    """Four parts, one tempo (76), a ritardando ending with the piece, a chord with a fermata
    at the end, a second violin voice used briefly."""
    s = sf.Score(title="Quartet")
    s.meter("3/4")
    s.tempo.hold(76).ramp(50, at=F(9, 4), over=F(3, 4))
    for name, low in (("Violin I", "G4"), ("Violin II", "D4"), ("Viola", "C4"), ("Cello", "C3")):
        v = s.part(name).voice(name)
        for _ in range(3):
            v.note(low, "3/4")
        v.chord(
            [low, sf.Pitch.from_midi(sf.Pitch.parse(low).key_number + 7)],
            "3/4",
            articulations=["fermata"],
        )
    return s


def tie_chains() -> sf.Score:
    """A note split at a bar line with an accent and a fermata, a tied chain with its
    fermata written on its first note, a chord with an accent."""
    s = sf.Score()
    s.meter("4/4")
    v = s.part("Oboe").voice("Ob")
    v.note("C5", "3/4")
    v.note("E5", "1/2", articulations=["accent", "fermata"])  # across the bar line
    v.note("F5", "1/4", tie=True, articulations=["fermata"])
    v.note("F5", "1/4")
    v.chord(["C5", "E5", "G5"], "1/4", articulations=["accent"])
    return s


def two_voices() -> sf.Score:
    """A part's crescendo, a first voice that follows it, and a second voice on the same staff
    whose own contour starts in bar 3: it keeps the inherited wedge before that."""
    s = sf.Score()
    s.meter("4/4")
    piano = s.part("Piano")
    piano.velocity.hold(40).ramp(100, at=0, over=2)
    upper, lower = piano.voice("Up", staff=1), piano.voice("Down", staff=1)
    lower.velocity.hold(30, at=2)
    for _ in range(4):
        upper.note("E5", 1)
        lower.note("C4", 1)
    return s


def unmarked() -> sf.Score:
    """No tempo, no velocity contour, per-note velocities (a humanized line): no marks."""
    s = sf.Score()
    v = s.part("Flute").voice("Fl")
    for i in range(16):
        v.note("C5", "1/4", velocity=60 + (i * 37) % 50)
    return s


def drums() -> sf.Score:
    s = sf.Score()
    s.meter("4/4")
    kit = s.part("Drums", percussion=True).voice("Kit")
    for key in (36, 42, 38, 42) * 2:
        kit.note(key, "1/4")
    return s


def cents() -> sf.Score:
    s = sf.Score()
    v = s.part("Violin").voice("V")
    v.note("E4+14c", "1/2")
    v.note(65.5, "1/2")
    return s


POINTS: dict[str, tuple[Callable[[], sf.Score], dict[str, int]]] = {
    "quartet": (quartet, {"tempo": 1, "fermata": 4, "accent": 0, "dynamics": 0, "rest": 0}),
    "tie_chains": (tie_chains, {"tempo": 0, "fermata": 2, "accent": 2, "dynamics": 0}),
    "two_voices": (two_voices, {"dynamics": 3, "wedge": 1}),  # p < f, and pp in voice 2
    "unmarked": (unmarked, {"tempo": 0, "dynamics": 0, "accent": 0, "wedge": 0}),
    "drums": (drums, {"unpitched": 8}),
    "cents": (cents, {"tempo": 0}),
}


@pytest.mark.parametrize("name", sorted(POINTS))
def test_musescore_prints_what_the_composer_wrote(name: str, tmp_path: Path) -> None:
    build, expected = POINTS[name]
    score = build()
    source = score.write(tmp_path / f"{name}.musicxml", date="2026-01-01")
    counts, complaints = musescore_page(source, tmp_path)
    assert beyond_musescore_3(complaints) == []
    assert {key: counts[key] for key in expected} == expected
    assert page_counts(etree.parse(str(source)).getroot())["tempo"] == counts["tempo"]


def test_velocity_accents_mark_the_notes_that_stand_out(tmp_path: Path) -> None:
    s = sf.Score()
    v = s.part("Flute").voice("Fl")
    v.velocity.hold(64)
    for velocity in (None, 100, None, 70, None, 90, None, None):
        v.note("C5", "1/4", velocity=velocity)
    plain = s.write(tmp_path / "plain.musicxml", date="2026-01-01")
    accents = s.write(tmp_path / "accents.musicxml", date="2026-01-01", velocity_accents=True)
    assert musescore_page(plain, tmp_path)[0]["accent"] == 0
    counts, complaints = musescore_page(accents, tmp_path)
    assert complaints == [] and counts["accent"] == 2 and counts["dynamics"] == 1


def test_cents_are_a_small_text_above_the_note(tmp_path: Path) -> None:
    source = cents().write(tmp_path / "cents.musicxml", date="2026-01-01")
    assert [w.text for w in etree.parse(str(source)).iter("words")] == ["+14\u00a2"]
    steps = [
        (n.findtext("pitch/step"), n.findtext("pitch/alter"), n.findtext("accidental"))
        for n in etree.parse(str(source)).iter("note")
    ]
    assert steps == [("E", None, None), ("F", "0.5", "quarter-sharp")]  # 65.5 as "Fq#4"


def _example(name: str) -> sf.Score:
    score: sf.Score = runpy.run_path(str(EXAMPLES / f"{name}.py"))["build"]()
    return score


EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_each_example_shows_one_mark_per_tempo_change_and_its_own_marks(
    name: str, tmp_path: Path
) -> None:
    score = _example(name)
    source = score.write(tmp_path / f"{name}.musicxml", date="2026-01-01")
    ours = page_counts(etree.parse(str(source)).getroot())
    counts, complaints = musescore_page(source, tmp_path)
    assert beyond_musescore_3(complaints) == []
    for key in ("tempo", "fermata", "accent", "dynamics", "wedge", "unpitched"):
        assert counts[key] == ours[key], key
    written = {seg.origin for seg in score.tempo.segments if seg.start < score.end}
    assert counts["tempo"] <= len(written)  # one mark per change, none per beat
    chords = {
        (v.name, n.onset)
        for v in score.voices
        for n in v.notes
        if sf.Articulation.FERMATA in n.articulations
    }
    assert counts["fermata"] == len(chords)


def test_musescore_midi_still_follows_the_accelerando(tmp_path: Path) -> None:
    mido = require_module("mido")
    score = _example("accelerando")
    source = score.write(tmp_path / "accelerando.musicxml", date="2026-01-01")
    from tests.musicxml.oracles import run_musescore

    assert run_musescore(source, tmp_path / "accelerando.mid") == []
    assert midi_onsets(tmp_path / "accelerando.mid") == score_onsets(score)
    tempos = [
        round(mido.tempo2bpm(m.tempo), 1)
        for track in mido.MidiFile(str(tmp_path / "accelerando.mid")).tracks
        for m in track
        if m.type == "set_tempo"
    ]
    ramp = tempos[: tempos.index(132.0) + 1]
    assert len(ramp) >= 20 and ramp == sorted(ramp)  # the beats of the ramp, rising


def irregular() -> sf.Score:
    """A pickup, a 3/4 bar of one beat before a repeat, then 3/4 again; and a 2+3/8 bar."""
    s = sf.Score()
    s.meter("3/4")
    s.pickup("1/4")
    s.irregular_bar(2, "1/4")
    s.meter("2+3/8", at=F(11, 4))
    v = s.part("Flute").voice("Fl")
    for name in ["G4", "C5", "D5", "E5", "F5", "G5", "A5", "B5", "C6", "B5", "A5"]:
        v.note(name, "1/4")
    for name in ["G5", "F5", "E5", "D5", "C5"]:
        v.note(name, "1/8")
    return s


def test_an_irregular_bar_keeps_its_meter_on_the_page_and_in_midi(tmp_path: Path) -> None:
    mido = require_module("mido")
    score = irregular()
    source = score.write(tmp_path / "irregular.musicxml", date="2026-01-01")
    ours = etree.parse(str(source)).getroot()
    measures = list(ours.iter("measure"))
    assert [m.get("implicit") for m in measures[:2]] == ["yes", None]  # the pickup only
    times = [(m.get("number"), m.findtext("attributes/time/beats")) for m in measures]
    assert [t for t in times if t[1]] == [("0", "3"), ("5", "2+3")]
    target = tmp_path / "back.musicxml"
    from tests.musicxml.oracles import run_musescore

    run_musescore(source, target)
    back = etree.parse(str(target)).getroot()
    assert [t.findtext("beats") for t in back.iter("time")] == ["3", "2+3"]
    assert len(list(back.iter("measure"))) == len(measures)
    assert run_musescore(source, tmp_path / "irregular.mid") == []
    assert midi_onsets(tmp_path / "irregular.mid") == score_onsets(score)
    ours_midi = score.write(tmp_path / "ours.mid")
    signatures = [
        (m.numerator, m.denominator)
        for track in mido.MidiFile(str(ours_midi)).tracks
        for m in track
        if m.type == "time_signature"
    ]
    assert signatures == [(3, 4), (5, 8)]  # the irregular bar changes no time signature


def nested() -> sf.Score:
    """A triplet of sixteenths inside a quintuplet of eighths over a half."""
    s = sf.Score()
    s.meter("2/4")
    v = s.part("P").voice("V")
    fifth = F(1, 10)
    for name in ("C5", "D5"):
        v.note(name, fifth)
    for name in ("E5", "F5", "G5"):
        v.note(name, fifth / 3)
    for name in ("A5", "B5"):
        v.note(name, fifth)
    return s


def test_musescore_3_cannot_nest_tuplets_and_flat_ones_read_right(tmp_path: Path) -> None:
    """A known limit of MuseScore 3, kept visible: its importer does not support nested tuplets
    (its source says so; it draws 5, 15, 5 brackets) though music21 reads them exactly and
    MuseScore plays them right. ``NotationOptions(nested_tuplets=False)`` writes one 15:8
    group instead, which MuseScore reads without a complaint."""
    from scoreframe.musicxml.bars import NotationOptions
    from tests.musicxml.oracles import music21_notes, run_musescore, score_notes

    score = nested()
    source = score.write(tmp_path / "nested.musicxml", date="2026-01-01")
    assert music21_notes(source) == score_notes(score)
    complaints = run_musescore(source, tmp_path / "nested.mid")
    assert any("tuplet already started" in c for c in complaints)
    assert midi_onsets(tmp_path / "nested.mid") == score_onsets(score)
    flat = score.write(
        tmp_path / "flat.musicxml",
        date="2026-01-01",
        notation=NotationOptions(nested_tuplets=False),
    )
    starts = [t for t in etree.parse(str(flat)).iter("tuplet") if t.get("type") == "start"]
    assert len(starts) == 1 and starts[0].findtext("tuplet-actual/tuplet-number") == "15"
    assert music21_notes(flat) == score_notes(score)
    assert run_musescore(flat, tmp_path / "flat.mid") == []
    assert midi_onsets(tmp_path / "flat.mid") == score_onsets(score)


def test_a_voice_with_nothing_to_say_shows_no_rests(tmp_path: Path) -> None:
    score = _example("quartet")  # the second violin's divisi voice plays two bars of twelve
    source = score.write(tmp_path / "quartet.musicxml", date="2026-01-01")
    ours = etree.parse(str(source)).getroot()
    hidden = [n for n in ours.iter("note") if n.get("print-object") == "no"]
    assert len(hidden) == 10 and all(n.find("rest") is not None for n in hidden)
    counts, complaints = musescore_page(source, tmp_path)
    assert complaints == [] and counts["rest"] == 0


def test_staccato_inference_can_be_turned_off() -> None:
    s = sf.Score()
    v = s.part("Flute").voice("Fl")
    v.note("C5", "1/4", duration="1/8")
    v.note("D5", "1/4", articulations=["staccato"])
    dots = [
        len(list(sf.musicxml.to_tree(s, date="2026-01-01", infer_staccato=on).iter("staccato")))
        for on in (True, False)
    ]
    assert dots == [2, 1]  # the written one stays


def test_a_composer_can_redraw_a_drum(tmp_path: Path) -> None:
    kit = sf.musicxml.GM_DRUMS.with_drum(36, sf.musicxml.Drum("Kick", "E", 4, "x"))
    source = drums().write(tmp_path / "kick.musicxml", date="2026-01-01", drums=kit)
    root = etree.parse(str(source)).getroot()
    kick = next(n for n in root.iter("note") if n.find("unpitched") is not None)
    assert (kick.findtext("unpitched/display-step"), kick.findtext("notehead")) == ("E", "x")
    names = [i.findtext("instrument-name") for i in root.iter("score-instrument")]
    assert names == ["Kick", "Acoustic Snare", "Closed Hi-Hat"]
    unpitched = [m.findtext("midi-unpitched") for m in root.iter("midi-instrument")]
    assert unpitched == ["37", "39", "43"]  # 1-based General MIDI keys
    counts, complaints = musescore_page(source, tmp_path)
    assert complaints == [] and counts["unpitched"] == 8


def test_a_midi_files_stepped_ritardando_reads_as_one_rit(tmp_path: Path) -> None:
    """A ramp comes back from a MIDI file as dozens of held tempi (Set-Tempo holds): the
    page shows the first and the last with "rit." between, not a column of marks, and
    MuseScore still slows down through it. (It applies a tempo at the chord its direction
    is attached to, whatever the offset, and keeps the last of several there: it plays 5 of
    the steps, as it did when each step was a visible mark.)"""
    mido = require_module("mido")
    back = sf.midi.to_score(sf.midi.to_bytes(_example("nocturne")))
    assert len(back.tempo.segments) > 20  # the exporter's ritardando, step by step
    source = back.write(tmp_path / "back.musicxml", date="2026-01-01")
    root = etree.parse(str(source)).getroot()
    counts, complaints = musescore_page(source, tmp_path)
    assert beyond_musescore_3(complaints) == []
    assert counts["tempo"] == page_counts(root)["tempo"] == 3  # 66 at the start, 66 to 48
    assert [w.text for w in root.iter("words") if (w.text or "").strip()] == ["rit."]
    played = [
        mido.tempo2bpm(m.tempo)
        for track in mido.MidiFile(str(tmp_path / "back.musescore.mid")).tracks
        for m in track
        if m.type == "set_tempo"
    ]
    assert len(played) > 3 and played == sorted(played, reverse=True)
    assert round(played[0]) == 66 and round(played[-1]) == 48
