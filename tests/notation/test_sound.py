"""The notation in MIDI (read by mido), Csound and the event list: lyrics and markers as metas,
the pedal as CC 64, transposing parts at concert pitch, grace notes sounding before the beat."""

from __future__ import annotations

from fractions import Fraction

import mido

import scoreframe as sf

from .scores import song


def _file(tmp_path, score: sf.Score) -> mido.MidiFile:  # type: ignore[no-untyped-def]
    path = tmp_path / "song.mid"
    sf.midi.write(score, path)
    return mido.MidiFile(str(path))


def _track(midi: mido.MidiFile, name: str) -> mido.MidiTrack:
    return next(t for t in midi.tracks if any(m.type == "track_name" and m.name == name for m in t))


def _timed(track: mido.MidiTrack) -> list[tuple[int, mido.Message]]:
    tick, out = 0, []
    for message in track:
        tick += message.time
        out.append((tick, message))
    return out


def test_mido_reads_lyrics_at_note_ons(tmp_path) -> None:  # type: ignore[no-untyped-def]
    midi = _file(tmp_path, song())
    timed = _timed(_track(midi, "Voice"))
    lyrics = [(t, m.text) for t, m in timed if m.type == "lyrics"]
    assert lyrics == [(0, "Ky-"), (480, "ri-"), (960, "e"), (1920, "Lord")]
    ons = {t for t, m in timed if m.type == "note_on" and m.velocity}
    assert all(t in ons for t, _ in lyrics)


def test_mido_reads_markers_copyright_and_texts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    midi = _file(tmp_path, song())
    conductor = _timed(midi.tracks[0])
    assert [(t, m.text) for t, m in conductor if m.type == "marker"] == [(1440, "A")]
    assert [m.text for _, m in conductor if m.type == "copyright"] == ["(c) 2026 A. Composer"]
    texts = [m.text for _, m in _timed(_track(midi, "Piano")) if m.type == "text"]
    assert texts == ["dolce", "legato"]


def test_mido_reads_the_pedal_as_cc_64(tmp_path) -> None:  # type: ignore[no-untyped-def]
    timed = _timed(_track(_file(tmp_path, song()), "Piano"))
    pedal = [(t, m.value) for t, m in timed if m.type == "control_change" and m.control == 64]
    assert pedal == [(0, 127), (1440, 0), (1470, 127), (2880, 0)]  # a change: up, then down


def test_transposing_parts_sound_concert_pitch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    midi = _file(tmp_path, song())
    for name, keys in (("Clarinet in Bb", [58, 63]), ("Horn in F", [53, 60])):
        timed = _timed(_track(midi, name))
        assert [m.note for _, m in timed if m.type == "note_on" and m.velocity] == keys


def test_grace_notes_sound_before_the_beat(tmp_path) -> None:  # type: ignore[no-untyped-def]
    timed = _timed(_track(_file(tmp_path, song()), "Voice"))
    ons = [(t, m.note) for t, m in timed if m.type == "note_on" and m.velocity]
    # D5 (a 1/32: 60 ticks) before the second C5; G4 A4 before the Bb4 at whole note 1
    assert (480 - 60, 74) in ons and (1920 - 120, 67) in ons and (1920 - 60, 72) in ons
    offs = [
        (t, m.note)
        for t, m in timed
        if m.type == "note_off" or (m.type == "note_on" and m.velocity == 0)
    ]
    assert (480, 74) in offs


def test_a_grace_at_time_zero_is_notation_only() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.grace(["D5"])
    voice.note("C5", "1/4")
    assert [e.item.onset for e in score.events(sounding=True) if e.kind.name == "NOTE"] == [0]


def test_csound_plays_graces_and_comments_rehearsals() -> None:
    text = sf.csound.to_text(song(), form="sco")
    assert "; rehearsal A" in text
    score = song()
    notes = [e.item for e in score.events(sounding=True) if e.kind.name == "NOTE"]
    graces = [n for n in notes if n.duration == Fraction(1, 32)]
    assert [str(n.pitch) for n in graces] == ["D5", "G4", "C5"]
