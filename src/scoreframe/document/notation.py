"""The notation of :mod:`scoreframe.notation` in the native format, both ways: the score's
title page and rehearsal marks, a part's ``<notation>`` (texts, clef changes, chord symbols,
dynamic marks), a voice's ``<notation>`` (lyrics, slurs, grace groups). Each is written in a
fixed order and read back to the same values.

>>> import scoreframe as sf
>>> from scoreframe.document import loads, to_bytes
>>> s = sf.Score(lyricist="W. Poet"); v = s.part("Voice").voice("V")
>>> a = v.note("C5", "1/4", lyric="Ky-"); b = v.note("D5", "1/4", lyric="rie"); v.slur(a, b)
>>> back = loads(to_bytes(s))
>>> back.lyricist, back.parts[0].voices[0].notation == v.notation
('W. Poet', True)
"""

from __future__ import annotations

from fractions import Fraction

from lxml import etree

from ..clef import as_clef
from ..notation import DynamicMark, Grace, Pedal, Placement, fingering_of
from ..pitch import Pitch
from ..score import Part, Score, Voice

_SubElement = etree.SubElement

#: The score's title-page texts (attributes of the root besides title and composer).
TITLE_PAGE = ("subtitle", "lyricist", "copyright")


def write_title_page(root: etree._Element, score: Score) -> None:
    for name in TITLE_PAGE:
        value = getattr(score, name)
        if value:
            root.set(name, value)


def write_rehearsals(root: etree._Element, score: Score) -> None:
    if not score.rehearsals:
        return
    element = _SubElement(root, "rehearsals")
    for mark in score.rehearsals:
        _SubElement(element, "rehearsal", at=str(mark.time), label=mark.label)


def write_part(parent: etree._Element, part: Part) -> None:
    """The part's ``<notation>``, if it has any (after its contours)."""
    marks = part.notation
    if not marks:
        return
    element = _SubElement(parent, "notation")
    for text in marks.texts:
        node = _SubElement(element, "text", at=str(text.time), text=text.text)
        if text.placement is not Placement.ABOVE:
            node.set("placement", text.placement.value)
        _staff(node, text.staff)
    for clef in marks.clefs:
        _staff(_SubElement(element, "clef", at=str(clef.time), clef=clef.clef.value), clef.staff)
    for harmony in marks.harmonies:
        _SubElement(element, "harmony", at=str(harmony.time), symbol=harmony.symbol)
    for pedal in marks.pedals:
        _SubElement(element, "pedal", at=str(pedal.time), release=str(pedal.release))
    for dynamic in marks.dynamics:
        node = _SubElement(element, "dynamic", at=str(dynamic.time), mark=dynamic.mark)
        _staff(node, dynamic.staff)


def _staff(node: etree._Element, staff: int) -> None:
    if staff != 1:
        node.set("staff", str(staff))


def write_voice(parent: etree._Element, voice: Voice) -> None:
    """The voice's ``<notation>``, if it has any (after its contours, before its notes)."""
    marks = voice._notation
    if not marks:
        return
    element = _SubElement(parent, "notation")
    for onset in sorted(marks.lyrics):
        for lyric in marks.lyrics[onset]:
            _SubElement(element, "lyric", at=str(onset), verse=str(lyric.verse), text=lyric.text)
    for slur in marks.slurs:
        _SubElement(element, "slur", {"from": str(slur.start), "to": str(slur.stop)})
    for onset in sorted(marks.graces):
        _grace(element, marks.graces[onset])
    for (onset, pitch), text in sorted(marks.fingerings.items(), key=lambda i: i[0][0]):
        node = _SubElement(element, "fingering", at=str(onset), text=text)
        _pitch_attributes(node, pitch)


def _pitch_attributes(node: etree._Element, pitch: Pitch) -> None:
    node.set("step", pitch.step)
    if pitch.alter:
        node.set("alter", str(pitch.alter))
    node.set("octave", str(pitch.octave))
    if pitch.cents:
        node.set("cents", str(pitch.cents))


def _grace(parent: etree._Element, grace: Grace) -> None:
    element = _SubElement(parent, "grace", at=str(grace.at))
    if grace.slash:
        element.set("slash", "true")
    if grace.length != Grace(grace.at, ()).length:
        element.set("length", str(grace.length))
    for pitch in grace.pitches:
        _pitch_attributes(_SubElement(element, "pitch"), pitch)


def read_score(score: Score, root: etree._Element) -> None:
    for name in TITLE_PAGE:
        setattr(score, name, root.get(name, ""))
    for node in root.iterfind("rehearsals/rehearsal"):
        score.rehearsal(node.get("label", ""), at=Fraction(node.get("at", "0")))


def read_part(part: Part, element: etree._Element) -> None:
    marks = part.notation
    for node in element.iterfind("notation/*"):
        at, staff = Fraction(node.get("at", "0")), int(node.get("staff", "1"))
        if node.tag == "text":
            part.text(
                node.get("text", ""), at=at, placement=node.get("placement", "above"), staff=staff
            )
        elif node.tag == "clef":
            part.clef(as_clef(node.get("clef", "")), at=at, staff=staff)
        elif node.tag == "harmony":
            part.harmony(node.get("symbol", ""), at=at)
        elif node.tag == "pedal":  # the marks only: CC 64 is in the contours already
            marks.pedals.append(Pedal(at, Fraction(node.get("release", "0"))))
        elif node.tag == "dynamic":  # the mark only: its velocity is in the contours already
            marks.dynamics.append(DynamicMark(at, node.get("mark", ""), staff))


def read_voice(voice: Voice, element: etree._Element) -> None:
    marks = voice.notation
    for node in element.iterfind("notation/*"):
        at = Fraction(node.get("at", node.get("from", "0")))
        if node.tag == "lyric":
            verse = int(node.get("verse", "1"))
            voice.lyric([""] * (verse - 1) + [node.get("text", "")], at=at)
        elif node.tag == "slur":
            voice.slur(at, Fraction(node.get("to", "0")))
        elif node.tag == "grace":
            pitches = tuple(_pitch(p) for p in node.iterfind("pitch"))
            length = node.get("length")
            slash = node.get("slash") in ("true", "1")
            voice.grace(pitches, slash=slash, at=at, length=length and Fraction(length))
        elif node.tag == "fingering":
            _finger(voice, at, _pitch(node), node.get("text", ""))
    if not marks:
        voice._notation = None


def _finger(voice: Voice, at: Fraction, pitch: Pitch, text: str) -> None:
    """A fingering on the voice's note of ``pitch`` at ``at`` (that the note is there is
    checked by ``validate``, as for lyrics)."""
    voice.notation.fingerings[(at, pitch)] = fingering_of(text, voice._at_place(at))


def _pitch(node: etree._Element) -> Pitch:
    return Pitch(
        node.get("step", "C"),
        Fraction(node.get("alter", "0")),
        int(node.get("octave", "4")),
        Fraction(node.get("cents", "0")),
    )
