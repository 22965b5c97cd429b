"""Pretty-printed MusicXML written measure by measure, byte for byte what the whole tree gives.

libxml2 indents an element from its depth and its own children only, so a measure printed
inside a two-level skeleton (``<score-partwise><part>``) gets the lines it would get inside
the whole document. :class:`MeasureSink` collects finished measures in such a skeleton and
prints them a batch at a time, then lets them go: the document is never held as a tree.

>>> from lxml import etree
>>> chunks: list[bytes] = []
>>> sink = MeasureSink(chunks.append)
>>> measure = etree.SubElement(sink.part, "measure", number="1")
>>> etree.SubElement(measure, "note").text = "x"
>>> sink.done(measure); sink.flush()
>>> print(b"".join(chunks).decode(), end="")
    <measure number="1">
      <note>x</note>
    </measure>
>>> len(sink.part), sink.count
(0, 1)
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

BATCH = 64
"""Measures printed at a time (fewer calls into lxml; a few hundred notes held at most)."""

_HEAD = b"<score-partwise>\n  <part>\n"
_TAIL = b"  </part>\n</score-partwise>\n"


class MeasureSink:
    """Finished measures of one part, printed as they would be at depth 2 of the document
    (``opening``, the part's start tag, printed before the first of them)."""

    def __init__(self, out: Callable[[bytes], object], opening: bytes = b"") -> None:
        self._root = etree.Element("score-partwise")
        self.part = etree.SubElement(self._root, "part")
        """The element to append the measures to."""
        self._out = out
        self._opening = opening
        self._pending = 0
        self.count = 0
        """Measures printed so far."""

    def done(self, measure: etree._Element) -> None:
        """``measure`` (a child of :attr:`part`) is complete."""
        del measure
        self._pending += 1
        if self._pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Print the pending measures and drop them."""
        if not self._pending:
            return
        text = etree.tostring(
            self._root, encoding="UTF-8", xml_declaration=False, pretty_print=True
        )
        if not (text.startswith(_HEAD) and text.endswith(_TAIL)):  # pragma: no cover
            raise AssertionError("the measure skeleton printed unexpectedly")
        if not self.count:
            self._out(self._opening)
        self._out(text[len(_HEAD) : -len(_TAIL)])
        self.count += self._pending
        self._pending = 0
        self.part.clear()
