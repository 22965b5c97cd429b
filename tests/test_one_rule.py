"""One rule, one place: the defects that came from a rule written twice, each pinned.

1. an inherited controller reached MIDI only from the first owner that had one;
2. an exponential segment from 0 got in by some paths and was played as linear;
3. beat grouping differed between the meter and the notation;
4. the model's lists and settings could be changed behind its back;
5. misspelled exporter options were a bare TypeError on most paths.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import MutableSequence, Sequence
from dataclasses import fields
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import scoreframe as sf
from scoreframe.cli import main
from scoreframe.contour import Contour, Curve, Segment
from scoreframe.csound.options import CsdOptions, CsoundWriteOptions, ScoOptions, ScoWriteOptions
from scoreframe.document import loads, to_bytes
from scoreframe.errors import ContourError, DocumentError, ExportError, ScoreValueError
from scoreframe.midi.policies import MidiOptions, MidiWriteOptions
from scoreframe.musicxml.metric import BarMeter
from scoreframe.musicxml.options import MusicXmlOptions, MusicXmlWriteOptions
from scoreframe.plot import PianoRollKeywords, PianoRollOptions
from scoreframe.render.options import (
    AudioOptions,
    AudioWriteOptions,
    NotationOptions,
    NotationWriteOptions,
)
from scoreframe.settings import PartOptions, PartSettings
from tests.support import require_module

F = Fraction


# -- 1. inheritance --------------------------------------------------------------------------


def _inherited_controller() -> sf.Score:
    score = sf.Score()
    score.tempo.hold(120)
    part = score.part("Strings", program=49)
    part.control(11).hold(100)
    voice = part.voice("V")
    voice.control(11).hold(50, at=2)
    for key in (60, 62, 64, 65):
        voice.note(key, 1)
    return score


def test_an_inherited_controller_reaches_every_output_at_every_onset() -> None:
    mido: Any = require_module("mido")
    score = _inherited_controller()
    voice = score.voices[0]
    onsets = [n.onset for n in voice.notes]
    assert [voice.value_at("control:11", t) for t in onsets] == [100, 100, 50, 50]
    sco = sf.csound.to_text(score, fields={"Strings": ["control:11"]})
    assert [line.split()[-1] for line in sco.splitlines() if line.startswith("i ")] == [
        "100",
        "100",
        "50",
        "50",
    ]
    midi = mido.MidiFile(file=io.BytesIO(sf.midi.to_bytes(score)))
    value, heard, seconds = None, [], 0.0
    for message in mido.merge_tracks(midi.tracks):
        seconds += mido.tick2second(message.time, midi.ticks_per_beat, 500_000)
        if message.type == "control_change" and message.control == 11:
            value = (message.value, round(seconds, 6))
        elif message.type == "note_on":
            heard.append(value)
    assert heard == [(100, 0.0), (100, 0.0), (50, 4.0), (50, 4.0)]


def test_voices_of_one_channel_with_different_contours_are_a_warning_naming_them() -> None:
    score = sf.Score()
    part = score.part("P")
    a, b = part.voice("A"), part.voice("B")
    a.control(1).hold(10)
    b.control(1).hold(90)
    a.note("C4", 1)
    b.note("E4", 1)
    with pytest.warns(
        sf.ScoreframeWarning,
        match="voices 'A' and 'B' share channel 1 but "
        "follow different 'control:1' contours; the file follows voice 'A'",
    ):
        sf.midi.to_bytes(score)
    b.channel = 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sf.midi.to_bytes(score)  # on channels of their own, both are kept


def test_a_velocity_ramp_inherited_before_a_voice_contour_starts_keeps_its_wedge() -> None:
    score = sf.Score()
    part = score.part("P")
    part.velocity.hold(40).ramp(100, at=0, over=2)
    voice = part.voice("V")
    voice.velocity.hold(70, at=1)
    for _ in range(8):
        voice.note("C4", "1/4")
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    wedges = [w.get("type") for w in tree.iter("wedge")]
    assert wedges == ["crescendo", "stop"]  # the part's crescendo, until the voice's hold


# -- 2. segments check themselves ------------------------------------------------------------


@pytest.mark.parametrize(("origin", "goal"), [(0, 5), (5, 0), (-1, 1), (2, -3)])
def test_an_exponential_segment_needs_one_sign_whichever_way_it_is_made(
    origin: int, goal: int
) -> None:
    rule = "needs an origin and a goal of one sign, neither zero"
    with pytest.raises(ContourError, match=rule):
        Segment(F(0), F(1), F(origin), F(goal), Curve.EXPONENTIAL)
    with pytest.raises(ContourError, match=rule):
        Contour("x").hold(origin).ramp(goal, at=0, over=1, curve="exponential")
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1)
    document = to_bytes(score).replace(
        b"<contours/>",
        f'<contours><contour name="x" curve="linear"><segment start="0" end="1" '
        f'origin="{origin}" goal="{goal}" curve="exponential"/></contour></contours>'.encode(),
    )
    with pytest.raises(DocumentError, match=f"line \\d+: score contour 'x': .*{rule}"):
        loads(document, "x.score.xml")


def test_an_exponential_segment_below_zero_moves_by_equal_ratios_everywhere() -> None:
    mido: Any = require_module("mido")
    score = sf.Score()
    part = score.part("P")
    part.pitch_bend.hold(-0.125).ramp(-2, at=0, over=4, curve="exponential")
    voice = part.voice("V")
    for _ in range(4):
        voice.note("C4", 1)
    assert voice.value_at("pitch_bend", 2) == pytest.approx(-0.5)  # the geometric middle
    midi = mido.MidiFile(file=io.BytesIO(sf.midi.to_bytes(score, ppq=960)))
    tick, wheel = 0, []
    for message in midi.tracks[1]:
        tick += message.time
        if message.type == "pitchwheel":
            wheel.append((tick, message.pitch))
    at_two = [pitch for t, pitch in wheel if t <= 2 * 4 * midi.ticks_per_beat][-1]
    assert at_two == pytest.approx(-0.5 / 2 * 8192, abs=4)  # linear would be -1.06 semitones


# -- 3. beat grouping --------------------------------------------------------------------------


@pytest.mark.parametrize("denominator", [1, 2, 4, 8, 16, 32])
def test_the_meter_and_the_notation_group_beats_alike(denominator: int) -> None:
    for numerator in range(1, 33):
        meter = sf.Meter(numerator, denominator)
        assert BarMeter.from_signature(numerator, denominator).groups == meter.beats, meter


def test_the_groupings_that_differed() -> None:
    assert [sf.Meter(n, 8).groups for n in (3, 4, 10, 13)] == [
        (3,),
        (2, 2),
        (2, 2, 2, 2, 2),
        (2, 2, 2, 2, 2, 3),
    ]


# -- 4. the model guards its state -------------------------------------------------------------


def test_notes_voices_and_parts_are_read_only_views() -> None:
    score = sf.Score()
    part = score.part("P")
    voice = part.voice("V")
    first = voice.note("C4", "1/4")
    voice.note("D4", "1/4")
    for view in (part.voices, score.parts):
        assert isinstance(view, tuple)
    notes = voice.notes  # a read-only view that follows the voice, as dict.keys() does
    assert isinstance(notes, Sequence) and not isinstance(notes, MutableSequence)
    with pytest.raises(AttributeError):
        notes.pop()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        notes[0] = first  # type: ignore[index]
    kept = tuple(notes)
    before = score.events()
    voice.remove(first)
    assert len(notes) == 1 and notes[0] is kept[1] and len(kept) == 2
    assert [e.item for e in score.events() if e.kind is sf.EventKind.NOTE] == list(voice.notes)
    assert len(score.events()) == len(before) - 1
    voice.clear()
    assert voice.notes == () and voice.cursor == 0


def test_part_settings_are_checked_when_set_and_seen_by_validate() -> None:
    score = sf.Score()
    part = score.part("P")
    with pytest.raises(ScoreValueError, match=r"part 'P': staves 9 must be an int in 1\.\.4"):
        part.staves = 9
    part.staves = 2
    part.clefs = ["treble", "bass"]
    assert part.clefs == (sf.Clef.TREBLE, sf.Clef.BASS)
    score.validate()


# -- 5. typed options, one error everywhere ------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "label", "first"),
    [
        (lambda s, d: sf.midi.to_bytes(s, ppqq=960), "MIDI", "format"),
        (lambda s, d: sf.midi.write(s, d / "x.mid", ppqq=960), "MIDI", "format"),
        (lambda s, d: sf.midi.messages(s, ppqq=960), "MIDI", "format"),
        (lambda s, d: sf.musicxml.to_tree(s, tempo_mark=False), "MusicXML", "date"),
        (lambda s, d: sf.musicxml.write(s, d / "x.mxl", tempo_mark=False), "MusicXML", "date"),
        (lambda s, d: sf.csound.to_text(s, ramp=True), "Csound .sco", "fields"),
        (lambda s, d: sf.csound.to_text(s, "csd", ramp=True), "Csound .csd", "fields"),
        (lambda s, d: sf.csound.write(s, d / "x.sco", orchestra="x"), "Csound .sco", "fields"),
        (lambda s, d: sf.document.write(s, d / "x.score.xml", pretty=True), ".score.xml", "none"),
        (lambda s, d: s.write(d / "x.mid", ramps=True), "MIDI", "format"),
        (lambda s, d: s.write(d / "x.csd", ppq=3), "Csound .csd", "fields"),
    ],
)
def test_a_misspelled_option_is_an_export_error_listing_the_valid_ones(
    call: Any, label: str, first: str, tmp_path: Path
) -> None:
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1)
    with pytest.raises(ExportError, match=f"unknown {label} option '\\w+'; valid: {first}"):
        call(score, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_takes_options_and_lists_the_valid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1)
    source = score.write(tmp_path / "s.score.xml")
    out = tmp_path / "s.mid"
    assert main(["export", str(source), "-o", str(out), "-O", "ppq=960", "-O", "format=0"]) == 0
    midi = sf.midi.read(out)
    assert (midi.format, midi.ppq) == (0, 960)
    assert main(["export", str(source), "-o", str(out), "-O", "ppqq=960"]) == 2
    error = capsys.readouterr().err
    assert "unknown option 'ppqq'" in error and "valid: default_velocity, format" in error


@pytest.mark.parametrize(
    ("options", "typed"),
    [
        (MidiOptions, MidiWriteOptions),
        (MusicXmlOptions, MusicXmlWriteOptions),
        (ScoOptions, ScoWriteOptions),
        (CsdOptions, CsoundWriteOptions),
        (PartSettings, PartOptions),
        (AudioOptions, AudioWriteOptions),
        (NotationOptions, NotationWriteOptions),
        (PianoRollOptions, PianoRollKeywords),
    ],
)
def test_each_typed_dict_names_the_fields_of_its_options(options: type, typed: type) -> None:
    assert [f.name for f in fields(options)] == list(typed.__annotations__)
