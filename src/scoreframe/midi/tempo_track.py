"""The conductor: tempo events from the tempo map, time and key signatures.

Tempo events fall at each tempo segment's start and, inside a ramp, wherever the tempo crosses
a whole BPM (Ames' rule); under :attr:`TempoPolicy.EXACT` also on every note onset inside a
ramp. Each event's microseconds per quarter are chosen so that the time to the next tempo event
equals the tempo map's (the rounding carried forward), so no error adds up.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.tempo.hold(60).ramp(62, at=1, over=1, curve="linear")
>>> [(t, us) for t, us in tempo_events(s, 480, TempoPolicy.AMES, ())]
[(0, 1000000), (2880, 983607), (3840, 967742)]
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from fractions import Fraction

from ..contour import Curve
from ..meter import Meter
from ..score import Score
from ..tempo import TempoMap, TempoSpan
from . import meta
from .policies import TempoPolicy


def tick_of(time: Fraction | float, ppq: int) -> int:
    """The tick nearest ``time`` whole notes (a half rounds up)."""
    if isinstance(time, Fraction):
        return (time.numerator * 8 * ppq + time.denominator) // (2 * time.denominator)
    return math.floor(time * 4 * ppq + 0.5)


def _crossings(span: TempoSpan) -> list[float]:
    """Offsets (whole notes into the span) where its tempo crosses a whole BPM."""
    t0, t1, length = span.origin, span.goal, span.length
    low, high = sorted((t0, t1))
    whole = range(math.floor(low) + 1, math.ceil(high))
    if span.curve is Curve.LINEAR:
        return sorted((k - t0) / (t1 - t0) * length for k in whole)
    log_r = math.log(t1 / t0)
    return sorted(length * math.log(k / t0) / log_r for k in whole)


def tempo_ticks(score: Score, ppq: int, policy: TempoPolicy, onsets: Iterable[int]) -> list[int]:
    """The ticks of the tempo events: segment starts and ends, whole-BPM crossings, and under
    EXACT the onsets inside ramps."""
    tempo_map = TempoMap(score)
    ticks = {0}
    ramps: list[tuple[int, int]] = []
    for span in tempo_map.spans:
        start = tick_of(span.start, ppq)
        ticks.add(start)
        if span.constant() or span.end is None:
            continue
        end = tick_of(span.end, ppq)
        ramps.append((start, end))
        for offset in _crossings(span):
            ticks.add(tick_of(float(span.start) + offset, ppq))
        ticks.add(end)
    if policy is TempoPolicy.EXACT and ramps:
        ramps.sort()
        starts = [a for a, _ in ramps]
        for tick in onsets:
            i = bisect.bisect_left(starts, tick) - 1  # the last ramp starting before the tick
            if i >= 0 and tick < ramps[i][1]:
                ticks.add(tick)
    return sorted(ticks)


def tempo_events(
    score: Score, ppq: int, policy: TempoPolicy, onsets: Iterable[int]
) -> list[tuple[int, int]]:
    """(tick, microseconds per quarter) of every tempo event, repeats dropped."""
    tempo_map = TempoMap(score)
    ticks = tempo_ticks(score, ppq, policy, onsets)
    quarter = float(tempo_map.beat * 4)
    out: list[tuple[int, int]] = []
    achieved = 0.0
    for index, tick in enumerate(ticks):
        time = Fraction(tick, 4 * ppq)
        if policy is TempoPolicy.AMES or index + 1 == len(ticks):
            bpm = round(tempo_map.tempo_at(time)) if policy is TempoPolicy.AMES \
                else tempo_map.tempo_at(time)
            us = round(60_000_000 / (max(bpm, 1) * quarter))
        else:
            following = ticks[index + 1]
            target = tempo_map.seconds_float(following / (4 * ppq)) * 1e6
            us = round((target - achieved) * ppq / (following - tick))
            achieved += us * (following - tick) / ppq
        us = min(max(us, 1), 0xFFFFFF)
        if not out or out[-1][1] != us:
            out.append((tick, us))
    return out


def clocks_per_click(meter: Meter) -> int:
    """MIDI clocks (24 a quarter) per metronome click: the beat, dotted in compound meters."""
    beat = Fraction(meter.groups[0], meter.denominator) if meter.compound else \
        Fraction(1, meter.denominator)
    return min(max(int(beat * 96), 1), 255)


def conductor(
    score: Score, ppq: int, policy: TempoPolicy, onsets: Iterable[int]
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
    for tick, us in tempo_events(score, ppq, policy, onsets):
        events.append((tick, 3, meta.set_tempo(us)))
    events.sort(key=lambda e: (e[0], e[1]))
    return events
