"""Divisions per quarter: the smallest grid that makes every length an integer."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.errors import ExportError
from scoreframe.musicxml.divisions import (
    MAX_DIVISIONS,
    divisions_for,
    from_divisions,
    quantize,
    to_divisions,
)


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


def _tuplet_bars(*sizes: int) -> sf.Score:
    """A bar per size: a tuplet of that many notes in a quarter, then a dotted half."""
    s = sf.Score()
    s.meter("4/4")
    v = s.part("P").voice("V")
    for k in sizes:
        for _ in range(k):
            v.note("C4", F(1, 4 * k))
        v.note("D4", "3/4")
    return s


def test_divisions_beyond_the_old_cap_are_written_up_to_what_readers_hold() -> None:
    tree = sf.musicxml.to_tree(_tuplet_bars(3, 5, 7, 11, 13, 17, 19), date="2026-01-01")
    assert tree.findtext(".//divisions") == str(3 * 5 * 7 * 11 * 13 * 17 * 19)  # 4,849,845


def test_divisions_beyond_what_readers_hold_are_refused_naming_the_bar_and_value() -> None:
    with pytest.raises(sf.ExportError) as caught:
        sf.musicxml.to_tree(_tuplet_bars(3, 5, 7, 11, 13, 17, 19, 23, 29), date="2026-01-01")
    message = str(caught.value)
    assert "part 'P', bar 9" in message and "3,234,846,615 divisions" in message
    assert f"{MAX_DIVISIONS:,}" in message


def test_the_cap_is_what_musescore_3_counts_in_32_bit_ints() -> None:
    assert MAX_DIVISIONS == 536_870_911 and 4 * MAX_DIVISIONS < 2**31 <= 4 * (MAX_DIVISIONS + 1)


def test_two_large_primes_in_one_length_do_not_hang() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.note("C4", F(1, 997 * 991))
    v.note("D4", 1 - F(1, 997 * 991))
    with pytest.raises(sf.ExportError, match="cannot be written"):
        sf.musicxml.to_tree(s, date="2026-01-01")
