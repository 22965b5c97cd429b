"""The MIDI exporter: a score as a Standard MIDI File (Type 1 or 0), or as the timed message
stream the live player plays. Both come from the same track passes.

Type 1: track 0 is the conductor (title, tempo map, meters, keys; no notes), then one track per
MIDI track of the score, each built by its own pass over the score (Ames' multi-pass). Type 0:
the same events merged into one track.

>>> import scoreframe as sf
>>> s = sf.Score(title="Tiny"); _ = s.part("Flute", program=74).voice("Fl").note("A4", "1/4")
>>> data = to_bytes(s)
>>> data[:4], len(read(data).tracks)
(b'MThd', 2)
>>> [(m.seconds, m.data.hex(" ")) for m in messages(s)]
[(0.0, 'c0 49'), (0.0, '90 45 50'), (0.5, '80 45 00')]
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from fractions import Fraction
from math import gcd, lcm
from pathlib import Path
from typing import Any, cast

from ..errors import ExportError, ScoreframeWarning
from ..formats import atomic_write
from ..live.stream import TimedMessage
from ..score import Score
from ..tempo import TempoMap
from . import meta
from .channels import assign
from .controllers import Time
from .policies import MidiOptions, Order
from .reader import read
from .smf import encode_file
from .tempo_track import conductor, tick_of
from .tracks import (
    Counts,
    Event,
    TrackPlan,
    controller_events,
    note_events,
    note_list,
    plain_wheel_events,
    plan_tracks,
    resolve_overlaps,
    setup_events,
    wheel_contour_events,
)

MAX_PPQ = 0x7FFF
NOTE_ON = int(Order.NOTE_ON)
#: The grid used when the exact one would pass 32767: divisible by 2 to 6, 8, 10, 12, 15, 16.
FALLBACK_PPQ = 15360

__all__ = ["messages", "read", "to_bytes", "write"]


def _options(options: dict[str, Any]) -> MidiOptions:
    try:
        chosen = MidiOptions(**options)
    except TypeError:
        known = ", ".join(MidiOptions.__dataclass_fields__)
        raise ExportError(f"unknown MIDI option in {sorted(options)}; known: {known}") from None
    if chosen.format not in (0, 1):
        raise ExportError(f"MIDI format {chosen.format}: write 1 (default) or 0")
    return chosen


def _denominators(score: Score) -> dict[int, int]:
    """How many note onsets and durations, meter, key and tempo times have each denominator."""
    counts: dict[int, int] = {}
    get = counts.get
    for voice in score.voices:
        for note in voice.notes:
            for time in (note.onset, note.duration):
                d = time.denominator
                counts[d] = get(d, 0) + 1
    others = [t for t, _ in score.meters.changes] + [t for t, _ in score.keys.changes]
    for time in others + [s.start for s in score.tempo.segments]:
        counts[time.denominator] = get(time.denominator, 0) + 1
    return counts


def choose_ppq(score: Score, ppq: int | str) -> tuple[int, int]:
    """The ticks per quarter (``"exact"``: the smallest that puts every time on a tick) and
    how many note, meter, key and tempo times are off that grid (they will be rounded)."""
    denominators = _denominators(score)
    if ppq == "exact":
        need = lcm(*(d // gcd(d, 4) for d in denominators)) if denominators else 1
        ppq = need if need <= MAX_PPQ else FALLBACK_PPQ
    if not isinstance(ppq, int) or isinstance(ppq, bool) or not 1 <= ppq <= MAX_PPQ:
        raise ExportError(f"ppq {ppq!r} must be an int in 1..{MAX_PPQ} or 'exact'")
    moved = sum(count for d, count in denominators.items() if (4 * ppq) % d)
    return ppq, moved


def _track_events(
    plan: TrackPlan, score: Score, clock: Callable[[Time], Any], options: MidiOptions,
    counts: Counts, ppq: int | None,
) -> list[Event]:
    notes = resolve_overlaps(note_list(plan, score, clock, options, ppq), options.overlap,
                             counts)
    events = setup_events(plan, score, clock)
    events += controller_events(plan, score, clock)
    events += wheel_contour_events(plan, score, clock) if plan.channels.mpe else \
        plain_wheel_events(plan, notes, score, clock)
    events += note_events(plan, notes, score, clock)
    return events


def _ordered(events: list[Event]) -> list[tuple[int, bytes]]:
    """Sort by (tick, order), stably, with one integer key per event (ticks only)."""
    ticked = cast(list[tuple[int, int, bytes]], events)  # the file's clock gives ints
    keys = [(at << 40) | (order << 32) | i for i, (at, order, _) in enumerate(ticked)]
    keys.sort()
    mask = (1 << 32) - 1
    out = []
    for key in keys:
        at, _, data = ticked[key & mask]
        out.append((at, data))
    return out


def _warn(counts: Counts, moved: int, ppq: int, options: MidiOptions) -> None:
    if counts.overlaps:
        warnings.warn(
            f"{counts.overlaps} notes started while a note of the same key sounded on their "
            f"channel; applied OverlapPolicy.{options.overlap.name}",
            ScoreframeWarning, stacklevel=3,
        )
    if moved:
        warnings.warn(
            f"{moved} times do not fall on the {ppq}-ticks-per-quarter grid and were rounded "
            "to the nearest tick; pass ppq='exact' to keep them exact",
            ScoreframeWarning, stacklevel=3,
        )


def to_bytes(score: Score, **options: Any) -> bytes:
    """The score as SMF bytes.

    Options: ``format`` 1 (default) or 0; ``ppq`` 480 (default), any 1..32767 or
    ``"exact"``; ``tempo_policy`` :class:`TempoPolicy`; ``overlap`` :class:`OverlapPolicy`;
    ``running_status`` (off); ``default_velocity`` (80) for notes no contour gives one.
    """
    chosen = _options(options)
    score.validate()
    ppq, moved = choose_ppq(score, chosen.ppq)
    channels = assign(score)
    counts = Counts()

    def clock(time: Time) -> int:
        return tick_of(time, ppq)

    tracks: list[list[Event]] = []
    onsets: set[int] = set()
    for plan in plan_tracks(score, channels):
        events = _track_events(plan, score, clock, chosen, counts, ppq)
        onsets.update([int(at) for at, order, _ in events if order == NOTE_ON])
        head = [(0, int(Order.META), meta.instrument_name(plan.part.name))]
        if chosen.format == 1:  # in Type 0 the one track's name is the title
            head.insert(0, (0, int(Order.META), meta.track_name(plan.name)))
        tracks.append(head + events)
    first: list[Event] = [(t, int(Order.META), data) for t, _, data in
                          conductor(score, ppq, chosen.tempo_policy, onsets)]
    _warn(counts, moved, ppq, chosen)
    if chosen.format == 0:
        merged = first + [e for track in tracks for e in track]
        return encode_file([_ordered(merged)], ppq=ppq, format=0,
                           running_status=chosen.running_status)
    return encode_file([_ordered(t) for t in [first, *tracks]], ppq=ppq, format=1,
                       running_status=chosen.running_status)


def write(score: Score, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write the score as a ``.mid`` file (atomically: never half written)."""
    return atomic_write(Path(path), to_bytes(score, **options))


def messages(score: Score, **options: Any) -> list[TimedMessage]:
    """The timed message stream (programs, controllers, bends, notes; no meta events), each at
    its second from the tempo map: what the player sends, and what the file holds."""
    chosen = _options(options)
    score.validate()
    tempo_map = TempoMap(score)

    def clock(time: Time) -> float:
        if isinstance(time, Fraction):
            return tempo_map.seconds(time)
        return tempo_map.seconds_float(time)

    counts = Counts()
    events: list[Event] = []
    for plan in plan_tracks(score, assign(score)):
        events += _track_events(plan, score, clock, chosen, counts, None)
    order = sorted(range(len(events)), key=lambda i: (events[i][0], events[i][1], i))
    return [TimedMessage(float(events[i][0]), events[i][2]) for i in order]
