"""What a voice's notes show besides their rhythm and pitch: slurs (numbered, nested), lyrics
(``<lyric number>`` per verse, syllabic, extenders), grace notes before the main note (no
duration, beamed as a group), and the articulations, ornaments and technical marks of
:class:`~scoreframe.note.Articulation` that :mod:`.notes` leaves to this module.

A :class:`NoteMarks` per voice decorates each note element the measure writer makes: it
copies the element first (the note builder shares its elements between equal notes) and adds
``<notations>`` children and ``<lyric>``s after everything else, as the schema orders them.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V")
>>> a = v.note("C5", "1/4", lyric="Ky-"); b = v.note("D5", "1/4", lyric="rie"); v.slur(a, b)
>>> tree = sf.musicxml.to_tree(s, date="2026-01-01")
>>> [s.get("type") for s in tree.iter("slur")], [t.text for t in tree.iter("text")]
(['start', 'stop'], ['Ky', 'rie'])
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from lxml import etree

from ..notation import Grace, Slur, VoiceNotation, syllabics
from ..note import Articulation, Note
from ..pitch import Pitch, key_scale
from ..score import Voice
from .notes import PieceContext
from .pitches import ACCIDENTAL_NAMES, pitch_element

_SubElement = etree.SubElement
_copy: Callable[[etree._Element], etree._Element] = etree._Element.__copy__  # type: ignore[attr-defined]

# Marks drawn at a note's start (the articulations :mod:`.notes` does not draw): the MusicXML
# group each goes in and its element (a table).
MARKS: dict[Articulation, tuple[str, str]] = {
    Articulation.SPICCATO: ("articulations", "spiccato"),
    Articulation.STRESS: ("articulations", "stress"),
    Articulation.BREATH_MARK: ("articulations", "breath-mark"),
    Articulation.CAESURA: ("articulations", "caesura"),
    Articulation.TRILL: ("ornaments", "trill-mark"),
    Articulation.TRILL_SHARP: ("ornaments", "trill-mark"),
    Articulation.TRILL_FLAT: ("ornaments", "trill-mark"),
    Articulation.TRILL_NATURAL: ("ornaments", "trill-mark"),
    Articulation.MORDENT: ("ornaments", "mordent"),
    Articulation.TURN: ("ornaments", "turn"),
    Articulation.TREMOLO: ("ornaments", "tremolo"),
    Articulation.HARMONIC: ("technical", "harmonic"),
    Articulation.UP_BOW: ("technical", "up-bow"),
    Articulation.DOWN_BOW: ("technical", "down-bow"),
}
OWN_MARKS = frozenset(MARKS) | {Articulation.ARPEGGIATE}
# The accidental drawn with a trill (a table).
TRILL_ACCIDENTALS = {
    Articulation.TRILL_SHARP: "sharp",
    Articulation.TRILL_FLAT: "flat",
    Articulation.TRILL_NATURAL: "natural",
}
#: The strokes of a single-note tremolo.
TREMOLO_STROKES = 3


def slur_numbers(slurs: list[Slur]) -> list[int]:
    """A number (1 up) for each slur: the lowest not held by a slur still open where it
    starts, so nested and overlapping slurs are told apart.

    >>> f = Fraction
    >>> slur_numbers([Slur(f(0), f(1)), Slur(f(0), f(1, 4)), Slur(f(1, 2), f(1))])
    [1, 2, 2]
    """
    order = sorted(range(len(slurs)), key=lambda i: (slurs[i].start, -slurs[i].stop))
    numbers = [0] * len(slurs)
    open_: list[tuple[Fraction, int]] = []
    for i in order:
        slur = slurs[i]
        open_ = [(stop, n) for stop, n in open_ if stop > slur.start]
        held = {n for _, n in open_}
        number = next(n for n in range(1, len(slurs) + 2) if n not in held)
        numbers[i] = number
        open_.append((slur.stop, number))
    return numbers


class NoteMarks:
    """The marks of one voice's notes, by onset, and the elements that draw them."""

    def __init__(
        self, voice: Voice, written: Callable[[Pitch], Pitch], fifths: Callable[[Fraction], int]
    ) -> None:
        marks = voice._notation or VoiceNotation()
        self.starts: dict[Fraction, list[int]] = {}
        self.stops: dict[Fraction, list[int]] = {}
        for slur, number in zip(marks.slurs, slur_numbers(marks.slurs), strict=True):
            self.starts.setdefault(slur.start, []).append(number)
            self.stops.setdefault(slur.stop, []).append(number)
        self.lyrics: dict[Fraction, list[tuple[int, str, str, bool]]] = {}
        for verse in marks.verses():
            held = marks.verse(verse)
            for (onset, lyric), syllabic in zip(held, syllabics([h[1] for h in held]), strict=True):
                entry = (verse, syllabic, lyric.syllable, lyric.extend)
                self.lyrics.setdefault(onset, []).append(entry)
        self.graces = marks.graces
        self.written, self.fifths = written, fifths
        self.fingerings = {
            (t, written(pitch)): text for (t, pitch), text in marks.fingerings.items()
        }

    def decorate(
        self,
        element: etree._Element,
        note: Note,
        ctx: PieceContext,
        member: int,
        begins: bool = True,
    ) -> list[etree._Element]:
        """The elements to write for one note element: grace notes first, then the note with
        its slurs, lyrics and marks (a copy of ``element`` when anything is added).

        ``begins``: the note starts in this bar. A note cut into tied pieces shows its lyric,
        its marks and the slurs that start or stop on it on its first piece only (a slur that
        stops on a tied note ends at its first head, so the next slur may take its number)."""
        onset, first, lead = note.onset, ctx.first and begins, member == 0
        starts = self.starts.get(onset, ()) if first and lead else ()
        stops = self.stops.get(onset, ()) if first and lead else ()
        lyrics = self.lyrics.get(onset, ()) if first and lead else ()
        marks = note.articulations & OWN_MARKS if first and note.articulations else ()
        finger = None
        if first and self.fingerings and note.pitch is not None:
            finger = self.fingerings.get((onset, note.pitch))
        if not (starts or stops or lyrics or marks or finger):
            return [*self._graces(onset, ctx, first and lead), element]
        element = _copy(element)
        if starts or stops or marks or finger:
            notations = element.find("notations")
            if notations is None:
                notations = _SubElement(element, "notations")
            for number in stops:
                _SubElement(notations, "slur", type="stop", number=str(number))
            for number in starts:
                _SubElement(notations, "slur", type="start", number=str(number))
            _marks(notations, marks, lead)
            if finger is not None:  # on each chord note it belongs to, in its <technical>
                technical = notations.find("technical")
                if technical is None:
                    technical = _SubElement(notations, "technical")
                _SubElement(technical, "fingering").text = finger
        for verse, syllabic, text, extend in lyrics:
            lyric = _SubElement(element, "lyric", number=str(verse))
            _SubElement(lyric, "syllabic").text = syllabic
            _SubElement(lyric, "text").text = text
            if extend:
                _SubElement(lyric, "extend", type="start")
        return [*self._graces(onset, ctx, first and lead), element]

    def _graces(self, onset: Fraction, ctx: PieceContext, here: bool) -> list[etree._Element]:
        grace = self.graces.get(onset) if here else None
        if grace is None:
            return []
        return grace_elements(grace, ctx, self.written, self.fifths(onset))


def _marks(
    notations: etree._Element, marks: frozenset[Articulation] | tuple[()], lead: bool
) -> None:
    groups: dict[str, etree._Element] = {}
    for mark in sorted(marks, key=lambda m: m.value):
        if mark is Articulation.ARPEGGIATE:
            _SubElement(notations, "arpeggiate")
            continue
        if not lead:
            continue
        group_name, name = MARKS[mark]
        group = groups.get(group_name)
        if group is None:
            group = groups[group_name] = _SubElement(notations, group_name)
        node = _SubElement(group, name)
        if mark is Articulation.TREMOLO:
            node.set("type", "single")
            node.text = str(TREMOLO_STROKES)
        elif mark in TRILL_ACCIDENTALS:
            _SubElement(group, "accidental-mark").text = TRILL_ACCIDENTALS[mark]


def grace_elements(
    grace: Grace, ctx: PieceContext, written: Callable[[Pitch], Pitch], fifths: int
) -> list[etree._Element]:
    """The grace notes of a group: eighths alone, sixteenths beamed as a group; the
    accidentals shown against the key signature."""
    count = len(grace.pitches)
    key = dict(key_scale(fifths))
    out = []
    for i, sounding in enumerate(grace.pitches):
        pitch = written(sounding)
        note = etree.Element("note")
        grace_el = _SubElement(note, "grace")
        if grace.slash:
            grace_el.set("slash", "yes")
        note.append(pitch_element(pitch))
        _SubElement(note, "voice").text = str(ctx.voice)
        _SubElement(note, "type").text = "eighth" if count == 1 else "16th"
        if pitch.alter != key.get(pitch.step, 0) and pitch.alter in ACCIDENTAL_NAMES:
            _SubElement(note, "accidental").text = ACCIDENTAL_NAMES[pitch.alter]
        _SubElement(note, "stem").text = "up"
        if ctx.staff is not None:
            _SubElement(note, "staff").text = str(ctx.staff)
        if count > 1:
            state = "begin" if i == 0 else "end" if i == count - 1 else "continue"
            _SubElement(note, "beam", number="1").text = state
            _SubElement(note, "beam", number="2").text = state
        out.append(note)
    return out
