"""Hostile and unlucky input (issue 17): each case once gave a raw traceback, an unbounded
loop or a silently broken file; now each is a ScoreframeError that says where, before any
work grows with it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import scoreframe as sf
from scoreframe.document import loads, to_bytes
from scoreframe.limits import LIMITS

F = Fraction


def _document() -> str:
    score = sf.Score(title="H")
    score.part("P").voice("V").note("C4", "1/4")
    return to_bytes(score).decode()


SEGMENT = (
    '<contours><contour name="{name}" curve="linear"><segment start="0" origin="{value}" '
    'goal="{value}" curve="discrete"/></contour></contours>'
)

TEMPO = (
    '<contours><contour name="tempo" curve="linear"><segment start="0" origin="60" goal="60" '
    'curve="discrete"/><segment start="{start}" end="{end}" origin="60" goal="{goal}" '
    'curve="linear"/></contour></contours>'
)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.replace(
                '<score version="1" title="H">',
                '<!DOCTYPE score [<!ENTITY e "x">]><score version="1" title="&e;">',
            ),
            "declares a DTD",
        ),
        (
            lambda d: d.replace('title="H"', 'title="H" tempo-beat="1/1' + "0" * 400 + '"'),
            "tempo beat unit",
        ),
        (
            lambda d: d.replace("<contours/>", SEGMENT.format(name="control:999", value="3")),
            "controller number 999 must be an int in 0..127",
        ),
        (
            lambda d: d.replace("<contours/>", SEGMENT.format(name="tempo", value="1" + "0" * 400)),
            r"is beyond scoreframe's limit of 1e\+12",
        ),
        (
            lambda d: d.replace("<contours/>", SEGMENT.format(name="x", value="~1e999")),
            "value inf must be a finite number",
        ),
        (
            lambda d: d.replace('at="0" period="1/4"', f'at="{10**12}/7" period="1/4"'),
            "beyond scoreframe's limit of 1000000 whole notes",
        ),
        (lambda d: d.replace('title="H"', 'title="H" a4="-440"'), "a4 -440.0 must be"),
        (
            lambda d: d.replace("<contours/>", TEMPO.format(start="1", end="1/2", goal="90")),
            "from 1 to 1/2: it must end after it starts",
        ),
        (
            lambda d: d.replace("<contours/>", TEMPO.format(start="1", end="2", goal="0")),
            "a tempo must be positive",
        ),
        (
            lambda d: d.replace("<contours/>", TEMPO.format(start="1", end="2", goal="10000000")),
            "must lie within 0.01..100000 beats a minute",
        ),
    ],
)
def test_a_hostile_document_is_a_located_error(change: Any, message: str) -> None:
    with pytest.raises(sf.DocumentError, match=r"^x\.score\.xml line \d+: .*" + message):
        loads(change(_document()).encode(), "x.score.xml")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda v: v.note("C4", "1/4", at=F(10**12, 7)), sf.TimeValueError, "limit of 1000000"),
        (lambda v: v.note("C4", F(1, 10**7)), sf.TimeValueError, "denominator beyond"),
        (lambda v: v.note("C4", float("nan")), sf.TimeValueError, "nan is not a number"),
        (lambda v: v.notes([60], [F(10**7)]), sf.TimeValueError, "the note.s end 10000000"),
        (lambda v: v.part.score.meter(None), sf.MeterError, "meter None must be text"),
        (lambda v: v.part.score.tempo.hold(10**400), sf.ContourError, "beyond scoreframe's"),
        (lambda v: v.part.score.tempo.hold(0.001), sf.ContourError, "within 0.01..100000"),
        (lambda v: setattr(v.part.score, "title", "a\x00b"), sf.ScoreValueError, "U\\+0000"),
        (lambda v: setattr(v.part.score, "a4", -440), sf.ScoreValueError, "above 0"),
        (lambda v: v.part.contour("control:x"), sf.ScoreValueError, "write control:N"),
        # found by tests/test_fuzz.py:
        (lambda v: setattr(v.part.score, "a4", 10**400), sf.ScoreValueError, "at most 1e"),
        (lambda v: v.part.score.key(0), sf.MeterError, "key 0 must be text"),
        (lambda v: v.part.score.contour([1, 2]), sf.ScoreValueError, "must be text"),
        (lambda v: v.part.score.contour(None), sf.ScoreValueError, "must be text"),
        (lambda v: v.part.contour("\x08"), sf.ScoreValueError, "U\\+0008"),
        (lambda v: v.part.contour(""), sf.ScoreValueError, "is text such as"),
    ],
)
def test_a_hostile_call_is_a_located_error(call: Any, error: type, message: str) -> None:
    voice = sf.Score().part("P").voice("V")
    with pytest.raises(error, match=message):
        call(voice)


def test_a_tempo_beat_too_long_for_a_set_tempo_is_an_export_error() -> None:
    score = sf.Score(tempo_beat=10**6)  # found by tests/test_fuzz.py: a division by zero
    score.part("P").voice("V").note("C4", "1/4")
    with pytest.raises(sf.ExportError, match=r"4\.8e\+08 quarters a minute\), faster than"):
        sf.midi.to_bytes(score)


def test_the_hundredth_voice_of_a_part_is_refused_with_a_reason() -> None:
    part = sf.Score().part("P")
    for index in range(LIMITS.voices):
        part.voice(f"v{index}")
    with pytest.raises(sf.ScoreValueError, match="every voice number is taken"):
        part.voice("one more")


def test_the_limits_page_lists_every_limit() -> None:
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "limits.md").read_text()
    for name in LIMITS.__dataclass_fields__:
        assert f"| `{name}` |" in page, f"docs/limits.md has no row for LIMITS.{name}"
