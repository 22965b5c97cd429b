"""The MIDI exporter: a score as a Standard MIDI File (Type 1 or 0), or as the timed message
stream the live player plays. Both come from the same track passes.

Type 1: track 0 is the conductor (title, tempo map, meters, keys; no notes), then one track per
MIDI track of the score, each built by its own pass over the score (Ames' multi-pass). Type 0:
the same events merged into one track. Events are packed into ints (:mod:`.packing`), sorted
once per track and written in one pass.

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
from fractions import Fraction
from math import lcm
from operator import attrgetter
from pathlib import Path
from typing import Unpack

from ..errors import ExportError, ScoreframeWarning
from ..formats import atomic_write
from ..score import Score
from ..tempo import TempoMap
from ..units.base import Unit
from . import meta
from .channels import assign, microtonal
from .controllers import Time
from .gaps import check_gaps
from .notation import conductor_metas, track_metas
from .notes import collect, drop_merged, note_keys, resolve_overlaps, rotate
from .packing import LOW_MASK, TICK_SHIFT, Payloads
from .patching import PatchedTracks, sort
from .policies import MAX_PPQ, MidiOptions, MidiWriteOptions, Order, midi_options
from .reader import read
from .smf import encode_file, encode_packed_track, header
from .tempo_track import conductor, tick_of
from .timed import TimedMessage
from .tracks import (
    TrackPlan,
    bends,
    controller_events,
    note_bend_events,
    plain_wheel_events,
    plan_tracks,
    setup_events,
    wheel_contour_events,
)

#: The grid used when the exact one would pass 32767: divisible by 2 to 6, 8, 10, 12, 15, 16.
FALLBACK_PPQ = 15360
#: The live stream's finest grid (ticks a quarter) for contour events between notes.
LIVE_PPQ = 3840
_META = int(Order.META)
_ONSET, _DURATION = attrgetter("onset"), attrgetter("duration")

__all__ = ["messages", "read", "to_bytes", "write"]


def _map_times(score: Score) -> list[Fraction]:
    """Meter, key and tempo times: the conductor's."""
    return (
        [t for t, _ in score.meters.changes]
        + [t for t, _ in score.keys.changes]
        + [s.start for s in score.tempo.segments]
    )


def exact_grid(score: Score) -> int:
    """The fewest ticks per quarter that put every note onset and duration, meter, key and
    tempo time on a tick."""
    denominators = {t.denominator for t in _map_times(score)}
    for voice in score.voices:
        notes = voice.notes
        denominators.update(map(attrgetter("denominator"), map(_ONSET, notes)))
        denominators.update(map(attrgetter("denominator"), map(_DURATION, notes)))
    return lcm(*(d // _gcd4(d) for d in denominators)) if denominators else 1


def _gcd4(d: int) -> int:
    return 4 if d % 4 == 0 else 2 if d % 2 == 0 else 1


def choose_ppq(score: Score, ppq: int | str) -> int:
    """The ticks per quarter: ``ppq`` itself, or for ``"exact"`` the smallest grid that puts
    every time on a tick (15360 if that would pass 32767: times off it are rounded)."""
    if ppq == "exact":
        need = exact_grid(score)
        ppq = need if need <= MAX_PPQ else FALLBACK_PPQ
    if not isinstance(ppq, int) or isinstance(ppq, bool) or not 1 <= ppq <= MAX_PPQ:
        raise ExportError(f"ppq {ppq!r} must be an int in 1..{MAX_PPQ} or 'exact'")
    return ppq


class _Export:
    """One export: the grid, the options, the payloads and what had to change."""

    def __init__(self, score: Score, ppq: int, options: MidiOptions) -> None:
        self.score, self.ppq, self.options = score, ppq, options
        self.payloads = Payloads()
        self.bent = {voice for voice in score.voices if microtonal(voice)}
        self.overlaps = 0
        self.conflicts: list[str] = []
        self.moved = sum(1 for t in _map_times(score) if (t * 4 * ppq).denominator != 1)
        self.names: list[str] = []
        self.plans: list[TrackPlan] = []

    def clock(self, time: Time) -> int:
        return tick_of(time, self.ppq)

    def track(self, plan: TrackPlan, head: list[bytes]) -> list[int]:
        """The packed events of one track (unsorted): ``head`` metas, setup, controllers,
        bends and notes."""
        score, options, clock = self.score, self.options, self.clock
        bending = bends(plan, score, self.bent)
        notes = collect(
            ((v, plan.channel_of(v) - 1) for v in plan.voices),
            4 * self.ppq,
            options.default_velocity,
            bends=bending,
        )
        resolve_overlaps(notes, options.overlap)
        self.overlaps += notes.overlaps
        self.moved += notes.moved
        mpe = plan.channels.mpe
        if mpe:
            rotate(notes, plan.channels.members)
        events = [(0, _META, data) for data in head]
        events += track_metas(plan, clock)
        events += setup_events(plan, score, bending)
        events += controller_events(plan, score, clock)
        events += (
            wheel_contour_events(plan, score, clock)
            if mpe
            else plain_wheel_events(plan, notes, score, clock)
        )
        if mpe or any(notes.bends):
            events += note_bend_events(plan, notes, score)
        add = self.payloads.add
        keys = note_keys(notes)
        keys += [add(tick, order, data) for tick, order, data in events]
        return keys

    def tracks(self, format: int) -> list[list[int]]:
        """Every track's packed events: each part's (and named voice tracks)."""
        out = []
        for plan in plan_tracks(self.score, assign(self.score, bent=self.bent)):
            head = [meta.track_name(plan.name)] if format == 1 else []
            out.append(self.track(plan, [*head, meta.instrument_name(plan.part.name)]))
            self.names.append(plan.name)
            self.plans.append(plan)
            self.conflicts += plan.conflicts
        return out

    def conductor(self) -> list[int]:
        options = self.options
        add = self.payloads.add
        events = conductor(self.score, self.ppq, options.tempo_policy, options.tempo_tolerance)
        events += conductor_metas(self.score, self.clock)
        return [add(tick, _META, data) for tick, _, data in events]

    def warn(self) -> None:
        for conflict in dict.fromkeys(self.conflicts):
            warnings.warn(conflict, ScoreframeWarning, stacklevel=3)
        own = [part.name for part in self.score.parts if part.meters is not None]
        if own:
            warnings.warn(
                f"parts {', '.join(map(repr, own))} have meters of their own; a MIDI file has one "
                "conductor track, which keeps the score's meters",
                ScoreframeWarning,
                stacklevel=3,
            )
        if self.overlaps:
            warnings.warn(
                f"{self.overlaps} notes started while a note of the same key sounded on their "
                f"channel; applied OverlapPolicy.{self.options.overlap.name}",
                ScoreframeWarning,
                stacklevel=3,
            )
        if self.moved:
            warnings.warn(
                f"{self.moved} times do not fall on the {self.ppq}-ticks-per-quarter grid and "
                "were rounded to the nearest tick; pass ppq='exact' to keep them exact",
                ScoreframeWarning,
                stacklevel=3,
            )


def to_bytes(score: Score, **options: Unpack[MidiWriteOptions]) -> bytes:
    """The score as SMF bytes.

    Options: ``format`` 1 (default) or 0; ``ppq`` 480 (default), any 1..32767 or
    ``"exact"``; ``tempo_policy`` :class:`TempoPolicy`; ``tempo_tolerance`` (seconds, for
    EXACT); ``overlap`` :class:`OverlapPolicy`; ``running_status`` (off);
    ``default_velocity`` (80) for notes no contour gives one.
    """
    chosen = midi_options(options)
    score.validate()
    export = _Export(score, choose_ppq(score, chosen.ppq), chosen)
    tracks = export.tracks(chosen.format)
    first = export.conductor()
    export.warn()
    if chosen.patch is not None:
        return _patched_bytes(export, chosen.patch, first, tracks)
    voices = [[v for plan in export.plans for v in plan.voices]]
    names = ["the one track"]
    if chosen.format == 0:
        for track in tracks:
            first += track
        tracks = [first]
    else:
        tracks = [first, *tracks]
        voices = [[], *(plan.voices for plan in export.plans)]
        names = ["the conductor track", *(f"track {plan.name!r}" for plan in export.plans)]
    chunks = [header(chosen.format, len(tracks), export.ppq)]
    for track, playing, name in zip(tracks, voices, names, strict=True):
        track.sort()
        drop_merged(track)
        check_gaps(track, TICK_SHIFT, export.ppq, export.score, playing, name)
        chunks.append(
            encode_packed_track(
                track, export.payloads, TICK_SHIFT, LOW_MASK, running_status=chosen.running_status
            )
        )
    return b"".join(chunks)


def _sorted(keys: list[int]) -> list[int]:
    keys.sort()
    drop_merged(keys)
    return keys


def _patched(
    export: _Export, patch: Unit, tracks: list[list[int]], *, file: bool = True
) -> PatchedTracks:
    """The part tracks through ``patch`` (see :mod:`.patching`)."""
    seconds = TempoMap(export.score).seconds_float
    whole = 4 * export.ppq
    patched = PatchedTracks(patch, export.names, lambda t: seconds(t / whole), file=file)
    for name, keys in zip(export.names, tracks, strict=True):
        patched.add(name, _sorted(keys), export.payloads)
    return patched


def _patched_bytes(
    export: _Export, patch: Unit, first: list[int], tracks: list[list[int]]
) -> bytes:
    """The file of a patched export: the conductor as it is, the part tracks patched."""
    options = export.options
    patched = _patched(export, patch, tracks)
    done = patched.finish()
    conductor = patched.kept(_sorted(first), export.payloads)
    if options.format == 0:
        written = [sort([*conductor, *(placed for track in done for placed in track)])]
    else:
        written = [sort(conductor), *(sort(track) for track in done)]
    return encode_file(
        written, ppq=export.ppq, format=options.format, running_status=options.running_status
    )


def write(score: Score, path: str | os.PathLike[str], **options: Unpack[MidiWriteOptions]) -> Path:
    """Write the score as a ``.mid`` file (atomically: never half written)."""
    return atomic_write(Path(path), to_bytes(score, **options))


def messages(score: Score, **options: Unpack[MidiWriteOptions]) -> list[TimedMessage]:
    """The timed message stream (programs, controllers, bends, notes; no meta events), each at
    its second from the tempo map: what the player sends, and what the file holds. With
    ``patch=``, the stream that patch makes, each message's port the name of the track it
    lands in (see :mod:`.patching`).

    Built on a grid exact for every note (and at least :data:`LIVE_PPQ` a quarter for the
    contours between them), so each note starts at the tempo map's second for its onset."""
    chosen = midi_options(options)
    score.validate()
    export = _Export(score, lcm(exact_grid(score), LIVE_PPQ), chosen)
    if chosen.patch is not None:
        return _patched_messages(export, chosen.patch)
    keys = sorted(key for track in export.tracks(1) for key in track)
    drop_merged(keys)
    seconds = TempoMap(score).seconds_float
    whole = 4 * export.ppq
    payloads = export.payloads
    out: list[TimedMessage] = []
    last_tick, last_seconds = -1, 0.0
    for key in keys:
        data = payloads[key & LOW_MASK]
        if data[0] == 0xFF:
            continue
        tick = key >> TICK_SHIFT
        if tick != last_tick:
            last_tick, last_seconds = tick, seconds(tick / whole)
        out.append(TimedMessage(last_seconds, data))
    return out


def _patched_messages(export: _Export, patch: Unit) -> list[TimedMessage]:
    """The stream through ``patch``: each message on the port of its track's name."""
    patched = _patched(export, patch, export.tracks(1), file=False)
    placed = [
        (key, data, name)
        for name, track in zip(patched.names, patched.finish(), strict=True)
        for key, data in track
    ]
    placed.sort(key=lambda item: item[0])
    seconds = TempoMap(export.score).seconds_float
    whole = 4 * export.ppq
    return [
        TimedMessage(seconds(key[0] / whole), data, name)
        for key, data, name in placed
        if data[0] != 0xFF
    ]
