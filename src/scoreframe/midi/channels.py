"""Channels for the parts, and MPE zones for parts whose microtones sound together.

A part keeps its own channel if it gives one, else takes the next free one, skipping 10 unless
the part is percussion. A part that sounds notes needing different pitch bends at the same
moment becomes an MPE zone (lower zone first: manager channel 1, members 2 up; then the upper
zone: manager 16, members 15 down); its notes rotate over the member channels.

>>> import scoreframe as sf
>>> s = sf.Score()
>>> _ = s.part("A").voice("V").note("C4", 1)
>>> _ = s.part("B", channel=1).voice("V").note("E4", 1)
>>> [(p.part.name, p.channel) for p in assign(s)]
[('A', 2), ('B', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter

from ..errors import ScoreStructureError
from ..score import Part, Score, Voice

PERCUSSION = 10


@dataclass(frozen=True, slots=True)
class PartChannels:
    """Where a part's notes go: its channel, or an MPE zone (manager and member channels)."""

    part: Part
    channel: int
    members: tuple[int, ...] = ()

    @property
    def mpe(self) -> bool:
        return bool(self.members)


_PITCH, _MICROTONAL = attrgetter("pitch"), attrgetter("microtonal")


def microtonal(voice: Voice) -> bool:
    """Whether any note of the voice needs a pitch bend of its own."""
    return any(map(_MICROTONAL, filter(None, voice._pitches())))  # rests are None


def needs_mpe(part: Part, bent: set[Voice] | None = None) -> int:
    """How many notes needing different bends sound at once at most on one of the part's
    channels (0: no MPE). Voices on channels of their own are counted apart. ``bent``: the
    microtonal voices, if known."""
    if not any(v in bent if bent is not None else microtonal(v) for v in part.voices):
        return 0
    by_channel: dict[int | None, list[tuple[Fraction, Fraction, Fraction]]] = {}
    for voice in part.voices:
        spans = by_channel.setdefault(voice.channel, [])
        spans += [(n.onset, n.release, n.pitch.bend) for n in voice.notes if n.pitch is not None]
    return max((_most_at_once(spans) for spans in by_channel.values()), default=0)


def _most_at_once(spans: list[tuple[Fraction, Fraction, Fraction]]) -> int:
    if len({bend for *_, bend in spans}) < 2:
        return 0
    spans.sort()
    sounding: list[tuple[Fraction, Fraction]] = []
    most = 0
    for onset, release, bend in spans:
        sounding = [(end, b) for end, b in sounding if end > onset]
        sounding.append((release, bend))
        if len({b for _, b in sounding}) > 1:
            most = max(most, len(sounding))
    return most


def assign(
    score: Score, *, notation: bool = False, bent: set[Voice] | None = None
) -> list[PartChannels]:
    """Each part's channels, in part order.

    ``bent``: the voices with microtones, if the caller knows them already.
    ``notation=True`` is for a notation file's ``<midi-instrument>``: no MPE zones, and when
    the channels run out the last ones are shared instead of raising.
    """
    voices_per_part = {p.name: {v.channel for v in p.voices if v.channel} for p in score.parts}
    used = {p.channel for p in score.parts if p.channel is not None}
    used |= {c for chans in voices_per_part.values() for c in chans}
    mpe = {p.name: 0 if notation else needs_mpe(p, bent) for p in score.parts}
    zones = _zones([p for p in score.parts if mpe[p.name]], mpe, used)
    used |= {c for manager, members in zones.values() for c in (manager, *members)}
    free = [c for c in range(1, 17) if c not in used and c != PERCUSSION]
    out = []
    for part in score.parts:
        if part.name in zones:
            manager, members = zones[part.name]
            out.append(PartChannels(part, manager, members))
        elif part.channel is not None:
            out.append(PartChannels(part, part.channel))
        elif part.percussion:
            out.append(PartChannels(part, PERCUSSION))
        elif free:
            out.append(
                PartChannels(part, free.pop(0) if len(free) > 1 or not notation else free[0])
            )
        elif notation:
            out.append(PartChannels(part, 16))
        else:
            waiting = [p.name for p in score.parts if p.channel is None and not p.percussion]
            raise ScoreStructureError(
                f"more parts than MIDI channels: no channel is left for part {part.name!r} "
                f"(parts without a channel: {', '.join(map(repr, waiting))}); give parts "
                "channels to share, or write Type 1 files of fewer parts"
            )
    return out


def _zones(
    parts: list[Part], sizes: dict[str, int], used: set[int]
) -> dict[str, tuple[int, tuple[int, ...]]]:
    """MPE zones for the parts that need them: the lower zone, then the upper one."""
    if len(parts) > 2:
        names = ", ".join(repr(p.name) for p in parts)
        raise ScoreStructureError(
            f"parts {names} each sound different microtones at once and need an MPE zone; "
            "a MIDI port has two zones: merge them or give them separate outputs"
        )
    out: dict[str, tuple[int, tuple[int, ...]]] = {}
    layouts = [(1, range(2, 17)), (16, range(15, 0, -1))]
    for part, (manager, pool) in zip(parts, layouts, strict=False):
        members = tuple(c for c in pool if c not in used and c != PERCUSSION)[: sizes[part.name]]
        if manager in used or len(members) < 2:
            raise ScoreStructureError(
                f"part {part.name!r} sounds different microtones at once and needs an MPE zone "
                f"(manager channel {manager} and {sizes[part.name]} member channels), but the "
                "channels are taken by other parts"
            )
        used |= {manager, *members}
        out[part.name] = (manager, members)
    return out
