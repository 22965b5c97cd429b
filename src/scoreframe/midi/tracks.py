"""One MIDI track's events, built by its own pass over the score's notes and contours.

A part is one track; a voice that names another ``track`` goes to a track of that name. The
notes come from :mod:`.notes`, packed; the few other events (programs, controllers, bends) are
``(tick, order, bytes)``, ``order`` the :class:`~.policies.Order` of events sharing one tick.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from ..contour import Resolved
from ..errors import ExportError
from ..score import Part, Score, Voice
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
from .notes import DROPPED, TrackNotes
from .packing import TICK_SHIFT, channel_index
from .policies import Order

Clock = Callable[[Time], int]
#: The contour channel pressure (aftertouch) follows, written as 0xD0 messages.
CHANNEL_PRESSURE = "channel_pressure"
_KIND = {0xB0: "controllers", 0xD0: "channel pressure values"}
Event = tuple[int, int, bytes]
_PROGRAM, _CONTROL = int(Order.PROGRAM), int(Order.CONTROL)


@dataclass
class TrackPlan:
    """A track: its name, part, voices and channels; ``conflicts`` collects what MIDI could not
    keep (voices of one channel following different contours)."""

    name: str
    part: Part
    channels: PartChannels
    voices: list[Voice] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def channel_of(self, voice: Voice) -> int:
        """The voice's channel (1..16): its own, else the part's."""
        return voice.channel if voice.channel is not None else self.channels.channel

    def used_channels(self) -> list[int]:
        """The channels the track's voices play on, in order (the part's if it has none)."""
        return sorted({self.channel_of(v) for v in self.voices}) or [self.channels.channel]

    def view(self, name: str, channel: int | None = None) -> Resolved:
        """Contour ``name`` as the voices on ``channel`` (None: every voice) follow it. A MIDI
        channel holds one controller value at a time: the first voice that follows such a
        contour gives it; where another voice of the channel follows a different one, the
        conflict is noted for a warning."""
        voices = [v for v in self.voices if channel is None or self.channel_of(v) == channel]
        views = [(v, v.resolved(name)) for v in voices]
        views = [(v, view) for v, view in views if view]
        if not views:
            return self.part.resolved(name) if not voices else Resolved(name, ())
        (first, chosen), *others = views
        for other, view in others:
            if view != chosen:
                self.conflicts.append(
                    f"part {self.part.name!r}: voices {first.name!r} and {other.name!r} "
                    f"share channel {channel or self.channels.channel} but follow different "
                    f"{name!r} contours; the file follows voice {first.name!r} (give "
                    f"{other.name!r} a channel of its own to keep both)"
                )
                break
        return chosen


def plan_tracks(score: Score, channels: list[PartChannels]) -> list[TrackPlan]:
    """The tracks in order: each part's own, then the named tracks of its voices."""
    out: list[TrackPlan] = []
    for part, chans in zip(score.parts, channels, strict=True):
        own = TrackPlan(part.name, part, chans)
        named: dict[str, TrackPlan] = {}
        for voice in part.voices:
            if voice.track and voice.track != part.name:
                named.setdefault(voice.track, TrackPlan(voice.track, part, chans)).voices.append(
                    voice
                )
            else:
                own.voices.append(voice)
        out.extend([own, *named.values()] if own.voices or not named else named.values())
    return out


def bends(plan: TrackPlan, score: Score, bent: set[Voice]) -> bool:
    """Whether the track moves the pitch wheel (a bend contour, or a voice in ``bent``, the
    voices with microtones)."""
    owners: list[Part] | list[Voice] = plan.voices or [plan.part]
    if any(owner.resolved("pitch_bend") for owner in owners):
        return True
    return any(v in bent for v in plan.voices)


def setup_events(plan: TrackPlan, score: Score, bending: bool) -> list[Event]:
    """Bank and program on every channel the track uses; bend range and MPE configuration."""
    part = plan.part
    used = sorted({plan.channel_of(v) for v in plan.voices} | set(plan.channels.members))
    out: list[Event] = []
    if plan.channels.mpe:
        manager = plan.channels.channel
        out += [(0, _CONTROL, b) for b in rpn(manager, 6, len(plan.channels.members))]
    for channel in used:
        if part.bank is not None:
            status = 0xB0 | (channel - 1)
            out += [
                (0, _PROGRAM, bytes((status, 0, part.bank >> 7))),
                (0, _PROGRAM, bytes((status, 32, part.bank & 0x7F))),
            ]
        if part.program is not None and not part.percussion:
            out.append((0, _PROGRAM, bytes((0xC0 | (channel - 1), part.program - 1))))
    if bending:
        for channel in sorted({*used, plan.channels.channel}):
            out += [(0, _CONTROL, b) for b in rpn(channel, 0, part.bend_range)]
    return out


def controller_events(plan: TrackPlan, score: Score, clock: Clock) -> list[Event]:
    """Every ``control:N`` contour (and ``channel_pressure``) the track's voices follow, on
    each channel they use."""
    names = {n for v in plan.voices for n in v.contours} | set(plan.part.contours)
    names |= set(score.contours)
    out: list[Event] = []
    wanted = [n for n in names if n.startswith("control:") or n == CHANNEL_PRESSURE]
    for name in sorted(wanted):
        head = (0xD0,) if name == CHANNEL_PRESSURE else (0xB0, int(name.partition(":")[2]))
        for channel in plan.used_channels():
            view = plan.view(name, channel)
            if not view:
                continue
            _check_values(view, 0, 127, f"MIDI {_KIND[head[0]]} hold 0 to 127")
            points = thinned(crossings(view, 1.0, _until(view, score)), clock, cc_value)
            status = (head[0] | (channel - 1), *head[1:])
            out += [(int(at), _CONTROL, bytes((*status, value))) for at, value in points]
    return out


def _until(view: Resolved, score: Score) -> float | None:
    """Where an endless contour's events stop: where the score's sound ends."""
    return float(score.sounding_end) if view.endless else None


def wheel_contour_events(plan: TrackPlan, score: Score, clock: Clock) -> list[Event]:
    """The pitch-bend contour on an MPE zone's manager channel (it bends the whole zone)."""
    view = plan.view("pitch_bend")
    if not view:
        return []
    bend_range = plan.part.bend_range
    _check_bend(view, plan)
    points = thinned(
        crossings(view, bend_range / 8192, _until(view, score)),
        clock,
        lambda v: wheel_value(v, bend_range),
    )
    return [(int(at), _CONTROL, wheel_bytes(plan.channels.channel, v)) for at, v in points]


def _channel(on: int) -> int:
    """The channel (1..16) of a packed note-on."""
    return channel_index(on) + 1


def note_bend_events(plan: TrackPlan, notes: TrackNotes, score: Score) -> list[Event]:
    """Each note's bend just before its note-on (in an MPE zone on its member channel; on a
    plain channel only where the wheel must move, the bend contour its voice follows added
    in). For tracks with a microtone or an MPE zone."""
    bend_range = plan.part.bend_range
    mpe = plan.channels.mpe
    views = {id(v): v.resolved("pitch_bend") for v in plan.voices}
    out: list[Event] = []
    last: dict[int, int] = {}
    ordered = sorted(range(len(notes.ons)), key=notes.ons.__getitem__)
    for i in ordered:
        on, bend = notes.ons[i], notes.bends[i]
        if on == DROPPED:
            continue
        channel = _channel(on)
        view = None if mpe else views[id(notes.voices[i])]
        base = float(view.value_at(notes.onsets[i]) or 0) if view else 0.0
        value = wheel_value(base + float(bend), bend_range)
        if not mpe and not view and last.get(channel, 8192) == value:
            continue  # the wheel is already there
        last[channel] = value
        out.append((on >> TICK_SHIFT, _CONTROL, wheel_bytes(channel, value)))
    return out


def plain_wheel_events(
    plan: TrackPlan, notes: TrackNotes, score: Score, clock: Clock
) -> list[Event]:
    """The bend contour on each plain (non-MPE) channel of the track, with the bend of any
    microtonal note sounding at that moment added in."""
    if plan.channels.mpe:
        return []
    bend_range = plan.part.bend_range
    out: list[Event] = []
    for channel in plan.used_channels():
        view = plan.view("pitch_bend", channel)
        if not view:
            continue
        _check_bend(view, plan)
        points = [
            (clock(t), v, x) for t, v, x in crossings(view, bend_range / 8192, _until(view, score))
        ]
        bent = sorted(
            (on >> TICK_SHIFT, off >> TICK_SHIFT, bend)
            for on, off, bend in zip(notes.ons, notes.offs, notes.bends, strict=True)
            if on != DROPPED and bend and _channel(on) == channel
        )
        codes = thinned(
            ((at, v + _bend_at(bent, at), x) for at, v, x in points),
            _same,
            lambda v: wheel_value(v, bend_range),
        )
        out += [(int(at), _CONTROL, wheel_bytes(channel, code)) for at, code in codes]
    return out


def _same(at: Time) -> int:
    return int(at)


def _bend_at(bent: list[tuple[int, int, Fraction]], at: int) -> float:
    """The bend of the microtonal note sounding at ``at`` (sorted by onset), else 0."""
    i = bisect.bisect_right([on for on, _, _ in bent], at) - 1
    return float(bent[i][2]) if i >= 0 and bent[i][1] > at else 0.0


def _check_values(view: Resolved, low: float, high: float, why: str) -> None:
    """A contour must stay where MIDI can follow it (a segment's ends, or a periodic one's low
    and high, bound its values)."""
    for window in view.windows:
        segment = window.segment
        for value in (segment.origin, segment.goal):
            if not low - 0.5 <= value <= high + 0.5:  # what rounds into range is fine
                raise ExportError(
                    f"{window.contour.owner} contour {view.name!r} reaches {value} at "
                    f"{segment.start}; {why}"
                )


def _check_bend(view: Resolved, plan: TrackPlan) -> None:
    bend_range = plan.part.bend_range
    _check_values(
        view,
        -bend_range,
        bend_range,
        f"the part's bend range is {bend_range} semitones: give the part "
        f"bend_range= (up to 24) or a smaller bend",
    )
