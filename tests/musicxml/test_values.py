"""Note values: types, dots, and the greedy split into tied values."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, fields
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import ExportError
from scoreframe.musicxml.values import (
    NoteType,
    NoteValue,
    TimeModification,
    TupletMark,
    is_dyadic,
    is_plain,
    notatable,
    note_value,
    split_notatable,
)


def test_type_lengths_run_from_maxima_to_1024th() -> None:
    assert NoteType.MAXIMA.length == 8
    assert NoteType.BREVE.length == 2
    assert NoteType.QUARTER.length == F(1, 4)
    assert NoteType.N1024TH.length == F(1, 1024)
    assert [t.value for t in NoteType][3:8] == ["whole", "half", "quarter", "eighth", "16th"]


def test_beam_counts() -> None:
    assert [NoteType.of(F(1, 2**k)).beams for k in range(1, 8)] == [0, 0, 1, 2, 3, 4, 5]


def test_type_of_a_dotted_length_is_an_error() -> None:
    with pytest.raises(ExportError, match="not a plain note value"):
        NoteType.of(F(3, 8))


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (F(1, 4), (NoteType.QUARTER, 0)),
        (F(3, 8), (NoteType.QUARTER, 1)),
        (F(7, 16), (NoteType.QUARTER, 2)),
        (F(15, 32), (NoteType.QUARTER, 3)),
        (F(3, 2), (NoteType.WHOLE, 1)),
        (F(1, 1024), (NoteType.N1024TH, 0)),
        (F(3, 1024), (NoteType.N512TH, 1)),
    ],
)
def test_notatable_lengths(length: F, expected: tuple[NoteType, int]) -> None:
    assert notatable(length) == NoteValue(*expected)


@pytest.mark.parametrize("length", [F(5, 8), F(1, 6), F(1, 2048), F(0), F(-1, 4), F(31, 64)])
def test_not_notatable(length: F) -> None:
    assert notatable(length) is None


def test_max_dots_limits() -> None:
    assert notatable(F(7, 16), max_dots=1) is None
    assert notatable(F(3, 8), max_dots=0) is None


def test_note_value_is_the_text_form() -> None:
    assert note_value(F(3, 4)) == ("half", 1)
    assert note_value(F(5, 8)) is None


def test_a_dot_may_not_reach_below_a_1024th() -> None:
    with pytest.raises(ExportError):
        NoteValue(NoteType.N1024TH, 1)


def test_split_puts_the_longest_value_first() -> None:
    assert split_notatable(F(5, 8)) == (NoteValue(NoteType.HALF), NoteValue(NoteType.EIGHTH))
    assert split_notatable(F(9, 16), max_dots=1) == (
        NoteValue(NoteType.HALF),
        NoteValue(NoteType.N16TH),
    )
    assert split_notatable(F(17, 2)) == (NoteValue(NoteType.MAXIMA), NoteValue(NoteType.HALF))


@pytest.mark.parametrize(
    ("length", "message"),
    [(F(1, 3), "needs a tuplet"), (F(1, 2048), "finer than a 1024th"), (F(0), "greater than")],
)
def test_split_errors(length: F, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        split_notatable(length)


@given(st.integers(1, 1024 * 16), st.integers(0, 3))
def test_split_sums_exactly_and_each_piece_is_notatable(count: int, max_dots: int) -> None:
    length = F(count, 1024)
    pieces = split_notatable(length, max_dots)
    assert sum((p.length for p in pieces), F(0)) == length
    assert all(notatable(p.length, max_dots) == p for p in pieces)
    assert [p.length for p in pieces] == sorted((p.length for p in pieces), reverse=True)


def test_helpers() -> None:
    assert is_dyadic(F(3, 16)) and not is_dyadic(F(1, 12))
    assert is_plain(F(2)) and is_plain(F(1, 8)) and not is_plain(F(3, 8)) and not is_plain(F(0))


@pytest.mark.parametrize(
    "value",
    [
        NoteValue(NoteType.QUARTER, 1),
        TimeModification(3, 2, NoteType.EIGHTH),
        TupletMark(1, 5, 4, NoteType.N16TH),
    ],
)
def test_value_types_are_frozen_hashable_and_pickle(value: Any) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.copy(value) == value and hash(copy.deepcopy(value)) == hash(value)
    assert not hasattr(value, "__dict__")
    with pytest.raises(FrozenInstanceError):
        setattr(value, fields(value)[0].name, None)


def test_time_modification_factor() -> None:
    assert TimeModification(15, 8, NoteType.N16TH).factor == F(8, 15)
