"""The public API of API.md: names, the example's model calls, value classes, imports."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import math
import pickle
import subprocess
import sys
from fractions import Fraction

import pytest

import scoreframe as sf
from scoreframe.contour import Curve, Segment
from scoreframe.meter import Bar, Key, Meter, Mode
from scoreframe.note import Articulation, Note, TieChain
from scoreframe.pitch import Pitch

F = Fraction

API_NAMES = [
    "Score",
    "Part",
    "Voice",
    "Note",
    "TieChain",
    "Pitch",
    "Meter",
    "Key",
    "Bar",
    "Contour",
    "Curve",
    "Segment",
    "TempoMap",
    "Event",
    "EventKind",
    "Fraction",
    "load",
    "ScoreframeError",
    "ScoreframeWarning",
]


@pytest.mark.parametrize("name", API_NAMES)
def test_api_names_exist(name: str) -> None:
    assert hasattr(sf, name), f"scoreframe.{name} is missing"


def test_everything_in_all_exists() -> None:
    missing = [name for name in sf.__all__ if not hasattr(sf, name)]
    assert missing == []


def test_every_error_is_a_scoreframe_error_and_a_builtin() -> None:
    errors = [
        value
        for name, value in vars(sf).items()
        if isinstance(value, type) and issubclass(value, Exception) and name.endswith("Error")
    ]
    assert sf.ScoreframeError in errors and len(errors) > 10
    for error in errors:
        assert issubclass(error, sf.ScoreframeError), error
        if error is not sf.ScoreframeError:
            builtins = [b for b in error.__mro__ if b.__module__ == "builtins"]
            assert builtins[0] is not Exception, f"{error.__name__} subclasses no specific builtin"


def run_api_example() -> dict[str, object]:
    """The model-level calls of API.md's example, in order, up to ``score.write``.

    One change: API.md sets ``score.meter("3/4", at=2)`` and then ``score.pickup("1/4")``, but
    with a quarter pickup the bar lines of 4/4 fall at 1/4, 5/4, 9/4..., so time 2 is inside bar
    2 and the model rightly refuses it (see the test below). Here the pickup comes first and the
    change is at 9/4, the start of bar 3.
    """
    score = sf.Score(title="Night Study", composer="A. Composer")
    score.meter("4/4")
    score.pickup("1/4")
    score.meter("3/4", at="9/4")
    score.key("Eb major")

    score.tempo.hold(60)
    score.tempo.ramp(120, at=2, over=4)
    score.tempo.hold(90, at=8)

    piano = score.part("Piano", program=1, channel=1, staves=2)
    rh = piano.voice("RH", staff=1)
    lh = piano.voice("LH", staff=2)
    vln = score.part("Violin", program=41, channel=2).voice("Vln")

    first = rh.note("E4", "1/8")
    second = rh.note(64, Fraction(1, 8), velocity=80, duration="1/16")
    rh.rest("1/4")
    tied = rh.chord(["C4", "E4", "G4"], "1/2", tie=True)
    rh.chord(["C4", "E4", "G4"], "1/4")
    late = rh.note("G4", "1/4", at="3/2")
    crossing = lh.note("E4", "1/4", staff=1)
    cursor = rh.cursor

    assert rh.velocity.hold(64).ramp(100, at=1, over=2, curve="linear") is rh.velocity
    piano.velocity.hold(70)
    vln.control(11).ramp(127, at=0, over=4)
    vln.pitch_bend.ramp(0.5, at=1, over="1/2")

    events = score.events()
    seconds = sf.TempoMap(score).seconds(Fraction(3))
    whole_notes = sf.TempoMap(score).whole_notes(4.5)
    return locals()


def test_the_api_example_runs_and_means_what_it_says() -> None:
    r = run_api_example()
    score, rh, lh, vln = r["score"], r["rh"], r["lh"], r["vln"]
    assert isinstance(score, sf.Score)
    assert isinstance(rh, sf.Voice) and isinstance(lh, sf.Voice) and isinstance(vln, sf.Voice)
    score.validate()
    assert r["cursor"] == F(7, 4) and type(r["cursor"]) is Fraction
    first, second, late, crossing = r["first"], r["second"], r["late"], r["crossing"]
    assert isinstance(first, Note) and isinstance(second, Note)
    assert str(first.pitch) == "E4" and str(second.pitch) == "E4"  # 64 is E natural in Eb
    assert (second.velocity, second.duration, second.period) == (80, F(1, 16), F(1, 8))
    assert all(n.tie for n in r["tied"])  # type: ignore[attr-defined]
    assert late.onset == F(3, 2)  # type: ignore[attr-defined]
    assert crossing.staff == 1 and lh.staff == 2  # type: ignore[attr-defined]
    # 60 until 2 (8 s), then one whole note of the ramp to 120: 16 / ln 2 * (1 - 2 ** -1/4)
    assert r["seconds"] == pytest.approx(8 + 16 / math.log(2) * (1 - 2**-0.25), rel=1e-14)
    assert r["whole_notes"] == pytest.approx(4.5 / 4)  # 4.5 s at quarter = 60
    # voices inherit the part's velocity until their own contour says otherwise
    assert lh.value_at("velocity", F(0)) == 70
    assert rh.value_at("velocity", F(2)) == 82
    assert vln.value_at("control:11", F(2)) == 127  # ramps from its default, 127
    assert vln.value_at("pitch_bend", F(5, 4)) == 0.25
    events = r["events"]
    assert isinstance(events, list)
    assert [e.time for e in events] == sorted(e.time for e in events)
    assert {e.kind for e in events} == set(sf.EventKind)


def test_api_md_meter_change_at_2_conflicts_with_its_quarter_pickup() -> None:
    """The example's own order of calls is refused, with the fix in the message."""
    score = sf.Score()
    score.meter("4/4")
    score.meter("3/4", at=2)
    with pytest.raises(sf.MeterError, match="move it to time 5/4 or 9/4"):
        score.pickup("1/4")


@pytest.mark.parametrize(
    ("module", "function"),
    [
        ("midi", "write"),
        ("musicxml", "write"),
        ("csound", "write"),
        ("live", "play"),
        ("plot", "pianoroll"),
    ],
)
def test_exporter_modules_are_attributes_after_a_plain_import(module: str, function: str) -> None:
    """``import scoreframe as sf; sf.midi.write(...)`` as API.md writes it (once built)."""
    try:
        built = hasattr(importlib.import_module(f"scoreframe.{module}"), function)
    except ImportError:
        built = False
    if not built:
        pytest.skip(f"scoreframe.{module}.{function} is not built yet")
    code = f"import scoreframe as sf; print(callable(sf.{module}.{function}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr


# -- value classes: copy, hash, repr, equality, pickle (the abjad habit) ----------------------

C4 = Pitch.parse("C4")
NOTE = Note(F(0), F(1, 4), F(1, 8), C4, True, 90, frozenset({Articulation.ACCENT}), 2, (("p", 1),))
VALUES: list[tuple[object, object]] = [
    # (a value, an equal value built another way)
    (Pitch.parse("C#4+25c"), Pitch("C", F(1), 4, F(25))),
    (Meter.parse("3+2+2/8"), Meter(7, 8, (3, 2, 2))),
    (Key.parse("Eb major"), Key(-3, Mode.MAJOR)),
    (NOTE, NOTE.replace(values=(("p", 1),))),
    (
        TieChain((NOTE, NOTE.replace(onset=F(1, 4), tie=False))),
        TieChain(
            (
                NOTE,
                Note(F(1, 4), F(1, 4), F(1, 8), C4, False, 90, NOTE.articulations, 2, NOTE.values),
            )
        ),
    ),
    (Segment(F(1), F(3), F(64), F(100), Curve.LINEAR), Segment(F(1), F(3), 64, 100, Curve.LINEAR)),
    (Bar(2, F(1), F(3, 4), Meter(3, 4)), Bar(2, F(1), F(3, 4), Meter.parse("3/4"))),
]
OTHERS: list[object] = [
    Pitch.parse("Db4+25c"),
    Meter.parse("7/8"),
    Key.parse("c minor"),
    NOTE.replace(velocity=91),
    TieChain((NOTE,)),
    Segment(F(1), F(3), F(64), F(101), Curve.LINEAR),
    Bar(3, F(1), F(3, 4), Meter(3, 4)),
]
IDS = [type(v).__name__ for v, _ in VALUES]


@pytest.mark.parametrize(("value", "twin"), VALUES, ids=IDS)
def test_values_are_equal_and_hash_equal_when_built_two_ways(value: object, twin: object) -> None:
    assert value == twin
    assert hash(value) == hash(twin)
    assert value is not twin


@pytest.mark.parametrize(
    ("value", "other"), list(zip([v for v, _ in VALUES], OTHERS, strict=True)), ids=IDS
)
def test_values_differ_when_a_field_differs(value: object, other: object) -> None:
    assert value != other
    assert len({value, other}) == 2


@pytest.mark.parametrize(("value", "twin"), VALUES, ids=IDS)
def test_values_copy_and_pickle(value: object, twin: object) -> None:
    for clone in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
        assert clone == value
        assert hash(clone) == hash(value)
        assert type(clone) is type(value)


@pytest.mark.parametrize(("value", "twin"), VALUES, ids=IDS)
def test_values_repr_names_the_class_and_is_stable(value: object, twin: object) -> None:
    text = repr(value)
    assert text.startswith(type(value).__name__ + "(")
    assert text == repr(twin) or type(value) is Segment  # 64 vs Fraction(64) may show apart
    assert repr(pickle.loads(pickle.dumps(value))) == text


@pytest.mark.parametrize(("value", "twin"), VALUES, ids=IDS)
def test_values_are_frozen_and_slotted(value: object, twin: object) -> None:
    assert not hasattr(value, "__dict__")
    if isinstance(value, Note):  # a named tuple, for building speed (docs/architecture.md)
        with pytest.raises(AttributeError):
            value.onset = F(1)  # type: ignore[misc]
        return
    assert dataclasses.is_dataclass(value)
    field = dataclasses.fields(value)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, None)


def test_value_classes_are_exported() -> None:
    for cls in (Pitch, Meter, Key, Note, TieChain, Segment, Bar):
        assert getattr(sf, cls.__name__) is cls


# -- import cost ---------------------------------------------------------------------------------


def test_importing_scoreframe_does_not_import_music21_or_lxml() -> None:
    code = (
        "import sys, scoreframe\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'music21', 'lxml', 'mido', "
        "'rtmidi', 'numpy', 'matplotlib', 'verovio', 'cairosvg'})\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"


def test_the_midi_package_loads_each_name_on_first_use() -> None:
    import scoreframe.midi as midi

    assert sorted(midi.__all__) == sorted(midi._MODULES)
    for name in midi.__all__:
        assert getattr(midi, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        midi.nothing  # noqa: B018
