"""The exporter's choices (Enums) and the fixed order of events that share one tick (a table).

>>> [o.name for o in sorted(Order)]
['META', 'PROGRAM', 'CONTROL', 'NOTE_OFF', 'NOTE_ON']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Literal, TypedDict

from ..errors import ExportError
from ..options import as_choice, options_of
from ..settings import RANGES, Range
from ..velocity import DEFAULT_VELOCITY

if TYPE_CHECKING:
    from ..units.base import Patch, Unit


class TempoPolicy(Enum):
    """How Set-Tempo values are chosen inside tempo ramps.

    ``EXACT`` (default): each tempo event's microseconds per quarter are chosen so that the time
    to the next tempo event equals the tempo map's exact time (rounding carried forward), and
    inside a ramp more tempo events are added where needed so that the file's time never
    strays from the tempo map by more than the option ``tempo_tolerance`` (0.1 ms).
    ``AMES``: the instantaneous tempo, rounded to a whole BPM, wherever it crosses a whole BPM.
    """

    EXACT = "exact"
    AMES = "ames"


class OverlapPolicy(Enum):
    """What to do when a note starts on a channel and key that is still sounding.

    ``TRUNCATE`` (default): the sounding note ends at the new onset (its note-off comes just
    before the new note-on). ``MERGE``: the two become one note, from the first onset to the
    later release (the second note-on is dropped). Either way no note-off silences a new note.
    Notes of one key that start together on a channel are always merged, at the louder
    velocity (a key cannot be struck twice at once).
    """

    TRUNCATE = "truncate"
    MERGE = "merge"


class Order(IntEnum):
    """The order of events at one tick: tempo, meter and key; program and bank; controllers
    and pitch bend; note-offs; note-ons."""

    META = 0
    PROGRAM = 1
    CONTROL = 2
    NOTE_OFF = 3
    NOTE_ON = 4


#: The largest ticks per quarter an SMF header holds.
MAX_PPQ = 0x7FFF


@dataclass(frozen=True, slots=True)
class MidiOptions:
    """Options of :func:`scoreframe.midi.to_bytes`, checked when made.

    ``format`` 1 (default) or 0; ``ppq`` 1..32767 or ``"exact"`` (the smallest grid that puts
    every time on a tick); ``tempo_policy`` and ``overlap`` (an Enum member or its value);
    ``running_status``; ``default_velocity`` (1..127) for notes nothing gives one;
    ``tempo_tolerance`` (seconds above 0, for ``TempoPolicy.EXACT``); ``patch`` (a
    :mod:`scoreframe.units` patch the track events go through; None, the default, writes
    the score's events as they are; :mod:`.patching` says what a port is in a file).
    """

    format: int = 1
    ppq: int | str = 480
    tempo_policy: TempoPolicy = TempoPolicy.EXACT
    overlap: OverlapPolicy = OverlapPolicy.TRUNCATE
    running_status: bool = False
    default_velocity: int = DEFAULT_VELOCITY
    tempo_tolerance: float = 1e-4
    patch: Unit | None = None

    def __post_init__(self) -> None:
        if self.format not in (0, 1) or isinstance(self.format, bool):
            raise ExportError(f"MIDI format {self.format!r}: write 1 (default) or 0")
        if self.ppq != "exact" and self.ppq not in Range(1, MAX_PPQ):
            raise ExportError(f"ppq {self.ppq!r} must be an int in 1..{MAX_PPQ} or 'exact'")
        object.__setattr__(
            self, "tempo_policy", as_choice(TempoPolicy, self.tempo_policy, "tempo_policy")
        )
        object.__setattr__(self, "overlap", as_choice(OverlapPolicy, self.overlap, "overlap"))
        if not isinstance(self.running_status, bool):
            raise ExportError(f"running_status {self.running_status!r} must be True or False")
        if self.default_velocity not in RANGES["velocity"]:
            raise ExportError(
                f"default_velocity {self.default_velocity!r} must be an int in 1..127"
            )
        tolerance = self.tempo_tolerance
        if (
            isinstance(tolerance, bool)
            or not isinstance(tolerance, int | float)
            or not (math.isfinite(tolerance) and tolerance > 0)
        ):
            raise ExportError(f"tempo_tolerance {tolerance!r} must be a number of seconds above 0")
        if self.patch is not None:
            object.__setattr__(self, "patch", _checked_patch(self.patch))


def _checked_patch(patch: object) -> Unit:
    """The patch as a unit (a list is a fork); an ExportError for what is not a patch."""
    from ..errors import UnitError
    from ..units.base import as_patch

    try:
        return as_patch(patch, "MIDI option patch")
    except UnitError as error:
        raise ExportError(str(error)) from None


class MidiWriteOptions(TypedDict, total=False):
    """The keyword options of the MIDI exporter (the fields of :class:`MidiOptions`)."""

    format: int
    ppq: int | Literal["exact"]
    tempo_policy: TempoPolicy | str
    overlap: OverlapPolicy | str
    running_status: bool
    default_velocity: int
    tempo_tolerance: float
    patch: Patch | None


def midi_options(options: Mapping[str, object]) -> MidiOptions:
    """The options given to a MIDI exporter function, checked (see :class:`MidiOptions`)."""
    return options_of(MidiOptions, options, "MIDI")
