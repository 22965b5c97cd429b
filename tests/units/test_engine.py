"""Pass, Discard, Sanitize, Print, Call, Output and OutputTemplate against the reference."""

from __future__ import annotations

import pytest

from scoreframe.errors import UnitCallError, UnitTypeError, UnitValueError
from scoreframe.units import (
    NOTEON,
    Call,
    Discard,
    Filter,
    Output,
    OutputTemplate,
    Pass,
    Print,
    Sanitize,
    Transpose,
    Unit,
)
from scoreframe.units.event import Event, Kind

from .tables import at, bend, cc, clock, ev, off, on, pc, poly, run, sysex

ROWS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    ("Pass: does nothing", Pass(), [on(60), sysex("f0 01 f7")], [on(60), sysex("f0 01 f7")]),
    ("Discard: discards the current event", Discard(), [on(60), cc(1, 1)], []),
    (
        "Sanitize: velocities greater than 127 reduced to 127, below 1 removed",
        Sanitize(),
        [on(60, 140), on(60, 0), on(61, -5), off(60, 200), off(61, -3)],
        [on(60, 127), off(60, 127), off(61, 0)],
    ),
    (
        "Sanitize: invalid channel, controller, program or note number discarded",
        Sanitize(),
        [
            on(128),
            on(-1),
            off(130),
            cc(128, 1),
            pc(0),
            pc(129),
            on(60, ch=17),
            cc(1, 1, ch=0),
            poly(200, 1),
        ],
        [],
    ),
    (
        "Sanitize: controller values (and bend, aftertouch) confined to their range",
        Sanitize(),
        [cc(7, 200), cc(7, -4), bend(9000), bend(-9000), at(300), poly(60, -1)],
        [cc(7, 127), cc(7, 0), bend(8191), bend(-8192), at(127), poly(60, 0)],
    ),
    (
        "Sanitize: a sysex must run from F0 to F7; valid events pass unchanged",
        Sanitize(),
        [sysex("f0 01"), sysex("f0 01 f7"), clock(), pc(128), on(0, 1), on(127, 127)],
        [sysex("f0 01 f7"), clock(), pc(128), on(0, 1), on(127, 127)],
    ),
    (
        "Output(port, channel): routes incoming events to the port/channel",
        Output("synth", 1, volume=100),
        [on(60, ch=5), cc(7, 1, ch=3), clock()],
        [on(60, ch=1, port="synth"), cc(7, 1, ch=1, port="synth"), clock(port="synth")],
    ),
    (
        "Output(port): channels kept; Output(None, ...): the default port",
        Output("synth") >> Output(None, 2),
        [on(60, ch=5, port="kb")],
        [on(60, ch=2, port="")],
    ),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_unit(rule: str, unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


def test_output_sends_its_program_and_controllers_where_a_patch_starts() -> None:
    """ "Route all events to output 'synth', channel 1, and set the volume to 100"; "To send a
    bank select in addition to the program change, program can be a tuple with two elements"."""
    assert [e.to_bytes().hex(" ") for e in Output("synth", 1, volume=100).setup()] == ["b0 07 64"]
    full = Output("s", 3, program=(130, 42), volume=90, pan=64, expression=100, ctrls={91: 40})
    assert [e.to_bytes().hex(" ") for e in full.setup()] == [
        "b2 00 01",  # bank 130: MSB 1
        "b2 20 02",  # LSB 2
        "c2 29",  # program 42
        "b2 07 5a",
        "b2 0a 40",
        "b2 0b 64",
        "b2 5b 28",
    ]
    assert {e.port for e in full.setup()} == {"s"}


def test_output_template_is_output_with_arguments_given_later() -> None:
    """The reference's example: synth = Transpose(12) >> OutputTemplate('synth', 1, 42);
    patch1 = synth(64) is Transpose(12) >> Output('synth', 1, 42, 64)."""
    synth = Transpose(12) >> OutputTemplate("synth", 1, 42)
    assert synth(64) == Transpose(12) >> Output("synth", 1, 42, 64)
    assert synth(127) == Transpose(12) >> Output("synth", 1, 42, 127)
    after = OutputTemplate("synth", 1) >> Transpose(1)
    assert after(program=3) == Output("synth", 1, program=3) >> Transpose(1)
    with pytest.raises(UnitTypeError, match="call an OutputTemplate"):
        Pass() >> [OutputTemplate("synth", 1)]


def test_print_prints_the_event_and_passes_it_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(Print(), [on(60, port="kb")]) == [on(60, port="kb")]
    assert run(Print("in"), [cc(64, 127, ch=2)]) == [cc(64, 127, ch=2)]
    run(Print(string="hello"), [clock()])
    assert capsys.readouterr().out.splitlines() == [
        "kb  ch 1  NOTEON  note=60 velocity=100",
        "in: in  ch 2  CTRL  ctrl=64 value=127",
        "hello",
    ]


def test_print_a_graph_of_note_on_velocities(capsys: pytest.CaptureFixture[str]) -> None:
    """The reference: Filter(NOTEON) % Print(string=lambda ev: '#'*ev.velocity)."""
    patch = Filter(NOTEON) % Print(string=lambda e: "#" * e.velocity)
    assert run(patch, [on(60, 3), cc(1, 1), on(61, 5)]) == [on(60, 3), cc(1, 1), on(61, 5)]
    assert capsys.readouterr().out == "###\n#####\n"


CALLS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    ("an event", Call(lambda e: ev(Kind.CTRL, 1, e.data2)), [on(60, 90)], [cc(1, 90)]),
    ("a list", Call(lambda e: [e, e]), [on(60)], [on(60), on(60)]),
    ("a generator", Call(lambda e: (x for x in [e])), [on(60)], [on(60)]),
    ("None: the event goes no further", Call(lambda e: None), [on(60)], []),
    ("an empty list", Call(lambda e: []), [on(60)], []),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), CALLS, ids=[r[0] for r in CALLS])
def test_call_returns_events_one_or_none(
    rule: str, unit: Unit, given: list[Event], expected: list[Event]
) -> None:
    assert run(unit, given) == expected


def test_a_call_that_fails_says_which_function_and_event() -> None:
    def broken(event: Event) -> None:
        raise KeyError("x")

    with pytest.raises(UnitCallError, match=r"Call\(.*broken\) failed on in  ch 1  NOTEON"):
        run(Call(broken), [on(60)])
    with pytest.raises(UnitCallError, match="returned 5; return an Event"):
        run(Call(lambda e: 5), [on(60)])  # type: ignore[arg-type, return-value]
    with pytest.raises(UnitTypeError, match="Call: 3 is not a function"):
        Call(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: Output("synth", 17), "Output: channel 17"),
        (lambda: Output("synth", 1, program=0), "Output: program 0"),
        (lambda: Output("synth", 1, volume=128), "Output: controller value 128"),
        (lambda: Output("synth", program=5), "Output: a program or controllers need a channel"),
        (lambda: Output("synth", 1, program=(20000, 1)), "Output: bank 20000"),
    ],
)
def test_an_output_out_of_range_is_refused_when_built(make: object, says: str) -> None:
    with pytest.raises(UnitValueError, match=says):
        make()  # type: ignore[operator]
