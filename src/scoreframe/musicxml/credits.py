"""The title page: ``<credit>``s for title, subtitle, composer, lyricist and copyright, each
with its ``credit-type`` and a justification (centred title and subtitle, composer right,
lyricist left) but no page position: the score writes no page layout, and readers place typed
credits themselves (MuseScore 3 sets title, composer and lyricist from them and the footer
from ``<rights>``; it drops a subtitle it cannot place). The lyricist and the rights also go
in ``<identification>``.

>>> import scoreframe as sf
>>> root = etree.Element("score-partwise")
>>> add_credits(root, sf.Score(title="Song", lyricist="W. Poet"))
>>> [c.findtext("credit-type") for c in root.iter("credit")]
['title', 'lyricist']
"""

from __future__ import annotations

from lxml import etree

from ..score import Score

_SubElement = etree.SubElement

# credit type -> (the score's attribute, justify, font size) (a table).
CREDITS: tuple[tuple[str, str, str, int], ...] = (
    ("title", "title", "center", 24),
    ("subtitle", "subtitle", "center", 14),
    ("composer", "composer", "right", 12),
    ("lyricist", "lyricist", "left", 12),
    ("rights", "copyright", "center", 9),
)


def add_credits(root: etree._Element, score: Score) -> None:
    """Append a ``<credit>`` for each title-page text the score has."""
    for kind, name, justify, size in CREDITS:
        text = getattr(score, name)
        if not text:
            continue
        credit = _SubElement(root, "credit", page="1")
        _SubElement(credit, "credit-type").text = kind
        words = _SubElement(
            credit,
            "credit-words",
            {"justify": justify, "valign": "top", "font-size": str(size)},
        )
        words.text = text


def add_identification(ident: etree._Element, score: Score) -> None:
    """The lyricist (a ``<creator>``) and the copyright (``<rights>``) in identification."""
    if score.lyricist:
        _SubElement(ident, "creator", type="lyricist").text = score.lyricist
    if score.copyright:
        _SubElement(ident, "rights").text = score.copyright
