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
from math import inf
from operator import attrgetter
from typing import Any

from ..events import sounding_notes
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
    graces = voice._notation is not None and voice._notation.graces
    return sounding_notes(voice) if graces or any(map(_TIES, notes)) else notes


def collect(
    voices: Iterable[tuple[Voice, int]], q4: int, default_velocity: int, bends: bool = False
) -> TrackNotes:
    """The notes of ``voices`` (each with its channel, 0..15) at ``q4`` ticks a whole note.
    With ``bends`` also each note's onset and microtonal bend (for the pitch wheel)."""
    out = TrackNotes()
    for voice, channel in voices:
        notes = sounding(voice)
        out.moved += _voice_pass(notes, channel, q4, voice, default_velocity, out)
        if bends:
            pitched = [n for n in notes if n.pitch is not None]
            out.onsets += [n.onset for n in pitched]
            out.bends += [n.pitch.bend if n.pitch.microtonal else _ZERO for n in pitched]
            out.voices += [voice] * len(pitched)
    return out


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
