"""Patches on export: files read back with mido (an independent reader); no patch (or Pass())
writes the very same bytes; a port is a track; note-offs follow their note-ons."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import scoreframe as sf
from bench.generate import generated_score
from scoreframe.errors import ExportError
from scoreframe.units import (
    NOTEON,
    PROGRAM,
    SYSRT_START,
    Call,
    Channel,
    Filter,
    Generator,
    KeySplit,
    Output,
    Pass,
    PortSplit,
    SysEx,
    Transpose,
    Velocity,
)
from scoreframe.units.event import Event
from tests.midi.test_smf import hexdump
from tests.support import require_module
from tests.test_agreement import scores

EXAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("scores").glob("[!_]*.py"))


def mido_tracks(data: bytes) -> list[tuple[str | None, list[Any]]]:
    """(name, messages) of each track, as mido reads them."""
    mido: Any = require_module("mido")
    midi = mido.MidiFile(file=io.BytesIO(data))
    out = []
    for track in midi.tracks:
        names = [m.name for m in track if m.type == "track_name"]
        out.append((names[0] if names else None, [m for m in track if not m.is_meta]))
    return out


def duet() -> sf.Score:
    score = sf.Score(title="Duet")
    score.tempo.hold(120)
    piano = score.part("Piano", program=1, channel=1).voice("RH")
    for key in (60, 64, 67):
        piano.note(key, "1/4", velocity=64)
    score.part("Bass", program=33, channel=2).voice("B").note(36, "3/4", velocity=90)
    return score


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("options", [{}, {"format": 0}, {"running_status": True}])
def test_a_patch_that_passes_everything_writes_the_same_bytes(
    path: Path, options: dict[str, Any]
) -> None:
    score = sf.load(path)
    assert sf.midi.to_bytes(score, patch=Pass(), **options) == sf.midi.to_bytes(score, **options)


@pytest.mark.filterwarnings("ignore::scoreframe.errors.ScoreframeWarning")
def test_a_large_generated_score_passes_unchanged_too() -> None:
    score = generated_score(3000)
    assert sf.midi.to_bytes(score, patch=[Pass()]) == sf.midi.to_bytes(score)
    plain, patched = sf.midi.messages(score), sf.midi.messages(score, patch=Pass())
    assert [(m.seconds, m.data) for m in patched] == [(m.seconds, m.data) for m in plain]


@settings(max_examples=25)
@given(scores())
def test_random_scores_pass_unchanged(score: sf.Score) -> None:
    for fmt in (0, 1):
        assert sf.midi.to_bytes(score, patch=Pass(), format=fmt) == sf.midi.to_bytes(
            score, format=fmt
        )


def test_a_port_is_a_track_and_output_sets_its_program() -> None:
    patch = PortSplit(
        {
            "Piano": Transpose(12) >> Velocity(gamma=2.0) >> Output("Lead", 2, program=42),
            None: Pass(),
        }
    )
    tracks = mido_tracks(sf.midi.to_bytes(duet(), patch=patch))
    assert [name for name, _ in tracks] == ["Duet", "Piano", "Bass", "Lead"]
    assert tracks[1][1] == []  # the piano's notes went to the Lead track; its program too
    lead = [
        (m.type, m.channel, getattr(m, "note", None), getattr(m, "velocity", None))
        for m in tracks[3][1]
    ]
    # mido counts channels and programs from 0: channel 2 is 1; Velocity(gamma=2.0): 64 -> 90
    assert lead[:2] == [("program_change", 1, None, None), ("program_change", 1, None, None)]
    assert [m.program for m in tracks[3][1][:2]] == [41, 0]  # Output's program, then the part's
    assert lead[2:] == [
        ("note_on", 1, 72, 90),
        ("note_off", 1, 72, 0),
        ("note_on", 1, 76, 90),
        ("note_off", 1, 76, 0),
        ("note_on", 1, 79, 90),
        ("note_off", 1, 79, 0),
    ]
    bass = [(m.type, m.channel, getattr(m, "note", None)) for m in tracks[2][1]]
    assert bass == [("program_change", 1, None), ("note_on", 1, 36), ("note_off", 1, 36)]


@pytest.mark.filterwarnings("ignore::scoreframe.errors.ScoreframeWarning")
def test_note_offs_follow_their_note_ons_through_a_patch_that_changes_its_mind() -> None:
    rng = random.Random(5)
    wander = Call(lambda e: Transpose(rng.randrange(-12, 13)).events(e))
    score = generated_score(400)
    tracks = mido_tracks(sf.midi.to_bytes(score, patch=wander))
    for _, messages in tracks:
        sounding: dict[tuple[int, int], int] = {}
        for m in messages:
            if m.type == "note_on" and m.velocity > 0:
                sounding[m.channel, m.note] = sounding.get((m.channel, m.note), 0) + 1
            elif m.type in ("note_on", "note_off"):
                assert sounding.get((m.channel, m.note), 0) > 0, f"a note-off with no note: {m}"
                sounding[m.channel, m.note] -= 1
        assert not any(sounding.values()), "notes left hanging"


def test_format_0_holds_every_port_in_its_one_track() -> None:
    patch = KeySplit("E4", Output("Low", 3), Output("High", 4))
    tracks = mido_tracks(sf.midi.to_bytes(duet(), patch=patch, format=0))
    assert len(tracks) == 1
    notes = [(m.channel + 1, m.note) for m in tracks[0][1] if m.type == "note_on"]
    assert notes == [(3, 60), (3, 36), (4, 64), (4, 67)]


def test_a_generated_sysex_is_written_as_a_file_sysex_and_realtime_is_dropped() -> None:
    patch = Filter(PROGRAM) % [SysEx("F0 7E 7F 09 01 F7"), Generator(SYSRT_START)]
    data = sf.midi.to_bytes(duet(), patch=patch)
    piano = mido_tracks(data)[1][1]
    assert piano[0].type == "sysex" and list(piano[0].data) == [0x7E, 0x7F, 0x09, 0x01]
    track = sf.midi.read(data).tracks[1]
    assert bytes(track.events[2].message.to_bytes()) == hexdump(
        """
        f0 05 7e 7f 09 01 f7   # sysex, its length, GM on, F7
        """
    )


def test_messages_through_a_patch_name_their_ports() -> None:
    stream = sf.midi.messages(duet(), patch=KeySplit("D4", Output("a", 5, volume=100), Channel(9)))
    assert [(m.seconds, m.data.hex(" "), m.port) for m in stream] == [
        (0.0, "b4 07 64", "a"),  # the Output's setup first
        (0.0, "c4 00", "a"),  # the piano's program, to both sides of the split
        (0.0, "c8 00", "Piano"),
        (0.0, "c4 20", "a"),  # the bass's too
        (0.0, "c8 20", "Bass"),
        (0.0, "94 3c 40", "a"),  # C4: below D4
        (0.0, "94 24 5a", "a"),  # the bass's C2
        (0.5, "84 3c 00", "a"),
        (0.5, "98 40 40", "Piano"),  # E4: the upper side keeps its track's port
        (1.0, "88 40 00", "Piano"),
        (1.0, "98 43 40", "Piano"),
        (1.5, "88 43 00", "Piano"),
        (1.5, "84 24 00", "a"),
    ]


def test_score_write_and_the_option_checks(tmp_path: Path) -> None:
    score = duet()
    before = sf.midi.to_bytes(score)
    patch = Transpose(-12)
    path = score.write(tmp_path / "x.mid", patch=patch)
    assert path.read_bytes() == sf.midi.to_bytes(score, patch=patch) != before
    assert sf.midi.to_bytes(score) == before  # the exporter never changes the score
    with pytest.raises(ExportError, match="unknown MusicXML option 'patch'"):
        score.write(tmp_path / "x.musicxml", patch=patch)
    with pytest.raises(ExportError, match=r"MIDI option patch: 5 \(int\) is not a unit"):
        sf.midi.to_bytes(score, patch=5)  # type: ignore[typeddict-item]


def test_the_score_events_enter_with_their_track_and_seconds() -> None:
    seen: list[tuple[str, float]] = []

    def note(event: Event) -> Event:
        seen.append((event.port, event.time))
        return event

    sf.midi.to_bytes(duet(), patch=Filter(NOTEON) % Call(note))
    assert seen == [("Piano", 0.0), ("Piano", 0.5), ("Piano", 1.0), ("Bass", 0.0)]


def test_scoreframe_export_with_a_patch_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scoreframe.cli import main

    score_py, patch_py = tmp_path / "duet.py", tmp_path / "up.py"
    score_py.write_text("from tests.midi.test_patch_export import duet\nscore = duet()\n")
    patch_py.write_text("from scoreframe.units import Transpose\npatch = [Transpose(12)]\n")
    mid, xml = tmp_path / "d.mid", tmp_path / "d.musicxml"
    out = io.StringIO()
    assert (
        main(
            ["export", str(score_py), "-o", str(mid), "-o", str(xml), "--patch", str(patch_py)], out
        )
        == 0
    )
    assert mid.read_bytes() == sf.midi.to_bytes(duet(), patch=Transpose(12))
    assert out.getvalue().count("wrote") == 2 and xml.read_bytes().startswith(b"<?xml")
    assert main(["export", str(score_py), "-o", str(xml), "--patch", str(patch_py)], out) == 2
    assert "--patch applies to MIDI files (.mid)" in capsys.readouterr().err
    patch_py.write_text("nothing = 1\n")
    assert main(["export", str(score_py), "-o", str(mid), "--patch", str(patch_py)], out) == 2
    assert "defines neither `patch` nor `build()`" in capsys.readouterr().err
