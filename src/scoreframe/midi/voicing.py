"""Played notes into voices: chords where onsets and ends coincide, a new voice wherever a
note would overlap the voice it could join.

Notes arrive in onset order as ticks (start, end, key). At each onset the notes that also end
together form a chord; chords take the first voice that is free, the highest chord first, so
the top line stays in voice 1. A voice is free at an onset when what it holds has stopped
sounding, or when only its last chord still sounds, briefly (for at most half the time since
that chord began: legato playing) and on none of the new chord's keys. Nothing is dropped: a
note that fits no voice opens a new one. Each chord's *period* is the time to the next onset
of its voice (its own length at the end); its *duration* is as played.

>>> chords = voices([0, 0, 48, 96, 96], [96, 48, 96, 192, 192], [48, 72, 74, 60, 64])
>>> chords
[[(0, 48, (1,)), (48, 96, (2,)), (96, 192, (3, 4))], [(0, 96, (0,))]]
>>> periods(chords[0])
[48, 48, 96]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, TypeAlias

Chord: TypeAlias = tuple[int, int, tuple[int, ...]]
"""Notes of one voice struck and released together: (start, end, indices into the take); a
plain tuple, as an import makes one per onset."""


def voices(starts: Sequence[int], ends: Sequence[int], keys: Sequence[int]) -> list[list[Chord]]:
    """The voices of notes given in onset order (see the module doc); each note in one chord."""
    found: list[list[Any]] = []  # per voice: [onset, release, before, key mask, chords]
    n = len(starts)
    i = 0
    while i < n:
        start = starts[i]
        j = i + 1
        if j < n and starts[j] == start:
            while j < n and starts[j] == start:
                j += 1
            for chord in _chords(i, j, start, ends, keys):
                mask = 0
                for m in chord[2]:
                    mask |= 1 << keys[m]
                _place(found, chord, mask)
        else:
            _place(found, (start, ends[i], (i,)), 1 << keys[i])
        i = j
    return [v[4] for v in found]


def _place(found: list[list[Any]], chord: Chord, mask: int) -> None:
    """Put ``chord`` in the first free voice (a new one if none is)."""
    start = chord[0]
    for voice in found:
        onset, release = voice[0], voice[1]
        if onset < start and (
            release <= start
            or (
                voice[2] <= start and 2 * (release - start) <= start - onset and not voice[3] & mask
            )
        ):
            break
    else:
        voice = [-1, -1, -1, 0, []]
        found.append(voice)
    if voice[1] > voice[2]:
        voice[2] = voice[1]
    voice[0], voice[1], voice[3] = start, chord[1], mask
    voice[4].append(chord)


def _chords(i: int, j: int, start: int, ends: Sequence[int], keys: Sequence[int]) -> list[Chord]:
    """The notes ``i..j-1`` (one onset) as chords by end, each member list low to high, the
    chord with the highest key first."""
    if j - i == 2:  # the common case: two notes
        a, b = (i, j - 1) if keys[i] <= keys[j - 1] else (j - 1, i)
        if ends[a] == ends[b]:
            return [(start, ends[a], (a, b))]
        return [(start, ends[b], (b,)), (start, ends[a], (a,))]
    by_end: dict[int, list[int]] = {}
    for k in range(i, j):
        by_end.setdefault(ends[k], []).append(k)
    chords = [
        (start, end, tuple(sorted(members, key=keys.__getitem__)))
        for end, members in by_end.items()
    ]
    chords.sort(key=lambda c: -keys[c[2][-1]])
    return chords


def periods(chords: Sequence[Chord]) -> list[int]:
    """Each chord's period in ticks: to the next chord's onset, the last one its own length."""
    out = [b[0] - a[0] for a, b in itertools.pairwise(chords)]
    if chords:
        out.append(chords[-1][1] - chords[-1][0])
    return out
