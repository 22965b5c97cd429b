"""Dynamics from MIDI velocity: a table of velocity bands, ``ppp`` to ``fff``.

Each :class:`Band` names a mark, the lowest velocity that takes it (the band runs up to the
next band's lowest, the last to 127) and the velocity that stands for it when a mark is turned
back into sound. ``<sound dynamics>`` is a percentage of the velocity MusicXML calls forte
(90), so a mark sounds as ``velocity / 90 * 100``.

The default table (:data:`DEFAULT`):

====  =========  ==========  =================
mark  velocity   stands for  ``<sound dynamics>``
====  =========  ==========  =================
ppp   0-23       16          17.78
pp    24-39      32          35.56
p     40-55      48          53.33
mp    56-71      64          71.11
mf    72-87      80          88.89
f     88-103     96          106.67
ff    104-119    112         124.44
fff   120-127    127         141.11
====  =========  ==========  =================

>>> DEFAULT.mark(80), DEFAULT.mark(100).value
(<Dynamic.MF: 'mf'>, 'f')
>>> DEFAULT.sound_dynamics(Dynamic.F)
106.67
>>> softer = DEFAULT.with_band(Dynamic.MF, lowest=76)
>>> softer.mark(74)
<Dynamic.MP: 'mp'>
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from enum import Enum

from ..errors import ExportError

FORTE_VELOCITY = 90
"""The velocity MusicXML's ``<sound dynamics="100">`` means (its forte)."""


class Dynamic(Enum):
    """The marks, softest first; the value is the MusicXML element name."""

    PPP = "ppp"
    PP = "pp"
    P = "p"
    MP = "mp"
    MF = "mf"
    F = "f"
    FF = "ff"
    FFF = "fff"


@dataclass(frozen=True, slots=True)
class Band:
    """``mark`` for velocities from ``lowest`` up to the next band; ``velocity`` stands for it."""

    mark: Dynamic
    lowest: int
    velocity: int


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Dynamic.PPP, 0, 16),
    Band(Dynamic.PP, 24, 32),
    Band(Dynamic.P, 40, 48),
    Band(Dynamic.MP, 56, 64),
    Band(Dynamic.MF, 72, 80),
    Band(Dynamic.F, 88, 96),
    Band(Dynamic.FF, 104, 112),
    Band(Dynamic.FFF, 120, 127),
)


@dataclass(frozen=True, slots=True)
class DynamicsTable:
    """Velocity bands, softest first. Build your own, or change one row with :meth:`with_band`.

    Rules: the first band starts at 0, lowest velocities strictly rise, marks rise from soft to
    loud without repeats, and each band's ``velocity`` lies inside the band.
    """

    bands: tuple[Band, ...] = DEFAULT_BANDS
    forte: int = FORTE_VELOCITY
    _lows: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check(self.bands, self.forte)
        object.__setattr__(self, "_lows", tuple(b.lowest for b in self.bands))

    def mark(self, velocity: int) -> Dynamic:
        """The mark for a MIDI velocity (0 to 127)."""
        if not 0 <= velocity <= 127:
            raise ExportError(f"velocity {velocity} must lie within 0..127")
        return self.bands[bisect_right(self._lows, velocity) - 1].mark

    def velocity(self, mark: Dynamic) -> int:
        """The velocity that stands for ``mark``."""
        for band in self.bands:
            if band.mark is mark:
                return band.velocity
        raise ExportError(f"the dynamics table has no band for {mark.value}")

    def sound_dynamics(self, mark: Dynamic) -> float:
        """The ``<sound dynamics>`` value for ``mark``: percent of forte, two decimals."""
        return round(self.velocity(mark) * 100 / self.forte, 2)

    def with_band(
        self, mark: Dynamic, *, lowest: int | None = None, velocity: int | None = None
    ) -> DynamicsTable:
        """A copy with one band moved (the table is immutable)."""
        if mark not in {b.mark for b in self.bands}:
            raise ExportError(f"the dynamics table has no band for {mark.value}")
        bands = tuple(
            replace(
                b,
                lowest=b.lowest if lowest is None else lowest,
                velocity=b.velocity if velocity is None else velocity,
            )
            if b.mark is mark
            else b
            for b in self.bands
        )
        return replace(self, bands=bands)

    def mark_text(self, velocity: int) -> str:
        """:meth:`mark` as the MusicXML element name (``"mf"``)."""
        return self.mark(velocity).value

    def sound_for_text(self, name: str) -> float:
        """:meth:`sound_dynamics` for a mark given by name (``"mf"``)."""
        try:
            return self.sound_dynamics(Dynamic(name))
        except ValueError:
            raise ExportError(
                f"unknown dynamic mark {name!r}; use ppp pp p mp mf f ff fff"
            ) from None


def _check(bands: tuple[Band, ...], forte: int) -> None:
    if not bands or bands[0].lowest != 0:
        raise ExportError("the first dynamics band must start at velocity 0")
    if not 1 <= forte <= 127:
        raise ExportError(f"forte velocity {forte} must lie within 1..127")
    order = list(Dynamic)
    for here, after in zip(bands, [*bands[1:], None], strict=True):
        top = 127 if after is None else after.lowest - 1
        if after is not None and (
            after.lowest <= here.lowest or order.index(after.mark) <= order.index(here.mark)
        ):
            raise ExportError(
                f"dynamics band {after.mark.value} must start above {here.lowest} and be louder "
                f"than {here.mark.value}"
            )
        if not here.lowest <= here.velocity <= top:
            raise ExportError(
                f"dynamics band {here.mark.value} covers {here.lowest}..{top}; its velocity "
                f"{here.velocity} must lie inside"
            )


DEFAULT = DynamicsTable()
"""The default table (see the module docstring)."""
