"""The curve table: how each curve of a contour segment moves, one row per curve.

A row (:class:`CurveRule`) holds everything any part of scoreframe needs to know about a curve:

* ``value(origin, goal, u)``: the value at ``u``, the fraction of the segment gone by (a ramp)
  or the position in the cycle (a periodic curve, whose origin and goal are its low and high);
* ``pieces``: where inside the segment (a ramp) or inside one cycle (a periodic curve) the value
  moves one way, holds, or jumps, each with the inverse that finds where a value is crossed
  (MIDI controllers, velocity steps and tempo events are placed there);
* ``elapsed`` and ``reached``: the integral of ``1 / value`` and its inverse, which turn a tempo
  segment into seconds and back (rows without them cannot be tempo curves);
* ``check``: what a segment of the curve must satisfy (an exponential curve needs an origin and
  a goal of one sign, neither zero).

Adding a curve is adding a row; nothing else in scoreframe tests which curve it has.

>>> CURVES[Curve.LINEAR].value(10, 20, Fraction(1, 4))
Fraction(25, 2)
>>> round(CURVES[Curve.EXPONENTIAL].value(60.0, 120.0, 0.5), 6)
84.852814
>>> [round(CURVES[Curve.SINE].value(0.0, 1.0, u), 6) for u in (0, 0.25, 0.5, 0.75)]
[0.5, 1.0, 0.5, 0.0]
>>> [(p.u0, p.u1, p.y0, p.y1) for p in CURVES[Curve.SQUARE].pieces]
[(0.0, 0.5, 1.0, 1.0), (0.5, 0.5, 1.0, 0.0), (0.5, 1.0, 0.0, 0.0), (1.0, 1.0, 0.0, 1.0)]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import TypeAlias

from .errors import ContourError

Real: TypeAlias = Fraction | float


class Curve(Enum):
    """How a segment moves from its origin to its goal, or, periodic, between low and high."""

    DISCRETE = "discrete"
    LINEAR = "linear"
    EXPONENTIAL = "exponential"
    SINE = "sine"
    TRIANGLE = "triangle"
    SQUARE = "square"
    SAW = "saw"

    # The members are singletons equal only to themselves: hashed by identity, at C speed
    # (Enum's own __hash__ is a Python call, and every segment made looks its rule up).
    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch ``u0..u1`` where the unit value moves one way from ``y0`` to ``y1`` (or holds,
    ``y0 == y1``, or jumps at one instant, ``u0 == u1``); ``at(y)`` is where it is ``y``.

    For a ramp ``u`` runs over the segment (0 to 1) and ``y`` is the value itself; for a
    periodic curve ``u`` runs over one cycle and ``y`` over 0 (low) to 1 (high).
    """

    u0: float
    u1: float
    y0: float
    y1: float
    at: Callable[[float], float] | None = None


Value = Callable[[Real, Real, Real], Real]
Elapsed = Callable[[float, float, float, float, float], float]
"""(origin, goal, length, x, k) -> ``k`` times the integral of 1 / value over the first ``x``
whole notes of a segment ``length`` long (seconds, for a tempo with ``k = 60 / beat``); for
``reached`` the inverse: the whole notes ``x`` after that many seconds."""
Check = Callable[[Real, Real], str | None]


@dataclass(frozen=True, slots=True)
class CurveRule:
    """Everything about one curve (see the module doc)."""

    curve: Curve
    value: Value
    periodic: bool = False
    straight: bool = False
    """The value is a straight line in time (what Csound's ``<`` ramps draw)."""
    monotone: bool = False
    """The value moves one way over the whole segment (a crescendo, an accelerando)."""
    pieces: tuple[Piece, ...] = ()
    """Periodic curves: the pieces of one cycle. Ramps have one piece made per segment."""
    inverse: Callable[[float, float, float, float], float] | None = None
    """Ramps: (origin, goal, length, value) -> whole notes into the segment where it is value."""
    elapsed: Elapsed | None = None
    reached: Elapsed | None = None
    check: Check | None = None

    @property
    def moves(self) -> bool:
        """Whether the value can change inside a segment."""
        return self.curve is not Curve.DISCRETE


# -- the ramps ---------------------------------------------------------------------------------


def _hold_value(origin: Real, goal: Real, u: Real) -> Real:
    return origin


def _linear_value(origin: Real, goal: Real, u: Real) -> Real:
    return origin + (goal - origin) * u


def _exponential_value(origin: Real, goal: Real, u: Real) -> Real:
    a = float(origin)
    return a * float((float(goal) / a) ** float(u))


def _linear_inverse(a: float, b: float, length: float, value: float) -> float:
    return length * (value - a) / (b - a)


def _exponential_inverse(a: float, b: float, length: float, value: float) -> float:
    return length * math.log(value / a) / math.log(b / a)


def _constant_elapsed(t0: float, t1: float, length: float, x: float, k: float) -> float:
    return k * x / t0


def _constant_reached(t0: float, t1: float, length: float, y: float, k: float) -> float:
    return y * t0 / k


def _linear_elapsed(t0: float, t1: float, length: float, x: float, k: float) -> float:
    slope = (t1 - t0) / length
    return k / slope * math.log1p(slope * x / t0)


def _linear_reached(t0: float, t1: float, length: float, y: float, k: float) -> float:
    slope = (t1 - t0) / length
    return t0 / slope * math.expm1(slope * y / k)


def _exponential_elapsed(t0: float, t1: float, length: float, x: float, k: float) -> float:
    log_r = math.log(t1 / t0)
    return k * length / (t0 * log_r) * -math.expm1(-log_r * x / length)


def _exponential_reached(t0: float, t1: float, length: float, y: float, k: float) -> float:
    log_r = math.log(t1 / t0)
    return -length / log_r * math.log1p(-y * t0 * log_r / (k * length))


def _exponential_check(origin: Real, goal: Real) -> str | None:
    if origin == 0 or goal == 0 or (origin > 0) != (goal > 0):
        return "needs an origin and a goal of one sign, neither zero"
    return None


# -- the periodic shapes: one cycle, phase 0, from 0 (low) to 1 (high) ------------------------

_TAU = 2 * math.pi


def _sine(u: float) -> float:
    return (1 + math.sin(_TAU * u)) / 2


def _triangle(u: float) -> float:
    u %= 1.0
    if u < 0.25:
        return 0.5 + 2 * u
    if u < 0.75:
        return 1.5 - 2 * u
    return 2 * u - 1.5


def _square(u: float) -> float:
    return 1.0 if u % 1.0 < 0.5 else 0.0


def _saw(u: float) -> float:
    return u % 1.0


def _periodic(shape: Callable[[float], float]) -> Value:
    def value(low: Real, high: Real, u: Real) -> Real:
        return float(low) + (float(high) - float(low)) * shape(float(u))

    return value


def _asin(y: float) -> float:
    return math.asin(min(max(2 * y - 1, -1.0), 1.0)) / _TAU


SINE_PIECES = (
    Piece(0.0, 0.25, 0.5, 1.0, _asin),
    Piece(0.25, 0.75, 1.0, 0.0, lambda y: 0.5 - _asin(y)),
    Piece(0.75, 1.0, 0.0, 0.5, lambda y: 1.0 + _asin(y)),
)
TRIANGLE_PIECES = (
    Piece(0.0, 0.25, 0.5, 1.0, lambda y: (y - 0.5) / 2),
    Piece(0.25, 0.75, 1.0, 0.0, lambda y: (1.5 - y) / 2),
    Piece(0.75, 1.0, 0.0, 0.5, lambda y: (y + 1.5) / 2),
)
SQUARE_PIECES = (
    Piece(0.0, 0.5, 1.0, 1.0),
    Piece(0.5, 0.5, 1.0, 0.0),
    Piece(0.5, 1.0, 0.0, 0.0),
    Piece(1.0, 1.0, 0.0, 1.0),
)
SAW_PIECES = (Piece(0.0, 1.0, 0.0, 1.0, lambda y: y), Piece(1.0, 1.0, 1.0, 0.0))


#: The curve table: one row per curve.
CURVES: dict[Curve, CurveRule] = {
    Curve.DISCRETE: CurveRule(
        Curve.DISCRETE, _hold_value, elapsed=_constant_elapsed, reached=_constant_reached
    ),
    Curve.LINEAR: CurveRule(
        Curve.LINEAR,
        _linear_value,
        straight=True,
        monotone=True,
        inverse=_linear_inverse,
        elapsed=_linear_elapsed,
        reached=_linear_reached,
    ),
    Curve.EXPONENTIAL: CurveRule(
        Curve.EXPONENTIAL,
        _exponential_value,
        monotone=True,
        inverse=_exponential_inverse,
        elapsed=_exponential_elapsed,
        reached=_exponential_reached,
        check=_exponential_check,
    ),
    Curve.SINE: CurveRule(Curve.SINE, _periodic(_sine), periodic=True, pieces=SINE_PIECES),
    Curve.TRIANGLE: CurveRule(
        Curve.TRIANGLE, _periodic(_triangle), periodic=True, pieces=TRIANGLE_PIECES
    ),
    Curve.SQUARE: CurveRule(Curve.SQUARE, _periodic(_square), periodic=True, pieces=SQUARE_PIECES),
    Curve.SAW: CurveRule(Curve.SAW, _periodic(_saw), periodic=True, pieces=SAW_PIECES),
}

#: What a constant stretch integrates as (a hold, or a ramp whose ends are equal).
CONSTANT = CURVES[Curve.DISCRETE]


def as_curve(value: Curve | str, where: str = "") -> Curve:
    """Read a curve from its name (``"linear"``); ``where`` starts the error message."""
    if isinstance(value, Curve):
        return value
    try:
        return Curve(value.lower())
    except (ValueError, AttributeError):
        names = ", ".join(c.value for c in Curve)
        place = f"{where}: " if where else ""
        raise ContourError(f"{place}curve {value!r} is not one of: {names}") from None


def periodic_names() -> list[str]:
    """The names of the periodic curves (the shapes of an LFO)."""
    return [rule.curve.value for rule in CURVES.values() if rule.periodic]


def levels(y0: float, y1: float, step: float, shift: float, end: bool) -> range:
    """The ``k`` of the levels ``shift + k * step`` strictly between ``y0`` and ``y1`` (and at
    ``y1`` itself if ``end``), in the order a value moving from ``y0`` to ``y1`` meets them.

    >>> list(levels(0.2, 3.0, 1.0, 0.0, False)), list(levels(3.0, 0.2, 1.0, 0.0, True))
    ([1, 2], [2, 1])
    >>> list(levels(0.0, 3.0, 1.0, 0.0, True)), list(levels(3.0, 0.0, 1.0, 0.0, True))
    ([1, 2, 3], [2, 1, 0])
    """
    low, high = (y0, y1) if y0 <= y1 else (y1, y0)
    first = math.floor((low - shift) / step) + 1
    last = math.ceil((high - shift) / step) - 1
    if end and y0 != y1:
        k = (y1 - shift) / step
        if k == math.floor(k):
            if y1 > y0:
                last = int(k)
            else:
                first = int(k)
    return range(first, last + 1) if y1 >= y0 else range(last, first - 1, -1)
