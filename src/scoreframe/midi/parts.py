"""Takes (the notes and controllers of one channel of one track) as parts of a score.

A take becomes a part: its track's name, program, bank, channel (10: percussion) and bend
range; its notes in voices (:mod:`.voicing`), each chord's period to the next onset of its
voice and its duration as played; its controllers, pitch wheel and channel pressure as held
contours on the part (``control:N``, ``pitch_bend`` in semitones, ``channel_pressure``). A
wheel that moves only where notes start on its channel (or in an MPE zone) bends those notes:
their pitches take the bend (``C4+25c``), and no contour is made. A keyboard whose hands
strike together, or voices well below and well above middle C, make a part of two staves,
each voice and each note on its staff (:func:`_staves`, :class:`_Crossing`).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache

from ..contour import Contour, Curve
from ..note import Note
from ..pitch import Pitch
from ..score import Part, Score
from ..settings import RANGES
from ..time import fraction
from ..voice import Voice
from .collect import Take
from .tracks import CHANNEL_PRESSURE
from .voicing import Chord, periods, voices

#: The channel General MIDI plays percussion on.
PERCUSSION_CHANNEL = 10
#: Middle C, and the keys well below and well above it: a part's notes both sides make it two
#: staves, and a note crosses to the other staff beyond them.
MIDDLE_C, LOW_KEY, HIGH_KEY = 60, 57, 64
#: General MIDI programs (1-128) of keyboards, written on two staves: pianos, harpsichord,
#: clavinet, celesta, organs, accordion, harp.
KEYBOARD_PROGRAMS = frozenset([*range(1, 9), 9, *range(17, 23), 47])
#: The centre of the 14-bit pitch wheel.
WHEEL_CENTRE = 8192
_NO_MARKS: frozenset[object] = frozenset()


#: A voice made from a take, with its chords as ticks (where :mod:`.marks` finds the notes).
Placed = tuple[Voice, list[Chord]]


class Times(dict[int, Fraction]):
    """Lengths in ticks as Fractions of a whole note (``whole`` ticks), each made once: an
    import's periods and durations share one object per distinct length (a few dozen). Not
    for onsets: nearly each is new, and filling a dict with them costs more than it saves.

    >>> times = Times(1920)
    >>> times[480], times[480] is times[480]
    (Fraction(1, 4), True)
    """

    __slots__ = ("whole",)

    def __init__(self, whole: int) -> None:
        super().__init__()
        self.whole = whole

    def __missing__(self, tick: int) -> Fraction:
        value = self[tick] = fraction(tick, self.whole)
        return value


def add_part(score: Score, take: Take, name: str, times: Times) -> tuple[Part, list[Placed]]:
    """The part of ``take`` (ticks; ``times`` makes its lengths Fractions), its voices and
    contours."""
    bends = note_bends(take)
    chords = voices(take.starts, take.ends, take.keys)
    means = [_mean_key(take, v) for v in chords] if len(chords) > 1 else []
    staves = _staves(take, means)
    part = score.part(
        name,
        program=take.program,
        channel=take.channel,
        bank=take.bank,
        percussion=take.channel == PERCUSSION_CHANNEL,
        bend_range=_range(take.bend_range),
        staves=staves,
    )
    pitches = _pitches(take, _KeyTicks(score, times.whole), bends)
    placed: list[Placed] = []
    crossing = _Crossing(take, staves)
    for voice_chords in chords:
        staff = crossing.staff_of(voice_chords)
        voice = part.voice(staff=staff)
        voice._extend(_notes(take, voice_chords, times, pitches, crossing[staff]))
        placed.append((voice, voice_chords))
    add_contours(part, take, times.whole, bends is None)
    return part, placed


def _pitches(take: Take, keys: _KeyTicks, bends: list[Fraction] | None) -> list[Pitch]:
    """Each note's pitch: its key spelled in the key signature at its onset, bent by its
    bend (the notes are in onset order, as the key map is read)."""
    spelled = keys.pitches(0)
    if bends is None and (not take.starts or take.starts[-1] < keys.until):
        return list(map(spelled.__getitem__, take.keys))  # one key throughout: at C speed
    out: list[Pitch] = []
    for start, key, bend in zip(
        take.starts, take.keys, bends or itertools.repeat(None), strict=False
    ):
        if start >= keys.until:
            spelled = keys.pitches(start)
        out.append(keys.bent(key, bend, start) if bend else spelled[key])
    return out


def _notes(
    take: Take,
    chords: Sequence[Chord],
    times: Times,
    pitches: list[Pitch],
    staves: Sequence[int | None],
) -> list[Note]:
    """The voice's notes, each made in one call (a million in a large import); ``staves``:
    each note's own staff (None: its voice's), by its index in the take."""
    out: list[Note] = []
    append, make = out.append, tuple.__new__  # a Note is a named tuple (see note.make_note)
    velocities, whole = take.velocities, times.whole
    for (start, end, members), period in zip(chords, periods(chords), strict=True):
        onset, notated, sounding = fraction(start, whole), times[period], times[end - start]
        for m in members:
            append(
                make(
                    Note,
                    (
                        onset,
                        notated,
                        sounding,
                        pitches[m],
                        False,
                        velocities[m],
                        _NO_MARKS,
                        staves[m],
                        (),
                    ),
                )
            )
    return out


class _KeyTicks:
    """The key signature in force at a tick, for spelling keys; read forward in time."""

    def __init__(self, score: Score, whole: int) -> None:
        changes = score.keys.changes
        self.ticks = [int(t * whole) for t, _ in changes]
        self.fifths = [k.fifths for _, k in changes]
        self.rewind()

    def rewind(self) -> None:
        """Back to the start; ``until`` is the tick of the next key change."""
        self.index = -1
        self.until = self.ticks[0] if self.ticks else math.inf

    def _fifths(self, tick: int) -> int:
        ticks = self.ticks
        while self.index + 1 < len(ticks) and ticks[self.index + 1] <= tick:
            self.index += 1
        following = self.index + 1
        self.until = ticks[following] if following < len(ticks) else math.inf
        return self.fifths[self.index] if self.index >= 0 else 0

    def pitches(self, tick: int) -> Spelling:
        """The keys spelled in the key at ``tick``."""
        return _spelled(self._fifths(tick))

    def bent(self, key: int, bend: Fraction, tick: int) -> Pitch:
        """Key ``key`` bent by ``bend`` semitones: the nearest key (a half rounds down, the
        model's rule), spelled in the key at ``tick``, and the rest as cents."""
        semitones = key + bend
        nearest = min(max(math.ceil(semitones - Fraction(1, 2)), 0), 127)
        pitch = self.pitches(tick)[nearest]
        cents = (semitones - nearest) * 100
        return replace(pitch, cents=cents) if cents else pitch


class Spelling(dict[int, Pitch]):
    """MIDI keys to their pitches in the key of ``fifths``, each spelled when first asked for
    (a file plays a few dozen of the 128)."""

    def __init__(self, fifths: int) -> None:
        super().__init__()
        self.fifths = fifths

    def __missing__(self, key: int) -> Pitch:
        pitch = self[key] = Pitch.from_midi(key, self.fifths)
        return pitch


@lru_cache(maxsize=15)
def _spelled(fifths: int) -> Spelling:
    """The keys spelled in the key of ``fifths`` (pitches are values: each made once)."""
    return Spelling(fifths)


def note_bends(take: Take) -> list[Fraction] | None:
    """Each note's bend in semitones, when the wheel bends notes (it moves only where notes
    start on its channel, or the take is an MPE zone, and never beyond half a semitone);
    None when it is a contour."""
    if not take.wheel:
        return None
    starts: dict[int, set[int]] = {}
    for start, channel in zip(take.starts, take.note_channels, strict=True):
        starts.setdefault(channel, set()).add(start)
    values: dict[int, tuple[list[int], list[Fraction]]] = {}
    for channel, events in take.wheel.items():
        on = starts.get(channel, set())
        if not take.mpe and any(tick not in on for tick, _ in events):
            return None
        bends = [_semitones(value, take.bend_range) for _, value in events]
        if any(abs(b) > Fraction(1, 2) for b in bends):
            return None
        values[channel] = ([tick for tick, _ in events], bends)
    out = []
    for start, channel in zip(take.starts, take.note_channels, strict=True):
        ticks, bends = values.get(channel, ([], []))
        i = bisect.bisect_right(ticks, start) - 1
        out.append(bends[i] if i >= 0 else Fraction(0))
    return out


def _semitones(value: int, bend_range: Fraction) -> Fraction:
    return Fraction(value - WHEEL_CENTRE, WHEEL_CENTRE) * bend_range


def add_contours(part: Part, take: Take, whole: int, wheel: bool) -> None:
    """Controllers, the wheel (unless it bent notes) and channel pressure as held contours."""
    for number, events in sorted(take.controls.items()):
        _holds(part.control(number), events, whole, Fraction)
    if wheel:
        for events in take.wheel.values():
            _holds(part.pitch_bend, events, whole, lambda v: _semitones(v, take.bend_range))
    if take.pressure:
        _holds(part.contour(CHANNEL_PRESSURE), take.pressure, whole, Fraction)


def _holds(
    contour: Contour,
    events: Sequence[tuple[int, int]],
    whole: int,
    value: Callable[[int], Fraction],
) -> None:
    """Each change of value held from its tick (a later value at one tick wins)."""
    last = None
    for tick, raw in events:
        if raw != last:
            held = value(raw)
            contour.restore(fraction(tick, whole), None, held, held, Curve.DISCRETE)
            last = raw


def _range(bend_range: Fraction) -> int:
    """The part's bend range: the file's, whole semitones up, within the model's range."""
    limits = RANGES["bend_range"]
    return min(max(math.ceil(bend_range), limits.low), limits.high)


def _staves(take: Take, means: Sequence[float]) -> int:
    """Two staves for a part whose voices (their mean keys) lie both well below and well
    above middle C, or a keyboard's (by its program; a file that sets none plays the General
    MIDI piano) whose hands strike together: a tenth of its onsets at least start a note
    well below and one well above middle C (their notes then share the chords of one voice;
    a hand on a track of its own does not, and keeps one staff)."""
    if take.channel == PERCUSSION_CHANNEL:
        return 1
    if len(means) >= 2 and min(means) < LOW_KEY and max(means) >= HIGH_KEY:
        return 2
    if take.program is not None and take.program not in KEYBOARD_PROGRAMS:
        return 1
    starts, keys = take.starts, take.keys
    low = {start for start, key in zip(starts, keys, strict=True) if key < LOW_KEY}
    both = low.intersection(s for s, key in zip(starts, keys, strict=True) if key >= HIGH_KEY)
    return 2 if both and 10 * len(both) >= len(set(starts)) else 1


class _Crossing(dict[int, list[int | None]]):
    """The staves of a take's voices and notes: one staff, or two (:func:`_staves`), a voice
    on the bass staff when most of its notes lie below middle C, and a note well on the other
    side of middle C from its voice's staff (below A3 from staff 1, from E4 up from staff 2,
    the keys that judge a part two staves) on the other staff, where a chord of both hands is
    written one chord a staff (musicxml/staves.py). ``crossing[staff]``: the own staff of each
    of the take's notes in a voice of ``staff`` (None: the voice's), made once per staff."""

    def __init__(self, take: Take, staves: int) -> None:
        super().__init__()
        self.take, self.staves = take, staves

    def staff_of(self, chords: Sequence[Chord]) -> int:
        """The staff of the voice of ``chords``."""
        if self.staves == 1:
            return 1
        keys = self.take.keys
        low = sum(1 for _, _, members in chords for m in members if keys[m] < MIDDLE_C)
        return 2 if 2 * low > sum(len(members) for _, _, members in chords) else 1

    def __missing__(self, staff: int) -> list[int | None]:
        keys = self.take.keys
        if self.staves == 1:
            out: list[int | None] = [None] * len(keys)
        elif staff == 1:
            out = [2 if key < LOW_KEY else None for key in keys]
        else:
            out = [1 if key >= HIGH_KEY else None for key in keys]
        self[staff] = out
        return out


def _mean_key(take: Take, chords: Sequence[Chord]) -> float:
    """The mean key of a voice's chords (their lowest notes: a cheap, fair measure)."""
    keys = take.keys
    return sum([keys[members[0]] for _, _, members in chords]) / len(chords)
