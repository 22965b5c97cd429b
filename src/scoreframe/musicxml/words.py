"""The part's notation at times, placed by the measure writer as its directions are: texts
(``<words>`` above or below), rehearsal marks (boxed, over the first part), pedal marks from
the CC 64 contour, chord symbols (``<harmony>``), clef changes (``<attributes>``) and dynamic
marks (which replace the mark the velocity alone would give at their time).

>>> import scoreframe as sf
>>> s = sf.Score(); p = s.part("Pno"); _ = p.voice("V").note("C4", 1)
>>> p.text("dolce", at=0); p.pedal(at=0, release="1/2"); s.rehearsal("A", at=0)
>>> [d.what for d in notation_directions(s, p, True)]
['rehearsal', 'words', 'pedal', 'pedal']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from lxml import etree

from ..clef import Clef
from ..notation import Harmony, Placement
from ..score import Part, Score
from .directions import Direction, DirectionKind

_SubElement = etree.SubElement
#: The CC 64 value from which the pedal counts as down.
PEDAL_DOWN = 64


@dataclass(frozen=True, slots=True)
class Mark(Direction):
    """A direction of :mod:`scoreframe.notation`: ``what`` it is, ``text`` it shows."""

    kind: DirectionKind = DirectionKind.NOTATION
    what: str = "words"
    placement: Placement = Placement.ABOVE
    harmony: Harmony | None = None
    clef: Clef | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def element(self, offset: int, staff_element: bool) -> etree._Element:
        if self.what == "harmony":
            return self._harmony(offset, staff_element)
        if self.what == "clef":
            return self._clef(staff_element)
        direction = etree.Element("direction", placement=self.placement.value)
        kind = _SubElement(direction, "direction-type")
        if self.what == "rehearsal":
            _SubElement(kind, "rehearsal", enclosure="square").text = self.text
        elif self.what == "pedal":
            _SubElement(kind, "pedal", type=self.text, line="yes")
        elif self.what == "dynamics":
            _SubElement(_SubElement(kind, "dynamics"), self.text)
        else:
            _SubElement(kind, "words", self.extra).text = self.text
        if offset:
            _SubElement(direction, "offset", sound="yes").text = str(offset)
        if staff_element:
            _SubElement(direction, "staff").text = str(self.staff)
        return direction

    def _harmony(self, offset: int, staff_element: bool) -> etree._Element:
        chord = self.harmony
        assert chord is not None  # made with one
        element = etree.Element("harmony")
        root = _SubElement(element, "root")
        _SubElement(root, "root-step").text = chord.root[0]
        if len(chord.root) > 1:
            _SubElement(root, "root-alter").text = "1" if chord.root[1] == "#" else "-1"
        suffix = chord.symbol[len(chord.root) :].split("/")[0]
        _SubElement(element, "kind", text=suffix).text = chord.kind
        if chord.bass is not None:
            bass = _SubElement(element, "bass")
            _SubElement(bass, "bass-step").text = chord.bass[0]
            if len(chord.bass) > 1:
                _SubElement(bass, "bass-alter").text = "1" if chord.bass[1] == "#" else "-1"
        if offset:
            _SubElement(element, "offset").text = str(offset)
        if staff_element:
            _SubElement(element, "staff").text = str(self.staff)
        return element

    def _clef(self, staff_element: bool) -> etree._Element:
        clef = self.clef
        assert clef is not None  # made with one
        element = etree.Element("attributes")
        node = _SubElement(element, "clef")
        if staff_element:
            node.set("number", str(self.staff))
        _SubElement(node, "sign").text = clef.sign
        if clef.line:
            _SubElement(node, "line").text = str(clef.line)
        if clef.octave:
            _SubElement(node, "clef-octave-change").text = str(clef.octave)
        return element


def notation_directions(score: Score, part: Part, first: bool) -> list[Mark]:
    """The part's marks (``first``: the part the rehearsal marks go over)."""
    marks = part.notation
    out: list[Mark] = []
    if first:
        out += [Mark(r.time, text=r.label, what="rehearsal") for r in score.rehearsals]
    out += [
        Mark(
            t.time,
            staff=t.staff,
            text=t.text,
            placement=t.placement,
            extra={"font-style": "italic"} if t.placement is Placement.BELOW else {},
        )
        for t in marks.texts
    ]
    out += pedal_marks(part)
    out += [Mark(h.time, text=h.symbol, what="harmony", harmony=h) for h in marks.harmonies]
    out += [Mark(c.time, staff=c.staff, what="clef", clef=c.clef) for c in marks.clefs]
    out += [
        Mark(d.time, staff=d.staff, text=d.mark, what="dynamics", placement=Placement.BELOW)
        for d in marks.dynamics
    ]
    return out


def pedal_marks(part: Part) -> list[Mark]:
    """Pedal marks under the lowest staff: from the part's pedals (a start and a stop each;
    where one is pressed as another is released, the stop comes first: MuseScore 3 reads a
    ``change`` as no change at all), else where its CC 64 contour crosses
    :data:`PEDAL_DOWN`."""
    pedals = part.notation.pedals
    if pedals:
        times = [(p.time, 1, "start") for p in pedals] + [(p.release, 0, "stop") for p in pedals]
        return [_pedal(part, time, kind) for time, _, kind in sorted(times)]
    contour = part.contours.get("control:64")
    if contour is None:
        return []
    out: list[Mark] = []
    down = False
    for segment in contour.stored_segments:
        now = segment.origin >= PEDAL_DOWN
        if now != down:
            out.append(_pedal(part, segment.start, "start" if now else "stop"))
            down = now
    return out


def _pedal(part: Part, time: Fraction, kind: str) -> Mark:
    return Mark(time, staff=part.staves, text=kind, what="pedal", placement=Placement.BELOW)


def with_notation(
    score: Score, part: Part, first: bool, directions: Sequence[Direction]
) -> list[Direction]:
    """``directions`` and the part's marks; a written dynamic mark stands for the dynamics the
    velocity gives on every staff of the part: at its time, and after it until the velocity
    gives another mark."""
    marks = notation_directions(score, part, first)
    written = [(m.time, m.text) for m in marks if m.what == "dynamics"]
    if not written:
        return [*directions, *marks]
    dropped = _shadowed(written, [d for d in directions if d.kind is DirectionKind.DYNAMIC], part)
    return [*(d for d in directions if id(d) not in dropped), *marks]


def _shadowed(
    written: list[tuple[Fraction, str]], dynamics: list[Direction], part: Part
) -> set[int]:
    """The ids of the velocity's dynamics a written mark already shows."""
    times = {time for time, _ in written}
    events = sorted(
        [(time, 0, text, None) for time, text in written]
        + [(d.time, 1, d.text, d) for d in dynamics],
        key=lambda e: (e[0], e[1]),
    )
    shown: dict[int, str] = {}
    out: set[int] = set()
    for time, _, text, direction in events:
        if direction is None:
            shown = dict.fromkeys(range(1, part.staves + 1), text)
        elif time in times or shown.get(direction.staff) == text:
            out.add(id(direction))
        else:
            shown[direction.staff] = text
    return out
