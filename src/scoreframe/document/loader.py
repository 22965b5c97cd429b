"""Loading a ``.score.xml`` as a stream, so that a million notes never make a million-element
tree: the document is fed to a pull parser a chunk at a time, which reports only the score,
its parts and their voices (a note costs no Python event), and after each chunk the voice being
read gives up the notes it holds complete. Each *section* is checked against the schema before
it is built, inside a small template document that gives it its context:

* the head (the root's attributes, meters, keys and contours), when the first part starts;
* each part's head (its attributes and contours), when its first voice starts;
* each voice's head (its attributes and contours), when its first note or rest appears;
* its notes and rests, in batches, after a rest in the template's voice (so that anything
  but a note after the voice's first note is out of place there, as in the document).

A batch of plain notes (see :mod:`.batch`) is checked by each form of note once and its onsets
in one list; any other batch, or one in which either check says no, is checked and read element
by element. Heads and read notes leave the tree, so at the end it is a skeleton (the root, its
head, each part's head, the voices) that the schema checks whole: that catches what only the
whole says (an element missing or out of order). Any error names the file and the line;
nothing half loaded is returned.

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
from typing import cast

from lxml import etree

from ..bulk import paused_gc
from ..errors import DocumentError
from ..score import Part, Score, Voice
from . import batch
from .reader import (
    LOCATED_ERRORS,
    Located,
    NoteReader,
    build_head,
    build_part,
    build_voice,
    schema,
)

#: Notes checked and built at a time (at most).
BATCH = 4096
#: Bytes fed to the parser at a time.
CHUNK = 1 << 16
_TEMPLATE = batch.TEMPLATE.format('<rest at="0" period="1"/>').encode()
_NOTES = frozenset({"note", "rest"})


class Loader:
    """One load of one document (``source`` names it in messages)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.root: etree._Element | None = None
        self.score: Score | None = None
        self.part: Part | None = None
        self.voice: Voice | None = None
        self.part_element: etree._Element | None = None
        self.voice_element: etree._Element | None = None
        self.notes = NoteReader()
        self.forms = batch.Forms(self.notes)
        self.template = etree.fromstring(_TEMPLATE)
        holder = self.template.find("part/voice")
        assert holder is not None  # the template has one
        self.holder = holder

    def load(self, data: bytes) -> Score:
        try:
            with paused_gc():
                root = self._stream(data)
                self._valid(root)  # the skeleton, whole (see the module doc)
        except etree.XMLSyntaxError as error:
            raise DocumentError(f"{self.source} line {error.lineno}: {error.msg}") from None
        except Located as error:
            raise DocumentError(f"{self.source} line {error.line}: {error}") from None
        assert self.score is not None  # a valid document has a head
        return self.score

    def _stream(self, data: bytes) -> etree._Element:
        parser = etree.XMLPullParser(
            events=("start", "end"),
            tag=("score", "part", "voice"),
            no_network=True,
            resolve_entities=False,
            load_dtd=False,
            huge_tree=True,
        )
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
            for event, element in parser.read_events():
                self._event(event, cast(etree._Element, element))
            if self.voice_element is not None:
                self._advance(self.voice_element, final=False)
        root = parser.close()
        for event, element in parser.read_events():
            self._event(event, cast(etree._Element, element))
        if self.root is None:
            self._opened(root)
        if self.score is None:
            self._head(root)
        return root

    def _opened(self, root: etree._Element) -> None:
        """The first look at the document: it must declare no DTD."""
        self.root = root
        if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]
            raise Located(
                1,
                "the document declares a DTD (<!DOCTYPE ...>); a score "
                "document has none: remove it",
            )

    def _event(self, event: str, element: etree._Element) -> None:
        """A part or voice starts or ends (only those of the score's own parts count: any
        other stays in the skeleton, which the schema refuses)."""
        if self.root is None:
            self._opened(element.getroottree().getroot())
        tag = element.tag
        if event == "start":
            if tag == "part" and self.part_element is None and element.getparent() is self.root:
                if self.score is None:
                    self._head(element.getparent())
                self.part_element = element
            elif (
                tag == "voice"
                and self.part_element is not None
                and self.voice_element is None
                and element.getparent() is self.part_element
            ):
                self._part(self.part_element)
                self.voice_element = element
        elif element is self.voice_element:
            self._advance(element, final=True)
            self.voice_element = self.voice = None
        elif element is self.part_element:
            self._part(element)
            self.part_element = self.part = None

    def _head(self, root: etree._Element | None) -> None:
        assert root is not None
        head = copy.deepcopy(root)
        for part in head.findall("part"):
            head.remove(part)
        self._valid(head)
        self.score = build_head(head)

    def _part(self, element: etree._Element) -> None:
        if self.part is not None or self.score is None:
            return
        head = copy.deepcopy(element)
        for voice in head.findall("voice"):
            head.remove(voice)
        self._within(head, "part")
        self.part = build_part(self.score, head)

    def _advance(self, element: etree._Element, final: bool) -> None:
        """Read what the voice holds complete (all but its last child, which the parser may
        still be filling; all once it has ended)."""
        if self.voice is None and not self._voice(element, final):
            return
        count = len(element) if final else len(element) - 1
        if count <= 0:
            return
        text = etree.tostring(element, encoding=str, with_tail=False)
        body = text[text.index(">") + 1 : -len("</voice>")] if text.endswith(">") else ""
        parts = batch.scan(body, count, final) if body else None
        step, size = batch.STEP, BATCH
        for begin in range(0, count, size):
            end = min(begin + size, count)
            some = parts[step * begin : step * end + 1] if parts is not None else None
            self._notes(element, end - begin, some)

    def _voice(self, element: etree._Element, final: bool) -> bool:
        """Check and build the voice's head, once its first note or rest has appeared (or it
        has ended); take the head out of the tree. Whether the voice is built."""
        if self.part is None:
            return False
        first = next((i for i, child in enumerate(element) if child.tag in _NOTES), None)
        if first is None and not final:
            return False
        head = copy.deepcopy(element)
        del head[len(element) if first is None else first :]
        self._within(head, "voice")
        self.voice = build_voice(self.part, head)
        del element[: len(head)]
        return True

    def _notes(self, element: etree._Element, count: int, parts: list[str] | None) -> None:
        """Check and build the voice's first ``count`` children, then take them out of the
        tree: fast when they are plain notes (each form of note checked once), else element
        by element (where every error is found and located)."""
        voice = self.voice
        assert voice is not None
        if parts is not None and batch.onsets_valid(parts[2 :: batch.STEP]):
            try:
                voice._add_many(self.forms.notes(voice, parts, count))
            except (batch.Refused, *LOCATED_ERRORS):
                pass  # the plain way says which and where
            else:
                del element[:count]
                return
        held: list[etree._Element] = element[:count]  # type: ignore[index,assignment]
        holder = self.holder
        holder.extend(held)  # moved out of the document
        try:
            self._valid(self.template)
            self._plain(voice, held)
        finally:
            del holder[1:]

    def _plain(self, voice: Voice, held: list[etree._Element]) -> None:
        read = self.notes.note
        element = held[0]
        try:
            for element in held:
                if element.tag in _NOTES:
                    read(voice, element)
        except LOCATED_ERRORS as error:
            line = element.sourceline
            raise Located(line if isinstance(line, int) else None, str(error)) from None

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
