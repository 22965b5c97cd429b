"""The MIDI exporter, read back with mido (an independent reader) and with our own reader."""

from __future__ import annotations

import io
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import scoreframe as sf
from scoreframe.errors import ScoreframeWarning, ScoreStructureError
from scoreframe.midi import OverlapPolicy, TempoPolicy, read
from tests.midi.test_smf import hexdump
from tests.support import require_module

F = Fraction


def mido_file(data: bytes) -> Any:
    mido: Any = require_module("mido")
    return mido.MidiFile(file=io.BytesIO(data))


def note_ons_in_seconds(data: bytes) -> list[tuple[float, int]]:
    """(seconds, key) of every note-on, with mido's tick-to-second arithmetic."""
    out, now = [], 0.0
    for message in mido_file(data):  # iterating a MidiFile merges tracks and yields seconds
        now += message.time
        if message.type == "note_on" and message.velocity > 0:
            out.append((now, message.note))
    return out


def accelerando(bars: int = 16) -> sf.Score:
    s = sf.Score(title="Accelerando")
    s.tempo.hold(60).ramp(120, at=0, over=bars, curve="exponential")
    v = s.part("Piano", program=1).voice("RH")
    for i in range(bars * 8):
        v.note(60 + i % 12, F(1, 8))
    return s


def test_track_zero_is_the_conductor_and_holds_no_notes() -> None:
    s = accelerando(2)
    s.meter("6/8", at=2)
    s.key("A major")
    midi = mido_file(sf.midi.to_bytes(s))
    conductor = midi.tracks[0]
    assert not [m for m in conductor if not m.is_meta]
    assert conductor[0].type == "track_name" and conductor[0].name == "Accelerando"
    signatures = [
        (m.numerator, m.denominator, m.clocks_per_click)
        for m in conductor
        if m.type == "time_signature"
    ]
    assert signatures == [(4, 4, 24), (6, 8, 36)]
    assert [m.key for m in conductor if m.type == "key_signature"] == ["A"]
    assert midi.tracks[1][0].name == "Piano"
    assert [m.program for m in midi.tracks[1] if m.type == "program_change"] == [0]


def test_exact_tempo_puts_every_note_within_half_a_millisecond() -> None:
    s = accelerando()
    tempo_map = sf.TempoMap(s)
    expected = [tempo_map.seconds(n.onset) for n in s.parts[0].voices[0].notes]
    got = [t for t, _ in note_ons_in_seconds(sf.midi.to_bytes(s, ppq=480))]
    worst = max(abs(a - b) for a, b in zip(got, expected, strict=True))
    assert worst < 0.0005
    ames = [
        t
        for t, _ in note_ons_in_seconds(sf.midi.to_bytes(s, ppq=480, tempo_policy=TempoPolicy.AMES))
    ]
    drift = max(abs(a - b) for a, b in zip(ames, expected, strict=True))
    print(f"\nEXACT worst {worst * 1000:.4f} ms, AMES worst {drift * 1000:.2f} ms")
    assert drift > worst


@pytest.mark.parametrize(
    ("origin", "goal", "curve"),
    [(60, 120, "exponential"), (144, 72, "exponential"), (40, 208, "linear"), (90, 89, "linear")],
)
@pytest.mark.parametrize("tolerance", [1e-3, 1e-4, 1e-5])
def test_exact_tempo_keeps_every_note_within_the_tolerance(
    origin: int, goal: int, curve: str, tolerance: float
) -> None:
    s = sf.Score()
    s.tempo.hold(origin).ramp(goal, at=1, over=6, curve=curve).hold(100, at=9)
    v = s.part("P").voice("V")
    for i in range(10 * 16):
        v.note(60 + i % 5, F(1, 16))
    expected = [sf.TempoMap(s).seconds(n.onset) for n in v.notes]
    data = sf.midi.to_bytes(s, tempo_tolerance=tolerance)
    got = [t for t, _ in note_ons_in_seconds(data)]
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) <= tolerance + 2e-6
    tempos = [m for m in mido_file(data).tracks[0] if m.type == "set_tempo"]
    assert len(tempos) < 40 / tolerance**0.5  # pieces shrink as the square root


def test_tempo_events_at_segment_starts_and_whole_bpm_crossings() -> None:
    s = sf.Score()
    s.tempo.hold(100).ramp(104, at=1, over=1, curve="linear").hold(90, at=3)
    s.part("P").voice("V").note("C4", 4)
    tempos = [
        (m.time, round(60e6 / m.tempo, 3))
        for m in mido_file(sf.midi.to_bytes(s, tempo_policy=TempoPolicy.AMES)).tracks[0]
        if m.type == "set_tempo"
    ]
    assert [bpm for _, bpm in tempos] == [100.0, 101.0, 102.0, 103.0, 104.0, 90.0]


def test_ppq_exact_is_the_smallest_grid_for_every_time() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", F(1, 12))
    v.note("D4", F(1, 20), duration=F(1, 40))
    assert read(sf.midi.to_bytes(s, ppq="exact")).ppq == 30
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sf.midi.to_bytes(s, ppq="exact")


def test_rounding_to_the_grid_warns_once_with_the_count() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    for _ in range(7):
        v.note("C4", F(1, 7))
    with pytest.warns(ScoreframeWarning, match=r"^\d+ times do not fall on the 480") as caught:
        sf.midi.to_bytes(s)
    assert len(caught) == 1


def test_one_note_per_tie_chain_and_at_least_one_tick() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", "1/4", tie=True)
    v.note("C4", "1/4", duration="1/8")
    v.note("E4", "1/4", duration=F(1, 100000))
    with pytest.warns(ScoreframeWarning, match="^1 times do not fall"):  # the tiny duration
        data = sf.midi.to_bytes(s)
    messages = [m for m in mido_file(data).tracks[1] if m.type.startswith("note")]
    assert [(m.type, m.note, m.time) for m in messages] == [
        ("note_on", 60, 0),
        ("note_off", 60, 720),
        ("note_on", 64, 240),
        ("note_off", 64, 1),
    ]


def test_velocity_from_the_note_else_voice_part_score_contours() -> None:
    s = sf.Score()
    s.velocity.hold(30)
    part = s.part("P")
    a, b, c = part.voice("A"), part.voice("B"), s.part("Q").voice("C")
    part.velocity.hold(50)
    a.velocity.hold(70)
    a.note("C4", 1, velocity=100)
    a.note("D4", 1)
    b.note("E4", 2)
    c.note("F4", 2)
    ons = sorted(
        (m.note, m.velocity) for m in mido_file(sf.midi.to_bytes(s)) if m.type == "note_on"
    )
    assert ons == [(60, 100), (62, 70), (64, 50), (65, 30)]


def test_same_key_overlap_truncates_and_never_silences_the_new_note() -> None:
    s = sf.Score()
    part = s.part("P")
    part.voice("A").note("C4", 1)
    part.voice("B").note("C4", "1/2", at="1/2")
    with pytest.warns(ScoreframeWarning, match="1 notes started while"):
        data = sf.midi.to_bytes(s)
    notes = [(m.type, m.time) for m in mido_file(data).tracks[1] if m.type.startswith("note")]
    assert notes == [("note_on", 0), ("note_off", 960), ("note_on", 0), ("note_off", 960)]
    with pytest.warns(ScoreframeWarning):
        merged = sf.midi.to_bytes(s, overlap=OverlapPolicy.MERGE)
    assert [(m.type, m.time) for m in mido_file(merged).tracks[1] if m.type.startswith("note")] == [
        ("note_on", 0),
        ("note_off", 1920),
    ]


def test_one_key_struck_twice_at_once_sounds_once_at_the_louder_velocity() -> None:
    s = sf.Score()
    part = s.part("P")
    part.voice("A").note("C4", "1/2", velocity=40)
    part.voice("B").note("C4", 1, velocity=90)
    part.voice("C").note("B#3", "1/4", velocity=60)  # the same key, spelled apart
    with pytest.warns(ScoreframeWarning, match="2 notes started while"):
        data = sf.midi.to_bytes(s)
    notes = [
        (m.type, m.time, m.velocity) for m in mido_file(data).tracks[1] if m.type.startswith("note")
    ]
    assert notes == [("note_on", 0, 90), ("note_off", 1920, 0)]


def test_controller_contour_crosses_whole_numbers_thinned() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", 2)
    v.control(11).hold(10).ramp(20, at=1, over=1)
    values = [
        (m.time, m.value)
        for m in mido_file(sf.midi.to_bytes(s)).tracks[1]
        if m.type == "control_change" and m.control == 11
    ]
    assert [v for _, v in values] == list(range(10, 21))
    assert values[0][0] == 0 and sum(t for t, _ in values) == 3840


def test_pitch_bend_contour_sets_the_range_by_rpn_first() -> None:
    s = sf.Score()
    part = s.part("P", bend_range=12)
    v = part.voice("V")
    v.note("C4", 1)
    v.pitch_bend.hold(0).ramp(6, at=0, over=1)
    messages = [m for m in mido_file(sf.midi.to_bytes(s)).tracks[1] if not m.is_meta]
    rpn = [(m.control, m.value) for m in messages[:6]]
    assert rpn == [(101, 0), (100, 0), (6, 12), (38, 0), (101, 127), (100, 127)]
    bends = [m.pitch for m in messages if m.type == "pitchwheel"]
    assert bends[0] == 0 and bends[-1] == 4096 and bends == sorted(bends)


def test_microtones_that_never_overlap_stay_on_one_channel() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4+25c", "1/4")
    v.note("D4", "1/4")
    v.note("Eqb4", "1/2")
    messages = [m for m in mido_file(sf.midi.to_bytes(s)).tracks[1] if not m.is_meta]
    assert {m.channel for m in messages} == {0}
    sequence = [
        (m.type, getattr(m, "pitch", getattr(m, "note", None)))
        for m in messages
        if m.type in ("pitchwheel", "note_on")
    ]
    assert sequence == [
        ("pitchwheel", 1024),
        ("note_on", 60),
        ("pitchwheel", 0),
        ("note_on", 62),
        ("pitchwheel", 2048),
        ("note_on", 63),
    ]


def test_overlapping_microtones_use_an_mpe_lower_zone() -> None:
    s = sf.Score()
    part = s.part("Strings")
    part.voice("A").note("C4", 1)
    part.voice("B").note("E4-14c", 1)
    part.voice("C").note("G4+2c", 1)
    messages = [m for m in mido_file(sf.midi.to_bytes(s)).tracks[1] if not m.is_meta]
    config = [(m.channel, m.control, m.value) for m in messages[:4]]
    assert config == [(0, 101, 0), (0, 100, 6), (0, 6, 3), (0, 38, 0)]  # RPN 6: 3 members
    ons = [(m.channel, m.note) for m in messages if m.type == "note_on"]
    assert sorted(c for c, _ in ons) == [1, 2, 3]  # one member channel per note
    for channel, _ in ons:
        before = [m for m in messages if getattr(m, "channel", None) == channel]
        kinds = [m.type for m in before]
        assert kinds.index("pitchwheel") < kinds.index("note_on")


def test_channels_skip_ten_and_too_many_parts_is_an_error_naming_them() -> None:
    s = sf.Score()
    for i in range(15):
        s.part(f"P{i}").voice("V").note("C4", 1)
    channels = sorted({m.channel for m in mido_file(sf.midi.to_bytes(s)) if not m.is_meta})
    assert 9 not in channels and len(channels) == 15
    s.part("Drums", percussion=True).voice("V").note(36, 1)
    assert 9 in {m.channel for m in mido_file(sf.midi.to_bytes(s)) if not m.is_meta}
    s.part("One too many").voice("V").note("C4", 1)
    with pytest.raises(ScoreStructureError, match="'One too many'"):
        sf.midi.to_bytes(s)


def test_type_0_holds_everything_in_one_track() -> None:
    s = accelerando(2)
    s.part("Bass", program=33).voice("B").note("C2", 2)
    midi = mido_file(sf.midi.to_bytes(s, format=0))
    assert midi.type == 0 and len(midi.tracks) == 1
    assert {m.channel for m in midi.tracks[0] if not m.is_meta} == {0, 1}
    assert any(m.type == "set_tempo" for m in midi.tracks[0])
    assert [m.name for m in midi.tracks[0] if m.type == "track_name"] == ["Accelerando"]
    assert [m.name for m in midi.tracks[0] if m.type == "instrument_name"] == ["Piano", "Bass"]


def test_order_at_one_tick_is_the_table() -> None:
    s = sf.Score()
    v = s.part("P", program=5).voice("V")
    v.note("C4", "1/4")
    v.note("D4", "1/4")
    v.control(7).hold(90)
    data = sf.midi.to_bytes(s, format=0)
    kinds = [m.type for m in mido_file(data).tracks[0] if m.time == 0][:6]
    assert kinds[:4] == [
        "time_signature",
        "set_tempo",
        "track_name",
        "instrument_name",
    ] or kinds.index("program_change") < kinds.index("control_change") < kinds.index("note_on")
    at_quarter = [m.type for m in mido_file(data).tracks[0] if m.type.startswith("note")][1:3]
    assert at_quarter == ["note_off", "note_on"]


def test_a_small_score_byte_by_byte() -> None:
    s = sf.Score(title="Duo")
    s.meter("3/4")
    s.tempo.hold(120)
    v = s.part("Oboe", program=69).voice("V")
    v.note("C4", "1/4", velocity=100)
    v.chord(["E4", "G4"], "1/4", velocity=90)
    v.note("C4", "1/4", duration="1/8")  # no velocity of its own: the default, 80
    assert sf.midi.to_bytes(s) == hexdump("""
        4d 54 68 64 00 00 00 06   # MThd, length 6
        00 01 00 02 01 e0         # format 1, two tracks, 480 ticks per quarter
        4d 54 72 6b 00 00 00 1a   # MTrk, 26 bytes: the conductor
        00 ff 03 03 44 75 6f      # track name "Duo" (the title)
        00 ff 58 04 03 02 18 08   # time signature 3/4 (2 = log2 4), 24 clocks a click, 8 32nds
        00 ff 51 03 07 a1 20      # set tempo: 500000 us a quarter (120 BPM)
        00 ff 2f 00               # end of track
        4d 54 72 6b 00 00 00 3a   # MTrk, 58 bytes: the oboe
        00 ff 03 04 4f 62 6f 65   # track name "Oboe"
        00 ff 04 04 4f 62 6f 65   # instrument name "Oboe"
        00 c0 44                  # program change, channel 1: program 69 (0x44 + 1)
        00 90 3c 64               # note on C4, velocity 100
        83 60 80 3c 00            # 480 ticks later: note off C4, before
        00 90 40 5a               #   the chord: note on E4, velocity 90
        00 90 43 5a               #   note on G4
        83 60 80 40 00            # 480 ticks: note off E4
        00 80 43 00               #   note off G4
        00 90 3c 50               #   note on C4, velocity 80
        81 70 80 3c 00            # 240 ticks (it sounds an eighth): note off C4
        00 ff 2f 00               # end of track
    """)


def test_output_is_byte_identical_run_to_run(tmp_path: Path) -> None:
    one = accelerando(4).write(tmp_path / "a.mid")
    two = accelerando(4).write(tmp_path / "b.mid")
    assert one.read_bytes() == two.read_bytes()


def test_the_live_stream_is_the_file_in_seconds() -> None:
    s = accelerando(2)
    stream = sf.midi.messages(s)
    file_ons = note_ons_in_seconds(sf.midi.to_bytes(s))
    live_ons = [(m.seconds, m.data[1]) for m in stream if m.data[0] & 0xF0 == 0x90]
    assert [k for _, k in live_ons] == [k for _, k in file_ons]
    assert max(abs(a - b) for (a, _), (b, _) in zip(live_ons, file_ons, strict=True)) < 0.0005


def test_unknown_options_are_an_error_listing_the_known_ones() -> None:
    with pytest.raises(sf.ExportError, match=r"unknown MIDI option .tempo.; valid: format, ppq"):
        sf.midi.to_bytes(accelerando(1), tempo="fast")


def test_contours_midi_cannot_follow_are_errors_naming_them() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", 1)
    v.control(7).hold(100).ramp(140, at=0, over=1)
    with pytest.raises(
        sf.ExportError,
        match=r"part 'P', voice 'V' contour 'control:7' reaches "
        r"140 at 0; MIDI controllers hold 0 to 127",
    ):
        sf.midi.to_bytes(s)
    s = sf.Score()
    part = s.part("P")
    part.voice("V").note("C4", 1)
    part.pitch_bend.hold(0).ramp(5, at=0, over=1)
    with pytest.raises(sf.ExportError, match="bend range is 2 semitones: give the part"):
        sf.midi.to_bytes(s)


def test_voices_on_channels_of_their_own_need_no_mpe_for_their_microtones() -> None:
    s = sf.Score()
    part = s.part("Strings")
    part.voice("A", channel=3).note("C4+25c", 1)
    part.voice("B", channel=4).note("E4-25c", 1)
    messages = [m for m in mido_file(sf.midi.to_bytes(s)).tracks[1] if not m.is_meta]
    assert not any(
        m.type == "control_change" and m.control == 100 and m.value == 6 for m in messages
    )  # no MPE configuration
    bends = {(m.channel, m.pitch) for m in messages if m.type == "pitchwheel"}
    assert bends == {(2, 1024), (3, -1024)}
