"""Reading a batch of plain notes fast: the notes of a voice as lxml serializes them, read with
one regular expression, each distinct form of note (its tag and every attribute but ``at``)
checked and read once, each onset read from its text.

A *plain* note is an element ``<note at="..." .../>`` or ``<rest at="..." .../>`` whose first
attribute is ``at`` (digits, a slash, digits), whose others are unprefixed names with values
free of ``&``, ``<`` and ``"``, and which has no children: every note our writer writes but
those with named values. :func:`scan` recognises a batch made only of plain notes (with XML
white space between them) in its serialization, else says no, and the loader reads the batch
the plain way (:meth:`~.reader.NoteReader.note` per element).

Checking such a batch against the schema comes down to two things (an element's validity is
that of each of its attributes, and the content between them is white space): each form met
is checked whole once, on the first element that has it (the loader validates that batch the
plain way, see :class:`Forms`), and the batch's onsets are checked together as one list of the
schema's own ``time`` type (:func:`onsets_valid`). Whenever either says no, the loader checks
and reads the batch the plain way, so every error is the schema's or the model's own message
at its element's line. tests/document/test_loader.py checks both ways agree.

>>> text = ' <note at="3/8" period="1/8" step="C" octave="4"/>\\n <rest at="1/2" period="1/4"/>'
>>> parts = scan(text + '\\n', 2, True)
>>> parts[1:6]
['note', '3/8', '3', '8', ' period="1/8" step="C" octave="4"']
>>> onsets_valid(parts[2::STEP]), onsets_valid(["1/0"])
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lxml import etree

from ..note import Note, make_note
from ..score import Voice
from ..time import fraction
from .reader import CACHED, NoteFields, NoteReader, schema, schema_document

#: A plain note in lxml's serialization: its tag, its onset's text, numerator and denominator,
#: and the text of its other attributes (the key of its form).
PLAIN = re.compile(r'<(note|rest) at="(([0-9]+)(?:/([0-9]+))?)"((?: [a-z][a-z-]*="[^"&<]*")*)/>')
#: The items :func:`scan` gives a note: the text before it, then :data:`PLAIN`'s groups.
STEP = 6
#: XML's white space (not Python's: ``str.isspace`` says yes to more).
_SPACE = " \t\n\r"
#: How many distinct forms a load keeps read, per number of staves.
_FORMS = 1 << 16

_XS = "{http://www.w3.org/2001/XMLSchema}"
_ONSETS = "scoreframe-onsets"


def scan(body: str, count: int, final: bool) -> list[str] | None:
    """The split of ``body`` (the serialized children of a voice, from its text on) for its
    first ``count`` children when each is a plain note, else None: white space, then a note's
    :data:`PLAIN` groups, :data:`STEP` items a note, and last what follows. ``final``: the
    voice has ended, so nothing but white space may follow."""
    parts = PLAIN.split(body, count)
    if len(parts) != STEP * count + 1 or "".join(parts[: STEP * count : STEP]).strip(_SPACE):
        return None
    tail = parts[-1] if final else parts[-1].partition("<")[0]  # up to the next child
    return None if tail.strip(_SPACE) else parts


@lru_cache(maxsize=1)
def _onsets_schema() -> etree.XMLSchema:
    """The native schema and one more element, a list of its ``time`` type (the type of every
    note's and rest's ``at``), to check a batch's onsets in one call."""
    document = schema_document()
    element = etree.SubElement(document, f"{_XS}element", name=_ONSETS)
    etree.SubElement(etree.SubElement(element, f"{_XS}simpleType"), f"{_XS}list", itemType="time")
    return etree.XMLSchema(document)


def onsets_valid(texts: list[str]) -> bool:
    """Whether each of ``texts`` (no white space in any: :data:`PLAIN` made sure) is a valid
    ``time`` as the schema says."""
    element = etree.Element(_ONSETS)
    element.text = " ".join(texts)
    return _onsets_schema().validate(element)


#: The template a section is checked in: a score with one part and one voice, the voice
#: holding ``{}`` (its contents).
TEMPLATE = (
    '<score version="1"><meters><meter at="0" numerator="4" denominator="4"/></meters>'
    '<keys/><contours/><part name="t"><voice name="t" number="1" staff="1">{}</voice></part>'
    "</score>"
)


class Refused(Exception):
    """A new form of note the schema refuses (the plain way says where)."""


def _checked(texts: list[str]) -> list[etree._Element]:
    """Elements made from the serialized plain notes ``texts``, checked against the schema in
    the template's voice; :class:`Refused` if one is not valid."""
    document = etree.fromstring(TEMPLATE.format("".join(texts)))
    if not schema().validate(document):
        raise Refused
    voice = document[-1][0]
    return list(voice)


class Forms:
    """The fields of each form of note met and checked in this load, by staves of its part
    (a note's staff is checked against them), tag and attribute text; and the building of a
    scanned batch's notes from them."""

    def __init__(self, reader: NoteReader) -> None:
        self.reader = reader
        self._forms: dict[int, dict[str, dict[str, NoteFields]]] = {}

    def notes(self, voice: Voice, parts: list[str], count: int) -> list[Note]:
        """The notes of the first ``count`` scanned (:func:`scan`) in ``parts``, for
        ``voice``, their onsets checked already (:func:`onsets_valid`). Each form not met yet
        is checked (:class:`Refused`) and read from an element made from its text."""
        staves = voice.part.staves
        forms = self._forms.get(staves) or self._forms.setdefault(staves, {"note": {}, "rest": {}})
        made: list[Any] = []
        times, new = self.reader._times, []
        add, stop = made.append, STEP * count
        items = zip(  # noqa: B905  # the slices are of one length
            parts[1:stop:STEP],
            parts[2:stop:STEP],
            parts[3:stop:STEP],
            parts[4:stop:STEP],
            parts[5:stop:STEP],
        )
        for index, (tag, text, numerator, denominator, rest) in enumerate(items):
            onset = times.get(text)
            if onset is None:
                onset = fraction(int(numerator), int(denominator) if denominator else 1)
                if len(times) < CACHED:
                    times[text] = onset
            fields = forms[tag].get(rest)
            if fields is None:
                new.append((index, tag, rest))
                add(onset)  # for now
            else:
                add(make_note(onset, *fields))
        if new:
            self._read(voice, made, new)
        return made

    def _read(self, voice: Voice, made: list[Any], new: list[tuple[int, str, str]]) -> None:
        """Check the new forms, then read each (``made`` holds their notes' onsets)."""
        texts = [f'<{tag} at="{made[index]}"{rest}/>' for index, tag, rest in new]
        forms = self._forms[voice.part.staves]
        for (index, tag, rest), node in zip(new, _checked(texts), strict=True):
            onset = made[index]
            fields = forms[tag].get(rest)
            if fields is None:
                fields = self.reader.fields(voice, node, onset)
                if len(forms[tag]) < _FORMS:
                    forms[tag][rest] = fields
            made[index] = make_note(onset, *fields)
