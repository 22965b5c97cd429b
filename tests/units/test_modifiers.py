"""Modifiers against the reference, events in and out. The Velocity, VelocitySlope,
VelocityLimit, CtrlRange, CtrlCurve and PitchbendRange values are those of mididings' own test
suite (tests/units/test_modifiers.py in github.com/dsacre/mididings; its note 'b-1' is 23 and
'f#1' is 42 there, written as numbers here) and of the reference's examples."""

from __future__ import annotations

import pytest

from scoreframe.errors import UnitTypeError, UnitValueError
from scoreframe.units import (
    Channel,
    CtrlCurve,
    CtrlMap,
    CtrlRange,
    Key,
    PitchbendRange,
    Port,
    Transpose,
    Unit,
    Velocity,
    VelocityLimit,
    VelocitySlope,
)
from scoreframe.units.event import Event

from .tables import at, bend, cc, clock, off, on, pc, poly, run, sysex

SLOPE_KEYS = [0, 23, 32, 42, 127]


def slope(*velocities: int) -> list[Event]:
    return [on(key, v) for key, v in zip(SLOPE_KEYS, velocities, strict=True)]


ROWS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    (
        "Port: changes port",
        Port("synth"),
        [on(60), sysex("f0 01 f7"), clock()],
        [on(60, port="synth"), sysex("f0 01 f7", port="synth"), clock(port="synth")],
    ),
    (
        "Channel: changes channel (system events have none)",
        Channel(3),
        [on(60), cc(7, 1, ch=16), sysex("f0 01 f7"), clock()],
        [on(60, ch=3), cc(7, 1, ch=3), sysex("f0 01 f7"), clock()],
    ),
    (
        "Transpose: all note events by the given number of semitones",
        Transpose(12),
        [on(60), off(60), poly(60, 5), cc(60, 60), pc(60)],
        [on(72), off(72), poly(72, 5), cc(60, 60), pc(60)],
    ),
    ("Transpose(octaves=)", Transpose(octaves=-2), [on(60), off(60)], [on(36), off(36)]),
    ("Transpose may leave 0..127 inside a patch", Transpose(70), [on(100)], [on(170)]),
    (
        "Key: changes note events to a fixed note number",
        Key("C4"),
        [on(40), off(41), poly(42, 1), cc(1, 1)],
        [on(60), off(60), poly(60, 1), cc(1, 1)],
    ),
    (
        "Velocity(offset)",
        Velocity(23),
        [on(60, 42), off(60, 42), pc(5)],
        [on(60, 65), off(60, 42), pc(5)],
    ),
    ("Velocity(multiply=)", Velocity(multiply=1.5), [on(60, 42)], [on(60, 63)]),
    ("Velocity(fixed=)", Velocity(fixed=108), [on(60, 42)], [on(60, 108)]),
    (
        "Velocity(gamma=): values greater than 1 increase velocity",
        Velocity(gamma=2.0),
        [on(60, 42)],
        [on(60, 73)],
    ),
    (
        "Velocity(gamma=): between 0 and 1 decrease it",
        Velocity(gamma=0.5),
        [on(60, 42)],
        [on(60, 14)],
    ),
    (
        "Velocity(curve=): negative values decrease velocity",
        Velocity(curve=-2.0),
        [on(60, 42)],
        [on(60, 18)],
    ),
    (
        "Velocity(curve=): positive values increase it (the keyboard feels softer)",
        Velocity(curve=1.0),
        [on(60, 42)],
        [on(60, 56)],
    ),
    ("Velocity(multiply, offset)", Velocity(multiply=1.5, offset=23), [on(60, 42)], [on(60, 86)]),
    ("Velocity(1.5, 23): the same by position", Velocity(1.5, 23), [on(60, 42)], [on(60, 86)]),
    (
        "Velocity may be greater than 127 or less than 1 inside a patch",
        Velocity(40),
        [on(60, 100)],
        [on(60, 140)],
    ),
    ("Velocity(offset) below 1", Velocity(-50), [on(60, 42)], [on(60, -8)]),
    (
        "VelocitySlope(notes, offset)",
        VelocitySlope((23, 42), (-13, +13)),
        slope(42, 42, 42, 42, 42),
        slope(29, 29, 42, 55, 55),
    ),
    (
        "VelocitySlope(notes, multiply=)",
        VelocitySlope((23, 42), multiply=(0.5, 2.0)),
        slope(42, 42, 42, 42, 42),
        slope(21, 21, 50, 84, 84),
    ),
    (
        "VelocitySlope(notes, fixed=)",
        VelocitySlope((23, 42), fixed=(13, 113)),
        slope(42, 42, 42, 42, 42),
        slope(13, 13, 60, 113, 113),
    ),
    (
        "VelocitySlope(notes, gamma=)",
        VelocitySlope((23, 42), gamma=(1.0, 2.0)),
        slope(42, 42, 42, 42, 42),
        slope(42, 42, 60, 73, 73),
    ),
    (
        "VelocitySlope(notes, curve=)",
        VelocitySlope((23, 42), curve=(0, -2.0)),
        slope(42, 42, 42, 42, 42),
        slope(42, 42, 29, 18, 18),
    ),
    (
        "VelocitySlope(notes, multiply, offset)",
        VelocitySlope((23, 42), (0.5, 2.0), (-13, +13)),
        slope(42, 42, 42, 42, 42),
        slope(8, 8, 50, 97, 97),
    ),
    (
        "VelocitySlope(notes=('b1','g2','g#3','d4'), offset=(-64, 32, 32, 0))",
        VelocitySlope(("b1", "g2", "g#3", "d4"), offset=(-64, 32, 32, 0)),
        [on(35, 100), on(39, 100), on(50, 100), on(60, 100), on(62, 100), on(90, 100)],
        [on(35, 36), on(39, 84), on(50, 132), on(60, 110), on(62, 100), on(90, 100)],
    ),
    (
        "VelocityLimit(min, max): confines velocity",
        VelocityLimit(32, 69),
        [on(60, 23), on(60, 42), on(60, 108), off(60, 0), cc(1, 1)],
        [on(60, 32), on(60, 42), on(60, 69), off(60, 0), cc(1, 1)],
    ),
    (
        "VelocityLimit(max=)",
        VelocityLimit(max=69),
        [on(60, 23), on(60, 108)],
        [on(60, 23), on(60, 69)],
    ),
    ("VelocityLimit(min)", VelocityLimit(32), [on(60, 23), on(60, 108)], [on(60, 32), on(60, 108)]),
    (
        "CtrlMap: convert sustain pedal to sostenuto",
        CtrlMap(64, 66),
        [cc(64, 127), cc(65, 127), pc(64)],
        [cc(66, 127), cc(65, 127), pc(64)],
    ),
    (
        "CtrlRange: invert CC #11 (expression)",
        CtrlRange(11, 127, 0),
        [cc(11, 0), cc(11, 64), cc(11, 127), cc(7, 0)],
        [cc(11, 127), cc(11, 63), cc(11, 0), cc(7, 0)],
    ),
    (
        "CtrlRange(ctrl, min, max)",
        CtrlRange(23, 42, 69),
        [cc(23, 0), cc(23, 64), cc(23, 127)],
        [cc(23, 42), cc(23, 55), cc(23, 69)],
    ),
    (
        "CtrlRange: at or below in_min gives min, at or above in_max gives max",
        CtrlRange(23, 42, 69, 64, 127),
        [cc(23, 0), cc(23, 64), cc(23, 127)],
        [cc(23, 42), cc(23, 42), cc(23, 69)],
    ),
    (
        "CtrlCurve(ctrl, offset=)",
        CtrlCurve(23, offset=23),
        [cc(23, 42), at(42)],
        [cc(23, 65), at(42)],
    ),
    ("CtrlCurve(ctrl, multiply=)", CtrlCurve(23, multiply=1.5), [cc(23, 42)], [cc(23, 63)]),
    (
        "CtrlCurve(ctrl, gamma)",
        CtrlCurve(23, 2.0),
        [cc(23, 42), cc(24, 42)],
        [cc(23, 73), cc(24, 42)],
    ),
    ("CtrlCurve(ctrl, curve=)", CtrlCurve(23, curve=-2.0), [cc(23, 42)], [cc(23, 18)]),
    ("CtrlCurve(ctrl, multiply, offset)", CtrlCurve(23, 1.5, 23), [cc(23, 42)], [cc(23, 86)]),
    (
        "PitchbendRange(min, max)",
        PitchbendRange(-1234, 5678),
        [bend(-8192), bend(0), bend(8191)],
        [bend(-1234), bend(0), bend(5678)],
    ),
    (
        "PitchbendRange(-12, 2, range=12): an octave down, a whole step up",
        PitchbendRange(-12, 2, range=12),
        [bend(-8192), bend(-4096), bend(0), bend(4096), bend(8191), cc(1, 1)],
        [bend(-8192), bend(-4096), bend(0), bend(682), bend(1365), cc(1, 1)],
    ),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_modifier(rule: str, unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


@pytest.mark.parametrize(
    ("make", "error", "says"),
    [
        (lambda: Channel(17), UnitValueError, "Channel: channel 17 must be an int in 1..16"),
        (lambda: Transpose(1.5), UnitTypeError, "Transpose: offset must be an int"),
        (lambda: Key(-1), UnitValueError, "Key: note -1"),
        (lambda: Velocity(gamma=0), UnitValueError, "Velocity: gamma 0 must be above 0"),
        (lambda: Velocity(fixed=200), UnitValueError, "Velocity: velocity 200"),
        (lambda: Velocity(fixed=1, curve=2), UnitValueError, "Velocity: give offset, multiply"),
        (lambda: Velocity(), UnitValueError, "Velocity: give offset"),
        (lambda: VelocitySlope((23, 66, 42), (4, 8, 15)), UnitValueError, "ascending order"),
        (lambda: VelocitySlope((23, 42, 66), (4, 8)), UnitValueError, "one value per note"),
        (lambda: VelocityLimit(90, 10), UnitValueError, "VelocityLimit: min 90 is above max 10"),
        (lambda: CtrlMap(64, 128), UnitValueError, "CtrlMap: controller 128"),
        (lambda: CtrlRange(7, 0, 127, 64, 64), UnitValueError, "CtrlRange: in_min and in_max"),
        (lambda: PitchbendRange(-2, 2, range=0), UnitValueError, "PitchbendRange: range 0"),
        (lambda: Port(""), UnitTypeError, "Port: a port is a name"),
    ],
)
def test_a_modifier_out_of_range_is_refused_when_built_naming_it(
    make: object, error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        make()  # type: ignore[operator]
