"""A bar's notation: notated node by node where no span crosses its top nodes, else whole."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from scoreframe.errors import ExportError
from scoreframe.meter import Meter
from scoreframe.musicxml.bars import BarNotation, NotationOptions, _parts, _whole, bar_meter, notate
from scoreframe.musicxml.grid import Grid
from scoreframe.musicxml.splitting import Syncopation
from scoreframe.musicxml.tuplets import TupletRatio

METERS = [
    Meter.parse(m)
    for m in ("4/4", "3/4", "2/4", "6/8", "7/8", "12/8", "5/4", "6/4", "2/2", "3+2+2/8", "9/8")
]
LENGTHS = [F(1, d) for d in (2, 4, 8, 16, 6, 12, 24, 10, 20)] + [F(3, 8), F(3, 16), F(1, 3)]


def shown(n: BarNotation) -> list[object]:
    return [
        (
            p.event,
            p.offset,
            p.length,
            p.value,
            p.rest,
            p.tie_stop,
            p.tie_start,
            p.measure_rest,
            p.time_modification,
            p.tuplet_starts,
            p.tuplet_stops,
        )
        for p in n.pieces
    ] + [n.beams, n.offsets, n.ends, n.first, n.last, n.shapes, n.common]


@st.composite
def bars(draw: st.DrawFn) -> tuple[Meter, tuple[tuple[int, int, bool], ...], Grid]:
    """A bar filled beat by beat (so mostly no span crosses a beat), or freely."""
    meter = draw(st.sampled_from(METERS))
    by_beat = draw(st.booleans())
    stops, at = [], F(0)
    for beat in meter.beats if by_beat else (meter.bar_length,):
        end = at + beat
        while at < end:
            at = min(at + draw(st.sampled_from(LENGTHS)), end)
            stops.append(at)
    starts = [F(0), *stops[:-1]]
    spans = [(a, b - a, draw(st.booleans())) for a, b in zip(starts, stops, strict=True)]
    grid = Grid.of([t for s in spans for t in s[:2]])
    return meter, tuple((grid.ticks(a), grid.ticks(b), r) for a, b, r in spans), grid


@settings(max_examples=400, deadline=None)
@given(
    bars(),
    st.sampled_from(
        [
            NotationOptions(),
            NotationOptions(max_dots=0),
            NotationOptions(syncopation=Syncopation.SHOW_BEATS, ratio=TupletRatio.NEAREST),
        ]
    ),
)
def test_a_bar_notated_by_its_nodes_is_the_bar_notated_whole(
    case: tuple[Meter, tuple[tuple[int, int, bool], ...], Grid], options: NotationOptions
) -> None:
    meter, rhythm, grid = case
    try:
        whole = _whole(bar_meter(meter), F(0), rhythm, grid, options, measure_rest=True)
    except ExportError:
        whole = None
    try:
        joined = notate(meter, F(0), rhythm, grid, options)
    except ExportError:
        joined = None
    assert (whole is None) == (joined is None)
    if whole is not None and joined is not None:
        assert shown(joined) == shown(whole)


def test_the_top_nodes_of_a_bar() -> None:
    grid = Grid(16)
    four = bar_meter(Meter(4, 4))
    halves = _parts(four, ((0, 4, False), (4, 4, False), (8, 8, True)), grid.per_whole)
    assert halves is not None
    assert [(offset, first, rhythm) for offset, first, _, rhythm in halves] == [
        (0, 0, ((0, 4, False), (4, 4, False))),
        (8, 2, ((0, 8, True),)),
    ]
    assert [m.groups for _, _, m, _ in halves] == [(F(1, 4), F(1, 4))] * 2
    assert _parts(four, ((0, 6, False), (6, 10, False)), grid.per_whole) is None  # crosses
    assert _parts(bar_meter(Meter(3, 8)), ((0, 6, False),), grid.per_whole) is None


def test_a_rest_filling_a_half_bar_is_a_half_rest_not_a_measure_rest() -> None:
    grid = Grid(16)
    n = notate(Meter(4, 4), F(0), ((0, 8, False), (8, 8, True)), grid, NotationOptions())
    assert [(str(p.value), p.rest, p.measure_rest) for p in n.pieces] == [
        ("half", False, False),
        ("half", True, False),
    ]
