"""One MIDI track's events, built by its own pass over the score's notes and contours.

A part is one track; a voice that names another ``track`` goes to a track of that name. Events
are ``(at, order, bytes)``: ``at`` is whatever the clock makes of a time (ticks for a file,
seconds for the player), ``order`` the :class:`~.policies.Order` of events sharing one tick.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..contour import Contour
from ..errors import ExportError
from ..events import sounding_notes
from ..score import Part, Score, Voice
from ..velocity import velocity_function
from .channels import PartChannels
from .controllers import (
    Time,
    cc_value,
    crossings,
    rpn,
    thinned,
    wheel_bytes,
    wheel_value,
)
from .policies import MidiOptions, Order, OverlapPolicy

Clock = Callable[[Time], int | float]
Event = tuple[int | float, int, bytes]
_PROGRAM, _CONTROL = int(Order.PROGRAM), int(Order.CONTROL)
_OFF, _ON = int(Order.NOTE_OFF), int(Order.NOTE_ON)


@dataclass
class TrackPlan:
    """A track: its name, part, voices and channels."""

    name: str
    part: Part
    channels: PartChannels
    voices: list[Voice] = field(default_factory=list)


@dataclass
class Counts:
    """What the export had to change, for one warning each."""

    overlaps: int = 0


def plan_tracks(score: Score, channels: list[PartChannels]) -> list[TrackPlan]:
    """The tracks in order: each part's own, then the named tracks of its voices."""
    out: list[TrackPlan] = []
    for part, chans in zip(score.parts, channels, strict=True):
        own = TrackPlan(part.name, part, chans)
        named: dict[str, TrackPlan] = {}
        for voice in part.voices:
            if voice.track and voice.track != part.name:
                named.setdefault(voice.track, TrackPlan(voice.track, part, chans)).voices.append(
                    voice)
            else:
                own.voices.append(voice)
        out.extend([own, *named.values()] if own.voices or not named else named.values())
    return out


def _voice_channel(voice: Voice, plan: TrackPlan) -> int:
    return voice.channel if voice.channel is not None else plan.channels.channel


def _bends(plan: TrackPlan, score: Score) -> bool:
    """Whether the track moves the pitch wheel (a bend contour or a microtone)."""
    if _contour(plan, "pitch_bend", score) is not None:
        return True
    return any(n.pitch is not None and n.pitch.microtonal for v in plan.voices for n in v.notes)


def _contour(plan: TrackPlan, name: str, score: Score) -> Contour | None:
    """The contour ``name`` the track's voices follow: a voice's, else the part's, else the
    score's (inheritance, as Ames' choirs)."""
    for voice in plan.voices:
        if voice.contours.get(name):
            return voice.contours[name]
    for owner in (plan.part, score):
        if owner.contours.get(name):
            return owner.contours[name]
    return None


def setup_events(plan: TrackPlan, score: Score, clock: Clock) -> list[Event]:
    """Bank and program on every channel the track uses; bend range and MPE configuration."""
    part = plan.part
    used = sorted({_voice_channel(v, plan) for v in plan.voices} | set(plan.channels.members))
    at = clock(Fraction(0))
    out: list[Event] = []
    if plan.channels.mpe:
        manager = plan.channels.channel
        out += [(at, _CONTROL, b) for b in rpn(manager, 6, len(plan.channels.members))]
    for channel in used:
        if part.bank is not None:
            status = 0xB0 | (channel - 1)
            out += [(at, _PROGRAM, bytes((status, 0, part.bank >> 7))),
                    (at, _PROGRAM, bytes((status, 32, part.bank & 0x7F)))]
        if part.program is not None and not part.percussion:
            out.append((at, _PROGRAM, bytes((0xC0 | (channel - 1), part.program - 1))))
    if _bends(plan, score):
        for channel in sorted({*used, plan.channels.channel}):
            out += [(at, _CONTROL, b) for b in rpn(channel, 0, part.bend_range)]
    return out


def controller_events(plan: TrackPlan, score: Score, clock: Clock) -> list[Event]:
    """Every ``control:N`` contour the track follows, on each channel it uses."""
    names = {n for v in plan.voices for n in v.contours} | set(plan.part.contours)
    names |= set(score.contours)
    used = sorted({_voice_channel(v, plan) for v in plan.voices}) or [plan.channels.channel]
    out: list[Event] = []
    for name in sorted(n for n in names if n.startswith("control:")):
        contour = _contour(plan, name, score)
        if contour is None:
            continue
        number = int(name.partition(":")[2])
        _check_values(contour, 0, 127, "MIDI controllers hold 0 to 127")
        points = thinned(crossings(contour.segments, 1.0), clock, cc_value)
        for channel in used:
            status = 0xB0 | (channel - 1)
            out += [(at, _CONTROL, bytes((status, number, value))) for at, value in points]
    return out


def wheel_contour_events(plan: TrackPlan, score: Score, clock: Clock) -> list[Event]:
    """The pitch-bend contour on an MPE zone's manager channel (it bends the whole zone)."""
    contour = _contour(plan, "pitch_bend", score)
    if contour is None:
        return []
    bend_range = plan.part.bend_range
    _check_bend(contour, plan)
    points = thinned(crossings(contour.segments, bend_range / 8192), clock,
                     lambda v: wheel_value(v, bend_range))
    return [(at, _CONTROL, wheel_bytes(plan.channels.channel, v)) for at, v in points]


@dataclass(slots=True)
class _Note:
    on: int | float
    off: int | float
    channel: int
    key: int
    velocity: int
    bend: Fraction
    onset: Fraction


def note_list(plan: TrackPlan, score: Score, clock: Clock, options: MidiOptions,
              ppq: int | None) -> list[_Note]:
    """The track's sounding notes (tie chains merged) in onset order. With ``ppq`` the clock
    is ticks, computed here in integers (the hot path of large exports)."""
    out: list[_Note] = []
    append = out.append
    q8 = 8 * ppq if ppq else 0
    for voice in plan.voices:
        channel = _voice_channel(voice, plan)
        velocity_of = velocity_function(voice, options.default_velocity)
        for note in _sounding(voice):
            pitch = note.pitch
            onset = note.onset
            if q8:
                num, den = onset.numerator, onset.denominator
                on = (num * q8 + den) // (2 * den)
                num, den = note.duration.numerator, note.duration.denominator
                off = on + max((num * q8 + den) // (2 * den), 1)  # at least one tick long
            else:
                on, off = clock(onset), clock(onset + note.duration)
            velocity = note.velocity if note.velocity is not None else velocity_of(onset)
            append(_Note(on, off, channel, pitch._key, velocity,
                         pitch.bend if pitch.microtonal else _ZERO, onset))
    out.sort(key=_on)
    return out


_ZERO = Fraction(0)


def _on(note: _Note) -> int | float:
    return note.on


def _sounding(voice: Voice) -> list[Any]:
    """The voice's pitched notes, tie chains merged (fast when nothing is tied)."""
    notes = voice.notes
    if any(n.tie for n in notes):
        return sounding_notes(voice)
    return [n for n in notes if n.pitch is not None]


def resolve_overlaps(notes: list[_Note], policy: OverlapPolicy, counts: Counts) -> list[_Note]:
    """Same key sounding twice on one channel: truncate or merge (never a note-off that
    silences the new note)."""
    sounding: dict[tuple[int, int], _Note] = {}
    out: list[_Note] = []
    for note in notes:
        place = (note.channel, note.key)
        earlier = sounding.get(place)
        if earlier is not None and earlier.off > note.on:
            counts.overlaps += 1
            if policy is OverlapPolicy.MERGE or earlier.on == note.on:
                earlier.off = max(earlier.off, note.off)
                continue
            earlier.off = note.on
        sounding[place] = note
        out.append(note)
    return out


def note_events(plan: TrackPlan, notes: list[_Note], score: Score, clock: Clock) -> list[Event]:
    """Note-ons and note-offs; microtones as bends just before their note-on."""
    out: list[Event] = []
    if plan.channels.mpe:
        _rotate(notes, plan.channels.members)
    bends = [n for n in notes if n.bend] if not plan.channels.mpe else notes
    if bends:
        out += _note_bends(plan, notes, score, clock)
    for n in notes:
        out.append((n.on, _ON, bytes((0x90 | (n.channel - 1), n.key, n.velocity))))
        out.append((n.off, _OFF, bytes((0x80 | (n.channel - 1), n.key, 0))))
    return out


def _rotate(notes: list[_Note], members: tuple[int, ...]) -> None:
    """Give each note the member channel free the longest (MPE)."""
    free_at = dict.fromkeys(members, -1.0)
    for note in notes:
        channel = min(members, key=lambda c: (free_at[c] > note.on, free_at[c]))
        note.channel = channel
        free_at[channel] = float(note.off)


def _note_bends(plan: TrackPlan, notes: list[_Note], score: Score, clock: Clock) -> list[Event]:
    """Each note's bend before its note-on; on a plain channel the bend contour is added in."""
    bend_range = plan.part.bend_range
    contour = None if plan.channels.mpe else _contour(plan, "pitch_bend", score)
    out: list[Event] = []
    last: dict[int, int] = {}
    for n in notes:
        base = float(contour.value_at(n.onset) or 0) if contour is not None else 0.0
        value = wheel_value(base + float(n.bend), bend_range)
        if not plan.channels.mpe and contour is None and last.get(n.channel, 8192) == value:
            continue  # the wheel is already there
        last[n.channel] = value
        out.append((n.on, _CONTROL, wheel_bytes(n.channel, value)))
    return out


def plain_wheel_events(
    plan: TrackPlan, notes: list[_Note], score: Score, clock: Clock
) -> list[Event]:
    """The bend contour on each plain (non-MPE) channel of the track, with the bend of any
    microtonal note sounding at that moment added in."""
    contour = _contour(plan, "pitch_bend", score)
    if contour is None or plan.channels.mpe:
        return []
    bend_range = plan.part.bend_range
    _check_bend(contour, plan)
    points = [(clock(t), v, x) for t, v, x in crossings(contour.segments, bend_range / 8192)]
    used = sorted({_voice_channel(v, plan) for v in plan.voices}) or [plan.channels.channel]
    out: list[Event] = []
    for channel in used:
        bent = [n for n in notes if n.channel == channel and n.bend]
        codes = thinned(((at, v + _bend_at(bent, at), x) for at, v, x in points), _same,
                        lambda v: wheel_value(v, bend_range))
        out += [(at, _CONTROL, wheel_bytes(channel, code)) for at, code in codes]
    return out


def _same(at: Time) -> int | float:
    return float(at) if isinstance(at, Fraction) else at


def _bend_at(bent: list[_Note], at: int | float) -> float:
    """The bend of the microtonal note sounding at ``at`` (notes sorted by onset), else 0."""
    i = bisect.bisect_right([n.on for n in bent], at) - 1
    return float(bent[i].bend) if i >= 0 and bent[i].off > at else 0.0


def _check_values(contour: Contour, low: float, high: float, why: str) -> None:
    """A contour must stay where MIDI can follow it (its ends bound every curve)."""
    for segment in contour.segments:
        for value in (segment.origin, segment.goal):
            if not low - 0.5 <= value <= high + 0.5:  # what rounds into range is fine
                raise ExportError(
                    f"{contour.owner} contour {contour.name!r} reaches {value} at "
                    f"{segment.start}; {why}"
                )


def _check_bend(contour: Contour, plan: TrackPlan) -> None:
    bend_range = plan.part.bend_range
    _check_values(contour, -bend_range, bend_range,
                  f"the part's bend range is {bend_range} semitones: give the part "
                  f"bend_range= (up to 24) or a smaller bend")
