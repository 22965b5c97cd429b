"""The example scores: what each is meant to show, and every export of each checked by a program
we did not write (the MusicXML XSD, music21, MuseScore 3, mido, FluidSynth, Csound)."""

from __future__ import annotations

import io
import re
import runpy
import subprocess
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import scoreframe as sf
from scoreframe.document import load
from tests.musicxml.oracles import (
    beyond_musescore_3,
    midi_onsets,
    music21_notes,
    ornamented,
    outside,
    run_musescore,
    score_notes,
    score_onsets,
    xml_voice_runs,
)
from tests.support import require_file, require_module, require_program

SCORES = Path(__file__).resolve().parent.parent / "scores"
NAMES = sorted(p.stem for p in SCORES.glob("*.py") if not p.name.startswith("_"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@cache
def build(name: str) -> sf.Score:
    score: sf.Score = runpy.run_path(str(SCORES / f"{name}.py"))["build"]()
    return score


def test_there_are_eight_pieces_two_of_them_in_the_xml_format() -> None:
    assert NAMES == [
        "accelerando",
        "canon",
        "microtones",
        "nocturne",
        "quartet",
        "serenade",
        "song",
        "tuplets",
    ]
    assert len(list(SCORES.glob("*.score.xml"))) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_each_score_is_valid_and_every_voice_fills_its_last_bar(name: str) -> None:
    score = build(name)
    score.validate()
    last = list(score.meters.bars(score.end))[-1]
    for voice in score.voices:
        assert voice.cursor == last.end == score.end, voice.name
    assert 0 < sf.TempoMap(score).seconds(score.end) < 600


@pytest.mark.parametrize("path", sorted(SCORES.glob("*.score.xml")), ids=lambda p: p.name)
def test_the_xml_documents_are_the_python_scores(path: Path) -> None:
    from scoreframe.document import to_bytes

    twin = build(path.name.removesuffix(".score.xml"))
    assert to_bytes(load(path)) == to_bytes(twin)


def test_the_canon_follows_its_leader_an_octave_lower_four_bars_later() -> None:
    leader, follower = (p.voices[0] for p in build("canon").parts)
    lead = [
        (n.onset + 4, n.period, n.pitch.key_number - 12)
        for n in leader.notes
        if n.pitch is not None
    ]
    follow = [
        (n.onset, n.period, n.pitch.key_number) for n in follower.notes if n.pitch is not None
    ]
    assert follow[:-1] == lead[: len(follow) - 1] and len(follow) > 60  # all but the final D


def test_the_nocturne_is_a_grand_staff_with_two_right_hand_voices_and_a_crossing() -> None:
    piano = build("nocturne").parts[0]
    assert piano.staves == 2
    assert [v.staff for v in piano.voices] == [1, 1, 2]
    crossing = [n for n in piano.voices[2].notes if n.staff == 1]
    assert len(crossing) == 1
    assert any(n.duration < n.period for n in piano.voices[1].notes)


def test_the_accelerando_has_every_kind_of_contour() -> None:
    score = build("accelerando")
    assert any(s.curve is sf.Curve.EXPONENTIAL and s.moving for s in score.tempo.segments)
    strings, lead = (p.voices[0] for p in score.parts)
    assert any(s.moving for s in strings.velocity.segments)
    assert any(s.moving for s in lead.control(11).segments)
    assert any(s.moving for s in lead.pitch_bend.segments)


def test_the_tuplet_study_has_a_pickup_meter_changes_triplets_and_quintuplets() -> None:
    score = build("tuplets")
    assert score.meters.pickup == Fraction(1, 4)
    assert {str(m) for _, m in score.meters.changes} >= {"4/4", "7/8", "5/4"}
    denominators = {n.period.denominator for v in score.voices for n in v.notes}
    assert {12, 20, 6} <= denominators


def test_the_quartet_slows_to_its_end_under_one_tempo_mark_and_a_fermata_per_part() -> None:
    score = build("quartet")
    assert len(score.parts) == 4 and any(s.end == score.end for s in score.tempo.segments)
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    assert len(list(tree.iter("metronome"))) == 1
    assert len(list(tree.iter("fermata"))) == 4
    assert len(score.parts[1].voices) == 2  # the divisi


def test_the_microtone_study_spells_float_quarter_tones_and_shows_its_cents() -> None:
    score = build("microtones")
    assert str(score.meters.meter_at(Fraction(0))) == "2+3/8"
    flute = score.parts[0].voices[0]
    spelled = {str(n.pitch) for n in flute.notes if n.pitch is not None}
    assert {"Fq#5", "C#q#5", "Bb5+14c"} <= spelled  # 73.5 is C#q#5
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    assert {w.text for w in tree.iter("words")} >= {"+14\u00a2", "-20\u00a2", "+31\u00a2"}
    assert len(list(tree.iter("unpitched"))) == sum(
        1 for n in score.parts[1].voices[0].notes if n.pitch
    )


@pytest.mark.parametrize("name", NAMES)
def test_musicxml_validates_and_music21_reads_the_notes(name: str, tmp_path: Path) -> None:
    score = build(name)
    path = score.write(tmp_path / f"{name}.musicxml", date="2026-01-01")
    sf.musicxml.validate(path)
    assert xml_voice_runs(path) == []
    # cents are a text above the note (music21 refuses a decimal alter such as 0.31)
    assert music21_notes(path) == score_notes(score, cents=False)


@pytest.mark.parametrize("name", NAMES)
def test_musescore_imports_engraves_and_plays_each_score(name: str, tmp_path: Path) -> None:
    score = build(name)
    path = score.write(tmp_path / f"{name}.mxl", date="2026-01-01")
    assert beyond_musescore_3(run_musescore(path, tmp_path / f"{name}.pdf")) == []
    assert beyond_musescore_3(run_musescore(path, tmp_path / f"{name}.mid")) == []
    spans = ornamented(score)  # graces and trills: MuseScore plays them by its own rules
    played = outside(midi_onsets(tmp_path / f"{name}.mid"), spans)
    wanted = outside(score_onsets(score), spans)
    assert [t for t, _ in played] == [t for t, _ in wanted]
    quarter_tones = [
        (n.onset, n.pitch.key_number)
        for v in score.voices
        for n in v.notes
        if n.pitch is not None and n.pitch.alter.denominator == 2
    ]

    def plain(notes: list[tuple[Fraction, int]]) -> list[tuple[Fraction, int]]:
        """Without the quarter tones: MuseScore 3 plays one on the semitone its letter and
        accidental name, which may be the key above ours (a half rounds down)."""
        return [
            (t, k)
            for t, k in notes
            if not any(t == q and abs(k - c) <= 1 for q, c in quarter_tones)
        ]

    assert plain(played) == plain(wanted)


def _mido_messages(data: bytes) -> list[tuple[int, str]]:
    mido: Any = require_module("mido")
    out = []
    for index, track in enumerate(mido.MidiFile(file=io.BytesIO(data)).tracks):
        tick = 0
        for message in track:
            tick += message.time
            if not message.is_meta and message.type != "sysex":
                out.append((index, tick, message.bytes()))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_mido_agrees_with_our_reader_message_by_message(name: str) -> None:
    data = sf.midi.to_bytes(build(name))
    ours = [
        (i, e.tick, list(e.message.to_bytes()))
        for i, t in enumerate(sf.midi.read(data).tracks)
        for e in t.events
        if isinstance(e.message, sf.midi.Message)
    ]
    assert _mido_messages(data) == ours


@pytest.mark.parametrize("name", NAMES)
def test_music21_reads_the_midi_notes(name: str, tmp_path: Path) -> None:
    music21: Any = require_module("music21")
    score = build(name)
    path = score.write(tmp_path / f"{name}.mid")
    parsed = music21.converter.parse(str(path), quantizePost=False).stripTies()
    notes = list(parsed.flatten().notes)
    theirs = sorted(p.midi for n in notes for p in n.pitches)
    ours = sorted(
        e.item.pitch.key_number
        for e in score.events(sounding=True)
        if e.part is not None
        and not e.part.percussion
        and getattr(e.item, "pitch", None) is not None
    )
    assert theirs == ours
    unpitched = sum(isinstance(n, music21.note.Unpitched) for n in notes)
    hits = sum(1 for p in score.parts if p.percussion for v in p.voices for n in v.notes if n.pitch)
    assert unpitched == hits  # channel 10 reads as drums


@pytest.mark.parametrize("name", NAMES)
def test_fluidsynth_renders_the_midi_without_a_complaint(name: str, tmp_path: Path) -> None:
    program = require_program("fluidsynth")
    font = require_file(Path("/usr/share/sounds/sf2/FluidR3_GM.sf2"), "fluid-soundfont-gm")
    path = build(name).write(tmp_path / f"{name}.mid")
    result = subprocess.run(
        [program, "-ni", "-F", str(tmp_path / "out.wav"), str(font), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    complaints = [
        line
        for line in result.stderr.splitlines()
        if re.search(r"error|warning|invalid|fail", line, re.I)
    ]
    assert complaints == []
    assert (tmp_path / "out.wav").stat().st_size > 10_000


@pytest.mark.parametrize("name", NAMES)
def test_csound_renders_each_score(name: str, tmp_path: Path) -> None:
    program = require_program("csound")
    path = build(name).write(tmp_path / f"{name}.csd")
    result = subprocess.run(
        [program, path.name], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0 and "0 errors in performance" in output
    assert not [
        line
        for line in output.splitlines()
        if re.search(r"\berror|undefined", line, re.I) and "0 errors" not in line
    ]


def test_midi_live_and_csound_start_the_accelerando_at_the_same_seconds() -> None:
    score = build("accelerando")
    tempo_map = sf.TempoMap(score)
    expected = sorted(tempo_map.seconds(onset) for onset, _ in score_onsets(score))
    live = sorted(m.seconds for m in sf.midi.messages(score) if m.data[0] & 0xF0 == 0x90)
    csound = sorted(
        float(line.split()[2])
        for line in sf.csound.to_text(score).splitlines()
        if line.startswith("i ")
    )
    mido: Any = require_module("mido")
    now, midi = 0.0, []
    for message in mido.MidiFile(file=io.BytesIO(sf.midi.to_bytes(score))):
        now += message.time
        if message.type == "note_on" and message.velocity:
            midi.append(now)
    for got, tolerance in ((live, 1e-9), (csound, 1e-6), (sorted(midi), 5e-4)):
        assert len(got) == len(expected)
        assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) <= tolerance
