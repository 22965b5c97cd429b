"""The one time-ordered event list, its order at one time, and tie chains when sounding."""

from __future__ import annotations

import pickle
from fractions import Fraction

import scoreframe as sf
from scoreframe.events import ContourChange, Event, EventKind, sounding_notes
from scoreframe.note import Note, TieChain

F = Fraction


def table(events: list[Event]) -> list[tuple[str, str, str, str]]:
    """Events as readable rows: (time, kind, owner, what)."""
    rows = []
    for e in events:
        owner = "/".join(x.name for x in (e.part, e.voice) if x is not None) or "score"
        item = e.item
        if isinstance(item, ContourChange):
            what = f"{item.name}: {item.segment}"
        elif isinstance(item, TieChain):
            what = "tied " + "+".join(f"{n.pitch}@{n.onset}" for n in item.notes)
        elif isinstance(item, Note):
            what = str(item.pitch) if item.pitch else "rest"
        else:
            what = str(item)
        rows.append((str(e.time), e.kind.name, owner, what))
    return rows


def test_simultaneous_events_come_meter_key_tempo_contour_notes() -> None:
    score = sf.Score()
    piano = score.part("Piano")
    rh = piano.voice("RH")
    rh.note("C4", "1/4")  # notes and contours added before the maps: the order is by kind
    rh.velocity.hold(64)
    piano.velocity.hold(70)
    score.contour("cutoff").hold(800)
    score.tempo.hold(60)
    score.key("G major")
    score.meter("3/4")
    assert table(score.events()) == [
        ("0", "METER", "score", "3/4"),
        ("0", "KEY", "score", "G major"),
        ("0", "TEMPO", "score", "tempo: hold 60 from 0"),
        ("0", "CONTOUR", "score", "cutoff: hold 800 from 0"),
        ("0", "CONTOUR", "Piano", "velocity: hold 70 from 0"),
        ("0", "CONTOUR", "Piano/RH", "velocity: hold 64 from 0"),
        ("0", "NOTE", "Piano/RH", "C4"),
    ]


def test_parts_and_voices_keep_creation_order_and_chords_keep_their_order() -> None:
    score = sf.Score()
    b = score.part("B")
    a = score.part("A")  # created second: comes second, whatever its name
    b2 = b.voice("b2")
    b1 = b.voice("b1")
    a1 = a.voice("a1")
    a1.chord(["G4", "C4", "E4"], "1/4")  # not sorted by pitch
    b1.note("D4", "1/4")
    b2.note("F4", "1/4")
    notes = [row for row in table(score.events()) if row[1] == "NOTE"]
    assert notes == [
        ("0", "NOTE", "B/b2", "F4"),
        ("0", "NOTE", "B/b1", "D4"),
        ("0", "NOTE", "A/a1", "G4"),
        ("0", "NOTE", "A/a1", "C4"),
        ("0", "NOTE", "A/a1", "E4"),
    ]


def test_events_are_in_time_order_across_voices_and_kinds() -> None:
    score = sf.Score()
    score.meter("3/4", at=1)
    v = score.part("P").voice("V")
    w = score.part("Q").voice("W")
    v.note("C4", "1/3")  # triplet halves against eighths: exact times interleave
    v.note("D4", "1/3")
    v.note("E4", "1/3")
    w.note("G3", "3/8")
    w.note("A3", "3/8")
    w.note("B3", "1/4")
    w.velocity.hold(50).ramp(90, at="1/2", over="1/4")
    times = [e.time for e in score.events()]
    assert times == sorted(times)
    assert table(score.events()) == [
        ("0", "METER", "score", "4/4"),
        ("0", "CONTOUR", "Q/W", "velocity: hold 50 from 0"),
        ("0", "NOTE", "P/V", "C4"),
        ("0", "NOTE", "Q/W", "G3"),
        ("1/3", "NOTE", "P/V", "D4"),
        ("3/8", "NOTE", "Q/W", "A3"),
        ("1/2", "CONTOUR", "Q/W", "velocity: linear 50 -> 90 from 1/2 to 3/4"),
        ("2/3", "NOTE", "P/V", "E4"),
        ("3/4", "CONTOUR", "Q/W", "velocity: hold 90 from 3/4"),
        ("3/4", "NOTE", "Q/W", "B3"),
        ("1", "METER", "score", "3/4"),
    ]


def test_notation_keeps_tied_notes_and_sounding_merges_each_chain() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.note("C4", "1/4", tie=True)
    v.note("C4", "1/4")
    v.note("D4", "1/2")
    notes = [e for e in score.events() if e.kind is EventKind.NOTE]
    assert [(str(e.time), type(e.item).__name__) for e in notes] == [
        ("0", "Note"),
        ("1/4", "Note"),
        ("1/2", "Note"),
    ]
    sounding = [e for e in score.events(sounding=True) if e.kind is EventKind.NOTE]
    assert [(str(e.time), type(e.item).__name__) for e in sounding] == [
        ("0", "TieChain"),
        ("1/2", "Note"),
    ]
    chain = sounding[0].item
    assert isinstance(chain, TieChain)
    assert (chain.onset, chain.duration, chain.period) == (0, F(1, 2), F(1, 2))


def test_sounding_drops_rests() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.rest("1/4")
    v.note("C4", "1/4")
    assert [row[3] for row in table(score.events(sounding=True)) if row[1] == "NOTE"] == ["C4"]
    assert [row[3] for row in table(score.events()) if row[1] == "NOTE"] == ["rest", "C4"]


def test_a_chain_of_four_notes_is_one_sounding_note_with_the_last_release() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    for _ in range(3):
        v.note("A4", "1/4", tie=True)
    v.note("A4", "1/4", duration="1/8")
    (event,) = [e for e in score.events(sounding=True) if e.kind is EventKind.NOTE]
    assert isinstance(event.item, TieChain)
    assert len(event.item.notes) == 4
    assert (event.item.duration, event.item.end) == (F(7, 8), F(1))


def test_chords_tied_into_chords_give_one_chain_per_pitch_in_chord_order() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.chord(["C4", "E4", "G4"], "1/2", tie=True)
    v.chord(["G4", "E4", "C4"], "1/4", tie=True)  # the same pitches in another order
    v.chord(["E4", "C4", "G4"], "1/4")
    rows = [row[3] for row in table(score.events(sounding=True)) if row[1] == "NOTE"]
    assert rows == [
        "tied C4@0+C4@1/2+C4@3/4",
        "tied E4@0+E4@1/2+E4@3/4",
        "tied G4@0+G4@1/2+G4@3/4",
    ]


def test_a_chord_tied_in_part_keeps_the_untied_members_as_notes() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.chord(["C4", "E4"], "1/2", tie=False)
    v.note("G4", "1/2", at=0, tie=True)  # only G4 is tied
    v.chord(["C5", "G4"], "1/2")
    rows = [(row[0], row[3]) for row in table(score.events(sounding=True)) if row[1] == "NOTE"]
    assert rows == [("0", "C4"), ("0", "E4"), ("0", "tied G4@0+G4@1/2"), ("1/2", "C5")]


def test_a_tie_chain_broken_by_a_gap_sounds_as_separate_notes() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.note("C4", "1/4", tie=True)
    v.note("C4", "1/4", tie=True)
    v.note("C4", "1/4", at=1)  # a gap from 1/2 to 1: the chain ends at 1/2
    rows = [(row[0], row[3]) for row in table(score.events(sounding=True)) if row[1] == "NOTE"]
    assert rows == [("0", "tied C4@0+C4@1/4"), ("1", "C4")]


def test_a_tie_into_another_pitch_does_not_join_them() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.note("C4", "1/4", tie=True)
    v.note("D4", "1/4")
    v.note("C4", "1/4")  # the same pitch, but not where the tied note ends
    rows = [(row[0], row[3]) for row in table(score.events(sounding=True)) if row[1] == "NOTE"]
    assert rows == [("0", "C4"), ("1/4", "D4"), ("1/2", "C4")]


def test_a_tie_across_a_rest_is_broken() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.note("E4", "1/4", tie=True)
    v.rest("1/4")
    v.note("E4", "1/4")
    assert len([e for e in score.events(sounding=True) if e.kind is EventKind.NOTE]) == 2


def test_enharmonic_spellings_tie_because_they_sound_the_same() -> None:
    score = sf.Score()
    v = score.part("P").voice("V")
    v.note("C#4", "1/4", tie=True)
    v.note("Db4", "1/4")
    (chain,) = sounding_notes(v)
    assert isinstance(chain, TieChain)


def test_the_list_is_deterministic_and_cached_until_the_score_changes() -> None:
    def build() -> sf.Score:
        score = sf.Score()
        for p in range(3):
            part = score.part(f"P{p}")
            part.velocity.hold(60 + p)
            for v in range(3):
                voice = part.voice(f"V{v}")
                for i in range(12):
                    voice.chord([60 + p, 64 + v], F(1, 1 + i % 3), tie=(i % 4 == 1))
        return score

    one, two = build(), build()
    assert table(one.events()) == table(two.events())
    assert table(one.events(sounding=True)) == table(two.events(sounding=True))
    first = one.events()
    assert one.events() == first and one.events() is not first  # cached, handed out as a copy
    one.parts[0].voices[0].note("C4", "1/4")
    assert one.events() is not first  # rebuilt after a change
    assert len(one.events()) == len(first) + 1
    one.parts[1].voices[2].velocity.hold(80, at=1)
    assert len(one.events()) == len(first) + 2


def test_contour_events_carry_the_contour_and_the_segment() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.control(11).ramp(100, at=0, over=2)
    changes = [e.item for e in score.events() if e.kind is EventKind.CONTOUR]
    assert all(isinstance(c, ContourChange) for c in changes)
    assert [(c.name, str(c.segment)) for c in changes] == [  # type: ignore[union-attr]
        ("control:11", "linear 127 -> 100 from 0 to 2"),
        ("control:11", "hold 100 from 2"),
    ]


def test_each_event_has_time_kind_part_voice_and_item() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    note = voice.note("C4", "1/4", at=2)
    event = score.events()[-1]
    assert event == Event(F(2), EventKind.NOTE, voice.part, voice, note)
    assert (event.time, event.kind, event.part, event.voice, event.item) == tuple(event)
    assert type(event) is Event


def test_an_empty_score_has_only_its_meter() -> None:
    assert table(sf.Score().events()) == [("0", "METER", "score", "4/4")]


def test_note_events_pickle_without_the_score() -> None:
    score = sf.Score()
    score.part("P").voice("V").note("C4", "1/4")
    note = score.events()[-1].item
    assert pickle.loads(pickle.dumps(note)) == note
