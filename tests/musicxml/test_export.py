"""The MusicXML exporter, checked by the official XSD, music21's parser and small readings."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from lxml import etree

import scoreframe as sf
from scoreframe.errors import ExportError, ScoreframeError
from scoreframe.musicxml import stream, validate
from tests.musicxml.oracles import (
    music21_notes,
    music21_voice_fill,
    score_notes,
    xml_voice_runs,
)

F = Fraction


def grand_staff() -> sf.Score:
    """Two voices in the right hand, a left hand crossing up, triplets, quintuplets, a chord,
    ties over the bar line, an accelerando and a crescendo."""
    s = sf.Score(title="Grand Staff", composer="Tests")
    s.meter("4/4")
    s.key("Eb major")
    s.tempo.hold(60).ramp(90, at=1, over=1)
    piano = s.part("Piano", program=1, staves=2)
    rh, alto = piano.voice("RH", staff=1), piano.voice("Alto", staff=1)
    lh = piano.voice("LH", staff=2)
    rh.velocity.hold(50).ramp(100, at=1, over=1, curve="linear")
    for name in ("G4", "Ab4", "Bb4"):
        rh.note(name, F(1, 12))
    rh.note("C5", "1/4", articulations=["accent"])
    rh.note("D5", "3/8")
    rh.note("Eb5", "1/8", tie=True)
    rh.note("Eb5", "1/2")
    rh.chord(["G4", "Bb4"], "1/4", duration="1/16")
    rh.note("A4", "1/4")
    for _ in range(5):
        rh.note("F4", F(1, 20))
    rh.note("G4", "1/4")
    rh.note("G4", "1/2", articulations=["fermata"])
    alto.note("Eb4", "1/2")
    alto.note("D4", "1/2")
    alto.note("C4", "3/2", tie=False)
    for name, staff in (("Eb3", None), ("G3", None), ("Bb3", 1), ("G3", None)):
        lh.note(name, "1/4", staff=staff)
    lh.note("C3", "3/2")
    lh.note("C#3", "1/4")
    lh.note("C3", "1/4")
    s.part("Violin", program=41).voice("Vln").note("D5", "3/4", at="1/4")
    return s


def pickup_and_meters() -> sf.Score:
    s = sf.Score(title="Meters")
    s.pickup("1/4")
    s.meter("7/8", at="5/4")
    s.meter("6/8", at="17/8")
    v = s.part("Clarinet", program=72).voice("Cl")
    v.note("G4", "1/4")
    for name in ("C5", "D5", "E5", "F5"):
        v.note(name, "1/4")
    for name in ("G5", "F5", "E5", "D5", "C5", "B4", "A4"):
        v.note(name, "1/8")
    v.note("G4", "1/2", tie=True)
    v.note("G4", "1/4")
    return s


SCORES = {"grand_staff": grand_staff, "pickup_and_meters": pickup_and_meters}


@pytest.fixture(params=sorted(SCORES))
def exported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[sf.Score, Path]:
    score = SCORES[request.param]()
    path = score.write(tmp_path / f"{request.param}.musicxml", date="2026-01-01")
    return score, path


def test_every_file_validates_against_the_official_xsd(exported: tuple[sf.Score, Path]) -> None:
    validate(exported[1])


def test_music21_reads_the_same_notes(exported: tuple[sf.Score, Path]) -> None:
    score, path = exported
    assert music21_notes(path) == score_notes(score)


def test_every_voice_fills_every_measure(exported: tuple[sf.Score, Path]) -> None:
    score, path = exported
    assert xml_voice_runs(path) == []
    if all(n.staff is None for v in score.voices for n in v.notes):
        # music21 splits a part's staves, so a voice crossing staves is checked above only
        bars = {bar.number: bar.length for bar in score.meters.bars(score.end)}
        assert music21_voice_fill(path, bars) == []


def test_voices_are_laid_one_after_another_with_backup() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    first = tree.find("part/measure")
    assert first is not None
    children = [c.tag for c in first if c.tag in ("note", "backup")]
    # three voices: two backups, each going back the whole 4/4 bar (4 quarters of divisions)
    divisions = int(first.findtext("attributes/divisions") or 0)
    backups = [int(b.findtext("duration") or 0) for b in first.iter("backup")]
    assert backups == [4 * divisions, 4 * divisions]
    assert children.count("backup") == 2
    voices = [n.findtext("voice") for n in first.iter("note")]
    assert voices == sorted(voices, key=lambda v: voices.index(v))  # contiguous runs
    assert {"1", "2", "5"} == set(voices)


def test_staff_on_every_note_and_the_crossing_note_on_the_upper_staff() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    piano = tree.find("part")
    assert piano is not None
    notes = list(piano.iter("note"))
    assert all(n.findtext("staff") in ("1", "2") for n in notes)
    crossing = [n for n in notes if n.findtext("voice") == "5" and n.findtext("staff") == "1"]
    assert [n.findtext("pitch/step") for n in crossing] == ["B"]


def test_stems_up_for_the_upper_voice_and_down_for_the_lower() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    stems = {
        (n.findtext("voice"), n.findtext("stem"))
        for n in tree.iter("note")
        if n.find("stem") is not None and n.findtext("staff") == "1"
    }
    assert ("1", "up") in stems and ("2", "down") in stems
    assert ("1", "down") not in stems and ("2", "up") not in stems


def test_tuplets_are_closed_groups_with_time_modification() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    mods = [
        (n.findtext("time-modification/actual-notes"), n.findtext("time-modification/normal-notes"))
        for n in tree.iter("note")
        if n.find("time-modification") is not None
    ]
    assert mods == [("3", "2")] * 3 + [("5", "4")] * 5
    kinds = [t.get("type") for t in tree.iter("tuplet")]
    assert kinds == ["start", "stop", "start", "stop"]


def test_ties_across_the_bar_line_carry_tie_and_tied() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    lh_c = [
        n
        for n in tree.iter("note")
        if n.findtext("voice") == "5"
        and n.findtext("pitch/step") == "C"
        and n.find("pitch/alter") is None
    ]
    ties = [
        ([t.get("type") for t in n.iter("tie")], [t.get("type") for t in n.iter("tied")])
        for n in lh_c
    ]
    assert ties[0] == (["start"], ["start"])
    assert ties[1] == (["stop"], ["stop"])


def test_accidentals_follow_the_key_and_the_bar() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    lh = [
        (n.findtext("pitch/step"), n.findtext("pitch/alter"), n.findtext("accidental"))
        for n in tree.iter("note")
        if n.findtext("voice") == "5"
    ]
    # Eb, Bb in the key: no sign; C# then C natural in one bar
    assert ("E", "-1", None) in lh
    assert lh[-2:] == [("C", "1", "sharp"), ("C", None, "natural")]


def test_dynamics_and_wedge_from_the_velocity_contour() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    marks = [d[0].tag for d in tree.iter("dynamics")]
    assert marks[0] == "p"
    wedges = [w.get("type") for w in tree.iter("wedge")]
    assert wedges == ["crescendo", "stop"]


def test_tempo_marks_in_the_first_part_and_silent_sound_tempo_inside_the_ramp() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    first, *others = tree.iter("part")
    assert [m.findtext("per-minute") for m in first.iter("metronome")] == ["60", "90"]
    assert [w.text for w in first.iter("words") if w.text != " "] == ["accel."]
    tempos = [float(s.get("tempo") or 0) for s in first.iter("sound") if s.get("tempo")]
    assert tempos[0] == 60 and tempos[-1] == 90
    inside = tempos[1:-1]
    assert inside == sorted(inside) and len(inside) == 3  # the beats inside the ramp
    for beat in first.iter("direction"):  # each beat: one space of words, then its sound
        if beat.findtext("direction-type/words") == " ":
            assert beat.find("sound").get("tempo")  # type: ignore[union-attr]
    for part in others:
        assert not list(part.iter("metronome")) and not list(part.iter("words"))
        assert not [s for s in part.iter("sound") if s.get("tempo")]


def test_tempo_parts_writes_the_tempo_in_every_part() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01", tempo_parts=True)
    for part in tree.iter("part"):
        assert [m.findtext("per-minute") for m in part.iter("metronome")] == ["60", "90"]
    validate(tree)


def test_hidden_tempo_marks_keep_the_sound() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01", tempo_marks=False)
    assert not list(tree.iter("metronome"))
    assert any(s.get("tempo") == "60" for s in tree.iter("sound"))
    validate(tree)


def test_pickup_is_measure_zero_implicit_and_meter_changes_get_attributes() -> None:
    tree = sf.musicxml.to_tree(pickup_and_meters(), date="2026-01-01")
    measures = list(tree.iter("measure"))
    assert (measures[0].get("number"), measures[0].get("implicit")) == ("0", "yes")
    times = [
        (m.get("number"), m.findtext("attributes/time/beats"))
        for m in measures
        if m.find("attributes/time") is not None
    ]
    assert times == [("0", "4"), ("2", "7"), ("3", "6")]
    assert measures[-1].find("barline/bar-style").text == "light-heavy"  # type: ignore[union-attr]


def test_staccato_where_a_note_sounds_at_most_half_its_period() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01")
    staccato = [
        n.findtext("pitch/step")
        for n in tree.iter("note")
        if n.find("notations/articulations/staccato") is not None
    ]
    assert staccato == ["G"]  # the chord sounding a 16th of its quarter: once, on the chord
    fermatas = [n for n in tree.iter("note") if n.find("notations/fermata") is not None]
    assert len(fermatas) == 1


def test_microtones_as_decimal_alters_with_quarter_tone_accidentals() -> None:
    s = sf.Score()
    v = s.part("Violin").voice("V")
    v.note("Cq#5", "1/4")
    v.note("E4+25c", "1/4")
    v.note("Eqb4", "1/2")
    tree = sf.musicxml.to_tree(s, date="2026-01-01", cents_in_alter=True)
    got = [(n.findtext("pitch/alter"), n.findtext("accidental")) for n in tree.iter("note")]
    assert got == [("0.5", "quarter-sharp"), ("0.25", None), ("-0.5", "quarter-flat")]
    validate(tree)
    # by default the cents are a small text above the note, and <alter> keeps quarter tones
    tree = sf.musicxml.to_tree(s, date="2026-01-01")
    got = [(n.findtext("pitch/alter"), n.findtext("accidental")) for n in tree.iter("note")]
    assert got == [("0.5", "quarter-sharp"), (None, None), ("-0.5", "quarter-flat")]
    assert [w.text for w in tree.iter("words")] == ["+25\u00a2"]
    validate(tree)
    hidden = sf.musicxml.to_tree(s, date="2026-01-01", show_cents=False)
    assert not list(hidden.iter("words"))


def test_mxl_container_has_mimetype_first_and_stored(tmp_path: Path) -> None:
    path = grand_staff().write(tmp_path / "g.mxl", date="2026-01-01")
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert "META-INF/container.xml" in archive.namelist()
        assert "g.musicxml" in archive.namelist()
    validate(path)
    assert music21_notes(path) == score_notes(grand_staff())


def test_output_is_deterministic(tmp_path: Path) -> None:
    one = sf.musicxml.to_bytes(grand_staff(), date="2026-01-01")
    two = sf.musicxml.to_bytes(grand_staff(), date="2026-01-01")
    assert one == two
    assert one.startswith(b"<?xml") and sf.musicxml.DOCTYPE.encode() in one


def test_source_date_epoch_sets_the_encoding_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    tree = sf.musicxml.to_tree(pickup_and_meters())
    assert tree.findtext("identification/encoding/encoding-date") == "2023-11-14"


def test_a_chord_with_two_periods_is_an_error_naming_the_place() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", "1/4")
    v.note("E4", "1/2", at=0)
    with pytest.raises(ScoreframeError, match=r"part 'P', voice 'V', bar 1.*another voice"):
        sf.musicxml.to_tree(s)


def test_a_key_change_inside_a_bar_is_an_error(tmp_path: Path) -> None:
    s = sf.Score()
    s.part("P").voice("V").note("C4", "1")
    s.key("D major", at="1/4")
    target = tmp_path / "k.musicxml"
    with pytest.raises(ExportError, match=r"bar 1, beat 2.*bar line"):
        s.write(target)
    assert list(tmp_path.iterdir()) == []  # nothing half written


def test_a_score_without_parts_is_an_error() -> None:
    with pytest.raises(ExportError, match="no parts"):
        sf.musicxml.to_tree(sf.Score())


def test_the_tree_is_what_the_bytes_hold() -> None:
    score = pickup_and_meters()
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    parser = etree.XMLParser(remove_blank_text=True)
    parsed = etree.fromstring(sf.musicxml.to_bytes(score, date="2026-01-01"), parser)
    assert etree.tostring(parsed) == etree.tostring(tree.getroot())


def test_midi_limits_never_stop_a_notation_export() -> None:
    s = sf.Score()
    for i in range(18):  # more parts than MIDI channels
        s.part(f"P{i}").voice("V").note("C4", 1)
    strings = s.part("Strings")  # different microtones at once, with no channel left for MPE
    strings.voice("A").note("C4+25c", 1)
    strings.voice("B").note("E4-14c", 1)
    tree = sf.musicxml.to_tree(s, date="2026-01-01")
    channels = [int(c.text or 0) for c in tree.iter("midi-channel")]
    assert len(channels) == 19 and all(1 <= c <= 16 for c in channels) and 10 not in channels
    validate(tree)


def test_ramp_beats_can_be_left_out_for_readers_that_print_them() -> None:
    tree = sf.musicxml.to_tree(grand_staff(), date="2026-01-01", ramp_beats=False)
    part = tree.find("part")
    assert part is not None
    tempos = [s.get("tempo") for s in part.iter("sound") if s.get("tempo")]
    assert tempos == ["60", "90"] and [w.text for w in part.iter("words")] == ["accel."]
    validate(tree)


def _long_duet() -> sf.Score:
    """More measures than one printed batch, two parts, text that needs escaping."""
    s = sf.Score(title="Duet <für> & Co", composer="Ünï")
    s.meter("3/4")
    for name, low in (("Flöte & Oboe", 72), ("Cello", 48)):
        voice = s.part(name).voice(name[:3])
        for k in range(5 * (stream.BATCH + 7)):
            voice.note(low + k % 12, "1/4" if k % 5 else "1/8")
    return s


@pytest.mark.parametrize("make", [grand_staff, pickup_and_meters, _long_duet])
def test_the_streamed_bytes_are_the_tree_printed(
    make: Callable[[], sf.Score], tmp_path: Path
) -> None:
    score = make()
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    printed = etree.tostring(
        tree, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=sf.musicxml.DOCTYPE
    )
    assert sf.musicxml.to_bytes(score, date="2026-01-01") == printed
    path = sf.musicxml.write(score, tmp_path / "s.musicxml", date="2026-01-01")
    assert path.read_bytes() == printed


def test_the_stream_holds_one_batch_of_measures_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[int] = []
    done = stream.MeasureSink.done

    def counting(self: stream.MeasureSink, measure: stream.TextMeasure) -> None:
        held.append(self.held + 1)  # the measures held with this one
        done(self, measure)

    monkeypatch.setattr(stream.MeasureSink, "done", counting)
    sf.musicxml.to_bytes(_long_duet(), date="2026-01-01")
    assert max(held) == stream.BATCH and len(held) > 2 * stream.BATCH


@pytest.mark.parametrize(("beat", "dots"), [(Fraction(3, 8), 1), (Fraction(7, 16), 2)])
def test_a_dotted_tempo_beat_is_a_metronome_with_its_dots(
    beat: Fraction, dots: int, tmp_path: Path
) -> None:
    score = sf.Score(tempo_beat=beat)
    score.tempo.hold(60)
    score.part("P").voice().note("C4", "1/4")
    path = sf.musicxml.write(score, tmp_path / "dotted.musicxml", date="2026-01-01")
    validate(path)
    metronome = etree.parse(str(path)).find(".//metronome")
    assert metronome is not None
    assert metronome.findtext("beat-unit") == "quarter"
    assert len(metronome.findall("beat-unit-dot")) == dots
