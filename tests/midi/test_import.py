"""MIDI import: small files as commented hexdumps, every MIDI file mido's and music21's
packages ship read against mido (the oracle), and Score -> MIDI -> Score under hypothesis."""

from __future__ import annotations

import glob
import os
import sysconfig
import warnings
from collections import defaultdict
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.midi import meta
from tests.support import require_module


def hexdump(text: str) -> bytes:
    """Bytes from a commented hexdump: everything after '#' on a line is a comment."""
    return bytes.fromhex(" ".join(line.split("#")[0] for line in text.splitlines()))


def header(format: int, tracks: int, ppq: int = 96) -> str:
    return f"4d546864 00000006 {format:04x} {tracks:04x} {ppq:04x}"


def track(body: str) -> str:
    data = hexdump(body) + bytes.fromhex("00 ff 2f 00")
    return f"4d54726b {len(data):08x} {data.hex()}"


def read(data: str, **options: Any) -> sf.Score:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sf.midi.to_score(hexdump(data), **options)


def notes(score: sf.Score) -> list[list[tuple[str, str, str, str, int | None]]]:
    """Per voice: (pitch, onset, period, duration, velocity)."""
    return [
        [(str(n.pitch), str(n.onset), str(n.period), str(n.duration), n.velocity) for n in v.notes]
        for v in score.voices
    ]


def test_a_note_on_of_velocity_0_ends_a_note_and_times_are_exact() -> None:
    score = read(
        header(0, 1, ppq=96)
        + track(
            """
            00 90 3c 64    # C4 on, velocity 100
            30 3c 00       # 48 ticks on, running status, velocity 0: C4 off
            30 90 3e 50    # D4 on at 96
            60 80 3e 40    # off at 192
            """
        )
    )
    assert notes(score) == [
        [("C4", "0", "1/4", "1/8", 100), ("D4", "1/4", "1/4", "1/4", 80)],
    ]
    assert score.parts[0].channel == 1 and score.parts[0].name == "Channel 1"


def test_notes_overlapping_on_one_key_go_to_two_voices_and_chords_share_ends() -> None:
    score = read(
        header(0, 1)
        + track(
            """
            00 90 3c 64    # C4 on
            00 90 40 64    # E4 on, same tick: a chord if it ends with C4
            30 90 3c 50    # C4 struck again at 48 while the first still sounds
            30 80 3c 00    # 96: the first C4 ends (first in, first out)
            00 80 40 00    #     and E4
            30 80 3c 00    # 144: the second C4 ends
            """
        )
    )
    assert notes(score) == [
        [("C4", "0", "1/4", "1/4", 100), ("E4", "0", "1/4", "1/4", 100)],
        [("C4", "1/8", "1/4", "1/4", 80)],
    ]


def _hands(program: int | None) -> bytes:
    """A piano's two hands struck together: a bass and a treble note in each chord, then a
    bass note alone, a treble note alone and a chord by middle C (and ``program`` set, if
    not None)."""
    from scoreframe.midi.smf import encode_file

    events = [] if program is None else [(0, bytes((0xC0, program - 1)))]
    chords = [(48, 76), (43, 74), (45, 72), (40, None), (None, 71), (59, 67)]
    for i, (low, high) in enumerate(chords):
        for key in (low, high):
            if key is not None:
                events += [(96 * i, bytes((0x90, key, 80))), (96 * i + 96, bytes((0x80, key, 0)))]
    events.sort(key=lambda e: (e[0], e[1][0] == 0x90))
    return encode_file([events], ppq=96, format=0)


def test_a_keyboard_with_both_hands_in_one_voice_comes_in_on_two_staves() -> None:
    for program in (None, 1, 7, 17):  # no program (the GM piano), pianos, harpsichord, organ
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            score = sf.midi.to_score(_hands(program))
        (part,) = score.parts
        (voice,) = part.voices  # the chords are kept, as the hands struck them
        assert part.staves == 2
        staves = [(n.pitch.key_number, n.staff or voice.staff) for n in voice.notes]
        assert staves == [
            (48, 2), (76, 1), (43, 2), (74, 1), (45, 2), (72, 1), (40, 2), (71, 1),
            (59, 1), (67, 1),  # B3 is not well below middle C: it stays with its voice
        ]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        violin = sf.midi.to_score(_hands(41))  # the same notes, not a keyboard's
    assert violin.parts[0].staves == 1
    assert all(n.staff is None for n in violin.voices[0].notes)


def test_a_hand_on_a_track_of_its_own_keeps_one_staff() -> None:
    """A left hand that leaps up and down (never with a note of the other side at once)."""
    from scoreframe.midi.smf import encode_file

    events = []
    for i, key in enumerate([40, 67, 43, 69, 45, 71] * 4):
        events += [(96 * i, bytes((0x90, key, 80))), (96 * i + 96, bytes((0x80, key, 0)))]
    events.sort(key=lambda e: (e[0], e[1][0] == 0x90))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.midi.to_score(encode_file([events], ppq=96, format=0))
    assert score.parts[0].staves == 1
    assert all(n.staff is None for n in score.voices[0].notes)


def test_type_0_is_split_by_channel_and_type_1_by_track() -> None:
    type0 = read(
        header(0, 1)
        + track(
            """
            00 c0 28       # channel 1: program 41 (violin)
            00 c9 00       # channel 10: drums
            00 90 43 64 00 99 24 64
            60 80 43 00 00 89 24 00
            """
        )
    )
    assert [(p.name, p.channel, p.program, p.percussion) for p in type0.parts] == [
        ("Channel 1", 1, 41, False),
        ("Channel 10", 10, 1, True),
    ]
    name = meta.track_name("Horn").hex()
    type1 = read(
        header(1, 2)
        + track(f"00 {meta.track_name('Etude').hex()} 00 {meta.set_tempo(1_000_000).hex()}")
        + track(f"00 {name} 00 90 3c 64 00 91 40 64 60 80 3c 00 00 81 40 00")
    )
    assert type1.title == "Etude"
    assert [(p.name, p.channel) for p in type1.parts] == [("Horn (ch 1)", 1), ("Horn (ch 2)", 2)]
    assert sf.TempoMap(type1).seconds(Fraction(1, 4)) == 1.0


def test_type_2_sequences_follow_each_other() -> None:
    score = read(
        header(2, 2)
        + track("00 90 3c 64 83 00 80 3c 00")  # a whole note (384 ticks)
        + track("00 90 3e 64 60 80 3e 00")
    )
    assert notes(score) == [[("C4", "0", "1", "1", 100), ("D4", "1", "1/4", "1/4", 100)]]


def test_controllers_the_wheel_with_its_rpn_range_and_pressure_become_contours() -> None:
    score = read(
        header(0, 1)
        + track(
            """
            00 b0 65 00 00 b0 64 00   # RPN 0: the bend range
            00 b0 06 0c               # 12 semitones
            00 b0 40 7f               # sustain pedal down
            00 90 3c 64
            30 e0 00 60               # wheel 0x3000 = 12288: +4096/8192 of 12 = 6 semitones
            00 d0 50                  # channel pressure 80
            30 b0 40 00               # pedal up at 96
            00 80 3c 00
            """
        )
    )
    part = score.parts[0]
    assert part.bend_range == 12
    assert part.value_at("pitch_bend", Fraction(1, 8)) == 6
    assert part.value_at("control:64", 0) == 127 and part.value_at("control:64", "1/4") == 0
    assert part.value_at("channel_pressure", "1/8") == 80
    assert sorted(part.contours) == ["channel_pressure", "control:64", "pitch_bend"]


def test_a_meter_change_off_a_bar_line_is_kept_with_a_short_bar_and_a_warning() -> None:
    data = header(0, 1) + track(
        f"""
        00 {meta.time_signature(4, 4).hex()}
        00 90 3c 64
        82 20 80 3c 00                           # 288 ticks: three quarters into the bar
        00 {meta.time_signature(6, 8).hex()}     # 6/8 there
        00 90 3e 64
        82 20 80 3e 00
        """
    )
    with pytest.warns(sf.ScoreframeWarning, match="1 meter changes off a bar line"):
        score = sf.midi.to_score(hexdump(data))
    assert [(str(m), str(t)) for t, m in score.meters.changes] == [("3/4", "0"), ("6/8", "3/4")]


def test_what_the_model_cannot_hold_is_counted_in_one_warning() -> None:
    data = header(0, 1) + track(
        f"""
        00 {meta.text("lyrics", "Ky-").hex()}      # on the note: kept
        00 {meta.marker("A").hex()}                # a rehearsal mark: kept
        00 f0 03 7e 7f f7                          # a sysex
        00 90 3c 64
        30 {meta.text("lyrics", "lost").hex()}     # tick 48: no note starts there
        00 {meta.text("cue_marker", "door").hex()}
        30 80 3c 00
        """
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        score = sf.midi.to_score(hexdump(data))
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1
    assert (
        "1 cue points, 1 lyrics with no note at their tick, 1 system exclusive messages"
        in messages[0]
    )
    assert [lyric.text for _, lyric in score.voices[0].notation.verse(1)] == ["Ky-"]
    assert [(r.time, r.label) for r in score.rehearsals] == [(0, "A")]


def test_the_quantizer_snaps_to_a_grid_or_to_divisions_and_reports() -> None:
    data = header(0, 1, ppq=96) + track(
        """
        05 90 3c 64     # 5 ticks late
        5a 80 3c 00     # ends at 95
        00 90 3e 64     # at 95
        21 80 3e 00     # ends at 128: a triplet eighth after 96
        """
    )
    with pytest.warns(sf.ScoreframeWarning, match=r"moved 4 of 4 .* largest by 1/48"):
        grid = sf.midi.to_score(hexdump(data), quantize="1/16")
    assert notes(grid) == [[("C4", "0", "1/4", "1/4", 100), ("D4", "1/4", "1/16", "1/16", 100)]]
    with pytest.warns(sf.ScoreframeWarning, match="quantize"):
        triplets = sf.midi.to_score(hexdump(data), quantize=[4, 3])
    assert notes(triplets)[0][1] == ("D4", "1/4", "1/12", "1/12", 100)
    with pytest.raises(sf.ScoreValueError, match="divisions per quarter"):
        sf.midi.to_score(hexdump(data), quantize=[0])


def test_smpte_time_is_a_quarter_a_second() -> None:
    score = read("4d546864 00000006 0000 0001 e728" + track("00 90 3c 64 83 74 80 3c 00"))
    (note,) = score.voices[0].notes  # 25 fps x 40: 1000 ticks a second; 500 ticks
    assert sf.TempoMap(score).seconds(note.duration) == 0.5


def test_the_reader_errors_name_the_byte() -> None:
    with pytest.raises(sf.MidiFileError, match="byte 0x0: not a MIDI file"):
        sf.midi.to_score(b"RIFF....")


# -- every MIDI file the installed packages ship, against mido ---------------------------------


def shipped_files() -> list[str]:
    site = sysconfig.get_paths()["purelib"]
    found: list[str] = []
    for package in ("mido", "music21"):
        found += glob.glob(os.path.join(site, package, "**", "*.mid*"), recursive=True)
    return sorted(found)


Played = tuple[int, float, float, int]  # key, on and off in seconds, velocity


def mido_notes(path: str) -> dict[int, list[Played]]:
    """Per channel (1..16), the notes as mido reads the file: note-ons paired with the next
    note-off of their key (first in, first out; velocity 0 is an off), seconds through the
    Set-Tempo events of the tempo track, computed with mido's own tick2second."""
    mido = require_module("mido")
    midi = mido.MidiFile(path)
    tempo_tracks = midi.tracks[:1] if midi.type == 1 else midi.tracks
    changes = sorted(
        (
            (tick, msg.tempo)
            for t in tempo_tracks
            for tick, msg in _absolute(t)
            if msg.type == "set_tempo"
        ),
        key=lambda change: change[0],  # in file order at one tick: the last one holds
    )

    def seconds(tick: int) -> float:
        total, last, tempo = 0.0, 0, 500_000
        for at, value in changes:
            if at > tick:
                break
            total += mido.tick2second(at - last, midi.ticks_per_beat, tempo)
            last, tempo = at, value
        return total + mido.tick2second(tick - last, midi.ticks_per_beat, tempo)

    out: dict[int, list[Played]] = defaultdict(list)
    for t in midi.tracks:
        events = _absolute(t)
        end = events[-1][0] if events else 0
        sounding: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for tick, msg in events:
            if msg.type == "note_on" and msg.velocity:
                sounding[(msg.channel, msg.note)].append((tick, msg.velocity))
            elif msg.type in ("note_on", "note_off") and sounding[(msg.channel, msg.note)]:
                start, velocity = sounding[(msg.channel, msg.note)].pop(0)
                off = max(tick, start + 1)
                out[msg.channel + 1].append((msg.note, seconds(start), seconds(off), velocity))
        for (channel, key), left in sounding.items():
            for start, velocity in left:
                out[channel + 1].append(
                    (key, seconds(start), seconds(max(end, start + 1)), velocity)
                )
    return {c: sorted(n) for c, n in out.items()}


def _absolute(midi_track: Any) -> list[tuple[int, Any]]:
    tick, out = 0, []
    for msg in midi_track:
        tick += msg.time
        out.append((tick, msg))
    return out


def score_notes(score: sf.Score) -> dict[int, list[Played]]:
    tempo = sf.TempoMap(score)
    out: dict[int, list[Played]] = defaultdict(list)
    for part in score.parts:
        for voice in part.voices:
            for n in voice.notes:
                assert n.pitch is not None and n.velocity is not None
                on, off = tempo.seconds(n.onset), tempo.seconds(n.release)
                out[part.channel or 0].append((n.pitch.key_number, on, off, n.velocity))
    return {c: sorted(n) for c, n in out.items()}


def assert_same(ours: dict[int, list[Played]], theirs: dict[int, list[Played]]) -> None:
    assert sorted(ours) == sorted(theirs)
    for channel in ours:
        assert len(ours[channel]) == len(theirs[channel]), f"channel {channel}"
        for a, b in zip(ours[channel], theirs[channel], strict=True):
            assert (a[0], a[3]) == (b[0], b[3]), f"channel {channel}: {a} != {b}"
            assert abs(a[1] - b[1]) < 1e-6 and abs(a[2] - b[2]) < 1e-6, f"{a} != {b}"


def test_the_installed_packages_ship_midi_files() -> None:
    assert len(shipped_files()) >= 20


@pytest.mark.parametrize("path", shipped_files(), ids=os.path.basename)
def test_every_shipped_midi_file_reads_as_mido_reads_it_and_round_trips(path: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sf.load(path)
        assert_same(score_notes(score), mido_notes(path))
        again = sf.midi.to_score(sf.midi.to_bytes(score, ppq="exact"))
    before, after = score_notes(score), score_notes(again)
    for channel, played in before.items():
        # The exporter ends a note where another starts on its key (its overlap rule), and
        # sounds one key struck twice at once once: those notes keep their onsets; every
        # other note comes back as it was.
        crowded = overlapping(played)
        assert_same(
            {channel: [n for n in after[channel] if (n[0], round(n[1], 6)) not in crowded]},
            {channel: [n for n in played if (n[0], round(n[1], 6)) not in crowded]},
        )
        onsets = {(key, round(on, 6)) for key, on, _, _ in played}
        assert {(key, round(on, 6)) for key, on, _, _ in after[channel]} == onsets


def overlapping(notes: list[Played]) -> set[tuple[int, float]]:
    """(key, onset) of the notes that overlap another note of their key."""
    by_key: dict[int, list[Played]] = defaultdict(list)
    for note in notes:
        by_key[note[0]].append(note)
    return {
        (n[0], round(n[1], 6))
        for same in by_key.values()
        for n in same
        if any(o is not n and o[1] < n[2] and n[1] < o[2] for o in same)
    }


# -- Score -> MIDI -> Score under hypothesis ---------------------------------------------------

GRID = [Fraction(1, 16), Fraction(1, 8), Fraction(3, 16), Fraction(1, 12), Fraction(1, 4)]


@st.composite
def scores(draw: st.DrawFn) -> sf.Score:
    score = sf.Score(title="Round trip")
    for at in sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=3))):
        score.tempo.hold(draw(st.integers(30, 240)), at=at)
    for p in range(draw(st.integers(1, 3))):
        part = score.part(f"P{p}", program=draw(st.integers(1, 128)), channel=p + 1)
        voice = part.voice()
        for _ in range(draw(st.integers(1, 12))):
            period = draw(st.sampled_from(GRID))
            duration = period * draw(st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 4)]))
            keys = draw(st.sets(st.integers(36, 90), min_size=1, max_size=3))
            cents = draw(st.sampled_from([0, 0, 0, 25, -50])) if len(keys) == 1 else 0
            velocity = draw(st.integers(1, 127))
            onset = voice.cursor
            for key in sorted(keys):
                spelled = sf.Pitch.from_midi(key)
                pitch = sf.Pitch(spelled.step, spelled.alter, spelled.octave, Fraction(cents))
                voice.note(pitch, period, at=onset, duration=duration, velocity=velocity)
    return score


@settings(max_examples=60, deadline=None)
@given(scores())
def test_score_to_midi_to_score_keeps_every_note_and_the_seconds(score: sf.Score) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = sf.midi.to_score(sf.midi.to_bytes(score, ppq="exact"))
    for original, read_back in zip(score.parts, back.parts, strict=True):
        (voice,) = read_back.voices
        expected = [
            (n.onset, n.duration, n.pitch.semitones if n.pitch else None, n.velocity)
            for n in original.voices[0].notes
        ]
        got = [
            (n.onset, n.duration, n.pitch.semitones if n.pitch else None, n.velocity)
            for n in voice.notes
        ]
        assert got == expected
        last = original.voices[0].notes[-1].onset
        periods = [n.period if n.onset != last else n.duration for n in original.voices[0].notes]
        assert [n.period for n in voice.notes] == periods  # the last chord: as long as it sounds
        assert (read_back.program, read_back.channel) == (original.program, original.channel)
    ours, theirs = sf.TempoMap(back), sf.TempoMap(score)
    for n in score.voices[0].notes:  # a Set-Tempo holds whole microseconds per quarter:
        quarters = float(n.onset * 4)  # half a microsecond a quarter at most
        assert abs(ours.seconds(n.onset) - theirs.seconds(n.onset)) < 1e-6 + 0.5e-6 * quarters


def test_microtones_at_once_go_through_an_mpe_zone_and_come_back() -> None:
    score = sf.Score()
    voice = score.part("Just", program=1).voice()
    voice.chord(["C4", "E4-14c", "G4+2c"], "1/2")
    voice.note("Bb4-31c", "1/4")
    data = sf.midi.to_bytes(score, ppq="exact")
    played_on = {
        e.message.channel
        for t in sf.midi.read(data).tracks
        for e in t.events
        if getattr(e.message, "type", "") == "note_on"
    }
    assert played_on == {2, 3, 4}  # the zone's member channels, one bend each
    back = sf.midi.to_score(data)
    (part,) = back.parts  # the zone is one part again, on its manager channel
    assert part.channel == 1
    got = [(str(n.onset), float(n.pitch.semitones)) for n in part.voices[0].notes if n.pitch]
    expected = [(str(n.onset), float(n.pitch.semitones)) for n in voice.notes if n.pitch]
    resolution = part.bend_range / 8192  # the wheel's step, in semitones
    assert [o for o, _ in got] == [o for o, _ in expected]
    assert all(abs(a - b) <= resolution for (_, a), (_, b) in zip(got, expected, strict=True))


def test_channel_pressure_is_written_back_as_channel_pressure() -> None:
    score = sf.Score()
    part = score.part("Lead")
    part.voice().note("C4", "1/2")
    part.contour("channel_pressure").hold(40).hold(90, at="1/4")
    data = sf.midi.to_bytes(score)
    sent = [str(e.message) for t in sf.midi.read(data).tracks for e in t.events]
    assert [m for m in sent if m.startswith("aftertouch")] == [
        "aftertouch channel=1 value=40",
        "aftertouch channel=1 value=90",
    ]
    back = sf.midi.to_score(data).parts[0]
    assert (back.value_at("channel_pressure", 0), back.value_at("channel_pressure", "1/4")) == (
        40,
        90,
    )
