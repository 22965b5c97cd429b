"""Tuplet groups: detection from content, closed groups, nesting, and the written pieces."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreframe.errors import ExportError
from scoreframe.musicxml.beams import Beam, beam_measure
from scoreframe.musicxml.splitting import BarMeter, Piece, Span, split_measure
from scoreframe.musicxml.tuplets import Sextuplets, TupletGroup, TupletRatio, find_tuplets

M44 = BarMeter.from_signature(4, 4)
M34 = BarMeter.from_signature(3, 4)
M24 = BarMeter.from_signature(2, 4)
M68 = BarMeter.from_signature(6, 8)


def spans(lengths: Sequence[F | str], rests: Sequence[int] = ()) -> list[Span]:
    out, at = [], F(0)
    for i, length in enumerate(lengths):
        out.append(Span(at, F(length), rest=i in rests))
        at += F(length)
    return out


def groups(meter: BarMeter, lengths: Sequence[F | str], **kw: object) -> list[str]:
    """Each group as ``"start actual:normal type"``, inner groups in brackets."""

    def show(g: TupletGroup) -> str:
        inner = f" [{', '.join(show(i) for i in g.inner)}]" if g.inner else ""
        return f"{g.start} {g.actual}:{g.normal} {g.normal_type.value}{inner}"

    return [show(g) for g in find_tuplets(meter, spans(lengths), **kw)]  # type: ignore[arg-type]


def notate(
    meter: BarMeter, lengths: Sequence[F | str], rests: Sequence[int] = (), **kw: object
) -> tuple[Piece, ...]:
    events = spans(lengths, rests)
    return split_measure(meter, events, find_tuplets(meter, events, **kw))  # type: ignore[arg-type]


def test_no_tuplets_for_dyadic_content() -> None:
    assert groups(M44, ["1/4", "3/8", "1/8", "1/4"]) == []


def test_eighth_triplet_on_one_beat() -> None:
    assert groups(M44, [F(1, 12)] * 3 + ["3/4"]) == ["0 3:2 eighth"]


def test_triplets_on_two_beats_stay_two_groups() -> None:
    assert groups(M44, [F(1, 12)] * 6 + ["1/2"]) == ["0 3:2 eighth", "1/4 3:2 eighth"]


def test_quarter_triplet_over_a_half_in_44_and_in_34() -> None:
    assert groups(M44, [F(1, 6)] * 3 + ["1/2"]) == ["0 3:2 quarter"]
    assert groups(M34, ["1/4"] + [F(1, 6)] * 3) == ["1/4 3:2 quarter"]


def test_triplet_quarter_and_eighth_is_a_triplet_not_a_sextuplet() -> None:
    assert groups(M24, [F(1, 6), F(1, 12), "1/4"]) == ["0 3:2 eighth"]
    assert groups(M24, [F(1, 24), F(1, 8), F(1, 12), "1/4"]) == ["0 3:2 eighth"]


def test_quintuplet_and_septuplet_ratios() -> None:
    assert groups(M24, [F(1, 20)] * 5 + ["1/4"]) == ["0 5:4 16th"]
    assert groups(M24, [F(1, 10), F(1, 20), F(1, 10), "1/4"]) == ["0 5:4 16th"]
    assert groups(M24, [F(1, 14)] * 7) == ["0 7:4 eighth"]
    assert groups(M24, [F(1, 14)] * 7, ratio=TupletRatio.NEAREST) == ["0 7:8 16th"]
    assert groups(M24, [F(1, 28)] * 7 + ["1/4"], ratio=TupletRatio.NEAREST) == ["0 7:8 32nd"]


def test_septuplet_in_a_compound_beat_is_7_6() -> None:
    assert groups(M68, [F(3, 56)] * 7 + ["3/8"]) == ["0 7:6 16th"]


def test_sextuplets_join_only_when_asked() -> None:
    six = [F(1, 24)] * 6 + ["1/4"]
    assert groups(M24, six) == ["0 3:2 16th", "1/8 3:2 16th"]
    assert groups(M24, six, sextuplets=Sextuplets.JOIN) == ["0 6:4 16th"]


def test_nested_triplet_inside_a_quintuplet() -> None:
    lengths: list[F | str] = [F(1, 20), F(1, 20), F(1, 30), F(1, 30), F(1, 30), F(1, 20), "1/4"]
    assert groups(M24, lengths) == ["0 5:4 16th [1/10 3:2 16th]"]
    pieces = notate(M24, lengths)
    inner = pieces[2]
    assert inner.time_modification is not None
    assert (inner.time_modification.actual, inner.time_modification.normal) == (15, 8)
    assert [(m.number, m.actual) for m in inner.tuplet_starts] == [(2, 3)]
    assert [(m.number, m.actual) for m in pieces[0].tuplet_starts] == [(1, 5)]
    assert [(m.number, m.actual) for m in pieces[5].tuplet_stops] == [(1, 5)]
    assert [str(p.value) for p in pieces[:6]] == ["16th"] * 6


def test_nested_triplets_close_together() -> None:
    lengths: list[F | str] = [F(1, 12), F(1, 12), F(1, 36), F(1, 36), F(1, 36), "3/4"]
    assert groups(M44, lengths) == ["0 3:2 eighth [1/6 3:2 16th]"]
    last = notate(M44, lengths)[4]
    assert [m.number for m in last.tuplet_stops] == [2, 1]


def test_nine_equal_notes_are_one_nonuplet() -> None:
    assert groups(M44, [F(1, 36)] * 9 + ["3/4"]) == ["0 9:8 32nd"]


def test_triplet_pieces_carry_time_modification_and_brackets() -> None:
    pieces = notate(M44, [F(1, 6), F(1, 12), "3/4"])
    first, second = pieces[:2]
    assert (str(first.value), str(second.value)) == ("quarter", "eighth")
    assert first.time_modification is not None and first.time_modification.normal_type.value == (
        "eighth"
    )
    assert [m.number for m in first.tuplet_starts] == [1] and not first.tuplet_stops
    assert [m.number for m in second.tuplet_stops] == [1] and not second.tuplet_starts
    assert pieces[2].time_modification is None


def test_rests_inside_a_triplet() -> None:
    pieces = notate(M24, [F(1, 12)] * 3 + ["1/4"], rests=[1])
    assert pieces[1].rest and pieces[1].time_modification is not None


def test_note_tied_out_of_a_triplet_does_not_widen_the_group() -> None:
    pieces = notate(M34, [F(1, 3), F(7, 24), F(1, 8)])
    assert groups(M34, [F(1, 3), F(7, 24), F(1, 8)]) == ["0 3:2 quarter"]
    assert [(str(p.offset), str(p.value), p.tie_start) for p in pieces] == [
        ("0", "half", False),
        ("1/3", "quarter", True),
        ("1/2", "eighth", False),
        ("5/8", "eighth", False),
    ]


def test_unwritable_rhythm_is_an_error_naming_the_offset() -> None:
    lengths: list[F | str] = [F(1, 4), F(1, 3 * 2048), F(1, 4) - F(1, 3 * 2048), "1/2"]
    with pytest.raises(ExportError, match=r"from 1/4 to 1537/6144 .* finer than a 1024th"):
        notate(M44, lengths)


def test_pickup_groups_are_in_measure_offsets() -> None:
    found = find_tuplets(M44, spans([F(1, 12)] * 3), origin=F(3, 4))
    assert [(g.start, g.length) for g in found] == [(F(0), F(1, 4))]


# --- properties ------------------------------------------------------------------------------

METERS = [
    M44,
    M34,
    M24,
    M68,
    BarMeter.from_signature(7, 8),
    BarMeter.from_signature(5, 4),
    BarMeter.from_signature(12, 8),
    BarMeter.from_signature(2, 2),
]


@st.composite
def beat_fills(draw: st.DrawFn, merge: bool) -> tuple[BarMeter, list[Span]]:
    """Each beat group filled with equal tuplet notes or dyadic values; some neighbours merged."""
    meter = draw(st.sampled_from(METERS))
    cuts: list[F] = []
    at = F(0)
    for group in meter.groups:
        count = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 3, 5]))
        parts = [group / count] * count
        if count in (2, 4) and draw(st.booleans()):
            parts = [group * F(3, 4), group / 4] if count == 2 else parts
        for p in parts:
            at += p
            cuts.append(at)
    edges = [F(0), *cuts]
    if merge:
        keep = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
        edges = [F(0)] + [e for e, k in zip(edges[1:-1], keep, strict=False) if k] + [edges[-1]]
    rests = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    return meter, [
        Span(a, b - a, rests[i] and not merge) for i, (a, b) in enumerate(pairwise(edges))
    ]


def _check_groups(found: Sequence[TupletGroup], pieces: Sequence[Piece]) -> None:
    def factors(g: TupletGroup, outer: F) -> list[tuple[TupletGroup, F]]:
        return [(g, outer)] + [x for i in g.inner for x in factors(i, outer / g.scale)]

    for top in found:
        sounding = dict((id(g), f) for g, f in factors(top, F(1)))
        for depth, g in top.walk():
            assert g.length == g.normal * g.normal_type.length * sounding[id(g)]
            assert g.normal < 2 * g.actual < 4 * g.normal
            for inner in g.inner:
                assert g.start <= inner.start and inner.end <= g.end
            inside = [p for p in pieces if g.start <= p.offset and p.end <= g.end]
            assert not [p for p in pieces if p.offset < g.start < p.end or p.offset < g.end < p.end]
            assert sum((p.length for p in inside), F(0)) == g.length
            starts = [p for p in inside if depth in [m.number for m in p.tuplet_starts]]
            stops = [p for p in inside if depth in [m.number for m in p.tuplet_stops]]
            assert [p.offset for p in starts if p.offset == g.start] == [g.start]
            assert [p.end for p in stops if p.end == g.end] == [g.end]
    for a, b in pairwise(found):
        assert a.end <= b.start


def _check_pieces(events: Sequence[Span], pieces: Sequence[Piece]) -> None:
    for index, event in enumerate(events):
        mine = [p for p in pieces if p.event == index]
        assert sum((p.length for p in mine), F(0)) == event.length
    for p in pieces:
        if p.measure_rest:
            continue
        assert p.value is not None
        factor = F(1) if p.time_modification is None else p.time_modification.factor
        assert p.value.length * factor == p.length


def _check_beams(pieces: Sequence[Piece], meter: BarMeter) -> None:
    marks = beam_measure(
        meter, pieces, find_tuplets(meter, [Span(p.offset, p.length) for p in pieces])
    )
    open_levels: set[int] = set()
    for p, ms in zip(pieces, marks, strict=True):
        levels = {m.level for m in ms}
        assert levels == set(range(1, len(levels) + 1))
        if ms:
            assert p.value is not None and len(ms) == p.value.type.beams and not p.rest
        for m in ms:
            if m.value is Beam.BEGIN:
                assert m.level not in open_levels
                open_levels.add(m.level)
            elif m.value in (Beam.CONTINUE, Beam.END):
                assert m.level in open_levels
                if m.value is Beam.END:
                    open_levels.discard(m.level)
            else:
                assert m.level >= 2 and 1 in levels
    assert not open_levels


@settings(max_examples=300, deadline=None)
@given(beat_fills(merge=False), st.sampled_from(list(TupletRatio)))
def test_beat_tuplets_are_closed_inside_their_beat(
    case: tuple[BarMeter, list[Span]], ratio: TupletRatio
) -> None:
    meter, events = case
    found = find_tuplets(meter, events, ratio=ratio)
    pieces = split_measure(meter, events, found)
    _check_pieces(events, pieces)
    _check_groups(found, pieces)
    starts, at = [], F(0)
    for beat in meter.groups:
        starts.append(at)
        at += beat
    for g in found:
        assert not [b for b in starts if g.start < b < g.end], "a group crosses a beat"
    _check_beams(pieces, meter)


@settings(max_examples=300, deadline=None)
@given(beat_fills(merge=True))
def test_tied_tuplet_content_still_makes_closed_groups(case: tuple[BarMeter, list[Span]]) -> None:
    meter, events = case
    found = find_tuplets(meter, events)
    pieces = split_measure(meter, events, found)
    _check_pieces(events, pieces)
    _check_groups(found, pieces)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([F(1, d) for d in (3, 5, 6, 7, 8, 9, 10, 12, 16, 20, 24, 40)]),
        min_size=1,
        max_size=12,
    )
)
def test_arbitrary_content_is_notated_or_refused_never_garbled(lengths: list[F]) -> None:
    total = sum(lengths, F(0))
    meter = BarMeter.of_groups([F(1, 4)] * 4)
    bars = -(-total // meter.length) or 1
    lengths = [*lengths, bars * meter.length - total] if total % meter.length else lengths
    events = spans(lengths)
    big = BarMeter.of_groups(list(meter.groups) * int(bars))
    try:
        found = find_tuplets(big, events)
        pieces = split_measure(big, events, found)
    except ExportError:
        return
    _check_pieces(events, pieces)
    _check_groups(found, pieces)
