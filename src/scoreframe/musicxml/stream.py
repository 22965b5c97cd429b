"""Pretty-printed MusicXML written measure by measure, byte for byte what the whole tree gives.

libxml2 indents an element from its depth and its own children only (an element holding no
text), so the children of a measure printed one by one inside a three-level skeleton
(``<score-partwise><part><measure>``) are the lines they get inside the whole document, and
a measure's lines are its start tag, its children's lines and its end tag. :func:`printed`
prints an element so; :class:`TextMeasure` holds a measure as those lines (a note's lines are
printed once per distinct note and reused, :mod:`.notes`); :class:`MeasureSink` writes
finished measures a batch at a time and lets them go: the document is never held as a tree.
:class:`TreeMeasures` puts the measures in a tree instead (:func:`~.export.to_tree`).

>>> chunks: list[bytes] = []
>>> sink = MeasureSink(chunks.append)
>>> measure = sink.measure({"number": "1"})
>>> note = etree.Element("note"); note.text = "x"
>>> measure.append(note)
>>> sink.done(measure); sink.flush()
>>> print(b"".join(chunks).decode(), end="")
    <measure number="1">
      <note>x</note>
    </measure>
>>> sink.held, sink.count
(0, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

BATCH = 64
"""Measures written at a time (fewer writes; a few hundred notes held at most)."""

_NAMES = ("score-partwise", "part", "measure")


def _skeleton(depth: int) -> tuple[etree._Element, etree._Element]:
    """The root of ``depth`` nested elements and the innermost of them."""
    root = inner = etree.Element(_NAMES[0])
    for name in _NAMES[1:depth]:
        inner = etree.SubElement(inner, name)
    return root, inner


_SKELETONS = {depth: _skeleton(depth) for depth in (2, 3)}
_HEADS = {2: b"<score-partwise>\n  <part>\n", 3: b"<score-partwise>\n  <part>\n    <measure>\n"}
_TAILS = {
    2: b"  </part>\n</score-partwise>\n",
    3: b"    </measure>\n  </part>\n</score-partwise>\n",
}


def printed(element: etree._Element, depth: int = 3) -> bytes:
    """The lines of ``element`` pretty-printed at ``depth`` in the document (3: a child of
    a measure; 2: a measure), as lxml prints them there. ``element`` must have no parent."""
    root, parent = _SKELETONS[depth]
    parent.append(element)
    try:
        text = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    finally:
        parent.remove(element)
    head, tail = _HEADS[depth], _TAILS[depth]
    if not (text.startswith(head) and text.endswith(tail)):  # pragma: no cover
        raise AssertionError("the skeleton printed unexpectedly")
    return text[len(head) : -len(tail)]


class TextMeasure:
    """A measure as the lines of its children (each child printed as it is appended)."""

    __slots__ = ("element", "lines")

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        """The ``<measure>`` element with its attributes and no children."""
        self.lines: list[bytes] = []
        """The printed children (:func:`printed`), in order."""

    def append(self, child: etree._Element) -> None:
        """Add ``child`` (an element with no parent) as the next child."""
        self.lines.append(printed(child))

    def extend(self, children: Iterable[etree._Element]) -> None:
        """Add each of ``children``."""
        for child in children:
            self.lines.append(printed(child))

    def text(self) -> bytes:
        """The measure's lines, as printed at depth 2."""
        tag = printed(self.element, 2)
        if not self.lines:
            return tag
        if not tag.endswith(b"/>\n"):  # pragma: no cover
            raise AssertionError("an empty measure printed unexpectedly")
        name = self.element.tag.encode()
        return b"".join([tag[:-3], b">\n", *self.lines, b"    </", name, b">\n"])


Measure = etree._Element | TextMeasure
"""What the measure writer appends a measure's children to."""


class MeasureSink:
    """Finished measures of one part, printed as they would be at depth 2 of the document
    (``opening``, the part's start tag, printed before the first of them)."""

    text = True
    """The measures are :class:`TextMeasure` (notes may be given as printed lines)."""

    def __init__(self, out: Callable[[bytes], object], opening: bytes = b"") -> None:
        self._out = out
        self._opening = opening
        self._pending: list[bytes] = []
        self.count = 0
        """Measures printed so far."""

    @property
    def held(self) -> int:
        """Measures finished and not yet written."""
        return len(self._pending)

    def measure(self, attributes: dict[str, str]) -> TextMeasure:
        """A new measure with ``attributes``, to fill and give to :meth:`done`."""
        return TextMeasure(etree.Element("measure", attributes))

    def done(self, measure: TextMeasure) -> None:
        """``measure`` is complete."""
        self._pending.append(measure.text())
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending measures and drop them."""
        if not self._pending:
            return
        if not self.count:
            self._out(self._opening)
        self._out(b"".join(self._pending))
        self.count += len(self._pending)
        self._pending.clear()


class TreeMeasures:
    """Measures appended to a ``<part>`` element and kept there."""

    text = False
    """The measures are elements."""

    def __init__(self, part: etree._Element) -> None:
        self.part = part

    def measure(self, attributes: dict[str, str]) -> etree._Element:
        """A new measure with ``attributes``, the part's last child."""
        return etree.SubElement(self.part, "measure", attributes)

    def done(self, measure: etree._Element) -> None:
        """``measure`` is complete (it stays in the tree)."""
