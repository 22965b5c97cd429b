"""The exporter's choices (Enums) and the fixed order of events that share one tick (a table).

>>> [o.name for o in sorted(Order)]
['META', 'PROGRAM', 'CONTROL', 'NOTE_OFF', 'NOTE_ON']
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum


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


@dataclass(frozen=True, slots=True)
class MidiOptions:
    """Options of :func:`scoreframe.midi.to_bytes` (see there)."""

    format: int = 1
    ppq: int | str = 480
    tempo_policy: TempoPolicy = TempoPolicy.EXACT
    overlap: OverlapPolicy = OverlapPolicy.TRUNCATE
    running_status: bool = False
    default_velocity: int = 80
    tempo_tolerance: float = 1e-4
