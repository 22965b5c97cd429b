"""The checks of the values units take: each names the unit and says what to give instead.

Ranges come from the MIDI message specs (:mod:`scoreframe.midi.message`, which read channels
and programs from :mod:`scoreframe.settings`): channels 1..16, programs 1..128, notes,
velocities, controllers and values 0..127, pitch bend -8192..8191. Note names are
scoreframe's pitches (``"C4"`` is 60, middle C; mididings' default names it ``c3``). A *limit*
is a range bound, one past the top allowed (128 for notes), as mididings' ranges exclude their
upper end.

>>> note_number("KeyFilter", "C#4"), note_number("KeyFilter", 61)
(61, 61)
>>> note_range("KeySplit", "C4:C5"), note_range("KeySplit", 60), note_range("KeySplit", ":c3")
((60, 72), (60, 61), (0, 48))
>>> channel("Channel", 17)
Traceback (most recent call last):
...
scoreframe.errors.UnitValueError: Channel: channel 17 must be an int in 1..16
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

from ..errors import PitchError, UnitTypeError, UnitValueError
from ..midi.message import CHANNEL, CONTROL, NOTE, PITCH, PROGRAM, VALUE, VELOCITY, FieldSpec
from ..pitch import Pitch
from .event import EventAttribute

NoteLike: TypeAlias = int | str
#: A note range: (lower, upper) with upper excluded, ``"C4:C5"`` (either side may be empty), or
#: one note.
RangeLike: TypeAlias = NoteLike | tuple[NoteLike, NoteLike]
SysExLike: TypeAlias = bytes | bytearray | str | Iterable[int]
#: A generator's value: a number or an :class:`EventAttribute` (take it from the event).
Param: TypeAlias = int | EventAttribute
SYSEX_START, SYSEX_END = 0xF0, 0xF7


def integer(unit: str, what: str, value: object) -> int:
    """``value`` if it is an int (not a bool); else a :class:`UnitTypeError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise UnitTypeError(
            f"{unit}: {what} must be an int, not {type(value).__name__} ({value!r})"
        )
    return value


def number(unit: str, what: str, value: object) -> float:
    """``value`` as a float if it is an int or a float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnitTypeError(f"{unit}: {what} must be a number, not {value!r}")
    return float(value)


def ranged(
    unit: str, spec: FieldSpec, value: object, *, what: str = "", limit: bool = False
) -> int:
    """An int in the spec's range (one more at the top for a ``limit``)."""
    name = what or spec.name
    checked = integer(unit, name, value)
    high = spec.high + 1 if limit else spec.high
    if not spec.low <= checked <= high:
        raise UnitValueError(f"{unit}: {name} {checked} must be an int in {spec.low}..{high}")
    return checked


def channel(unit: str, value: object) -> int:
    return ranged(unit, CHANNEL, value)


def program(unit: str, value: object) -> int:
    return ranged(unit, PROGRAM, value)


def ctrl(unit: str, value: object) -> int:
    return ranged(unit, CONTROL, value, what="controller")


def ctrl_value(unit: str, value: object, *, limit: bool = False) -> int:
    return ranged(unit, VALUE, value, what="controller value", limit=limit)


def velocity(unit: str, value: object, *, limit: bool = False) -> int:
    return ranged(unit, VELOCITY, value, limit=limit)


def bend(unit: str, value: object) -> int:
    return ranged(unit, PITCH, value, what="pitch bend")


def port(unit: str, value: object) -> str:
    """A port name: non-empty text."""
    if not isinstance(value, str) or not value:
        raise UnitTypeError(f"{unit}: a port is a name (non-empty text), not {value!r}")
    return value


def note_number(unit: str, value: object, *, limit: bool = False) -> int:
    """A note number from an int or a pitch name (``"C4"`` = 60, ``"Bb2"``)."""
    if isinstance(value, str):
        try:
            key = Pitch.parse(value).key_number
        except PitchError:
            raise UnitValueError(
                f"{unit}: {value!r} is no note; write a name such as 'C4' or 'F#3', or 0..127"
            ) from None
        return ranged(unit, NOTE, key, limit=limit)
    return ranged(unit, NOTE, value, limit=limit)


def note_range(unit: str, value: object) -> tuple[int, int]:
    """A note range ``(lower, upper)``, upper excluded: from a pair, ``"C4:C5"`` (an empty side
    is open) or one note."""
    if isinstance(value, tuple) and len(value) == 2:
        lower, upper = value
        return note_number(unit, lower, limit=True), note_number(unit, upper, limit=True)
    if isinstance(value, str) and ":" in value:
        low, _, high = value.partition(":")
        lower = note_number(unit, low.strip(), limit=True) if low.strip() else 0
        upper = note_number(unit, high.strip(), limit=True) if high.strip() else NOTE.high + 1
        return lower, upper
    single = note_number(unit, value)
    return single, single + 1


def value_range(unit: str, value: object, check: str) -> tuple[int, int]:
    """A velocity or controller value range: ``(lower, upper)``, upper excluded, or one value."""
    one = velocity if check == "velocity" else ctrl_value
    if isinstance(value, tuple) and len(value) == 2:
        return one(unit, value[0], limit=True), one(unit, value[1], limit=True)
    single = one(unit, value)
    return single, single + 1


def sysex(unit: str, value: object, *, partial: bool = False) -> bytes:
    """Sysex bytes from bytes, a sequence of ints or text (``"F0 43 10 F7"``); they start with
    F0 and, unless ``partial``, end with F7, data bytes 0..127 between."""
    data = _sysex_bytes(unit, value)
    if len(data) < (1 if partial else 2) or data[0] != SYSEX_START:
        raise UnitValueError(f"{unit}: sysex {data.hex(' ')!r} must start with F0")
    if not partial and data[-1] != SYSEX_END:
        raise UnitValueError(f"{unit}: sysex {data.hex(' ')!r} must end with F7")
    inner = data[1:-1] if data[-1] == SYSEX_END else data[1:]
    if any(byte > 0x7F for byte in inner):
        raise UnitValueError(f"{unit}: sysex data bytes must be 0..127: {data.hex(' ')}")
    return data


def manufacturer(unit: str, value: object) -> bytes:
    """A sysex manufacturer id: one byte, or three starting with 00."""
    data = bytes([integer(unit, "manufacturer", value)]) if isinstance(value, int) else None
    data = data if data is not None else _sysex_bytes(unit, value)
    if len(data) not in (1, 3) or (len(data) == 3 and data[0] != 0) or max(data) > 0x7F:
        raise UnitValueError(
            f"{unit}: manufacturer {data.hex(' ')!r} must be one byte 0..127, or three "
            "starting with 00"
        )
    return data


def _sysex_bytes(unit: str, value: object) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if isinstance(value, str):
        try:
            return bytes.fromhex(value)
        except ValueError:
            raise UnitValueError(
                f"{unit}: {value!r} is not hex bytes such as 'F0 43 10 F7'"
            ) from None
    if isinstance(value, Iterable):
        items = list(value)
        if all(isinstance(b, int) and not isinstance(b, bool) and 0 <= b <= 0xFF for b in items):
            return bytes(items)
    raise UnitTypeError(f"{unit}: sysex must be bytes, hex text or ints 0..255, not {value!r}")


def param(unit: str, value: object, check: str) -> Param:
    """A generator's value: an :class:`EventAttribute`, or a value passing ``check``."""
    if isinstance(value, EventAttribute):
        return value
    return CHECKS[check](unit, value)


def any_int(unit: str, value: object) -> int:
    """Any int (a data byte of a ``Generator``; the output checks its range)."""
    return integer(unit, "value", value)


#: The checks a generator's values pass, by name.
CHECKS: dict[str, Callable[[str, object], int]] = {
    "channel": channel,
    "program": program,
    "ctrl": ctrl,
    "value": ctrl_value,
    "velocity": velocity,
    "note": note_number,
    "bend": bend,
    "any": any_int,
}
