"""What each written note of a part shows besides pitch and rhythm (:class:`NoteLook`), from
the part's settings and each voice's tie chains, bar after bar.

:class:`Chains` follows one voice through its bars so a fermata written on a note that ties
on is drawn where the chain ends (:mod:`.marks` holds the rule).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ..note import Articulation, Note
from ..score import Voice
from ..velocity import velocity_function
from .drums import Drum, DrumMap
from .layout import Span
from .marks import chord_marks, stands_out
from .notes import NoteLook, PieceContext
from .splitting import Piece


@dataclass(frozen=True, slots=True)
class Looks:
    """A part's settings for its notes' looks: its id, its drum map (a percussion part),
    and the exporter's options that change marks and pitches."""

    part: str = "P1"
    drums: DrumMap | None = None
    infer_staccato: bool = True
    velocity_accents: bool = False
    cents_in_alter: bool = False


_MADE: dict[tuple[object, ...], NoteLook] = {}


def _look(marks: tuple[str, ...], fermata: bool, drum: Drum | None, cents: bool) -> NoteLook:
    """The one :class:`NoteLook` of these fields (equal looks are one object)."""
    key = (marks, fermata, drum, cents)
    found = _MADE.get(key)
    if found is None:
        found = _MADE[key] = NoteLook(marks, fermata, drum, cents)
    return found


class Chains:
    """One voice's marks, piece by piece (a fermata waits for the end of its tie chain)."""

    def __init__(self, looks: Looks, voice: Voice) -> None:
        self.looks_of = looks
        self.pending = False
        self.contour: Callable[[Fraction], int] | None = (
            velocity_function(voice) if looks.velocity_accents else None
        )
        self.plain = _look((), False, None, looks.cents_in_alter)
        self._plains: dict[int, tuple[NoteLook, ...]] = {}

    def looks(self, span: Span, piece: Piece, ctx: PieceContext) -> tuple[NoteLook, ...]:
        """The look of each chord member of ``span`` in ``piece``."""
        notes = span.notes
        attack = ctx.first and not all(span.tie_stop)
        release = ctx.last and not any(span.tie_start)
        if not release and ctx.last and _fermata(notes):
            self.pending = True
        loud = False
        if attack and self.contour is not None:
            at = self.contour
            loud = any(stands_out(n.velocity, at(n.onset)) for n in notes)
        settings = self.looks_of
        marks, fermata = chord_marks(
            notes, attack, release, settings.infer_staccato, self.pending, loud
        )
        if release:
            self.pending = False
        drums, cents = settings.drums, settings.cents_in_alter
        if drums is None:
            if not marks and not fermata:
                return self._plain(len(notes))
            first = _look(marks, fermata, None, cents)
            if len(notes) == 1:
                return (first,)
            return (first, *(self.plain,) * (len(notes) - 1))
        out = []
        for m, note in enumerate(notes):
            drum = None if note.pitch is None else drums.drum(note.pitch.key_number)
            out.append(
                _look(marks, fermata, drum, cents) if m == 0 else _look((), False, drum, cents)
            )
        return tuple(out)

    def _plain(self, count: int) -> tuple[NoteLook, ...]:
        """``count`` plain looks (one tuple per count)."""
        found = self._plains.get(count)
        if found is None:
            found = self._plains[count] = (self.plain,) * count
        return found


def _fermata(notes: tuple[Note, ...]) -> bool:
    return any(Articulation.FERMATA in n.articulations for n in notes)
