"""Divisions per quarter: the smallest grid that makes every length an integer."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import ExportError
from scoreframe.musicxml.divisions import divisions_for, from_divisions, quantize, to_divisions


@pytest.mark.parametrize(
    ("lengths", "divisions"),
    [
        ([F(1, 4), F(1, 2), F(1)], 1),
        ([F(1, 8)], 2),
        ([F(3, 16)], 4),
        ([F(1, 12)], 3),
        ([F(1, 12), F(1, 20), F(1, 16)], 60),
        ([F(1, 30)], 15),
        ([], 1),
    ],
)
def test_divisions_for(lengths: list[F], divisions: int) -> None:
    assert divisions_for(lengths) == divisions


def test_to_and_from_divisions() -> None:
    assert to_divisions(F(1, 12), 3) == 1
    assert to_divisions(F(3, 4), 3) == 9
    assert from_divisions(9, 3) == F(3, 4)
    with pytest.raises(ExportError, match="not a whole"):
        to_divisions(F(1, 12), 2)


def test_quantize_counts_the_moved_values() -> None:
    assert quantize([F(1, 4), F(1, 12), F(1, 8)], 2) == ((2, 1, 1), 1)
    assert quantize([F(1, 6)], 1) == ((1,), 1)


fractions = st.builds(
    F,
    st.integers(1, 200),
    st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 28, 32, 48, 64, 96]),
)


@given(st.lists(fractions, min_size=1, max_size=20))
def test_divisions_are_the_smallest_that_make_every_length_whole(lengths: list[F]) -> None:
    divisions = divisions_for(lengths)
    for length in lengths:
        assert from_divisions(to_divisions(length, divisions), divisions) == length
    for prime in (2, 3, 5, 7):
        if divisions % prime == 0:
            smaller = divisions // prime
            assert any((length * 4 * smaller).denominator != 1 for length in lengths)
