"""The hypothesis properties of tests/test_fuzz.py, run in a child process under resource
limits (``python -c 'from tests.fuzz_child import main; main("api")'``).

* ``api``: random programs of calls on the public API with random values (valid and hostile:
  huge and tiny numbers, NaN, wrong types, control characters...). Every call either works or
  raises a ScoreframeError with a message; a score that was built is then written to MIDI,
  MusicXML, Csound and ``.score.xml``, and each file is read back by its reader (MusicXML by
  the official XSD), or the writer raises a ScoreframeError.
* ``document``: schema-valid ``.score.xml`` documents with extreme values. Each loads, or is a
  DocumentError naming the file and line; a loaded score is written and read back as above.

Each example runs under an alarm (``SECONDS_EACH``): a hang is a failure with its input.
``SCOREFRAME_FUZZ=N`` sets the number of examples of each property and draws them at random;
without it (``bash dev.sh test``) the examples are the same from run to run.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import scoreframe as sf
from scoreframe.document import loads
from scoreframe.document import to_bytes as document_bytes
from scoreframe.document.reader import schema
from scoreframe.errors import ScoreframeError

SECONDS_EACH = 20
EXAMPLES = int(os.environ.get("SCOREFRAME_FUZZ", "400"))
SOURCE = "fuzz.score.xml"


class Hang(Exception):
    """An example ran past its alarm."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang(f"an example ran past {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def outcome(call: Callable[[], Any]) -> Any:
    """The call's result, or None if it raised a ScoreframeError with a message; any other
    exception propagates (a failure hypothesis shrinks)."""
    try:
        return call()
    except ScoreframeError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return None


# -- values: plausible and hostile ---------------------------------------------------------

HUGE = st.sampled_from([10**6, 10**7, 10**12, 10**400, -(10**12), 2**63, 2**64 + 1])
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-300, 1e308, float("nan"), float("inf"), 0.5, 0.1]),
)
FRACTIONS = st.one_of(
    st.fractions(min_value=-4, max_value=64, max_denominator=64),
    st.builds(Fraction, st.integers(-(10**13), 10**13), st.integers(1, 10**13)),
)
TEXTS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "C4",
            "G#9",
            "C-5",
            "Cb-1",
            "B#9",
            "A4+25c",
            "Eb5",
            "x",
            "",
            "1/0",
            "1/4",
            "3/4",
            "-1/4",
            "4/4",
            "7/8",
            "0/4",
            "1e999",
            "\x00",
            "\ud800",
            "nan",
            "control:999",
        ]
    ),
)
ODD = st.one_of(st.none(), st.booleans(), st.just([1, 2]), st.just({"a": 1}), st.just(object()))
VALUES = st.one_of(st.integers(-200, 200), FRACTIONS, HUGE, FLOATS, TEXTS, ODD)
TIMES = st.one_of(st.fractions(0, 16, max_denominator=16), VALUES)
LENGTHS = st.one_of(st.sampled_from([Fraction(1, 4), Fraction(1, 8), Fraction(1, 3)]), VALUES)
PITCHES = st.one_of(st.integers(0, 127), TEXTS, st.floats(-10, 200), VALUES)


class Program:
    """The state a random program of calls works on."""

    def __init__(self) -> None:
        self.score = sf.Score(title="fuzz")
        self.parts: list[sf.Part] = []
        self.voices: list[sf.Voice] = []


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


OPS: dict[str, Callable[[Program, Any, Any, Any], Any]] = {
    "title": lambda p, a, b, c: setattr(p.score, "title", a),
    "a4": lambda p, a, b, c: setattr(p.score, "a4", a),
    "meter": lambda p, a, b, c: p.score.meter(a, at=b),
    "pickup": lambda p, a, b, c: p.score.pickup(a),
    "key": lambda p, a, b, c: p.score.key(a, at=b),
    "tempo hold": lambda p, a, b, c: p.score.tempo.hold(a, at=b),
    "tempo ramp": lambda p, a, b, c: p.score.tempo.ramp(a, at=b, over=c),
    "part": lambda p, a, b, c: p.parts.append(p.score.part(a, program=b, channel=c)),
    "plain part": lambda p, a, b, c: p.parts.append(p.score.part(f"P{len(p.parts)}")),
    "voice": lambda p, a, b, c: p.voices.append(_pick(p.parts, 0).voice(a, number=b, staff=c)),
    "plain voice": lambda p, a, b, c: p.voices.append(_pick(p.parts, 0).voice()),
    "note": lambda p, a, b, c: _pick(p.voices, 0).note(a, b, at=c),
    "good note": lambda p, a, b, c: _pick(p.voices, 0).note("C4", "1/4", velocity=a),
    "duration": lambda p, a, b, c: _pick(p.voices, 0).note(60, "1/4", duration=a, at=b),
    "chord": lambda p, a, b, c: _pick(p.voices, 0).chord([a, b], c),
    "rest": lambda p, a, b, c: _pick(p.voices, 0).rest(a, at=b),
    "notes": lambda p, a, b, c: _pick(p.voices, 0).notes([a, 60], [b, "1/4"]),
    "velocity": lambda p, a, b, c: _pick(p.parts, 0).velocity.hold(a, at=b),
    "control": lambda p, a, b, c: _pick(p.voices, 0).control(a).hold(b, at=c),
    "contour": lambda p, a, b, c: p.score.contour(a).ramp(b, at=0, over=c),
    "bend": lambda p, a, b, c: _pick(p.parts, 0).contour("pitch_bend").hold(a, at=b),
}

CALLS = st.lists(
    st.tuples(st.sampled_from(sorted(OPS)), VALUES, TIMES, LENGTHS), min_size=1, max_size=12
)


def run_program(calls: list[tuple[str, Any, Any, Any]]) -> Program:
    program = Program()
    for name, a, b, c in calls:
        op = OPS[name]
        needs = name in {"voice", "plain voice", "velocity", "bend"} and not program.parts
        if needs or (
            name in {"note", "good note", "duration", "chord", "rest", "notes", "control"}
            and not program.voices
        ):
            continue
        try:
            op(program, a, b, c)
        except ScoreframeError as error:
            assert str(error).strip()
    return program


# -- writing and reading back ---------------------------------------------------------------


def round_trip(score: sf.Score) -> None:
    """Every writer gives a file its reader reads, or a ScoreframeError."""
    data = outcome(lambda: sf.midi.to_bytes(score))
    if data is not None:
        sf.midi.read(data)
        sf.midi.to_score(data)
    text = outcome(lambda: document_bytes(score))
    if text is not None:
        loads(text, "back.score.xml")
    outcome(lambda: sf.csound.to_text(score))
    xml = outcome(lambda: sf.musicxml.to_bytes(score))
    if xml is not None:
        sf.musicxml.validate(xml)


# -- documents ------------------------------------------------------------------------------

TIME_TEXT = st.one_of(
    st.integers(0, 16).map(str),
    st.builds(lambda n, d: f"{n}/{d}", st.integers(0, 64), st.integers(1, 64)),
    st.sampled_from(["1000000", "1000001", f"{10**12}/7", "1/" + "9" * 30, "9" * 40, "0/5"]),
)
LENGTH_TEXT = st.one_of(
    st.sampled_from(["1/4", "1/8", "1/3", "0", "1/1000000", "1/1000001", "3/2", "9" * 30]),
    TIME_TEXT,
)
VALUE_TEXT = st.one_of(
    st.integers(-200, 200).map(str),
    st.sampled_from(
        [
            "0",
            "60",
            "1/100",
            "1/1000",
            "100000",
            "100001",
            "1" + "0" * 400,
            "-1" + "0" * 13,
            "~1e999",
            "~-1e999",
            "~0.0",
            "~1e-300",
            "~60.5",
            "~1E5",
            "7/3",
        ]
    ),
)
CURVES = st.sampled_from(["discrete", "linear", "exponential", "sine", "triangle", "square", "saw"])
NAMES = st.sampled_from(["tempo", "velocity", "pitch_bend", "control:7", "control:999", "p5", "x"])
SMALL = st.integers(1, 20).map(str)
NUMERATORS = st.sampled_from(["1", "3", "4", "7", "99", "1000", "9" * 20])
OCTAVES = st.sampled_from(["4", "0", "-1", "9", "10", "-5", "99", "2147483647", "-2147483648"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    root = etree.Element("score", version="1", title="fuzz")
    if draw(st.booleans()):
        root.set("a4", draw(st.sampled_from(["440", "-440", "0", "1e308", "INF", "NaN", "1e-300"])))
    if draw(st.booleans()):
        root.set("tempo-beat", draw(LENGTH_TEXT))
    meters = etree.SubElement(root, "meters")
    if draw(st.booleans()):
        meters.set("pickup", draw(LENGTH_TEXT))
    for _ in range(draw(st.integers(1, 3))):
        meter = etree.SubElement(meters, "meter", at=draw(TIME_TEXT))
        meter.set("numerator", draw(NUMERATORS))
        meter.set("denominator", draw(st.sampled_from(["4", "8", "2", "3", "1", "64", "128"])))
    etree.SubElement(root, "keys")
    contours = etree.SubElement(root, "contours")
    for _ in range(draw(st.integers(0, 2))):
        contour = etree.SubElement(contours, "contour", name=draw(NAMES), curve=draw(CURVES))
        for _ in range(draw(st.integers(1, 3))):
            segment = etree.SubElement(contour, "segment", start=draw(TIME_TEXT))
            if draw(st.booleans()):
                segment.set("end", draw(TIME_TEXT))
            segment.set("origin", draw(VALUE_TEXT))
            segment.set("goal", draw(VALUE_TEXT))
            segment.set("curve", draw(CURVES))
            if draw(st.booleans()):
                segment.set("period", draw(LENGTH_TEXT))
    for p in range(draw(st.integers(1, 2))):
        part = etree.SubElement(root, "part", name=f"P{p}")
        voice = etree.SubElement(part, "voice", name="V", number=draw(SMALL), staff="1")
        for _ in range(draw(st.integers(0, 4))):
            note = etree.SubElement(voice, "note", at=draw(TIME_TEXT), period=draw(LENGTH_TEXT))
            if draw(st.booleans()):
                note.set("duration", draw(LENGTH_TEXT))
            if draw(st.booleans()):
                note.set("step", draw(st.sampled_from("ABCDEFG")))
                note.set("octave", draw(OCTAVES))
                if draw(st.booleans()):
                    note.set("alter", draw(st.sampled_from(["1", "-2", "1/2", "99", "-1/3"])))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


LOCATED = re.compile(rf"^{re.escape(SOURCE)} line \d+: \S")


def load_document(data: bytes) -> sf.Score | None:
    """The score, or None for a DocumentError that names the file line."""
    try:
        return loads(data, SOURCE)
    except sf.DocumentError as error:
        assert LOCATED.match(str(error)), f"no file line in: {error}"
        return None


# -- the properties -------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize="SCOREFRAME_FUZZ" not in os.environ,  # the default run: the same examples
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


@SETTINGS
@given(CALLS)
def api(calls: list[tuple[str, Any, Any, Any]]) -> None:
    with alarm(SECONDS_EACH):
        program = run_program(calls)
        outcome(program.score.validate)
        round_trip(program.score)


@SETTINGS
@given(documents())
def document(data: bytes) -> None:
    assert schema().validate(etree.fromstring(data)), schema().error_log
    with alarm(SECONDS_EACH):
        score = load_document(data)
        if score is not None:
            outcome(score.validate)
            round_trip(score)


PROPERTIES: dict[str, Callable[[], None]] = {"api": api, "document": document}


def main(name: str) -> None:
    """Run one property; exit 0 if it holds (hypothesis prints the falsifying example)."""
    sys.setrecursionlimit(10_000)
    PROPERTIES[name]()
    print(f"{name}: {EXAMPLES} examples held")
