"""The notation MIDI files carry as meta events: lyrics at their note-ons (verse 1: a MIDI
file plays the music once), each part's texts as text events, and in the conductor track the
copyright, the subtitle and lyricist as text events and the rehearsal marks as markers. The
reader (:mod:`.marks`) tells the subtitle and the lyricist apart with :func:`title_field`.

>>> import scoreframe as sf
>>> s = sf.Score(copyright="(c) 2026"); s.rehearsal("A", at=1)
>>> [(tick, data.hex(" ")) for tick, _, data in conductor_metas(s, lambda t: int(t * 1920))]
[(0, 'ff 02 08 28 63 29 20 32 30 32 36'), (1920, 'ff 06 01 41')]
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..score import Score
from . import meta
from .policies import Order
from .tracks import TrackPlan

Event = tuple[int, int, bytes]
_META = int(Order.META)
#: The verse the lyric events carry.
MIDI_VERSE = 1
#: What starts the lyricist's text event (the subtitle's is its bare text).
LYRICIST_PREFIX = "lyrics: "


def conductor_metas(score: Score, clock: Callable[[Fraction], int]) -> list[Event]:
    """Copyright, subtitle and lyricist (tick 0) and a marker per rehearsal mark."""
    out: list[Event] = []
    if score.copyright:
        out.append((0, _META, meta.text("copyright", score.copyright)))
    if score.subtitle:
        out.append((0, _META, meta.text("text", score.subtitle)))
    if score.lyricist:
        out.append((0, _META, meta.text("text", LYRICIST_PREFIX + score.lyricist)))
    out += [(clock(mark.time), _META, meta.marker(mark.label)) for mark in score.rehearsals]
    return out


def title_field(text: str) -> tuple[str, str]:
    """The title-page field a conductor text event at tick 0 holds, and its value: the rule
    :func:`conductor_metas` writes by, read back.

    >>> title_field("lyrics: W. Poet"), title_field("for voice")
    (('lyricist', 'W. Poet'), ('subtitle', 'for voice'))
    """
    if text.startswith(LYRICIST_PREFIX) and len(text) > len(LYRICIST_PREFIX):
        return "lyricist", text[len(LYRICIST_PREFIX) :]
    return "subtitle", text


def track_metas(plan: TrackPlan, clock: Callable[[Fraction], int]) -> list[Event]:
    """The lyrics of the track's voices at their onsets, and (on the part's own track) the
    part's texts."""
    out: list[Event] = []
    for voice in plan.voices:
        marks = voice._notation
        if marks is None:
            continue
        for onset, lyric in marks.verse(MIDI_VERSE):
            text = lyric.text.rstrip("_") or lyric.text
            out.append((clock(onset), _META, meta.text("lyrics", text)))
    if plan.name == plan.part.name:
        out += [(clock(t.time), _META, meta.text("text", t.text)) for t in plan.part.notation.texts]
    return out
