"""Write a score as a ``*.score.xml`` document (see ``schemas/score.xsd``): everything the model
holds, exactly, in a fixed order, so the same score always gives the same bytes.

>>> import scoreframe as sf
>>> s = sf.Score(title="Duo"); _ = s.part("Flute", program=74).voice("Fl").note("C#5", "3/8")
>>> print(to_bytes(s).decode().splitlines()[-4].strip())
<note at="0" period="3/8" step="C" alter="1" octave="5"/>
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TypedDict, Unpack

from lxml import etree

from ..contour import Contour, Real
from ..errors import DocumentError, ScoreValueError
from ..formats import atomic_write
from ..meter import MeterMap
from ..note import ExtraValue, Note
from ..options import options_of
from ..score import Part, Score, Voice
from ..settings import DEFAULT_A4, DEFAULT_PART, DEFAULT_TEMPO_BEAT, PartSettings, check_text
from . import notation

VERSION = "1"
_SubElement = etree.SubElement


def _text(value: str, what: str) -> str:
    """``value``, or a :class:`DocumentError` saying which text XML cannot hold (the rule of
    :func:`scoreframe.settings.check_text`; the model checks its names and titles already,
    so this meets only a named value's text)."""
    try:
        return check_text(value, what)
    except ScoreValueError as error:
        raise DocumentError(str(error)) from None


def fraction_text(value: Fraction) -> str:
    """``3/8``, ``2``."""
    return str(value)


def value_text(value: Real) -> str:
    """An exact value as a fraction; a float as ``~`` and its shortest exact repr."""
    if isinstance(value, float):
        return "~" + repr(value)
    return str(Fraction(value))


def _extra(parent: etree._Element, name: str, value: ExtraValue) -> None:
    kind = {int: "int", float: "float", Fraction: "fraction", str: "str"}[type(value)]
    element = _SubElement(parent, "value", name=name, type=kind)
    text = repr(value) if isinstance(value, float) else str(value)
    element.text = _text(text, f"named value {name!r}")


def _contours(parent: etree._Element, contours: dict[str, Contour], always: bool) -> None:
    if not contours and not always:
        return
    element = _SubElement(parent, "contours")
    for name in sorted(contours):
        contour = contours[name]
        node = _SubElement(element, "contour", name=name, curve=contour.default_curve.value)
        for segment in contour.stored_segments:
            seg = _SubElement(node, "segment", start=fraction_text(segment.start))
            if segment.end is not None:
                seg.set("end", fraction_text(segment.end))
            seg.set("origin", value_text(segment.origin))
            seg.set("goal", value_text(segment.goal))
            seg.set("curve", segment.curve.value)
            if segment.period is not None:
                seg.set("period", fraction_text(segment.period))
            if segment.phase:
                seg.set("phase", value_text(segment.phase))


def note_attributes(note: Note) -> list[tuple[str, str]]:
    """The attributes of a note's (or rest's) element, in the order they are written: the one
    place a note's form in the document is decided."""
    onset, period = fraction_text(note.onset), fraction_text(note.period)
    pitch = note.pitch
    if pitch is None:
        return [("at", onset), ("period", period)]
    out = [("at", onset), ("period", period)]
    if note.duration != note.period:
        out.append(("duration", fraction_text(note.duration)))
    out.append(("step", pitch.step))
    if pitch.alter:
        out.append(("alter", fraction_text(pitch.alter)))
    out.append(("octave", str(pitch.octave)))
    if pitch.cents:
        out.append(("cents", fraction_text(pitch.cents)))
    if note.tie:
        out.append(("tie", "true"))
    if note.velocity is not None:
        out.append(("velocity", str(note.velocity)))
    if note.staff is not None:
        out.append(("staff", str(note.staff)))
    if note.articulations:
        out.append(("articulations", " ".join(sorted(a.name.lower() for a in note.articulations))))
    return out


def _note(parent: etree._Element, note: Note) -> None:
    element = _SubElement(parent, "rest" if note.pitch is None else "note")
    for name, text in note_attributes(note):
        element.set(name, text)
    for name, value in note.values:
        _extra(element, name, value)


def _note_line(note: Note, indent: str) -> str:
    """A note without named values as one line of the document, as the serializer would
    write its element (its attribute values are numbers, letters and names: nothing to
    escape). Writing these directly keeps a million notes out of the element tree."""
    tag = "<rest" if note.pitch is None else "<note"
    attributes = "".join(f' {name}="{value}"' for name, value in note_attributes(note))
    return f"{indent}{tag}{attributes}/>\n"


def _voice(parent: etree._Element, voice: Voice, runs: list[list[Note]]) -> None:
    """The voice's element: its contours, its notes with named values as elements, and each run
    of other notes as a placeholder that :func:`to_bytes` replaces by their lines."""
    element = _SubElement(
        parent,
        "voice",
        name=_text(voice.name, "voice name"),
        number=str(voice.number),
        staff=str(voice.staff),
    )
    if voice.channel is not None:
        element.set("channel", str(voice.channel))
    if voice.track is not None:
        element.set("track", _text(voice.track, "track name"))
    _contours(element, voice.contours, False)
    notation.write_voice(element, voice)
    run: list[Note] = []
    for note in voice.notes:
        if not note.values:
            run.append(note)
            continue
        if run:
            _placeholder(element, runs, run)
            run = []
        _note(element, note)
    if run:
        _placeholder(element, runs, run)


def _placeholder(parent: etree._Element, runs: list[list[Note]], run: list[Note]) -> None:
    _SubElement(parent, _RUN, index=str(len(runs)))
    runs.append(run)


def _part(parent: etree._Element, part: Part, runs: list[list[Note]]) -> None:
    element = _SubElement(parent, "part", name=_text(part.name, "part name"))
    if part.meters is not None:
        _meters(element, part.meters)
    settings = part.settings
    for name in PartSettings.names():  # what differs from the defaults, in the table's order
        value = getattr(settings, name)
        if value == getattr(DEFAULT_PART, name):
            continue
        attribute = name.replace("_", "-")
        if name in ("clefs", "pfields"):
            text = " ".join(getattr(v, "value", v) for v in value)
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = _text(str(value), name)
        element.set(attribute, text)
        if name == "instrument":
            element.set("instrument-type", "name" if isinstance(value, str) else "number")
    _contours(element, part.contours, False)
    notation.write_part(element, part)
    for voice in part.voices:
        _voice(element, voice, runs)


def _meters(parent: etree._Element, meters: MeterMap) -> None:
    element = _SubElement(parent, "meters")
    if meters.pickup:
        element.set("pickup", fraction_text(meters.pickup))
    for time, meter in meters.changes:
        node = _SubElement(
            element,
            "meter",
            at=fraction_text(time),
            numerator=str(meter.numerator),
            denominator=str(meter.denominator),
        )
        node.set("groups", " ".join(map(str, meter.groups)))
        if meter.symbol:
            node.set("symbol", meter.symbol)
        if meter.additive:
            node.set("additive", "true")
    for bar, length in meters.irregular.items():
        _SubElement(element, "irregular", bar=str(bar), length=fraction_text(length))


def _skeleton(score: Score, runs: list[list[Note]]) -> etree._Element:
    """The document as an element tree, with placeholders where runs of notes go."""
    root = etree.Element("score", version=VERSION)
    if score.title:
        root.set("title", _text(score.title, "title"))
    if score.composer:
        root.set("composer", _text(score.composer, "composer"))
    notation.write_title_page(root, score)
    if score.a4 != DEFAULT_A4:
        root.set("a4", repr(score.a4))
    if score.tempo_beat != DEFAULT_TEMPO_BEAT:
        root.set("tempo-beat", fraction_text(score.tempo_beat))
    _meters(root, score.meters)
    keys = _SubElement(root, "keys")
    for time, key in score.keys.changes:
        _SubElement(
            keys, "key", at=fraction_text(time), fifths=str(key.fifths), mode=key.mode.value
        )
    _contours(root, score.contours, True)
    notation.write_rehearsals(root, score)
    for part in score.parts:
        _part(root, part, runs)
    return root


_RUN = "scoreframe-notes"
_PLACEHOLDER = re.compile(rb'( *)<scoreframe-notes index="(\d+)"/>\n')


def to_bytes(score: Score) -> bytes:
    """The document's bytes (UTF-8, indented): the tree serialized once, the notes written as
    lines where their placeholders stand (so a large score is never a large tree)."""
    runs: list[list[Note]] = []
    text = etree.tostring(
        _skeleton(score, runs), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    pieces: list[bytes] = []
    last = 0
    for found in _PLACEHOLDER.finditer(text):
        pieces.append(text[last : found.start()])
        indent = found.group(1).decode()
        lines = [_note_line(note, indent) for note in runs[int(found.group(2))]]
        pieces.append("".join(lines).encode())
        last = found.end()
    pieces.append(text[last:])
    return b"".join(pieces)


def to_tree(score: Score) -> etree._ElementTree:
    """The document as an lxml tree."""
    return etree.ElementTree(etree.fromstring(to_bytes(score)))


class NoOptions(TypedDict, total=False):
    """The native format's writer takes no options."""


@dataclass(frozen=True, slots=True)
class DocumentOptions:
    """The options of the native format's writer: none (everything is kept, exactly)."""


def write(score: Score, path: str | os.PathLike[str], **options: Unpack[NoOptions]) -> Path:
    """Write the document atomically (never half written)."""
    options_of(DocumentOptions, options, ".score.xml")
    return atomic_write(Path(path), to_bytes(score))
