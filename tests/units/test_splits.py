"""Splits against the reference: events in, events out, including the reference's rules for
the events a split does not classify ("Non-note events are sent to all patches"; "Non-controller
events are left unchanged, but not sent to any of the patches"...)."""

from __future__ import annotations

import pytest

from scoreframe.errors import UnitValueError
from scoreframe.units import (
    Channel,
    ChannelSplit,
    CtrlMap,
    CtrlSplit,
    CtrlValueSplit,
    Discard,
    KeySplit,
    Pass,
    Port,
    PortSplit,
    ProgramSplit,
    SysExSplit,
    Transpose,
    Unit,
    VelocitySplit,
)
from scoreframe.units.event import Event

from .tables import cc, clock, off, on, pc, run, sysex

ROWS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    (
        "PortSplit: splits by port; a port no key names is dropped",
        PortSplit({"a": Channel(1), ("b", "c"): Channel(2)}),
        [on(60, port="a"), on(60, port="c"), on(60, port="z")],
        [on(60, port="a", ch=1), on(60, port="c", ch=2)],
    ),
    (
        "PortSplit: the None key takes the rest",
        PortSplit({"a": Discard(), None: Transpose(1)}),
        [on(60, port="a"), on(60, port="z")],
        [on(61, port="z")],
    ),
    (
        "ChannelSplit: splits by channel; system events left unchanged",
        ChannelSplit({1: Transpose(12), (2, 3): Transpose(-12)}),
        [on(60, ch=1), on(60, ch=3), on(60, ch=4), sysex("f0 01 f7"), clock()],
        [on(72, ch=1), on(48, ch=3), sysex("f0 01 f7"), clock()],
    ),
    (
        "KeySplit(note, lower, upper): the note itself goes up; non-note events to all",
        KeySplit("C4", Channel(1), Channel(2)),
        [on(59, ch=9), on(60, ch=9), cc(64, 127, ch=9), pc(3, ch=9)],
        [
            on(59, ch=1),
            on(60, ch=2),
            cc(64, 127, ch=1),
            cc(64, 127, ch=2),
            pc(3, ch=1),
            pc(3, ch=2),
        ],
    ),
    (
        "KeySplit({range: patch}): ranges may overlap; non-note events to all patches",
        KeySplit({(0, 60): Port("bass"), "C4:C6": Port("piano"), "B4:": Port("strings")}),
        [on(40), on(65), on(72), cc(1, 5)],
        [
            on(40, port="bass"),
            on(65, port="piano"),
            on(72, port="piano"),
            on(72, port="strings"),
            cc(1, 5, port="bass"),
            cc(1, 5, port="piano"),
            cc(1, 5, port="strings"),
        ],
    ),
    (
        "KeySplit with a None key: the notes no range takes (and the non-note events)",
        KeySplit({"C4:C5": Channel(2), None: Channel(3)}),
        [on(61), on(80), cc(7, 7)],
        [on(61, ch=2), on(80, ch=3), cc(7, 7, ch=2), cc(7, 7, ch=3)],
    ),
    (
        "VelocitySplit(threshold, lower, upper): non-note-on events to both",
        VelocitySplit(64, Channel(1), Channel(2)),
        [on(60, 63, ch=5), on(60, 64, ch=5), off(60, ch=5), pc(7, ch=5)],
        [
            on(60, 63, ch=1),
            on(60, 64, ch=2),
            off(60, ch=1),
            off(60, ch=2),
            pc(7, ch=1),
            pc(7, ch=2),
        ],
    ),
    (
        "VelocitySplit({(lower, upper): patch})",
        VelocitySplit({(1, 50): Transpose(-1), (50, 128): Transpose(1)}),
        [on(60, 10), on(60, 100)],
        [on(59, 10), on(61, 100)],
    ),
    (
        "CtrlSplit: non-controller events left unchanged, not sent to any patch",
        CtrlSplit({7: CtrlMap(7, 11), (1, 2): Channel(5)}),
        [cc(7, 90), cc(2, 3), cc(3, 4), on(60), pc(9)],
        [cc(11, 90), cc(2, 3, ch=5), on(60), pc(9)],
    ),
    (
        "CtrlValueSplit(threshold, lower, upper)",
        CtrlValueSplit(64, Channel(1), Channel(2)),
        [cc(64, 0, ch=3), cc(64, 127, ch=3), on(60, ch=3)],
        [cc(64, 0, ch=1), cc(64, 127, ch=2), on(60, ch=3)],
    ),
    (
        "CtrlValueSplit({value: patch, (lower, upper): patch})",
        CtrlValueSplit({0: Discard(), (1, 128): Pass()}),
        [cc(64, 0), cc(64, 1), pc(2)],
        [cc(64, 1), pc(2)],
    ),
    (
        "ProgramSplit: non-program-change events left unchanged, not sent to any patch",
        ProgramSplit({1: Port("a"), (2, 3): Port("b")}),
        [pc(1), pc(3), pc(5), on(60)],
        [pc(1, port="a"), pc(3, port="b"), on(60)],
    ),
    (
        "SysExSplit({sysex: patch}): by data (a prefix without F7)",
        SysExSplit({"F0 43": Port("yamaha"), "F0 41 10 F7": Port("roland")}),
        [sysex("f0 43 10 f7"), sysex("f0 41 10 f7"), sysex("f0 41 10 11 f7"), on(60)],
        [sysex("f0 43 10 f7", port="yamaha"), sysex("f0 41 10 f7", port="roland"), on(60)],
    ),
    (
        "SysExSplit(manufacturers={id: patch})",
        SysExSplit(manufacturers={0x43: Port("yamaha"), (0, 0x20, 0x29): Port("novation")}),
        [sysex("f0 43 10 f7"), sysex("f0 00 20 29 f7"), sysex("f0 7e f7")],
        [sysex("f0 43 10 f7", port="yamaha"), sysex("f0 00 20 29 f7", port="novation")],
    ),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_split(rule: str, unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: KeySplit({"C4:X": Pass()}), "KeySplit key 'C4:X': KeyFilter: 'X' is no note"),
        (lambda: ChannelSplit({17: Pass()}), "ChannelSplit key 17: ChannelFilter: channel 17"),
        (lambda: KeySplit(60, Pass()), r"KeySplit: give \(threshold, patch_lower, patch_upper\)"),
        (lambda: CtrlSplit({}), "CtrlSplit: give a dict"),
        (
            lambda: VelocitySplit(200, Pass(), Pass()),
            "VelocitySplit threshold 200: VelocityFilter: velocity 200",
        ),
    ],
)
def test_a_split_out_of_range_is_refused_when_built_naming_it(make: object, says: str) -> None:
    with pytest.raises(UnitValueError, match=says):
        make()  # type: ignore[operator]
