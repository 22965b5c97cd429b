"""A track's notes: one pass over each voice's sounding notes, straight to packed note-ons.

Each sounding note (an untied note, or a whole tie chain) becomes a packed note-on and a
packed note-off (see :mod:`.packing`), their ticks computed in integers from the exact onset
and duration: ``round(time * 4 * ppq)``, a half rounding up, and at least one tick long.
Velocities come from the note, else from the voice's velocity steps (:mod:`scoreframe.velocity`).
This is the hot path of large exports: no object is made per note.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V")
>>> _ = v.note("C4", "1/4", velocity=90); _ = v.note("D4", "1/8", duration="1/16")
>>> from scoreframe.midi.packing import tick_of
>>> notes = collect([(v, 0)], q4=4 * 480, default_velocity=80)
>>> [(tick_of(on), tick_of(off), on & VALUE_MASK) for on, off in zip(notes.ons, notes.offs)]
[(0, 480, 90), (480, 600, 80)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress, repeat
from math import inf
from operator import add, and_, attrgetter, is_not, lshift, mul, or_
from typing import Any, NamedTuple

from ..events import sounding_notes
from ..note import Note
from ..score import Voice
from ..velocity import velocity_steps
from .packing import (
    CHANNEL_SHIFT,
    KEY_SHIFT,
    LOW_MASK,
    NOTE_OFF_BITS,
    NOTE_ON_BITS,
    PLACE_BITS,
    PLACE_MASK,
    PLACE_SHIFT,
    TICK_SHIFT,
    VALUE_MASK,
    with_channel,
)
from .policies import OverlapPolicy

#: An ``ons`` entry the overlap policy merged into an earlier note.
DROPPED = -1
_TIES = attrgetter("tie")
_KEY = attrgetter("_key")


@dataclass(slots=True)
class TrackNotes:
    """The sounding notes of a track, index-aligned: packed note-ons and note-offs (both
    :data:`DROPPED` where a note was merged away) and, where the track bends, each note's
    onset, bend in semitones and voice."""

    ons: list[int] = field(default_factory=list)
    offs: list[int] = field(default_factory=list)
    onsets: list[Fraction] = field(default_factory=list)
    bends: list[Fraction] = field(default_factory=list)
    voices: list[Voice] = field(default_factory=list)
    moved: int = 0
    """Onsets and durations that were off the tick grid (rounded)."""
    overlaps: int = 0


def sounding(voice: Voice) -> Sequence[Any]:
    """The voice's notes as they sound: its own list when nothing is tied and it has no
    grace notes (rests are skipped by the pass), else the tie chains merged and the grace
    notes in."""
    notes = voice._read()
    return sounding_notes(voice) if _graces(voice) or any(map(_TIES, notes)) else notes


def _graces(voice: Voice) -> bool:
    return voice._notation is not None and bool(voice._notation.graces)


def collect(
    voices: Iterable[tuple[Voice, int]], q4: int, default_velocity: int, bends: bool = False
) -> TrackNotes:
    """The notes of ``voices`` (each with its channel, 0..15) at ``q4`` ticks a whole note.
    With ``bends`` also each note's onset and microtonal bend (for the pitch wheel)."""
    out = TrackNotes()
    for voice, channel in voices:
        held = None if bends or _graces(voice) else _held_columns(voice, q4)
        if held is None:
            notes = sounding(voice)
            out.moved += _voice_pass(notes, channel, q4, voice, default_velocity, out)
        else:  # the notes made so far note by note, the held ones column by column
            made, columns = held
            if made:
                out.moved += _voice_pass(made, channel, q4, voice, default_velocity, out)
            out.moved += _pack(columns, channel, q4, voice, default_velocity, out)
        if bends:
            pitched = [n for n in notes if n.pitch is not None]
            out.onsets += [n.onset for n in pitched]
            out.bends += [n.pitch.bend if n.pitch.microtonal else _ZERO for n in pitched]
            out.voices += [voice] * len(pitched)
    return out


class _Columns(NamedTuple):
    """Notes on the tick grid, column by column: their ticks, durations, pitches and own
    velocities (None: the voice's steps)."""

    ticks: list[int]
    durations: list[Fraction]
    pitches: list[Any]
    velocities: list[int | None]


def _held_columns(voice: Voice, q4: int) -> tuple[Sequence[Note], _Columns] | None:
    """The notes the voice made so far and, as columns, the pitched notes it holds unmade
    (:meth:`Voice._held`: read without making them), when its grid divides ``q4`` (so every
    held onset is a whole tick) and no made note is tied; else None (the notes are then
    made and read)."""
    held = voice._held()
    if held is None or q4 % held[2]:
        return None
    made, starts, grid, durations, pitches, velocities = held
    if any(map(_TIES, made)):
        return None
    keep = list(map(is_not, pitches, repeat(None)))
    if not all(keep):  # rests: left out
        starts, durations = list(compress(starts, keep)), list(compress(durations, keep))
        pitches, velocities = list(compress(pitches, keep)), list(compress(velocities, keep))
    ticks = list(map(mul, starts, repeat(q4 // grid)))
    return made, _Columns(ticks, durations, pitches, velocities)


def _pack(
    columns: _Columns, channel: int, q4: int, voice: Voice, default_velocity: int, out: TrackNotes
) -> int:
    """Append the packed note-ons and note-offs of notes on the grid to ``out``, column by
    column (no Python step a note but a velocity the steps give); the count of durations
    moved to the grid."""
    ticks, durations, pitches, velocities = columns
    distinct = dict(zip(map(id, durations), durations, strict=True))  # a handful of objects
    lengths = {key: _length(d, q4) for key, d in distinct.items()}
    moved = 0
    if any(n & 1 for n in lengths.values()):
        moved = sum(map(and_, map(lengths.__getitem__, map(id, durations)), repeat(1)))
    spans = {key: (n >> 1) << TICK_SHIFT for key, n in lengths.items()}
    if None in velocities:
        steps = velocity_steps(voice, default_velocity)
        if len(steps.values) == 1:
            level = steps.values[0]
            velocities = [level if v is None else v for v in velocities]
        else:
            at = steps.at
            velocities = [
                at(t / q4) if v is None else v for v, t in zip(velocities, ticks, strict=True)
            ]
    keys = list(map(lshift, map(_KEY, pitches), repeat(KEY_SHIFT)))
    base = NOTE_ON_BITS | (channel << CHANNEL_SHIFT)
    off_base = NOTE_OFF_BITS | (channel << CHANNEL_SHIFT)
    starts = list(map(lshift, ticks, repeat(TICK_SHIFT)))
    out.ons += map(or_, starts, map(or_, keys, map(or_, velocities, repeat(base))))
    ends = map(add, starts, map(spans.__getitem__, map(id, durations)))
    out.offs += map(or_, ends, map(or_, keys, repeat(off_base)))
    return moved


_ZERO = Fraction(0)


def _voice_pass(
    notes: Sequence[Any],
    channel: int,
    q4: int,
    voice: Voice,
    default_velocity: int,
    out: TrackNotes,
) -> int:
    """Append the voice's packed note-ons and off ticks to ``out``; the count of times moved
    to the grid. The hot loop: everything is inlined."""
    steps = velocity_steps(voice, default_velocity)
    times, values = steps.times, steps.values
    step, low, high, level = 0, times[0], times[1] if len(times) > 1 else inf, values[0]
    base, shift = NOTE_ON_BITS | (channel << CHANNEL_SHIFT), TICK_SHIFT
    off_base = NOTE_OFF_BITS | (channel << CHANNEL_SHIFT)
    # id(duration) -> ticks * 2 + 1 if off the grid; ``keep`` holds the objects, so that no id
    # is reused for another duration while the pass runs (tie chains make theirs on the fly).
    lengths: dict[int, int] = {}
    known, keep, identity = lengths.get, [], id
    moved = 0
    add_on, add_off = out.ons.append, out.offs.append
    for note in notes:
        pitch = note.pitch
        if pitch is None:
            continue
        onset = note.onset  # read from its slots (see the note in scoreframe/time.py)
        num, den = onset._numerator, onset._denominator
        x = num * q4
        tick = x // den
        rest = x - tick * den
        if rest:
            moved += 1
            if rest + rest >= den:
                tick += 1
        duration = note.duration
        length = known(identity(duration))
        if length is None:
            length = lengths[identity(duration)] = _length(duration, q4)
            keep.append(duration)
        moved += length & 1
        velocity = note.velocity
        if velocity is None:
            t = num / den
            if not low <= t < high:
                step = bisect_right(times, t) - 1
                low, level = times[step], values[step]
                high = times[step + 1] if step + 1 < len(times) else inf
            velocity = level
        key = pitch._key << KEY_SHIFT  # small ints first: each operation on a packed int allocates
        add_on((tick << shift) | (base | key | velocity))
        add_off(((tick + (length >> 1)) << shift) | (off_base | key))
    return moved


def _length(duration: Fraction, q4: int) -> int:
    """A duration in ticks (at least one) times 2, plus 1 if it is off the grid."""
    x = duration.numerator * q4
    den = duration.denominator
    ticks, rest = divmod(x, den)
    ticks += 2 * rest >= den
    return max(ticks, 1) * 2 + (rest != 0)


def resolve_overlaps(notes: TrackNotes, policy: OverlapPolicy) -> None:
    """A key sounding twice on one channel: truncate the earlier note at the new onset, or
    merge the two (the louder velocity wins when they start together). Never a note-off that
    silences a new note. Counts into ``notes.overlaps``."""
    ons, offs = notes.ons, notes.offs
    if len(ons) < 2:
        return
    merge = policy is OverlapPolicy.MERGE
    latest = [-1] * (1 << PLACE_BITS)  # channel and key -> the index of the latest note there
    for i in sorted(range(len(ons)), key=ons.__getitem__):  # onset order
        on = ons[i]
        place = (on & PLACE_MASK) >> PLACE_SHIFT
        j = latest[place]
        # on | LOW_MASK is the last key of the note's tick: a later note-off means overlap
        if j >= 0 and (off := offs[j]) > on | LOW_MASK:
            notes.overlaps += 1
            earlier = ons[j]
            tick = on >> TICK_SHIFT
            together = earlier >> TICK_SHIFT == tick
            if merge or together:
                offs[j] = max(off, offs[i])  # one place: the later note-off
                if together:  # ordered by velocity: this one is the louder
                    ons[j] = (earlier & ~VALUE_MASK) | (on & VALUE_MASK)
                ons[i] = offs[i] = DROPPED
                continue
            offs[j] = (tick << TICK_SHIFT) | (off & LOW_MASK)
        latest[place] = i


def rotate(notes: TrackNotes, members: tuple[int, ...]) -> None:
    """MPE: give each note, in onset order, the member channel (1..16) free the longest."""
    ons, offs = notes.ons, notes.offs
    free_at = dict.fromkeys(members, -1)
    for i in sorted(range(len(ons)), key=ons.__getitem__):
        on = ons[i]
        if on == DROPPED:
            continue
        tick = on >> TICK_SHIFT
        channel = min(members, key=lambda c: (free_at[c] > tick, free_at[c]))
        ons[i] = with_channel(on, channel - 1)
        offs[i] = with_channel(offs[i], channel - 1)
        free_at[channel] = offs[i] >> TICK_SHIFT


def note_keys(notes: TrackNotes) -> list[int]:
    """Every packed note-on and note-off of the track (unsorted), in ``notes.ons`` itself
    (a large track is not copied). Merged-away notes stay as :data:`DROPPED`, which sorts
    before every event: :func:`drop_merged` cuts them off a sorted track."""
    keys = notes.ons
    keys += notes.offs
    notes.offs = []
    return keys


def drop_merged(keys: list[int]) -> None:
    """Remove the :data:`DROPPED` entries from the front of a sorted track."""
    del keys[: bisect_left(keys, 0)]
