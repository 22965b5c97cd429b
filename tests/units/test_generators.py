"""Generators against the reference: "Changes the type of the event. If port and channel are
omitted, the values of the input event are used. To 'reuse' other values from the incoming
event, one of the EVENT_* constants can be used in place of any parameter." """

from __future__ import annotations

from pathlib import Path

import pytest

from scoreframe.errors import UnitValueError
from scoreframe.units import (
    AFTERTOUCH,
    CTRL,
    EVENT_CHANNEL,
    EVENT_NOTE,
    EVENT_PORT,
    EVENT_VALUE,
    EVENT_VELOCITY,
    SYSRT_START,
    Aftertouch,
    Ctrl,
    Filter,
    Generator,
    NoteOff,
    NoteOn,
    Pitchbend,
    PolyAftertouch,
    Program,
    SysEx,
    Unit,
)
from scoreframe.units.event import Event, Kind

from .tables import at, bend, cc, off, on, pc, poly, run, sysex

ROWS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    (
        "NoteOn(note, velocity): port and channel of the input",
        NoteOn(60, 100),
        [cc(7, 1, ch=3, port="kb")],
        [on(60, 100, ch=3, port="kb")],
    ),
    (
        "NoteOn(port, channel, note, velocity)",
        NoteOn("synth", 2, "E4", 90),
        [pc(1)],
        [on(64, 90, ch=2, port="synth")],
    ),
    ("NoteOff(note, velocity=0)", NoteOff(60), [cc(1, 1)], [off(60, 0)]),
    (
        "NoteOff(port, channel, note, velocity)",
        NoteOff("p", 5, 61, 64),
        [cc(1, 1)],
        [off(61, 64, ch=5, port="p")],
    ),
    ("Ctrl(ctrl, value)", Ctrl(7, 100), [on(60, ch=4)], [cc(7, 100, ch=4)]),
    (
        "Convert aftertouch to CC #1 (modulation)",
        Filter(AFTERTOUCH) % Ctrl(1, EVENT_VALUE),
        [at(90, ch=2), on(60)],
        [cc(1, 90, ch=2), on(60)],
    ),
    (
        "EVENT_NOTE and EVENT_VELOCITY in a Ctrl",
        Ctrl(EVENT_NOTE, EVENT_VELOCITY),
        [on(60, 100)],
        [cc(60, 100)],
    ),
    (
        "EVENT_PORT and EVENT_CHANNEL spelled out",
        Ctrl(EVENT_PORT, EVENT_CHANNEL, 64, 0),
        [on(60, ch=9, port="kb")],
        [cc(64, 0, ch=9, port="kb")],
    ),
    ("Program(program)", Program(5), [cc(0, 1, ch=2)], [pc(5, ch=2)]),
    ("Program(port, channel, program)", Program("p", 10, 128), [on(1)], [pc(128, ch=10, port="p")]),
    ("Pitchbend(value)", Pitchbend(-8192), [on(1)], [bend(-8192)]),
    (
        "Pitchbend from a controller's value",
        Filter(CTRL) % Pitchbend(EVENT_VALUE),
        [cc(1, 64)],
        [bend(64)],
    ),
    ("Aftertouch(value)", Aftertouch(33), [on(1, ch=6)], [at(33, ch=6)]),
    ("PolyAftertouch(note, value)", PolyAftertouch(EVENT_NOTE, 7), [on(61)], [poly(61, 7)]),
    (
        "SysEx(sysex): F0 to F7, as hex text",
        SysEx("F0 7E 7F 09 01 F7"),
        [on(60, port="kb")],
        [sysex("f0 7e 7f 09 01 f7", port="kb")],
    ),
    (
        "SysEx(port, sysex): a list of ints",
        SysEx("synth", [0xF0, 0x43, 0x10, 0xF7]),
        [on(60)],
        [sysex("f0 43 10 f7", port="synth")],
    ),
    (
        "Generator: system real-time events only this way",
        Generator(SYSRT_START),
        [on(60, port="kb")],
        [Event("kb", 1, Kind.SYSRT_START)],
    ),
    (
        "Generator(type, port, channel, data1, data2)",
        Generator(Kind.CTRL, EVENT_PORT, 5, 7, 100),
        [on(60)],
        [cc(7, 100, ch=5)],
    ),
    (
        "Generator keeps the time",
        NoteOn(60, 1),
        [Event("in", 1, Kind.CTRL, 1, 1, time=2.5)],
        [Event("in", 1, Kind.NOTEON, 60, 1, time=2.5)],
    ),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_generator(rule: str, unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


def test_a_sysex_read_from_a_file(tmp_path: Path) -> None:
    """ "Send a SysEx message read from a file": SysEx(bytes of a .syx file)."""
    syx = tmp_path / "gm-on.syx"
    syx.write_bytes(bytes.fromhex("f0 7e 7f 09 01 f7"))
    assert run(SysEx(syx.read_bytes()), [off(1)]) == [sysex("f0 7e 7f 09 01 f7")]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: NoteOn(60), "NoteOn: give 2 values, or port and channel then 2; got 1"),
        (lambda: NoteOn(60, 128), "NoteOn: velocity 128"),
        (lambda: Ctrl(128, 1), "Ctrl: controller 128"),
        (lambda: Program(0), "Program: program 0 must be an int in 1..128"),
        (lambda: Pitchbend(9000), "Pitchbend: pitch bend 9000"),
        (lambda: NoteOn("p", 17, 60, 1), "NoteOn: channel 17"),
        (lambda: SysEx("F0 7E"), "SysEx: sysex 'f0 7e' must end with F7"),
        (lambda: Generator(Kind.NOTE), "Generator: kind .* must be one kind"),
        (lambda: Ctrl(EVENT_CHANNEL, 1, 7, 1), "Ctrl: the port is a name or EVENT_PORT"),
    ],
)
def test_a_generator_out_of_range_is_refused_when_built_naming_it(make: object, says: str) -> None:
    with pytest.raises(UnitValueError, match=says):
        make()  # type: ignore[operator]
