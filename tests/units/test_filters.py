"""Filters against the reference (references/mididings-units.txt): one table per filter,
events in and the events that pass. Where the reference is silent on the events a filter
does not act on, mididings' own rule is the one written in the module doc of
scoreframe.units.filters (and quoted per row here)."""

from __future__ import annotations

import pytest

from scoreframe.errors import UnitTypeError, UnitValueError
from scoreframe.units import (
    AFTERTOUCH,
    CTRL,
    NOTE,
    NOTEOFF,
    NOTEON,
    PROGRAM,
    SYSEX,
    ChannelFilter,
    CtrlFilter,
    CtrlValueFilter,
    Filter,
    KeyFilter,
    ManufacturerFilter,
    PortFilter,
    ProgramFilter,
    SysExFilter,
    Unit,
    VelocityFilter,
)
from scoreframe.units.event import Event

from .tables import at, bend, cc, clock, off, on, pc, poly, run, sysex

MIXED = [on(60), off(60), cc(7, 90), pc(5), bend(100), at(30), poly(60, 40), sysex("f0 43 10 f7")]

# (unit, events in, events out): "Filters by one or more event types."
TYPE_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # "Discard all events except note-on, note-off and control changes"
    (Filter(NOTEON, NOTEOFF, CTRL), MIXED, [on(60), off(60), cc(7, 90)]),
    (Filter(NOTE), MIXED, [on(60), off(60)]),
    (Filter(NOTEON | PROGRAM), MIXED, [on(60), pc(5)]),
    (Filter(AFTERTOUCH), MIXED, [at(30)]),
    (Filter(SYSEX), [*MIXED, clock()], [sysex("f0 43 10 f7")]),
]

PORT_CHANNEL_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # "Filters by port(s)."
    (
        PortFilter("a", "b"),
        [on(60, port="a"), on(61, port="c"), cc(1, 2, port="b")],
        [on(60, port="a"), cc(1, 2, port="b")],
    ),
    (
        PortFilter(["a", "c"]),
        [on(60, port="a"), clock(port="c")],
        [on(60, port="a"), clock(port="c")],
    ),
    # "Filters by channel(s)."; system events carry no channel: dropped (mididings)
    (
        ChannelFilter(2, 3),
        [on(60, ch=1), on(60, ch=2), cc(7, 1, ch=3), sysex("f0 01 f7"), clock()],
        [on(60, ch=2), cc(7, 1, ch=3)],
    ),
]

KEY_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # "Filters by note or note-range." (upper excluded; other events pass, mididings)
    (
        KeyFilter("C4", "C5"),
        [on(59), on(60), off(71), on(72), cc(7, 1), poly(65, 9)],
        [on(60), off(71), cc(7, 1), poly(65, 9)],
    ),
    (KeyFilter(60, 72), [on(59), on(60), on(72)], [on(60)]),
    (KeyFilter("C4:"), [on(59), on(60), on(127)], [on(60), on(127)]),
    (KeyFilter(":C4"), [on(0), on(59), on(60)], [on(0), on(59)]),
    (KeyFilter("E4"), [on(63), on(64), on(65)], [on(64)]),
    (KeyFilter(lower=100), [on(99), on(100)], [on(100)]),
    (KeyFilter(upper=1), [on(0), on(1)], [on(0)]),
    (KeyFilter(notes=[60, "D4"]), [on(60), on(61), on(62), pc(3)], [on(60), on(62), pc(3)]),
]

VALUE_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # "Filters by note-on velocity." (other events pass: note-offs too)
    (
        VelocityFilter(64, 100),
        [on(60, 63), on(60, 64), on(60, 99), on(60, 100), off(60, 0), cc(1, 1)],
        [on(60, 64), on(60, 99), off(60, 0), cc(1, 1)],
    ),
    (VelocityFilter(90), [on(60, 89), on(60, 90), on(60, 91)], [on(60, 90)]),
    (VelocityFilter(lower=100), [on(60, 99), on(60, 127)], [on(60, 127)]),
    (VelocityFilter(upper=10), [on(60, 9), on(60, 10)], [on(60, 9)]),
    # "Filters by CC number(s)." (other events dropped)
    (CtrlFilter(7, 11), [cc(7, 1), cc(10, 1), cc(11, 2), on(60), pc(1)], [cc(7, 1), cc(11, 2)]),
    (CtrlFilter([64]), [cc(64, 127), cc(65, 0)], [cc(64, 127)]),
    # "Filters by CC value." (other events dropped)
    (
        CtrlValueFilter(10, 20),
        [cc(1, 9), cc(1, 10), cc(2, 19), cc(3, 20), on(60, 15)],
        [cc(1, 10), cc(2, 19)],
    ),
    (CtrlValueFilter(0), [cc(64, 0), cc(64, 127)], [cc(64, 0)]),
    (CtrlValueFilter(lower=64), [cc(64, 63), cc(64, 64)], [cc(64, 64)]),
    # "Filters by PC number(s)." (programs 1..128; other events dropped)
    (ProgramFilter(1, 128), [pc(1), pc(2), pc(128), on(60)], [pc(1), pc(128)]),
]

SYSEX_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # "If sysex doesn't end with F7, partial matches that start with the given data bytes
    # are accepted."
    (
        SysExFilter("F0 41 10"),
        [sysex("f0 41 10 42 f7"), sysex("f0 41 11 f7"), on(60)],
        [sysex("f0 41 10 42 f7")],
    ),
    (
        SysExFilter([0xF0, 0x41, 0x10, 0xF7]),
        [sysex("f0 41 10 f7"), sysex("f0 41 10 42 f7")],
        [sysex("f0 41 10 f7")],
    ),
    # "Filter out SysEx events for Roland devices with device ID 0x10": ~SysExFilter(...)
    (
        ~SysExFilter(b"\xf0\x41\x10"),
        [sysex("f0 41 10 01 f7"), sysex("f0 41 11 f7"), on(60)],
        [sysex("f0 41 11 f7")],
    ),
    # "Filters by sysex manufacturer id, which can be a string or a sequence of integers, with a
    # length of one or three bytes." "Filter out SysEx events for Yamaha devices":
    (
        ~ManufacturerFilter(0x43),
        [sysex("f0 43 10 f7"), sysex("f0 41 10 f7")],
        [sysex("f0 41 10 f7")],
    ),
    (
        SysExFilter(manufacturer=[0, 0x20, 0x29]),
        [sysex("f0 00 20 29 01 f7"), sysex("f0 00 20 2a f7")],
        [sysex("f0 00 20 29 01 f7")],
    ),
]

ROWS = TYPE_ROWS + PORT_CHANNEL_ROWS + KEY_ROWS + VALUE_ROWS + SYSEX_ROWS


@pytest.mark.parametrize(("unit", "given", "expected"), ROWS, ids=[repr(r[0])[:60] for r in ROWS])
def test_filter(unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


INVERTED_ROWS: list[tuple[Unit, list[Event], list[Event]]] = [
    # ~ inverts on the filter's own kinds; the other kinds as the filter treats them
    (~KeyFilter("C4", "C5"), [on(59), on(60), cc(1, 1)], [on(59), cc(1, 1)]),
    (~CtrlFilter(64), [cc(64, 127), cc(7, 1), on(60)], [cc(7, 1)]),
    (~Filter(NOTE), MIXED[:4], [cc(7, 90), pc(5)]),
    # negate(): exactly what the filter stops
    (CtrlFilter(64).negate(), [cc(64, 127), cc(7, 1), on(60)], [cc(7, 1), on(60)]),
]


@pytest.mark.parametrize(("unit", "given", "expected"), INVERTED_ROWS)
def test_inverted_filter(unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


@pytest.mark.parametrize(
    ("make", "error", "says"),
    [
        (lambda: KeyFilter("C4", "H4"), UnitValueError, "KeyFilter: 'H4' is no note"),
        (lambda: KeyFilter(200), UnitValueError, "KeyFilter: note 200 must be an int in 0..127"),
        (lambda: KeyFilter("C5", "C4"), UnitValueError, "holds no key"),
        (
            lambda: ChannelFilter(0),
            UnitValueError,
            "ChannelFilter: channel 0 must be an int in 1..16",
        ),
        (
            lambda: ProgramFilter(0),
            UnitValueError,
            "ProgramFilter: program 0 must be an int in 1..128",
        ),
        (lambda: CtrlFilter(128), UnitValueError, "CtrlFilter: controller 128"),
        (lambda: CtrlFilter(), UnitValueError, "CtrlFilter: give at least one value"),
        (lambda: VelocityFilter(1.5), UnitTypeError, "VelocityFilter: velocity must be an int"),
        (lambda: PortFilter(3), UnitTypeError, "PortFilter: a port is a name"),
        (lambda: SysExFilter("41 10"), UnitValueError, "must start with F0"),
        (lambda: SysExFilter(manufacturer=[1, 2]), UnitValueError, "one byte 0..127, or three"),
        (lambda: Filter("note"), UnitTypeError, "Filter: give one or more kinds"),
    ],
)
def test_a_filter_out_of_range_is_refused_when_built_naming_it(
    make: object, error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says.replace("(", r"\(").replace(".", r"\.")):
        make()  # type: ignore[operator]
