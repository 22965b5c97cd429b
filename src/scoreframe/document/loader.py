"""Loading a ``.score.xml`` as a stream, so that a million notes never make a million-element
tree: the document is parsed event by event, and each *section* is checked against the schema
before it is built, inside a small template document that gives it its context:

* the head (the root's attributes, meters, keys and contours), when the first part starts;
* each part's head (its attributes and contours), when its first voice starts;
* each voice's head (its attributes and contours), when its first note ends;
* its notes and rests, in batches, as they end.

Built notes leave the tree but for the first of each batch, so that at the end the tree is a
skeleton (every head, one note a batch) that the schema checks whole: that catches what only
the whole says (an element missing or out of order). Every content model of the format is a
sequence whose repeated part is notes and rests in any order, so a skeleton with one note a
batch is valid exactly when the document is. Any error names the file and the line; nothing
half loaded is returned.

>>> import scoreframe as sf
>>> from scoreframe.document import to_bytes
>>> s = sf.Score(title="Stream"); v = s.part("P").voice("V")
>>> _ = v.notes([60, 62, 64] * 5000, "1/8")
>>> back = Loader("x.score.xml").load(to_bytes(s))
>>> len(back.parts[0].voices[0].notes), back.title
(15000, 'Stream')
"""

from __future__ import annotations

import copy
import io

from lxml import etree

from ..bulk import paused_gc
from ..errors import DocumentError
from ..score import Part, Score, Voice
from .reader import (
    LOCATED_ERRORS,
    Located,
    NoteReader,
    build_head,
    build_part,
    build_voice,
    schema,
)

#: Notes checked and built at a time.
BATCH = 4096
_TEMPLATE = (
    b'<score version="1"><meters><meter at="0" numerator="4" denominator="4"/></meters>'
    b'<keys/><contours/><part name="t"><voice name="t" number="1" staff="1"/></part></score>'
)
_NOTES = frozenset({"note", "rest"})


class Loader:
    """One load of one document (``source`` names it in messages)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.score: Score | None = None
        self.part: Part | None = None
        self.voice: Voice | None = None
        self.batch: list[etree._Element] = []
        self.notes = NoteReader()
        self.template = etree.fromstring(_TEMPLATE)

    def load(self, data: bytes) -> Score:
        try:
            with paused_gc():
                root = self._stream(data)
                self._check(root)
        except etree.XMLSyntaxError as error:
            raise DocumentError(f"{self.source} line {error.lineno}: {error.msg}") from None
        except Located as error:
            raise DocumentError(f"{self.source} line {error.line}: {error}") from None
        assert self.score is not None  # a valid document has a head
        return self.score

    def _stream(self, data: bytes) -> etree._Element:
        root: etree._Element | None = None
        events = etree.iterparse(
            io.BytesIO(data),
            events=("start", "end"),
            no_network=True,
            resolve_entities=False,
            load_dtd=False,
            huge_tree=True,
        )
        batch = self.batch
        for event, element in events:
            if root is None:
                root = element
                if element.getroottree().docinfo.doctype:
                    raise Located(
                        1,
                        "the document declares a DTD (<!DOCTYPE ...>); a score "
                        "document has none: remove it",
                    )
            tag = element.tag
            if event == "start":
                if tag == "part" and self.score is None:
                    self._head(root)
                elif tag == "voice":
                    self._part(element.getparent())
            elif tag in _NOTES:
                if self.voice is None:
                    self._voice(element.getparent())
                batch.append(element)
                if len(batch) >= BATCH:
                    self._notes()
                    batch = self.batch
            elif tag == "voice":
                self._voice(element)
                self._notes()
                batch = self.batch
                self.voice = None
            elif tag == "part":
                self._part(element)
                self.part = None
        assert root is not None  # iterparse raises on an empty document
        if self.score is None:
            self._head(root)
        return root

    def _head(self, root: etree._Element) -> None:
        head = copy.deepcopy(root)
        for part in head.findall("part"):
            head.remove(part)
        self._valid(head)
        self.score = build_head(root)

    def _part(self, element: etree._Element | None) -> None:
        if self.part is not None or element is None or self.score is None:
            return
        head = copy.deepcopy(element)
        for voice in head.findall("voice"):
            head.remove(voice)
        self._within(head, "part")
        self.part = build_part(self.score, element)

    def _voice(self, element: etree._Element | None) -> None:
        if self.voice is not None or element is None or self.part is None:
            return
        head = copy.deepcopy(element)
        for child in list(head):
            if child.tag in _NOTES:
                head.remove(child)
        self._within(head, "voice")
        self.voice = build_voice(self.part, element)

    def _notes(self) -> None:
        """Check the batch in the template's voice, build it, and keep only its first note."""
        batch, voice = self.batch, self.voice
        if not batch or voice is None:
            self.batch = []
            return
        holder = self.template.find("part/voice")
        assert holder is not None  # the template has one
        holder.append(copy.deepcopy(batch[0]))
        holder.extend(batch[1:])  # moved out of the document
        self._valid(self.template)
        read = self.notes.note
        element = batch[0]
        try:
            for element in batch:
                read(voice, element)
        except LOCATED_ERRORS as error:
            line = element.sourceline
            raise Located(line if isinstance(line, int) else None, str(error)) from None
        del holder[:]
        self.batch = []

    def _within(self, head: etree._Element, tag: str) -> None:
        """Check a part's or a voice's head in the template, in place of the template's own."""
        parent = self.template if tag == "part" else self.template.find("part")
        assert parent is not None
        own = parent.find(tag)
        assert own is not None
        parent.replace(own, head)
        try:
            self._valid(self.template)
        finally:
            parent.replace(head, own)

    def _valid(self, document: etree._Element) -> None:
        checker = schema()
        if not checker.validate(document):
            first = checker.error_log[0]  # type: ignore[index]
            raise Located(first.line, first.message)

    def _check(self, root: etree._Element) -> None:
        """The skeleton, checked whole (see the module doc)."""
        self._valid(root)
