"""The integer grid: ticks, divisions from ticks, and notation that does not depend on the grid."""

from __future__ import annotations

from fractions import Fraction as F
from math import gcd

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.errors import ExportError
from scoreframe.musicxml import plan as planning
from scoreframe.musicxml.bars import NotationOptions
from scoreframe.musicxml.divisions import divisions_for, to_divisions
from scoreframe.musicxml.grid import HEADROOM, Grid, OffGrid, exact, odd_part, ticks_of
from scoreframe.musicxml.metric import BarMeter, tick_node
from scoreframe.musicxml.plan import plan_part
from scoreframe.musicxml.splitting import Span, split_measure, split_ticks
from scoreframe.musicxml.tuplets import find_tuplets, tuplet_groups

fractions = st.builds(
    F,
    st.integers(0, 400),
    st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 28, 32, 48, 96, 1024]),
)


def test_a_grid_holds_every_denominator_and_the_headroom() -> None:
    grid = Grid.of([F(1, 12), F(3, 20)])
    assert grid.per_whole == HEADROOM * 15
    assert grid.ticks(F(1, 12)) == HEADROOM * 15 // 12
    assert grid.time(grid.ticks(F(3, 20))) == F(3, 20)
    with pytest.raises(ExportError, match="does not land"):
        grid.ticks(F(1, 7))
    assert Grid.of([]).per_whole == HEADROOM


@given(st.lists(fractions, max_size=20))
def test_divisions_from_ticks_are_the_divisions_of_the_times(times: list[F]) -> None:
    grid = Grid.of(times)
    ticks = [grid.ticks(t) for t in times]
    divisions = grid.divisions(gcd(*ticks))
    assert divisions == divisions_for(times)
    numerator, denominator = grid.scale(divisions)
    for t, count in zip(times, ticks, strict=True):
        assert count * numerator % denominator == 0
        assert count * numerator // denominator == to_divisions(t, divisions)


@given(st.integers(-1000, 1000), st.integers(1, 500))
def test_exact_division_or_the_factor_that_makes_it_exact(numerator: int, denominator: int) -> None:
    try:
        assert exact(numerator, denominator) * denominator == numerator
    except OffGrid as off:
        assert numerator * off.factor % denominator == 0
        assert all(numerator * f % denominator for f in range(1, off.factor))


def test_ticks_of_and_odd_part() -> None:
    assert ticks_of(F(3, 8), 16) == 6
    with pytest.raises(OffGrid) as caught:
        ticks_of(F(1, 12), 16)
    assert caught.value.factor == 3
    assert [odd_part(n) for n in (1, 12, 4096 * 15, 7)] == [1, 3, 15, 7]


def test_tick_nodes_are_the_metric_tree_in_ticks() -> None:
    root = BarMeter.from_signature(7, 8).root()
    node = tick_node(root, 64)
    assert [(k.start, k.end) for k in node.children()] == [
        (k.start * 64, k.end * 64) for k in root.children()
    ]
    assert tick_node(root, 64) is node


@st.composite
def measures(draw: st.DrawFn) -> tuple[BarMeter, list[Span]]:
    """A 2/4 bar of dyadic and tuplet values (tied over where they straddle)."""
    lengths = draw(
        st.lists(
            st.sampled_from([F(1, d) for d in (4, 6, 8, 12, 16, 20, 24, 40)]),
            min_size=1,
            max_size=10,
        )
    )
    spans, at, bar = [], F(0), F(1, 2)
    for length in lengths:
        if at + length > bar:
            break
        spans.append(Span(at, length, draw(st.booleans())))
        at += length
    if at < bar:
        spans.append(Span(at, bar - at))
    return BarMeter.from_signature(2, 4), spans


@settings(max_examples=200, deadline=None)
@given(measures(), st.sampled_from([1, 3, 5, 8]))
def test_the_notation_does_not_depend_on_the_grid(
    case: tuple[BarMeter, list[Span]], finer: int
) -> None:
    meter, spans = case
    try:
        groups = find_tuplets(meter, spans)
        pieces = split_measure(meter, spans, groups)
    except ExportError:
        return
    grid = Grid.of([t for s in spans for t in (s.offset, s.length)]).refined(finer)
    times = tuple((grid.ticks(s.offset), grid.ticks(s.length)) for s in spans)
    assert tuplet_groups(meter, times, F(0), grid.per_whole) == groups
    events = [(start, length, s.rest) for (start, length), s in zip(times, spans, strict=True)]
    fine = split_ticks(meter, events, groups, F(0), grid.per_whole)
    assert [
        (p.offset, p.length, p.value, p.time_modification, p.tuplet_starts, p.tie_start)
        for p in fine
    ] == [
        (p.offset, p.length, p.value, p.time_modification, p.tuplet_starts, p.tie_start)
        for p in pieces
    ]


def test_the_planner_refines_the_grid_when_a_notated_time_falls_between_ticks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = sf.Score()
    voice = s.part("P").voice("V")
    for _ in range(3):
        voice.note("C4", F(1, 12))
    voice.note("D4", "3/4")
    bars = list(s.meters.bars(s.end))
    expected = plan_part(s.parts[0], bars, NotationOptions())
    notate = planning.notate
    calls: list[int] = []

    def coarse_first(*args: object) -> object:
        grid = args[3]
        assert isinstance(grid, Grid)
        calls.append(grid.per_whole)
        if len(calls) == 1:
            raise OffGrid(5)
        return notate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(planning, "notate", coarse_first)
    plan = plan_part(s.parts[0], bars, NotationOptions())
    assert calls == [expected.grid.per_whole, expected.grid.per_whole * 5]
    assert plan.grid.per_whole == expected.grid.per_whole * 5
    assert [(p.offset, p.value) for p in plan.bars[0][0].pieces] == [
        (p.offset, p.value) for p in expected.bars[0][0].pieces
    ]
