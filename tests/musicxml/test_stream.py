"""The streamed document (notes printed once per distinct note and reused as lines) is the
tree :func:`~scoreframe.musicxml.to_tree` builds, printed: byte for byte, on random scores."""

from __future__ import annotations

import random
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import scoreframe as sf
from scoreframe.musicxml.layout import Span, _span
from scoreframe.musicxml.stream import printed
from tests.musicxml.random_scores import random_case


def _tree_printed(score: sf.Score, options: dict[str, object]) -> bytes:
    tree = sf.musicxml.to_tree(score, **options)  # type: ignore[arg-type]
    return etree.tostring(
        tree, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=sf.musicxml.DOCTYPE
    )


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_the_streamed_bytes_are_the_tree_printed_on_random_scores(rng: random.Random) -> None:
    score, options = random_case(rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sf.ScoreframeWarning)
        try:
            tree = _tree_printed(score, options)
        except sf.ScoreframeError as error:
            try:
                sf.musicxml.to_bytes(score, **options)  # type: ignore[arg-type]
            except sf.ScoreframeError as again:
                assert str(again) == str(error)
                return
            raise AssertionError("the stream wrote what the tree could not") from error
        assert sf.musicxml.to_bytes(score, **options) == tree  # type: ignore[arg-type]


def test_an_element_is_printed_as_it_is_inside_a_measure() -> None:
    measure = etree.Element("measure", number="3")
    note = etree.SubElement(measure, "note")
    etree.SubElement(note, "rest")
    etree.SubElement(note, "duration").text = "4"
    inside = etree.tostring(measure, pretty_print=True).decode().splitlines(keepends=True)
    alone = etree.Element("note")
    etree.SubElement(alone, "rest")
    etree.SubElement(alone, "duration").text = "4"
    lines = printed(alone).decode()
    assert lines == "".join("    " + line for line in inside[1:-1])
    assert alone.getparent() is None


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.lists(st.booleans(), max_size=4))
def test_a_span_made_fast_is_the_span_made_plainly(
    start: int, length: int, ties: list[bool]
) -> None:
    flags = tuple(ties)
    fast = _span((start, length, (), flags, flags[::-1]))
    assert fast == Span(start, length, (), flags, flags[::-1]) and type(fast) is Span
    assert fast.tie_stop == flags[::-1] and fast.end == start + length
