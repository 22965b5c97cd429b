"""The metric tree of one bar: sections, beat groups and the default division below them.

The meter of one bar is a :class:`BarMeter`: the bar divided into *sections* (the half bar of
4/4 or 12/8), each divided into *beat groups* (quarters in 3/4, dotted quarters in 6/8,
2+2+3 eighths in 7/8). Below the groups every length divides by default: a plain length into two
halves, a dotted one into three, any other into 2+...+2+3 units. Together these levels form the
*metric tree* (:class:`MetricNode`), in whole notes; :class:`TickNode` is the same tree in ticks
of one resolution, for the integer scans of :mod:`.tuplets`.

>>> [str(k.length) for k in BarMeter.from_signature(6, 8).root().children()]
['3/8', '3/8']
>>> [(k.start, k.end) for k in tick_node(BarMeter.from_signature(6, 8).root(), 16).children()]
[(0, 6), (6, 12)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from functools import lru_cache

from ..errors import MeterError
from ..meter import default_groups
from .grid import ticks_of
from .values import is_dyadic, is_plain

ZERO = Fraction(0)


class Level(Enum):
    """Where a node sits in the metric tree; the rules for rests look at it."""

    BAR = "bar"
    SECTION = "section"
    GROUP = "group"
    SUBDIVISION = "subdivision"
    TUPLET = "tuplet"


@dataclass(frozen=True, slots=True)
class MetricNode:
    """A stretch of the bar (or of a tuplet's written space) and how it divides.

    ``parts`` lists explicit children (bar, sections, groups, tuplet units); empty means the
    default division, computed on demand by :meth:`children`.

    >>> [str(k.length) for k in MetricNode(Fraction(0), Fraction(3, 8), Level.GROUP).children()]
    ['1/8', '1/8', '1/8']
    """

    start: Fraction
    length: Fraction
    level: Level
    parts: tuple[MetricNode, ...] = ()
    end: Fraction = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Nodes key the split cache; keep their end and hash rather than recompute them.
        object.__setattr__(self, "end", self.start + self.length)
        object.__setattr__(self, "_hash", hash((self.start, self.length, self.level, self.parts)))

    def __hash__(self) -> int:
        return self._hash

    def children(self) -> tuple[MetricNode, ...]:
        """The explicit parts, or two halves / three thirds / 2+...+3 units."""
        return self.parts or _subdivide(self.start, self.length)

    @property
    def simple(self) -> bool:
        """True when the children share one plain length (crossing them is lenient for notes)."""
        kids = self.children()
        first = kids[0].length
        return is_plain(first) and all(k.length == first for k in kids)


@lru_cache(maxsize=65536)
def _subdivide(start: Fraction, length: Fraction) -> tuple[MetricNode, ...]:
    odd = length.numerator
    while odd % 2 == 0:
        odd //= 2
    if odd == 1:
        counts: tuple[int, ...] = (1, 1)
        unit = length / 2
    elif odd == 3:
        counts, unit = (1, 1, 1), length / 3
    else:
        counts, unit = (2,) * ((odd - 3) // 2) + (3,), length / odd
    out: list[MetricNode] = []
    at = start
    for count in counts:
        out.append(MetricNode(at, unit * count, Level.SUBDIVISION))
        at += unit * count
    return tuple(out)


def _default_sections(numerator: int, denominator: int) -> tuple[tuple[int, ...], ...]:
    """The meter's beat groups (:func:`scoreframe.meter.default_groups`) gathered into
    sections."""
    return _sections_of(default_groups(numerator, denominator))


def _sections_of(groups: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Equal groups gathered into sections: four make two halves (4/4, 12/8); six single beats
    make 3+3 (6/4); five or seven single beats make 2+3 or 2+2+3 (5/4, 7/4)."""
    count = len(groups)
    if count < 4 or len(set(groups)) != 1:
        return (groups,)
    if count == 4:
        sizes: tuple[int, ...] = (2, 2)
    elif groups[0] != 1:
        return (groups,)
    elif count == 6:
        sizes = (3, 3)
    else:
        sizes = (2,) * ((count - 3) // 2) + (3,) if count % 2 else (2,) * (count // 2)
    out: list[tuple[int, ...]] = []
    at = 0
    for size in sizes:
        out.append(groups[at : at + size])
        at += size
    return tuple(out)


@dataclass(frozen=True, slots=True)
class BarMeter:
    """One bar's metric structure: sections of beat groups, each a length in whole notes.

    >>> BarMeter.from_signature(6, 8).groups
    (Fraction(3, 8), Fraction(3, 8))
    >>> BarMeter.from_signature(7, 8).groups
    (Fraction(1, 4), Fraction(1, 4), Fraction(3, 8))
    >>> len(BarMeter.from_signature(4, 4).sections)
    2
    """

    sections: tuple[tuple[Fraction, ...], ...]
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sections or not all(self.sections):
            raise MeterError("a bar meter needs at least one section of at least one beat group")
        for group in self.groups:
            if not isinstance(group, Fraction) or group <= 0 or not is_dyadic(group):
                raise MeterError(
                    f"beat group {group!r} must be a positive Fraction with a power-of-two "
                    "denominator"
                )
        # Meters key the bar caches; keep the hash rather than rehash their Fractions.
        object.__setattr__(self, "_hash", hash(self.sections))

    def __hash__(self) -> int:
        return self._hash

    @classmethod
    def from_signature(
        cls, numerator: int, denominator: int, groups: Sequence[int] = ()
    ) -> BarMeter:
        """The conventional structure of a time signature; ``groups`` (in units of
        ``1/denominator``, adding up to ``numerator``) overrides the beat grouping. Over a
        denominator of 4 or less the groups gather beats into sections (``3+2/4`` keeps
        quarter beats); over 8 or more they are the beats (``3+2+2/8``).

        >>> BarMeter.from_signature(7, 8, (3, 2, 2)).groups[0]
        Fraction(3, 8)
        """
        if numerator < 1 or denominator < 1 or denominator & (denominator - 1):
            raise MeterError(f"meter {numerator}/{denominator}: give a power-of-two denominator")
        if groups and sum(groups) != numerator:
            raise MeterError(
                f"meter {numerator}/{denominator}: the groups {tuple(groups)} must add up to "
                f"{numerator}"
            )
        if not groups:
            counts = _default_sections(numerator, denominator)
        elif denominator <= 4:  # 3+2/4: sections of quarter beats, not beats of 3 quarters
            counts = (
                tuple((1,) * g for g in groups) if max(groups) > 1 else _sections_of(tuple(groups))
            )
        else:
            counts = _sections_of(tuple(groups))
        return cls(tuple(tuple(Fraction(g, denominator) for g in s) for s in counts))

    @classmethod
    def of_groups(cls, groups: Sequence[Fraction]) -> BarMeter:
        """A bar of one section with these beat groups (lengths in whole notes)."""
        return cls((tuple(Fraction(g) for g in groups),))

    @property
    def groups(self) -> tuple[Fraction, ...]:
        """The beat groups in order."""
        return tuple(g for section in self.sections for g in section)

    @property
    def length(self) -> Fraction:
        """The bar's length in whole notes."""
        return _bar_length(self)

    def root(self) -> MetricNode:
        """The metric tree: the bar, its sections (if more than one), its beat groups."""
        return _root(self)


@lru_cache(maxsize=256)
def _bar_length(meter: BarMeter) -> Fraction:
    return sum(meter.groups, ZERO)


@lru_cache(maxsize=256)
def _root(meter: BarMeter) -> MetricNode:
    at = ZERO
    sections: list[MetricNode] = []
    for section in meter.sections:
        start = at
        nodes: list[MetricNode] = []
        for g in section:
            nodes.append(MetricNode(at, g, Level.GROUP))
            at += g
        if len(nodes) == 1:
            sections.append(nodes[0])
        else:
            sections.append(MetricNode(start, at - start, Level.SECTION, tuple(nodes)))
    if len(sections) == 1:
        only = sections[0]
        return only if only.level is Level.GROUP else MetricNode(ZERO, at, Level.BAR, only.parts)
    return MetricNode(ZERO, at, Level.BAR, tuple(sections))


@dataclass(frozen=True, slots=True, eq=False)
class TickNode:
    """A :class:`MetricNode` in ticks of ``resolution`` a whole note (one object per node and
    resolution, so identity is equality)."""

    start: int
    end: int
    node: MetricNode
    resolution: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def children(self) -> tuple[TickNode, ...]:
        """The node's children in ticks."""
        return _tick_children(self.node, self.resolution)


@lru_cache(maxsize=1 << 14)
def tick_node(node: MetricNode, resolution: int) -> TickNode:
    """``node`` in ticks of ``resolution`` a whole note (its bounds land on them: the
    resolution holds :data:`~.grid.HEADROOM`)."""
    return TickNode(
        ticks_of(node.start, resolution), ticks_of(node.end, resolution), node, resolution
    )


@lru_cache(maxsize=1 << 14)
def _tick_children(node: MetricNode, resolution: int) -> tuple[TickNode, ...]:
    return tuple(tick_node(kid, resolution) for kid in node.children())
