"""Splitting a measure at barlines and metrical boundaries.

Each case writes a measure as event lengths (in whole notes) and reads back the written
pieces as ``"offset value"``, with ``~`` for a tie to the next piece and ``rest`` for rests.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreframe.errors import ExportError, MeterError
from scoreframe.musicxml.splitting import (
    BarMeter,
    Level,
    Span,
    Syncopation,
    check_tiling,
    split_at_barlines,
    split_measure,
)
from scoreframe.musicxml.values import notatable

M44 = BarMeter.from_signature(4, 4)
M34 = BarMeter.from_signature(3, 4)
M24 = BarMeter.from_signature(2, 4)
M68 = BarMeter.from_signature(6, 8)
M78 = BarMeter.from_signature(7, 8)
M54 = BarMeter.from_signature(5, 4)


def spans(lengths: Sequence[str], rests: Sequence[int] = (), start: F = F(0)) -> list[Span]:
    out, at = [], start
    for i, text in enumerate(lengths):
        out.append(Span(at, F(text), rest=i in rests))
        at += F(text)
    return out


def written(
    meter: BarMeter, lengths: Sequence[str], rests: Sequence[int] = (), **kw: object
) -> list[str]:
    pieces = split_measure(meter, spans(lengths, rests), **kw)  # type: ignore[arg-type]
    return [
        f"{p.offset} {p.value}{' rest' if p.rest else ''}{'~' if p.tie_start else ''}"
        for p in pieces
    ]


# 4/4: the half bar shows, beats inside a half may be crossed from a beat.
def test_44_half_and_dotted_half_on_beat_one_stay_whole() -> None:
    assert written(M44, ["1/2", "1/2"]) == ["0 half", "1/2 half"]
    assert written(M44, ["3/4", "1/4"]) == ["0 dotted half", "3/4 quarter"]


def test_44_half_on_beat_two_is_the_4_2_4_syncopation() -> None:
    assert written(M44, ["1/4", "1/2", "1/4"]) == ["0 quarter", "1/4 half", "3/4 quarter"]


def test_44_dotted_half_on_beat_two_shows_the_half_bar() -> None:
    assert written(M44, ["1/4", "3/4"]) == ["0 quarter", "1/4 quarter~", "1/2 half"]


def test_44_quarter_from_an_offbeat_eighth_across_the_half_bar_is_tied() -> None:
    assert written(M44, ["3/8", "1/4", "3/8"]) == [
        "0 dotted quarter",
        "3/8 eighth~",
        "1/2 eighth",
        "5/8 eighth~",
        "3/4 quarter",
    ]


def test_44_centred_syncopation_in_a_half_bar() -> None:
    lengths = ["1/8", "1/4", "1/8", "1/2"]
    assert written(M44, lengths) == ["0 eighth", "1/8 quarter", "3/8 eighth", "1/2 half"]
    assert written(M44, lengths, syncopation=Syncopation.SHOW_BEATS) == [
        "0 eighth",
        "1/8 eighth~",
        "1/4 eighth",
        "3/8 eighth",
        "1/2 half",
    ]


def test_44_dotted_value_ending_on_the_beat_inside_a_beat() -> None:
    # 16 then dotted 8 (the Scotch snap) is one value, and so is 16-8-16 inside a beat;
    # an eighth from the last 16th of a beat is tied over the beat.
    assert written(M44, ["1/16", "3/16", "3/4"])[:2] == ["0 16th", "1/16 dotted eighth"]
    assert written(M44, ["1/16", "1/8", "1/16", "3/4"])[:3] == [
        "0 16th",
        "1/16 eighth",
        "3/16 16th",
    ]
    assert written(M44, ["1/16", "1/8", "1/8", "1/16", "5/8"])[:4] == [
        "0 16th",
        "1/16 eighth",
        "3/16 16th~",
        "1/4 16th",
    ]


def test_44_long_note_from_the_downbeat_uses_the_fewest_ties() -> None:
    assert written(M44, ["13/16", "3/16"])[:3] == ["0 half~", "1/2 quarter~", "3/4 16th"]


def test_44_rests_fill_nodes_no_dotted_half_rest() -> None:
    assert written(M44, ["3/4", "1/4"], rests=[0]) == [
        "0 half rest",
        "1/2 quarter rest",
        "3/4 quarter",
    ]
    assert written(M44, ["1/4", "1/2", "1/4"], rests=[1]) == [
        "0 quarter",
        "1/4 quarter rest",
        "1/2 quarter rest",
        "3/4 quarter",
    ]


# 2/4 and 3/4
def test_24_eighth_quarter_eighth_stays() -> None:
    assert written(M24, ["1/8", "1/4", "1/8"]) == ["0 eighth", "1/8 quarter", "3/8 eighth"]


def test_24_dotted_quarter_from_the_offbeat_is_tied_at_the_beat() -> None:
    assert written(M24, ["1/8", "3/8"]) == ["0 eighth", "1/8 eighth~", "1/4 quarter"]


def test_34_half_note_on_beat_one_or_two() -> None:
    assert written(M34, ["1/2", "1/4"]) == ["0 half", "1/2 quarter"]
    assert written(M34, ["1/4", "1/2"]) == ["0 quarter", "1/4 half"]


def test_34_quarter_on_an_offbeat_eighth_is_split_across_the_beat() -> None:
    assert written(M34, ["1/8", "1/4", "3/8"]) == [
        "0 eighth",
        "1/8 eighth~",
        "1/4 eighth",
        "3/8 eighth~",
        "1/2 quarter",
    ]


def test_34_two_beats_of_rest_are_two_quarter_rests() -> None:
    assert written(M34, ["1/2", "1/4"], rests=[0]) == [
        "0 quarter rest",
        "1/4 quarter rest",
        "1/2 quarter",
    ]


# compound and irregular meters
def test_68_half_note_shows_the_second_beat() -> None:
    assert written(M68, ["1/2", "1/4"]) == ["0 dotted quarter~", "3/8 eighth", "1/2 quarter"]


def test_68_quarter_eighth_and_eighth_quarter_inside_a_beat() -> None:
    assert written(M68, ["1/4", "1/8", "1/8", "1/4"]) == [
        "0 quarter",
        "1/4 eighth",
        "3/8 eighth",
        "1/2 quarter",
    ]


def test_68_quarter_across_the_beats_is_tied() -> None:
    assert written(M68, ["1/4", "1/4", "1/4"]) == [
        "0 quarter",
        "1/4 eighth~",
        "3/8 eighth",
        "1/2 quarter",
    ]


def test_68_dotted_half_fills_the_bar() -> None:
    assert written(M68, ["3/4"]) == ["0 dotted half"]


def test_68_rests_show_the_beat() -> None:
    assert written(M68, ["1/4", "1/8", "3/8"], rests=[0]) == [
        "0 quarter rest",
        "1/4 eighth",
        "3/8 dotted quarter",
    ]
    assert written(M68, ["1/8", "1/4", "3/8"], rests=[1]) == [
        "0 eighth",
        "1/8 eighth rest",
        "1/4 eighth rest",
        "3/8 dotted quarter",
    ]


def test_78_groups_two_two_three() -> None:
    assert written(M78, ["1/2", "3/8"]) == ["0 half", "1/2 dotted quarter"]
    assert written(M78, ["3/8", "1/2"]) == [
        "0 quarter~",
        "1/4 eighth",
        "3/8 eighth~",
        "1/2 dotted quarter",
    ]


def test_78_user_groups_three_two_two() -> None:
    meter = BarMeter.from_signature(7, 8, (3, 2, 2))
    assert written(meter, ["3/8", "1/2"]) == ["0 dotted quarter", "3/8 half"]


def test_54_full_bar_note_is_half_tied_to_dotted_half() -> None:
    assert written(M54, ["5/4"]) == ["0 half~", "1/2 dotted half"]


# rests, pickups, errors
def test_full_measure_rest_is_one_measure_rest() -> None:
    (piece,) = split_measure(M78, spans(["7/8"], rests=[0]))
    assert piece.measure_rest and piece.rest and piece.value is None and piece.length == F(7, 8)


def test_pickup_is_placed_at_the_end_of_the_bar() -> None:
    pickup = split_measure(M44, spans(["1/8", "1/8"]), origin=F(3, 4))
    assert [(p.offset, str(p.value)) for p in pickup] == [(0, "eighth"), (F(1, 8), "eighth")]
    rest = split_measure(M44, spans(["1/4"], rests=[0]), origin=F(3, 4))
    assert not rest[0].measure_rest and str(rest[0].value) == "quarter"


def test_ties_link_the_pieces_of_one_event_only() -> None:
    pieces = split_measure(M24, spans(["1/8", "3/8"]))
    assert [(p.event, p.tie_stop, p.tie_start) for p in pieces] == [
        (0, False, False),
        (1, False, True),
        (1, True, False),
    ]


def test_events_must_tile_the_measure() -> None:
    with pytest.raises(ExportError, match="gap from 1/4"):
        check_tiling([Span(F(0), F(1, 4)), Span(F(1, 2), F(1, 2))], F(1))
    with pytest.raises(ExportError, match="overlaps"):
        check_tiling([Span(F(0), F(1, 2)), Span(F(1, 4), F(3, 4))], F(1))
    with pytest.raises(ExportError, match="the measure at 1"):
        split_measure(M44, spans(["1/2"]))


def test_tuplet_times_without_groups_are_an_error_naming_the_offset() -> None:
    with pytest.raises(ExportError, match="from 0 to 1/6"):
        split_measure(M44, spans(["1/6", "1/6", "2/3"]))


def test_split_at_barlines() -> None:
    assert split_at_barlines(F(1, 2), F(2), [F(0), F(1), F(2), F(3)]) == (
        (F(1, 2), F(1, 2)),
        (F(1), F(1)),
        (F(2), F(1, 2)),
    )
    assert split_at_barlines(F(0), F(1), [F(0), F(1)]) == ((F(0), F(1)),)


def test_bar_meters() -> None:
    assert [len(s) for s in BarMeter.from_signature(12, 8).sections] == [2, 2]
    assert BarMeter.from_signature(3, 8).root().level is Level.GROUP
    assert BarMeter.from_signature(5, 8).groups == (F(1, 4), F(3, 8))
    assert [len(s) for s in BarMeter.from_signature(6, 4).sections] == [3, 3]
    assert BarMeter.of_groups([F(1, 4)] * 3) == M34
    with pytest.raises(MeterError, match="add up to 7"):
        BarMeter.from_signature(7, 8, (3, 3))
    with pytest.raises(MeterError, match="power-of-two"):
        BarMeter.from_signature(3, 6)
    with pytest.raises(MeterError):
        BarMeter(((F(1, 3),),))


METERS = [
    M44,
    M34,
    M24,
    M68,
    M78,
    M54,
    BarMeter.from_signature(12, 8),
    BarMeter.from_signature(2, 2),
    BarMeter.from_signature(3, 8),
]


@st.composite
def measures(draw: st.DrawFn) -> tuple[BarMeter, list[Span]]:
    meter = draw(st.sampled_from(METERS))
    units = int(meter.length * 32)
    cuts = sorted(draw(st.sets(st.integers(1, units - 1), max_size=12)))
    edges = [0, *cuts, units]
    rests = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    return meter, [
        Span(F(a, 32), F(b - a, 32), rests[i]) for i, (a, b) in enumerate(pairwise(edges))
    ]


@settings(max_examples=300, deadline=None)
@given(measures(), st.sampled_from(list(Syncopation)), st.integers(0, 3))
def test_pieces_tile_each_event_and_are_notatable(
    case: tuple[BarMeter, list[Span]], syncopation: Syncopation, max_dots: int
) -> None:
    meter, events = case
    pieces = split_measure(meter, events, syncopation=syncopation, max_dots=max_dots)
    for index, event in enumerate(events):
        mine = [p for p in pieces if p.event == index]
        assert sum((p.length for p in mine), F(0)) == event.length
        assert mine[0].offset == event.offset
        assert all(a.end == b.offset for a, b in pairwise(mine))
        assert not mine[0].tie_stop and not mine[-1].tie_start
        assert all(p.tie_start == (not p.rest and p is not mine[-1]) for p in mine)
    for p in pieces:
        if p.measure_rest:
            assert len(pieces) == 1
        else:
            assert p.value is not None and p.value.length == p.length
            assert notatable(p.length, max_dots) == p.value
