"""The conductor: tempo events from the tempo map, time and key signatures.

Tempo events fall at each tempo segment's start and, inside a ramp, wherever the tempo crosses
a whole BPM (Ames' rule: at most 100,000 a ramp, as :data:`~scoreframe.limits.LIMITS` bounds a
tempo), never more than one a tick. Under :attr:`TempoPolicy.EXACT` a ramp crossing more than
:data:`RAMP_EVENTS` whole BPM takes steps of as many whole BPM as keep it to that many, and
each event's microseconds per quarter are chosen so that the time to the next tempo event
equals the tempo map's (the rounding carried forward, so no error adds up); where the file's
straight line between two events would stray from the tempo map's curve by more than
``tolerance`` seconds, the stretch is cut into equal pieces (the error of a chord of a curve
falls with the square of its length), at most :data:`RAMP_EVENTS` pieces a ramp (each event
still lands on the tempo map's second). A tempo no Set-Tempo event holds (slower than
0xFFFFFF microseconds a quarter, about 3.58 quarters a minute) is an ExportError naming the
place, never clamped.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.tempo.hold(60).ramp(62, at=1, over=1, curve="linear")
>>> [(t, us) for t, us in tempo_events(s, 480, TempoPolicy.AMES)]
[(0, 1000000), (2880, 983607), (3840, 967742)]
>>> [len(tempo_events(s, 480, TempoPolicy.EXACT, tolerance=t)) for t in (1e-2, 1e-4, 1e-6)]
[4, 16, 130]
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from ..curves import CURVES, levels
from ..errors import ExportError
from ..meter import Meter
from ..score import Score
from ..tempo import TempoMap, TempoSpan
from . import meta
from .policies import TempoPolicy

#: How far (seconds) the file's tempo may stray from the tempo map inside a ramp under EXACT.
TOLERANCE = 1e-4

#: The most tempo events one ramp makes for its BPM crossings, and again for its EXACT pieces
#: (docs/limits.md): a ramp across the whole tempo range stays a few thousand events.
RAMP_EVENTS = 2000

#: The slowest and fastest Set-Tempo: microseconds a quarter note, as the event holds them.
SLOWEST_US, FASTEST_US = 0xFFFFFF, 1


def tick_of(time: Fraction | float, ppq: int) -> int:
    """The tick nearest ``time`` whole notes (a half rounds up)."""
    if isinstance(time, Fraction):
        return (time.numerator * 8 * ppq + time.denominator) // (2 * time.denominator)
    return math.floor(time * 4 * ppq + 0.5)


def _crossings(span: TempoSpan, policy: TempoPolicy) -> list[float]:
    """Offsets (whole notes into the span) where its tempo crosses a whole BPM (its curve's
    inverse, from the curve table); under EXACT, every so many whole BPM (see the module)."""
    t0, t1, length = span.origin, span.goal, span.length
    inverse = CURVES[span.curve].inverse
    if inverse is None:
        return []
    many = policy is TempoPolicy.EXACT and abs(t1 - t0) > RAMP_EVENTS
    step = float(math.ceil(abs(t1 - t0) / RAMP_EVENTS)) if many else 1.0
    return [inverse(t0, t1, length, k * step) for k in levels(t0, t1, step, 0.0, False)]


def _refined(ticks: list[int], tempo_map: TempoMap, ppq: int, tolerance: float) -> list[int]:
    """Ticks added between consecutive ``ticks`` (inside one ramp) so that no straight piece
    strays more than ``tolerance`` seconds from the curve (its middle tells how far)."""
    whole = 4 * ppq

    def seconds(tick: float) -> float:
        return tempo_map.seconds_float(tick / whole)

    wanted: list[tuple[int, int, int]] = []
    for a, b in itertools.pairwise(ticks):
        if b - a < 2:
            continue
        error = abs(seconds((a + b) / 2) - (seconds(a) + seconds(b)) / 2)
        pieces = min(math.ceil(math.sqrt(error / tolerance)), b - a) if error > tolerance else 1
        wanted.append((a, b, pieces))
    total = sum(pieces - 1 for _, _, pieces in wanted)
    share = min(1.0, RAMP_EVENTS / total) if total else 1.0  # at most RAMP_EVENTS a ramp
    out: list[int] = []
    for a, b, pieces in wanted:
        cut = max(1, math.floor((pieces - 1) * share) + 1)
        out += [a + (b - a) * j // cut for j in range(1, cut)]
    return out


def tempo_ticks(
    tempo_map: TempoMap, ppq: int, policy: TempoPolicy, tolerance: float = TOLERANCE
) -> list[int]:
    """The ticks of the tempo events: segment starts and ends, whole-BPM crossings, and under
    EXACT the pieces that keep each ramp within ``tolerance`` seconds."""
    ticks = {0}
    for span in tempo_map.spans:
        start = tick_of(span.start, ppq)
        ticks.add(start)
        if span.constant() or span.end is None:
            continue
        end = tick_of(span.end, ppq)
        inside = [
            start,
            *(tick_of(float(span.start) + offset, ppq) for offset in _crossings(span, policy)),
            end,
        ]
        ticks.update(inside)
        if policy is TempoPolicy.EXACT:
            ticks.update(_refined(sorted(set(inside)), tempo_map, ppq, tolerance))
    return sorted(ticks)


def tempo_events(
    score: Score, ppq: int, policy: TempoPolicy, tolerance: float = TOLERANCE
) -> list[tuple[int, int]]:
    """(tick, microseconds per quarter) of every tempo event, repeats dropped."""
    tempo_map = TempoMap(score)
    ticks = tempo_ticks(tempo_map, ppq, policy, tolerance)
    quarter = float(tempo_map.beat * 4)
    out: list[tuple[int, int]] = []
    achieved = 0.0
    for index, tick in enumerate(ticks):
        time = Fraction(tick, 4 * ppq)
        if policy is TempoPolicy.AMES or index + 1 == len(ticks):
            bpm = (
                round(tempo_map.tempo_at(time))
                if policy is TempoPolicy.AMES
                else tempo_map.tempo_at(time)
            )
            us = round(60_000_000 / (max(bpm, 1) * quarter))
        else:
            following = ticks[index + 1]
            target = tempo_map.seconds_float(following / (4 * ppq)) * 1e6
            us = round((target - achieved) * ppq / (following - tick))
            achieved += us * (following - tick) / ppq
        if not FASTEST_US <= us <= SLOWEST_US:
            raise _unheld(score, tempo_map, time, us)
        if not out or out[-1][1] != us:
            out.append((tick, us))
    return out


def _unheld(score: Score, tempo_map: TempoMap, time: Fraction, us: int) -> ExportError:
    """The error for a tempo no Set-Tempo event holds (a clamp would make the .mid and the
    .sco disagree)."""
    way = "slower" if us > SLOWEST_US else "faster"
    held = 60_000_000 / (SLOWEST_US if us > SLOWEST_US else FASTEST_US)
    tempo = float(tempo_map.tempo_at(time))
    quarters = tempo * float(tempo_map.beat * 4)
    return ExportError(
        f"the tempo at {score.where(time)} is {tempo:.6g} beats a minute ({quarters:.6g} "
        f"quarters a minute), {way} than a MIDI Set-Tempo event holds ({held:.6g} quarters a "
        "minute); change the tempo there, or write another format"
    )


def clocks_per_click(meter: Meter) -> int:
    """MIDI clocks (24 a quarter) per metronome click: the beat, dotted in compound meters."""
    beat = (
        Fraction(meter.groups[0], meter.denominator)
        if meter.compound
        else Fraction(1, meter.denominator)
    )
    return min(max(int(beat * 96), 1), 255)


def conductor(
    score: Score, ppq: int, policy: TempoPolicy, tolerance: float = TOLERANCE
) -> list[tuple[int, int, bytes]]:
    """The conductor's events as (tick, order, bytes): name, meters, keys, tempi."""
    events: list[tuple[int, int, bytes]] = []
    if score.title:
        events.append((0, 0, meta.track_name(score.title)))
    for time, meter in score.meters.changes:
        data = meta.time_signature(meter.numerator, meter.denominator, clocks_per_click(meter))
        events.append((tick_of(time, ppq), 1, data))
    for time, key in score.keys.changes:
        events.append((tick_of(time, ppq), 2, meta.key_signature(key.fifths, key.minor)))
    for tick, us in tempo_events(score, ppq, policy, tolerance):
        events.append((tick, 3, meta.set_tempo(us)))
    events.sort(key=lambda e: (e[0], e[1]))
    return events
