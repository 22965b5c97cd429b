"""A second renderer: verovio (the PyPI wheel) engraves our MusicXML with nothing in its log,
for every example score (tests/render/test_notation.py) and for the small scores of issue 11
(silent tempo beats, drums, cents texts, irregular bars, flat and nested tuplets): the marks
that MuseScore 3 needs do not harm another reader."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest

import scoreframe as sf
from scoreframe.errors import RenderWarning
from scoreframe.render import notation
from tests.musicxml import test_page
from tests.support import require_module

SMALL: dict[str, Callable[[], sf.Score]] = {
    **{name: build for name, (build, _) in test_page.POINTS.items()},
    "irregular": test_page.irregular,
    "nested": test_page.nested,
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_verovio_engraves_each_small_score_and_logs_nothing(name: str) -> None:
    require_module("verovio")
    score = SMALL[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)  # a verovio warning fails the test
        pages = notation.verovio_pages(score)
    assert pages and all("<svg" in page for page in pages)
