"""``<note>`` elements for one written piece: a rest, a note or each member of a chord.

The children follow the schema's order (a table): chord, pitch or rest, duration, tie, voice,
type, dot, accidental, time-modification, stem, staff, beam, notations. Ties are written as
``<tie>`` (playback) and ``<tied>`` (drawing) on every chord member; tuplet brackets, beams,
articulations and fermatas (:mod:`.marks`) go on the first member only. A percussion part's
note is ``<unpitched>`` at its drum's place, with its ``<instrument>`` and notehead.

A score repeats its notes: :class:`NoteElements` builds each distinct element once, keyed by
everything the builders read, and writes copies of it after that (lxml copies a subtree much
faster than it builds one).

>>> from scoreframe.musicxml.values import NoteType, NoteValue
>>> from scoreframe.musicxml.splitting import Piece
>>> quarter = Piece(0, 0, 1, 4, NoteValue(NoteType.QUARTER), rest=True)  # ticks of a quarter
>>> el = rest_element(quarter, PieceContext(duration=2, voice=1, staff=None, stem=None))
>>> etree.tostring(el).decode()
'<note><rest/><duration>2</duration><voice>1</voice><type>quarter</type></note>'
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import ExportError
from ..note import Note
from .beams import BeamMark
from .drums import Drum
from .pitches import pitch_element
from .splitting import Piece
from .stream import printed
from .values import TimeModification, TupletMark

_SubElement = etree.SubElement
_copy: Callable[[etree._Element], etree._Element] = etree._Element.__copy__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class NoteLook:
    """What one chord member shows besides its pitch and rhythm: its articulation elements
    and fermata (:mod:`.marks`: the first member only), its drum (a percussion part's unpitched
    note) and whether its cents go into ``<alter>``."""

    marks: tuple[str, ...] = ()
    fermata: bool = False
    drum: Drum | None = None
    cents_in_alter: bool = False
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # looks key the element cache for every note: hash them once
        object.__setattr__(
            self, "_hash", hash((self.marks, self.fermata, self.drum, self.cents_in_alter))
        )

    def __hash__(self) -> int:
        return self._hash


PLAIN = NoteLook()
"""A note with no marks, pitched, cents left out of ``<alter>``."""


@dataclass(frozen=True, slots=True)
class PieceContext:
    """What a piece's notes share: duration in divisions, voice, staff, stem, beams."""

    duration: int
    voice: int
    staff: int | None
    stem: str | None
    beams: tuple[BeamMark, ...] = ()
    first: bool = True  # the first piece of its event
    last: bool = True  # the last piece of its event
    part: str = "P1"  # the part's id (drums name their instrument by it)


def rest_element(piece: Piece, ctx: PieceContext, hidden: bool = False) -> etree._Element:
    """A rest (a whole-measure rest has ``measure="yes"`` and no type; ``hidden``: a voice
    with nothing to say here, ``print-object="no"``)."""
    note = etree.Element("note", {"print-object": "no"} if hidden else {})
    rest = _SubElement(note, "rest")
    if piece.measure_rest:
        rest.set("measure", "yes")
    _SubElement(note, "duration").text = str(ctx.duration)
    _SubElement(note, "voice").text = str(ctx.voice)
    _type_and_dots(note, piece)
    _time_modification(note, piece.time_modification)
    if ctx.staff is not None:
        _SubElement(note, "staff").text = str(ctx.staff)
    if piece.tuplet_starts or piece.tuplet_stops:
        _tuplets(_SubElement(note, "notations"), piece)
    return note


def note_element(
    note: Note,
    piece: Piece,
    ctx: PieceContext,
    *,
    member: int,
    tie: tuple[bool, bool],
    accidental: str | None,
    staff: int | None,
    look: NoteLook = PLAIN,
) -> etree._Element:
    """One note (``member`` > 0: a chord member after the first); ``tie`` is (stop, start)."""
    element = etree.Element("note")
    if member:
        _SubElement(element, "chord")
    if note.pitch is None:
        raise ExportError(f"a rest at {note.onset} was given as a chord member")
    drum = look.drum
    if drum is None:
        element.append(pitch_element(note.pitch, look.cents_in_alter))
    else:
        unpitched = _SubElement(element, "unpitched")
        _SubElement(unpitched, "display-step").text = drum.step
        _SubElement(unpitched, "display-octave").text = str(drum.octave)
        accidental = None
    _SubElement(element, "duration").text = str(ctx.duration)
    stop, start = tie
    if stop:
        _SubElement(element, "tie", type="stop")
    if start:
        _SubElement(element, "tie", type="start")
    if drum is not None:
        _SubElement(element, "instrument", id=drum_id(ctx.part, note.pitch.key_number))
    _SubElement(element, "voice").text = str(ctx.voice)
    _type_and_dots(element, piece)
    if accidental is not None:
        _SubElement(element, "accidental").text = accidental
    _time_modification(element, piece.time_modification)
    if ctx.stem is not None and piece.value is not None and piece.value.type.length < 1:
        _SubElement(element, "stem").text = ctx.stem
    if drum is not None and drum.notehead != "normal":
        _SubElement(element, "notehead").text = drum.notehead
    if staff is not None:
        _SubElement(element, "staff").text = str(staff)
    if member == 0:
        for mark in ctx.beams:
            _SubElement(element, "beam", number=str(mark.level)).text = mark.value.value
    _notations(element, piece, member, tie, look)
    return element


def _type_and_dots(note: etree._Element, piece: Piece) -> None:
    if piece.value is None:
        return
    _SubElement(note, "type").text = piece.value.type.value
    for _ in range(piece.value.dots):
        _SubElement(note, "dot")


def _time_modification(note: etree._Element, mod: TimeModification | None) -> None:
    if mod is None:
        return
    element = _SubElement(note, "time-modification")
    _SubElement(element, "actual-notes").text = str(mod.actual)
    _SubElement(element, "normal-notes").text = str(mod.normal)
    _SubElement(element, "normal-type").text = mod.normal_type.value


def drum_id(part: str, key: int) -> str:
    """The ``<score-instrument>`` id of the drum on MIDI ``key`` in part ``part`` (``P1``)."""
    return f"{part}-I{key + 1}"


def _notations(
    element: etree._Element,
    piece: Piece,
    member: int,
    tie: tuple[bool, bool],
    look: NoteLook,
) -> None:
    marks, fermata = look.marks, look.fermata
    tuplets = member == 0 and (piece.tuplet_starts or piece.tuplet_stops)
    if not (tie[0] or tie[1] or tuplets or marks or fermata):
        return
    notations = _SubElement(element, "notations")
    if tie[0]:
        _SubElement(notations, "tied", type="stop")
    if tie[1]:
        _SubElement(notations, "tied", type="start")
    if tuplets:
        _tuplets(notations, piece)
    if marks:
        articulations = _SubElement(notations, "articulations")
        for name in marks:
            _SubElement(articulations, name)
    if fermata:
        _SubElement(notations, "fermata", type="upright")


def _tuplets(notations: etree._Element, piece: Piece) -> None:
    for mark in piece.tuplet_starts:  # outermost first
        element = _SubElement(
            notations, "tuplet", type="start", number=str(mark.number), bracket="yes"
        )
        _tuplet_part(element, "tuplet-actual", mark.actual, mark)
        _tuplet_part(element, "tuplet-normal", mark.normal, mark)
    for mark in piece.tuplet_stops:  # innermost first
        _SubElement(notations, "tuplet", type="stop", number=str(mark.number))


def _tuplet_part(parent: etree._Element, name: str, count: int, mark: TupletMark) -> None:
    element = _SubElement(parent, name)
    _SubElement(element, "tuplet-number").text = str(count)
    _SubElement(element, "tuplet-type").text = mark.normal_type.value


_SHAPES: dict[Hashable, int] = {}  # a few hundred in practice: values, tuplets, beams


def piece_shape(piece: Piece, beams: tuple[BeamMark, ...], first: bool, last: bool) -> int:
    """A number for what the elements of a piece show besides its notes: its value, tuplet,
    beams and place in its event (equal shapes, equal numbers)."""
    value = piece.value
    written = None if value is None else (value.type.value, value.dots)
    marks = tuple((mark.level, mark.value.value) for mark in beams)
    key = (
        written,
        piece.rest,
        piece.measure_rest,
        piece.time_modification,
        piece.tuplet_starts,
        piece.tuplet_stops,
        marks,
        first,
        last,
    )
    return _SHAPES.setdefault(key, len(_SHAPES))


def _note_key(
    note: Note,
    member: int,
    tie: tuple[bool, bool],
    accidental: str | None,
    staff: int | None,
    look: NoteLook,
) -> Hashable:
    """What tells apart two note elements of one piece shape and context (:class:`NoteTable`):
    the rest of what :func:`note_element` reads."""
    return (note.pitch, member > 0, tie, accidental, staff, look)


class NoteTable:
    """The notes of one piece shape (:func:`piece_shape`) in one context, each distinct one
    built once: as an element (copied after that) and as its printed lines (:func:`.printed`).

    The key holds the rest of what :func:`note_element` reads: the note's pitch, whether it is
    a chord member after the first, its ties, accidental, staff and look. The first element of
    a key is returned itself (the writer puts it in the tree) and the later ones are copies of
    it, so nothing may change an element after it is made.
    """

    __slots__ = ("_made", "_printed", "ctx", "piece")

    def __init__(self, piece: Piece, ctx: PieceContext) -> None:
        self.piece = piece
        self.ctx = ctx
        self._made: dict[Hashable, etree._Element] = {}
        self._printed: dict[Hashable, bytes] = {}

    def element(
        self,
        note: Note,
        member: int,
        tie: tuple[bool, bool],
        accidental: str | None,
        staff: int | None,
        look: NoteLook = PLAIN,
    ) -> etree._Element:
        """:func:`note_element` of the table's piece and context, or a copy of the equal one
        made before."""
        key = _note_key(note, member, tie, accidental, staff, look)
        made = self._made.get(key)
        if made is not None:
            return _copy(made)
        return self._make(key, note, member, tie, accidental, staff, look)

    def text(
        self,
        note: Note,
        member: int,
        tie: tuple[bool, bool],
        accidental: str | None,
        staff: int | None,
        look: NoteLook = PLAIN,
    ) -> bytes:
        """The lines :meth:`element` prints as a child of a measure."""
        key = _note_key(note, member, tie, accidental, staff, look)
        found = self._printed.get(key)
        if found is None:
            made = self._made.get(key)
            if made is None:
                made = self._make(key, note, member, tie, accidental, staff, look)
            found = self._printed[key] = printed(made if made.getparent() is None else _copy(made))
        return found

    def _make(
        self,
        key: Hashable,
        note: Note,
        member: int,
        tie: tuple[bool, bool],
        accidental: str | None,
        staff: int | None,
        look: NoteLook,
    ) -> etree._Element:
        element = self._made[key] = note_element(
            note,
            self.piece,
            self.ctx,
            member=member,
            tie=tie,
            accidental=accidental,
            staff=staff,
            look=look,
        )
        return element


class NoteElements:
    """Note and rest elements, each distinct one built once and copied (or its printed lines
    reused) after that: a :class:`NoteTable` per piece shape and context.

    The keys hold everything :func:`note_element` and :func:`rest_element` read: the piece's
    shape (:func:`piece_shape`: value, tuplets, beams, first or last of its event), the
    context, and the note's pitch, ties, accidental, staff and look (articulations,
    fermata, drum, cents).
    """

    def __init__(self) -> None:
        self._tables: dict[Hashable, NoteTable] = {}
        self._rests: dict[Hashable, tuple[etree._Element, list[bytes]]] = {}

    def table(self, shape: int, piece: Piece, ctx: PieceContext) -> NoteTable:
        """The notes of pieces of ``shape`` (``piece`` is one of them) in ``ctx``."""
        key = (shape, ctx)
        found = self._tables.get(key)
        if found is None:
            found = self._tables[key] = NoteTable(piece, ctx)
        return found

    def note(
        self,
        shape: int,
        note: Note,
        piece: Piece,
        ctx: PieceContext,
        member: int,
        tie: tuple[bool, bool],
        accidental: str | None,
        staff: int | None,
        look: NoteLook = PLAIN,
    ) -> etree._Element:
        """:func:`note_element`, or a copy of the equal one made before."""
        return self.table(shape, piece, ctx).element(note, member, tie, accidental, staff, look)

    def rest(
        self, shape: int, piece: Piece, ctx: PieceContext, hidden: bool = False
    ) -> etree._Element:
        """:func:`rest_element`, or a copy of the equal one made before."""
        key = (shape, ctx.duration, ctx.voice, ctx.staff, hidden)
        made = self._rests.get(key)
        if made is not None:
            return _copy(made[0])
        element = rest_element(piece, ctx, hidden)
        self._rests[key] = (element, [])
        return element

    def rest_text(self, shape: int, piece: Piece, ctx: PieceContext, hidden: bool = False) -> bytes:
        """The lines :meth:`rest` prints as a child of a measure."""
        key = (shape, ctx.duration, ctx.voice, ctx.staff, hidden)
        made = self._rests.get(key)
        if made is None:
            self.rest(shape, piece, ctx, hidden)
            made = self._rests[key]
        if not made[1]:
            element = made[0]
            made[1].append(printed(element if element.getparent() is None else _copy(element)))
        return made[1][0]
