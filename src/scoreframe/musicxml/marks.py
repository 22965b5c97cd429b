"""Which marks a written piece of a chord shows: one rule for articulations and fermatas.

Marks belong to the chord, not to each of its notes, and to the tie chain, not to each piece
of it: an attack articulation (accent, marcato, tenuto, staccato, staccatissimo) goes on the
first piece of a tie chain, a fermata on the last, each once per chord (on its first note).
Two inferred marks: a staccato dot on a note that sounds at most half its period (Ames' rule,
``infer_staccato``) and an accent on a note whose own velocity stands out above the velocity
contour by :data:`ACCENT_STEP` or more (``velocity_accents``).

>>> from fractions import Fraction as F
>>> from scoreframe.note import Note
>>> from scoreframe.pitch import Pitch
>>> c = Note(F(0), F(1, 4), F(1, 8), Pitch.parse("C4"), articulations=frozenset({A.FERMATA}))
>>> e = c._replace(pitch=Pitch.parse("E4"))
>>> chord_marks((c, e), attack=True, release=True, infer_staccato=True)
(('staccato',), True)
>>> chord_marks((c, e), attack=False, release=False, infer_staccato=False)
((), False)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..note import Articulation as A
from ..note import Note

#: Attack articulations in the order they are written (a table: articulation -> element).
ATTACKS = {
    A.ACCENT: "accent",
    A.MARCATO: "strong-accent",
    A.TENUTO: "tenuto",
    A.STACCATO: "staccato",
    A.STACCATISSIMO: "staccatissimo",
}

#: How far above the contour's velocity a note's own velocity must be to show an accent.
ACCENT_STEP = 16


def short(note: Note) -> bool:
    """Ames' staccato rule: the note sounds at most half its period and is not tied on."""
    return not note.tie and note.duration is not note.period and note.duration * 2 <= note.period


def chord_marks(
    notes: Sequence[Note],
    attack: bool,
    release: bool,
    infer_staccato: bool,
    fermata: bool = False,
    loud: bool = False,
) -> tuple[tuple[str, ...], bool]:
    """The articulation elements and whether a fermata shows, for a chord's piece that starts
    its tie chain (``attack``) and/or ends it (``release``). ``fermata``: a fermata written on
    an earlier note of the chain; ``loud``: the chord's velocity stands out."""
    if len(notes) == 1:
        note = notes[0]
        written = note.articulations
        inferred = attack and infer_staccato and short(note)
    else:
        written = frozenset().union(*(n.articulations for n in notes))
        inferred = attack and infer_staccato and all(short(n) for n in notes)
    return _marks(written, attack, release, fermata, loud, inferred)


@lru_cache(maxsize=512)
def _marks(
    written: frozenset[A], attack: bool, release: bool, fermata: bool, loud: bool, inferred: bool
) -> tuple[tuple[str, ...], bool]:
    names: tuple[str, ...] = ()
    if attack:
        marks = set(written)
        if loud and A.MARCATO not in marks:
            marks.add(A.ACCENT)
        if inferred and A.STACCATISSIMO not in marks:
            marks.add(A.STACCATO)
        names = tuple(name for mark, name in ATTACKS.items() if mark in marks)
    return names, release and (fermata or A.FERMATA in written)


def stands_out(velocity: int | None, contour: int) -> bool:
    """Whether a note's own ``velocity`` stands out above the ``contour``'s (an accent)."""
    return velocity is not None and velocity - contour >= ACCENT_STEP
