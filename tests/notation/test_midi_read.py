"""The MIDI reader brings back the notation the MIDI writer puts in meta events (lyrics of
verse 1, rehearsal marks, part texts, the title page), and reads the same metas from a file
mido wrote (mido as an independent writer)."""

from __future__ import annotations

import io
import warnings
from fractions import Fraction

import mido
import pytest

import scoreframe as sf


def _sung() -> sf.Score:
    score = sf.Score(
        title="Kyrie", subtitle="for voice", lyricist="W. Poet", copyright="(c) 2026 A. Composer"
    )
    score.meter("3/4")
    voice = score.part("Voice", program=53).voice("S")
    voice.note("C5", "1/4", lyric="Ky-")  # joined to the next syllable
    voice.note("D5", "1/4", lyric="ri-")
    voice.note("E5", "1/4", lyric="e_")  # an extender over the melisma that follows
    voice.note("D5", "1/4")
    voice.note("C5", "1/2", lyric="son")
    piano = score.part("Piano", program=1)
    piano.voice("RH").notes(["F4", "A4", "C5", "F5"], "3/4")
    piano.text("dolce", at=0)
    piano.text("cresc.", at="3/2")
    score.rehearsal("A", at=0)
    score.rehearsal("B", at="3/4")
    return score


def _quiet(data: bytes, **options: object) -> sf.Score:
    """The score of ``data``, failing on any warning (nothing is left out)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return sf.midi.to_score(data, **options)  # type: ignore[arg-type]


def _named(score: sf.Score, name: str) -> sf.Part:
    return next(p for p in score.parts if p.name == name)


def _lyrics(voice: sf.Voice) -> list[tuple[Fraction, str]]:
    return [(onset, lyric.text) for onset, lyric in voice.notation.verse(1)]


def _texts(part: sf.Part) -> list[tuple[Fraction, str]]:
    return [(t.time, t.text) for t in part.notation.texts]


@pytest.mark.parametrize("ppq", [480, "exact"])
def test_the_writers_notation_reads_back(ppq: int | str) -> None:
    score = _sung()
    back = _quiet(sf.midi.to_bytes(score, ppq=ppq))
    assert _lyrics(_named(back, "Voice").voices[0]) == _lyrics(score.voices[0])
    assert [lyric.syllable for _, lyric in _named(back, "Voice").voices[0].notation.verse(1)] == [
        "Ky",
        "ri",
        "e",
        "son",
    ]
    assert back.voices[0].notation.verses() == [1]
    assert _texts(_named(back, "Piano")) == _texts(_named(score, "Piano"))
    assert _texts(_named(back, "Voice")) == []
    assert [(r.time, r.label) for r in back.rehearsals] == [(0, "A"), (Fraction(3, 4), "B")]
    title_page = ("title", "subtitle", "lyricist", "copyright")
    assert [getattr(back, f) for f in title_page] == [getattr(score, f) for f in title_page]


def test_a_type_0_file_keeps_lyrics_marks_and_the_lyricist() -> None:
    score = _sung()
    back = sf.midi.to_score(sf.midi.to_bytes(score, format=0))
    (sung,) = [v for v in back.voices if v.notation.lyrics]
    assert _lyrics(sung) == _lyrics(score.voices[0])
    assert [r.label for r in back.rehearsals] == ["A", "B"]
    assert (back.lyricist, back.copyright) == (score.lyricist, score.copyright)
    # one track mixes the parts: its texts (and the subtitle) go to the first part
    texts = [text for p in back.parts for _, text in _texts(p)]
    assert sorted(texts) == sorted(["dolce", "cresc.", "for voice"])


def test_only_the_second_verse_is_not_in_a_midi_file() -> None:
    score = sf.Score()
    voice = score.part("Voice").voice("S")
    voice.note("C5", "1/4", lyric=["one", "two"])
    back = _quiet(sf.midi.to_bytes(score))
    assert [(o, x.verse, x.text) for o, x in back.voices[0].notation.verse(1)] == [(0, 1, "one")]
    assert back.voices[0].notation.verses() == [1]


def _mido_file() -> bytes:
    """A Type 1 file written by mido: markers and a copyright in the conductor track, a
    voice's lyrics at its note-ons (one over a melisma, one at a tick with no note) and a
    text event in the voice's track."""
    midi = mido.MidiFile(type=1, ticks_per_beat=96)
    conductor = mido.MidiTrack(
        [
            mido.MetaMessage("copyright", text="(c) mido", time=0),
            mido.MetaMessage("marker", text="Intro", time=0),
            mido.MetaMessage("marker", text="B", time=384),
        ]
    )
    voice = mido.MidiTrack([mido.MetaMessage("track_name", name="Tenor", time=0)])
    voice.append(mido.MetaMessage("text", text="espressivo", time=0))
    sung = [(60, 96, "Hal-"), (62, 96, "le-"), (64, 96, "lu"), (62, 96, None), (60, 192, "jah")]
    for key, length, lyric in sung:
        if lyric is not None:
            voice.append(mido.MetaMessage("lyrics", text=lyric, time=0))
        voice.append(mido.Message("note_on", note=key, velocity=80, time=0))
        voice.append(mido.Message("note_off", note=key, velocity=0, time=length))
    voice.append(mido.MetaMessage("lyrics", text="amen", time=48))  # no note starts here
    midi.tracks += [conductor, voice]
    out = io.BytesIO()
    midi.save(file=out)
    return out.getvalue()


def test_lyrics_and_markers_from_a_file_mido_wrote() -> None:
    with pytest.warns(sf.ScoreframeWarning, match="1 lyrics with no note at their tick") as got:
        score = sf.midi.to_score(_mido_file())
    assert len(got) == 1
    (tenor,) = score.parts
    assert tenor.name == "Tenor"
    assert _lyrics(tenor.voices[0]) == [
        (Fraction(0), "Hal-"),
        (Fraction(1, 4), "le-"),
        (Fraction(1, 2), "lu_"),  # the next note has no syllable: a melisma
        (Fraction(1), "jah"),
    ]
    assert [(r.time, r.label) for r in score.rehearsals] == [(0, "Intro"), (1, "B")]
    assert score.copyright == "(c) mido"
    assert _texts(tenor) == [(0, "espressivo")]
    assert score.subtitle == ""


def test_lyrics_follow_their_notes_through_the_quantizer() -> None:
    midi = mido.MidiFile(type=0, ticks_per_beat=96)
    track = mido.MidiTrack()
    for key, lyric in ((60, "la"), (62, "lo")):
        track.append(mido.MetaMessage("lyrics", text=lyric, time=5))  # 5 ticks late
        track.append(mido.Message("note_on", note=key, velocity=80, time=0))
        track.append(mido.Message("note_off", note=key, velocity=0, time=91))
    midi.tracks.append(track)
    out = io.BytesIO()
    midi.save(file=out)
    with pytest.warns(sf.ScoreframeWarning, match="quantize"):
        score = sf.midi.to_score(out.getvalue(), quantize="1/16")
    assert _lyrics(score.voices[0]) == [(Fraction(0), "la"), (Fraction(1, 4), "lo")]


def test_two_lyrics_at_one_tick_go_to_the_two_voices_there() -> None:
    midi = mido.MidiFile(type=0, ticks_per_beat=96)
    midi.tracks.append(
        mido.MidiTrack(
            [
                mido.MetaMessage("lyrics", text="high", time=0),
                mido.MetaMessage("lyrics", text="low", time=0),
                mido.Message("note_on", note=72, velocity=80, time=0),
                mido.Message("note_on", note=60, velocity=80, time=0),
                mido.Message("note_off", note=72, velocity=0, time=48),
                mido.Message("note_off", note=60, velocity=0, time=48),
            ]
        )
    )
    out = io.BytesIO()
    midi.save(file=out)
    score = _quiet(out.getvalue())
    sung = sorted(text for v in score.voices for _, text in _lyrics(v))
    assert sung == ["high", "low"]
    assert all(len(_lyrics(v)) == 1 for v in score.voices)


def test_markers_of_several_tracks_come_back_in_time_order() -> None:
    midi = mido.MidiFile(type=1, ticks_per_beat=96)
    midi.tracks.append(mido.MidiTrack([mido.MetaMessage("marker", text="B", time=192)]))
    midi.tracks.append(
        mido.MidiTrack(
            [
                mido.MetaMessage("marker", text="A", time=0),
                mido.Message("note_on", note=60, velocity=80, time=0),
                mido.MetaMessage("text", text="poco", time=96),
                mido.Message("note_off", note=60, velocity=0, time=288),
            ]
        )
    )
    out = io.BytesIO()
    midi.save(file=out)
    score = _quiet(out.getvalue())
    assert [(r.time, r.label) for r in score.rehearsals] == [(0, "A"), (Fraction(1, 2), "B")]
    assert _texts(score.parts[0]) == [(Fraction(1, 4), "poco")]
