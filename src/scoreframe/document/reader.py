"""Read ``*.score.xml`` documents: validated against ``schemas/score.xsd`` first, then built into
a :class:`~scoreframe.score.Score`. Any failure raises :class:`DocumentError` naming the file
and line; no half-loaded score is ever returned.

>>> doc = b'''<score version="1" title="Solo"><meters><meter at="0" numerator="3"
... denominator="4"/></meters><keys/><contours/><part name="Oboe"><voice name="Ob" number="1"
... staff="1"><note at="0" period="3/4" step="A" octave="4"/></voice></part></score>'''
>>> s = loads(doc)
>>> s.title, str(s.parts[0].voices[0].notes[0].pitch), s.meters.meter_at(Fraction(0)).numerator
('Solo', 'A4', 3)
>>> loads(b'<score version="1"><keys/></score>', "x.score.xml")
Traceback (most recent call last):
...
scoreframe.errors.DocumentError: x.score.xml line 1: Element 'keys': This element is not ...
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

from ..contour import Curve, Real
from ..errors import DocumentError, FileReadError, ScoreframeError
from ..meter import Key, Meter, Mode
from ..note import Articulation, ExtraValue, as_articulation, make_note
from ..pitch import Pitch
from ..reading import read_file
from ..score import Part, Score, Voice
from ..settings import DEFAULT_A4, DEFAULT_STAFF, DEFAULT_TEMPO_BEAT, PartSettings
from ..time import fraction
from . import notation

__all__ = ["check", "load", "loads", "schema"]


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The native format's schema, shipped in the package (``schemas/score.xsd``)."""
    return etree.XMLSchema(schema_document())


def schema_document() -> etree._Element:
    """The schema's document, parsed afresh (``schemas/score.xsd``)."""
    text = resources.files("scoreframe").joinpath("schemas/score.xsd").read_bytes()
    return etree.fromstring(text, _parser())


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=True)


def load(path: str | os.PathLike[str]) -> Score:
    """Read and build the document at ``path``."""
    try:
        data = read_file(path)
    except FileReadError as error:
        raise DocumentError(str(error)) from None
    return loads(data, str(path))


def check(path: str | os.PathLike[str]) -> None:
    """Read the document (checked against the schema) and check the rules of the model."""
    load(path).validate()


def loads(data: bytes | str, source: str = "<string>") -> Score:
    """Read and build a document from its bytes (``source`` names it in messages): read as a
    stream, each section checked against the schema before it is built (see
    :mod:`.loader`)."""
    from .loader import Loader

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Loader(source).load(raw)


#: The errors building from an element may raise: each is tied to the element's line.
LOCATED_ERRORS = (ScoreframeError, ValueError, KeyError)


class Located(Exception):
    """A model error raised while building, with the line of the element being built."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line


@contextmanager
def located(node: etree._Element) -> Iterator[None]:
    """Tie any model error raised inside to ``node``'s line (the innermost node wins)."""
    try:
        yield
    except Located:
        raise
    except LOCATED_ERRORS as error:
        line = node.sourceline
        raise Located(line if isinstance(line, int) else None, str(error)) from None


def build_head(root: etree._Element) -> Score:
    """The score from the document's root and its meters, keys and contours."""
    with located(root):
        a4, beat = root.get("a4"), root.get("tempo-beat")
        score = Score(
            root.get("title", ""),
            root.get("composer", ""),
            a4=DEFAULT_A4 if a4 is None else float(a4),
            tempo_beat=DEFAULT_TEMPO_BEAT if beat is None else Fraction(beat),
        )
    _meters(score, root.find("meters"))
    for node in root.iterfind("keys/key"):
        with located(node):
            score.key(
                Key(int(node.get("fifths", "0")), Mode(node.get("mode"))),
                at=Fraction(node.get("at", "0")),
            )
    _contours(score.contour, root.find("contours"))
    with located(root):
        notation.read_score(score, root)
    return score


def _meters(score: Score | Part, element: etree._Element | None) -> None:
    meters = [] if element is None else list(element.iterfind("meter"))
    for index, node in enumerate(meters):
        with located(node):
            _meter(score, node, element if index == 0 else None)
    for node in [] if element is None else element.iterfind("irregular"):
        with located(node):
            score.irregular_bar(int(node.get("bar", "0")), Fraction(node.get("length", "0")))


def _meter(score: Score | Part, node: etree._Element, first: etree._Element | None) -> None:
    groups = tuple(int(g) for g in (node.get("groups") or "").split())
    meter = Meter(
        int(node.get("numerator", "4")),
        int(node.get("denominator", "4")),
        groups,
        node.get("symbol", ""),
        node.get("additive") in ("true", "1"),
    )
    score.meter(meter, at=Fraction(node.get("at", "0")))
    pickup = first.get("pickup") if first is not None else None
    if pickup and isinstance(score, Score):
        score.pickup(Fraction(pickup))
    elif pickup and isinstance(score, Part) and score.meters is not None:
        score.meters.set_pickup(Fraction(pickup))


def _value(text: str) -> Real:
    return float(text[1:]) if text.startswith("~") else Fraction(text)


def _contours(make: Callable[[str], Any], element: etree._Element | None) -> None:
    if element is None:
        return
    for node in element.iterfind("contour"):
        with located(node):
            contour = make(node.get("name", ""))
            contour.default_curve = Curve(node.get("curve"))
        for seg in node.iterfind("segment"):
            end = seg.get("end")
            with located(seg):
                period = seg.get("period")
                contour.restore(
                    Fraction(seg.get("start", "0")),
                    None if end is None else Fraction(end),
                    _value(seg.get("origin", "0")),
                    _value(seg.get("goal", "0")),
                    Curve(seg.get("curve")),
                    None if period is None else Fraction(period),
                    _value(seg.get("phase", "0")),
                )


def build_part(score: Score, element: etree._Element) -> Part:
    """A part from its element's attributes and contours (its voices come one by one)."""
    with located(element):
        options = _part_options(element)
        part = score.part(element.get("name", ""), **options)
    if element.find("meters") is not None:
        _meters(part, element.find("meters"))
    _contours(part.contour, element.find("contours"))
    with located(element):
        notation.read_part(part, element)
    return part


def _part_options(element: etree._Element) -> dict[str, Any]:
    """The part's settings: each attribute given, the defaults of the rest left to the model
    (:class:`~scoreframe.settings.PartSettings`)."""
    options: dict[str, Any] = {}
    for name in PartSettings.names():
        text = element.get(name.replace("_", "-"))
        if text is None:
            continue
        options[name] = _SETTING_READERS.get(name, str)(text)
    if options.get("instrument") is not None and element.get("instrument-type") == "number":
        options["instrument"] = int(options["instrument"])
    return options


# How each part setting is read from its attribute (text otherwise; a table).
_SETTING_READERS: dict[str, Callable[[str], Any]] = {
    "program": int,
    "channel": int,
    "bank": int,
    "staves": int,
    "bend_range": int,
    "percussion": lambda text: text in ("true", "1"),
    "clefs": str.split,
    "pfields": str.split,
}


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def build_voice(part: Part, element: etree._Element) -> Voice:
    """A voice from its element's attributes and contours (its notes come in batches)."""
    with located(element):
        voice = part.voice(
            element.get("name"),
            staff=int(element.get("staff", str(DEFAULT_STAFF))),
            number=int(element.get("number", "1")),
            channel=_int(element.get("channel")),
            track=element.get("track"),
        )
    _contours(voice.contour, element.find("contours"))
    with located(element):
        notation.read_voice(voice, element)
    return voice


_NO_MARKS: frozenset[Articulation] = frozenset()

#: A note's fields after its onset, in :class:`~scoreframe.note.Note`'s order.
NoteFields = tuple[
    Fraction,
    Fraction,
    Pitch | None,
    bool,
    int | None,
    frozenset[Articulation],
    int | None,
    tuple[tuple[str, ExtraValue], ...],
]


class NoteReader:
    """Builds notes from their elements into voices, reading each distinct text once (the
    hot path of loading a large document: a million notes share a few hundred lengths and
    pitches). Each note is made whole from values checked as :meth:`Voice.note` checks them
    (the schema has checked the forms: a length's text is a fraction, a velocity 1..127),
    each distinct text once, and appended in one step (:meth:`Voice._add`)."""

    def __init__(self) -> None:
        self._times: dict[str, Fraction] = {}
        self._lengths: dict[tuple[str, str], Fraction] = {}
        self._pitches: dict[tuple[str | None, ...], Pitch] = {}
        self._marks: dict[str, frozenset[Articulation]] = {}
        self._staves: dict[tuple[str, int], int] = {}

    def time(self, text: str) -> Fraction:
        """A time or length: ``"3/8"``, ``"2"`` (the schema checked the form)."""
        value = self._times.get(text)
        if value is None:
            numerator, _, denominator = text.partition("/")
            value = fraction(int(numerator), int(denominator) if denominator else 1)
            if len(self._times) < CACHED:
                self._times[text] = value
        return value

    def _length(self, voice: Voice, text: str, onset: Fraction, what: str) -> Fraction:
        """A period or a duration, checked once per text as the voice checks it."""
        key = (text, what)
        value = self._lengths.get(key)
        if value is None:
            value = voice._length(self.time(text), onset, what)
            if len(self._lengths) < CACHED:
                self._lengths[key] = value
        return value

    def note(self, voice: Voice, node: etree._Element) -> None:
        """Build the note (or rest) of ``node`` and append it to ``voice``."""
        at = self.time(node.get("at", "0"))
        voice._add(make_note(at, *self.fields(voice, node, at)))

    def fields(self, voice: Voice, node: etree._Element, at: Fraction) -> NoteFields:
        """The fields of the note of ``node`` after its onset ``at`` (which only places an
        error): the one reading of a note element, used by :mod:`.batch` for each distinct
        form of note once."""
        get = node.get
        period_text = get("period", "0")
        period = self._lengths.get((period_text, "period")) or self._length(
            voice, period_text, at, "period"
        )
        if node.tag == "rest":
            return (period, period, None, False, None, _NO_MARKS, None, ())
        spelled = (get("step"), get("alter"), get("octave"), get("cents"))
        pitch = self._pitches.get(spelled)
        if pitch is None:
            pitch = self._pitches[spelled] = Pitch(
                spelled[0] or "C",
                Fraction(spelled[1] or "0"),
                int(spelled[2] or "4"),
                Fraction(spelled[3] or "0"),
            )
        duration, velocity, staff = get("duration"), get("velocity"), get("staff")
        marks, tie = get("articulations"), get("tie")
        return (
            period,
            period if duration is None else self._length(voice, duration, at, "duration"),
            pitch,
            tie == "true" or tie == "1",
            None if velocity is None else int(velocity),
            self._articulations(marks) if marks else _NO_MARKS,
            None if staff is None else self._staff(voice, staff, at),
            tuple(sorted({v.get("name", ""): _extra(v) for v in node.iterfind("value")}.items()))
            if len(node)
            else (),
        )

    def _articulations(self, text: str) -> frozenset[Articulation]:
        found = self._marks.get(text)
        if found is None:
            found = self._marks[text] = frozenset(map(as_articulation, text.split()))
        return found

    def _staff(self, voice: Voice, text: str, at: Fraction) -> int:
        """The note's staff, one of its part's (checked once per text and part)."""
        staves = voice.part.staves
        found = self._staves.get((text, staves))
        if found is None:
            found = int(text)
            voice._check(at, None, found)
            self._staves[text, staves] = found
        return found


#: How many distinct time texts a load keeps parsed (onsets are mostly distinct: not all).
CACHED = 1 << 16


_EXTRA: dict[str, Callable[[str], ExtraValue]] = {
    "int": int,
    "float": float,
    "fraction": Fraction,
    "str": str,
}


def _extra(element: etree._Element) -> ExtraValue:
    return _EXTRA[element.get("type", "str")](element.text or "")
