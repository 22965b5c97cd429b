"""Value transforms of ``Velocity``, ``VelocitySlope`` and ``CtrlCurve``, and the linear range
map of ``CtrlRange``, ``PitchbendRange`` and ``VelocitySlope`` (mididings' formulas, read from
its source; here in double precision where mididings computes in single).

* offset: ``x + p``; multiply: ``int(x * p)`` (truncated); fixed: ``p``;
* gamma: ``max(1, round(127 * (x / 127) ** (1 / p)))`` for ``x > 0`` (round half to even);
  above 1 it raises values, between 0 and 1 it lowers them;
* curve: ``max(1, int(127 * (exp(-p * x / 127) - 1) / (exp(-p) - 1)))`` for ``x > 0`` (0
  stays 0, ``p = 0`` changes nothing): positive values raise, negative lower.

>>> [apply(42, p, mode) for p, mode in ((2.0, Transform.GAMMA), (-2.0, Transform.CURVE))]
[73, 18]
>>> map_range(64, 0, 127, 42, 69)
55
"""

from __future__ import annotations

import math
from enum import Enum

from ..errors import UnitValueError
from .values import number

_TOP = 127.0


class Transform(Enum):
    """How a value is changed (the keyword that gives the parameter)."""

    OFFSET = "offset"
    MULTIPLY = "multiply"
    FIXED = "fixed"
    GAMMA = "gamma"
    CURVE = "curve"


Step = tuple[Transform, float]


def apply(value: int, param: float, mode: Transform) -> int:
    """``value`` through one transform (see the module doc)."""
    if mode is Transform.OFFSET:
        return value + int(param)
    if mode is Transform.MULTIPLY:
        return int(value * param)
    if mode is Transform.FIXED:
        return int(param)
    if mode is Transform.GAMMA:
        if value <= 0:
            return value
        scaled: float = _TOP * (value / _TOP) ** (1.0 / param)
        return max(1, round(scaled))
    if value <= 0:
        return 0
    if param == 0:
        return value
    p = -param
    return max(1, int(_TOP * math.expm1(p * value / _TOP) / math.expm1(p)))


def map_range(arg: float, lower: float, upper: float, low: float, high: float) -> int:
    """``arg`` mapped linearly from ``lower..upper`` onto ``low..high``, clamped at the ends,
    truncated towards zero."""
    return int(map_float(arg, lower, upper, low, high))


def map_float(arg: float, lower: float, upper: float, low: float, high: float) -> float:
    """:func:`map_range` without the truncation (a ``VelocitySlope`` parameter)."""
    if arg <= lower:
        return low
    if arg >= upper:
        return high
    return (high - low) / (upper - lower) * (arg - lower) + low


def steps(unit: str, given: dict[str, float | None]) -> tuple[Step, ...]:
    """The transforms keyword arguments ask for: ``fixed``, ``gamma`` or ``curve`` alone, or
    ``multiply`` and/or ``offset`` (multiply first)."""
    named = {name: value for name, value in given.items() if value is not None}
    alone = [name for name in ("fixed", "gamma", "curve") if name in named]
    if not named or (alone and len(named) > 1):
        raise UnitValueError(
            f"{unit}: give offset, multiply (or both), or one of fixed, gamma, curve; "
            f"got {', '.join(named) or 'none'}"
        )
    out: list[Step] = []
    for name in ("multiply", "offset", "fixed", "gamma", "curve"):
        if name in named:
            out.append((Transform(name), _checked(unit, name, named[name])))
    return tuple(out)


def _checked(unit: str, name: str, value: object) -> float:
    param = number(unit, name, value)
    if name in ("offset", "fixed") and param != int(param):
        raise UnitValueError(f"{unit}: {name} {value!r} must be a whole number")
    if name == "gamma" and not param > 0:
        raise UnitValueError(f"{unit}: gamma {value!r} must be above 0 (1 changes nothing)")
    if not math.isfinite(param):
        raise UnitValueError(f"{unit}: {name} {value!r} must be a finite number")
    return param
