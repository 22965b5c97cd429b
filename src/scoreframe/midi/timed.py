"""Timed MIDI messages: raw bytes due at a second, the stream the exporter makes for the live
player (and that MIDI units and the router pass along).

The channel is in the status byte, 0 to 15 there as in every MIDI byte; :attr:`TimedMessage.channel`
counts 1 to 16.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import MidiMessageError

__all__ = [
    "CHANNEL_PRESSURE",
    "CONTROL_CHANGE",
    "NOTE_OFF",
    "NOTE_ON",
    "PITCH_BEND",
    "POLY_PRESSURE",
    "PROGRAM_CHANGE",
    "SYSEX",
    "TimedMessage",
]

# Status nibbles of channel messages (the high four bits of the status byte).
NOTE_OFF = 0x80
NOTE_ON = 0x90
POLY_PRESSURE = 0xA0
CONTROL_CHANGE = 0xB0
PROGRAM_CHANGE = 0xC0
CHANNEL_PRESSURE = 0xD0
PITCH_BEND = 0xE0
SYSEX = 0xF0


@dataclass(frozen=True, slots=True)
class TimedMessage:
    """One MIDI message due ``seconds`` after the start of the stream, for the port named
    ``port`` ("": the default one; a patch's ``Output`` units name others).

    >>> m = TimedMessage(1.5, bytes([0x91, 60, 100]))
    >>> m.channel, m.kind == NOTE_ON
    (2, True)
    >>> TimedMessage(-1.0, bytes([0x90, 60, 0]))
    Traceback (most recent call last):
    ...
    scoreframe.errors.MidiMessageError: message time -1.0 s must be a finite number >= 0
    """

    seconds: float
    data: bytes
    port: str = ""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.seconds) and self.seconds >= 0):
            raise MidiMessageError(f"message time {self.seconds!r} s must be a finite number >= 0")
        if not self.data or self.data[0] < 0x80:
            raise MidiMessageError(
                f"message at {self.seconds} s must start with a status byte (0x80 to 0xFF),"
                f" not {self.data.hex(' ') or 'nothing'}"
            )

    @property
    def kind(self) -> int:
        """The status byte without its channel (``0x90`` for any note-on; ``0xF0`` and up kept)."""
        status = self.data[0]
        return status if status >= SYSEX else status & 0xF0

    @property
    def channel(self) -> int | None:
        """The channel, 1 to 16, of a channel message; ``None`` for system messages."""
        status = self.data[0]
        return None if status >= SYSEX else (status & 0x0F) + 1
