"""The notation of a music21 stream the model holds beside its notes (see
:mod:`scoreframe.notation`): lyrics per verse, text expressions, rehearsal marks and the
transposition of a part's instrument. Grace notes and slurs are not read yet (counted).

>>> from types import SimpleNamespace as N
>>> lyrics_of(N(lyrics=[N(number=1, text="Ky", syllabic="begin"), N(number=2, text="Lord",
...     syllabic="single")]))
('Ky-', 'Lord')
"""

from __future__ import annotations

from typing import Any

from ..notation import TRANSPOSITIONS, Interval

#: The syllabics a hyphen follows.
_JOINED = frozenset({"begin", "middle"})


def lyrics_of(element: Any) -> tuple[str, ...]:
    """The syllables of a music21 note, one per verse from verse 1 (``""``: none), written as
    the model writes them (a trailing ``-`` before the next syllable)."""
    verses: dict[int, str] = {}
    for lyric in element.lyrics:
        text = lyric.text or ""
        if not text:
            continue
        number = lyric.number if isinstance(lyric.number, int) and lyric.number > 0 else 1
        verses[number] = text + ("-" if lyric.syllabic in _JOINED else "")
    if not verses:
        return ()
    return tuple(verses.get(n, "") for n in range(1, max(verses) + 1))


def transposition_name(instrument: Any) -> str | None:
    """The model's name for an instrument's transposition (None: concert pitch, or one the
    table does not hold)."""
    interval = getattr(instrument, "transposition", None) if instrument is not None else None
    if interval is None:
        return None
    directed = interval.generic.directed
    steps = directed - 1 if directed > 0 else directed + 1
    wanted = Interval(steps, int(interval.semitones))
    for name, known in TRANSPOSITIONS.items():
        if known == wanted:
            return name
    return None


def any_transposing(source: Any) -> bool:
    """Whether a part of ``source`` is written for a transposing instrument."""
    for part in source.parts:
        instrument = part.getInstrument(returnDefault=False)
        if transposition_name(instrument) is not None:
            return True
    return False
