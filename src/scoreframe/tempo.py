"""The tempo map: whole notes to seconds and back, exact per segment.

A tempo contour gives beats per minute of a beat unit (a quarter by default). Inside a segment
the time is the closed-form integral of 60 / (bpm(x) * beat) over whole notes ``x``:

* constant tempo: ``60 L / (beat T)``;
* linear in BPM (T moves evenly per whole note): ``60 L / (beat (T1 - T0)) * ln(T1 / T0)``;
* exponential, equal ratio per whole note (Rogers and Rockstroh):
  ``60 L / (beat T0 ln r) * (1 - 1 / r)``, ``r = T1 / T0``.

A span crossing segments is summed piece by piece, and the inverse solves the same formulas.

>>> from fractions import Fraction
>>> from scoreframe.contour import Contour, Curve
>>> tempo = Contour("tempo", Curve.EXPONENTIAL).hold(60).ramp(120, at=0, over=4)
>>> tm = TempoMap(tempo)
>>> round(tm.seconds(4), 6), round(8 / math.log(2), 6)
(11.54156, 11.54156)
>>> round(tm.seconds(5) - tm.seconds(4), 9)      # a whole note at quarter = 120
2.0
>>> round(tm.whole_notes(tm.seconds(Fraction(7, 3))), 12)
2.333333333333
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from .contour import DEFAULTS, Contour, Segment
from .curves import CONSTANT, CURVES, Curve, CurveRule
from .errors import ContourError
from .time import TimeLike, as_time, exact_time

if TYPE_CHECKING:
    from .score import Score


@dataclass(frozen=True, slots=True)
class TempoSpan:
    """One tempo segment, in floats for speed: start/end in whole notes, tempi in BPM; its
    seconds come from its curve's row of the curve table (the integral of 60 / tempo)."""

    start: Fraction
    end: Fraction | None
    start_seconds: float
    origin: float
    goal: float
    curve: Curve
    # Derived once: a map converts each note's onset, so these are read per call.
    length: float = field(init=False, repr=False, compare=False)
    _rule: CurveRule = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        length = math.inf if self.end is None else float(self.end - self.start)
        constant = self.end is None or not CURVES[self.curve].moves or self.origin == self.goal
        object.__setattr__(self, "length", length)
        object.__setattr__(self, "_rule", CONSTANT if constant else CURVES[self.curve])

    def constant(self) -> bool:
        return self._rule is CONSTANT

    def seconds(self, offset: float, k: float) -> float:
        """Seconds from the span start to ``offset`` whole notes in; ``k`` is 60 / beat."""
        elapsed = self._rule.elapsed
        assert elapsed is not None  # tempo segments are checked to be tempo curves
        return elapsed(self.origin, self.goal, self.length, offset, k)

    def offset(self, seconds: float, k: float) -> float:
        """The inverse of :meth:`seconds`: whole notes in after ``seconds`` from the span start."""
        reached = self._rule.reached
        assert reached is not None  # tempo segments are checked to be tempo curves
        return reached(self.origin, self.goal, self.length, seconds, k)

    def tempo_at(self, offset: float) -> float:
        """Beats per minute ``offset`` whole notes into the span."""
        if self.constant():
            return self.origin
        fraction = min(max(offset / self.length, 0.0), 1.0)
        return float(self._rule.value(self.origin, self.goal, fraction))


class TempoMap:
    """Whole notes <-> seconds for a score (or a tempo contour), one map for every exporter.

    ``beat`` is the note value the tempo counts (``Fraction(1, 4)``: quarter-note BPM).
    """

    def __init__(self, source: Score | Contour, beat: TimeLike | None = None) -> None:
        contour = source if isinstance(source, Contour) else source.tempo
        if beat is None:
            beat = Fraction(1, 4) if isinstance(source, Contour) else source.tempo_beat
        self.beat = as_time(beat, "tempo beat unit")
        if self.beat <= 0:
            raise ContourError(f"tempo beat unit {self.beat} must be positive")
        self.k = 60.0 / float(self.beat)
        self.spans = _spans(contour.segments, self.k)
        self._starts = [s.start for s in self.spans]
        self._ratios = [(s.start.numerator, s.start.denominator) for s in self.spans]
        self._float_starts = [float(s.start) for s in self.spans]
        self._start_seconds = [s.start_seconds for s in self.spans]

    def _index(self, num: int, den: int) -> int:
        """The index of the span holding time ``num / den`` (exact; found by float first).

        This is the hot path of every export, so it compares integers, not Fractions.
        """
        ratios = self._ratios
        i = max(bisect.bisect_right(self._float_starts, num / den) - 1, 0)
        while i > 0 and ratios[i][0] * den > num * ratios[i][1]:
            i -= 1
        while i + 1 < len(ratios) and ratios[i + 1][0] * den <= num * ratios[i + 1][1]:
            i += 1
        return i

    def _span(self, time: Fraction) -> TempoSpan:
        return self.spans[self._index(time.numerator, time.denominator)]

    def seconds(self, time: TimeLike) -> float:
        """Seconds from time 0 to ``time`` whole notes."""
        t = exact_time(time)
        num, den = t.numerator, t.denominator
        if num < 0:
            raise ContourError(f"time {t} is before the start of the score")
        i = self._index(num, den)
        start_num, start_den = self._ratios[i]
        offset = (num * start_den - start_num * den) / (den * start_den)  # exact, then rounded
        span = self.spans[i]
        return span.start_seconds + span.seconds(offset, self.k)

    def seconds_float(self, time: float) -> float:
        """:meth:`seconds` for a float time in whole notes: the fast path for large exports."""
        i = bisect.bisect_right(self._float_starts, time) - 1
        span = self.spans[i]
        return span.start_seconds + span.seconds(time - self._float_starts[i], self.k)

    def whole_notes(self, seconds: float) -> float:
        """The time in whole notes reached after ``seconds`` (the inverse of :meth:`seconds`)."""
        if seconds < 0:
            raise ContourError(f"{seconds} seconds is before the start of the score")
        i = bisect.bisect_right(self._start_seconds, seconds) - 1
        span = self.spans[i]
        return float(span.start) + span.offset(seconds - span.start_seconds, self.k)

    def tempo_at(self, time: TimeLike) -> float:
        """Beats per minute (of the beat unit) at ``time``."""
        t = exact_time(time)
        span = self._span(t)
        return span.tempo_at(float(t - span.start))

    def duration(self, start: TimeLike, end: TimeLike) -> float:
        """Seconds between two times."""
        return self.seconds(end) - self.seconds(start)

    @property
    def constant(self) -> bool:
        """True when the whole score keeps one tempo."""
        return len(self.spans) == 1 and self.spans[0].constant()


def _spans(segments: list[Segment], k: float) -> list[TempoSpan]:
    """The contour's segments as tempo spans from 0, with the default tempo before the first."""
    spans: list[TempoSpan] = []
    if not segments or segments[0].start > 0:
        default = float(DEFAULTS["tempo"])
        end = segments[0].start if segments else None
        spans.append(TempoSpan(Fraction(0), end, 0.0, default, default, Curve.DISCRETE))
    for seg in segments:
        origin, goal = float(seg.origin), float(seg.goal)
        if origin <= 0 or goal <= 0 or CURVES[seg.curve].elapsed is None:
            raise ContourError(f"tempo {seg}: a tempo must be positive and hold or ramp")
        seconds = 0.0
        if spans:
            prev = spans[-1]
            seconds = prev.start_seconds + prev.seconds(prev.length, k)
        spans.append(TempoSpan(seg.start, seg.end, seconds, origin, goal, seg.curve))
    return spans
