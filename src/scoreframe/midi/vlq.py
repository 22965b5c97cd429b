"""Variable-length quantities (SMF 1.0): seven bits a byte, most significant first, the top bit
set on every byte but the last. Delta times and meta/sysex lengths use them; the largest is
``0x0FFFFFFF`` (four bytes).

>>> encode(0x40).hex(), encode(0x3FFF).hex(" "), encode(0x0FFFFFFF).hex(" ")
('40', 'ff 7f', 'ff ff ff 7f')
>>> decode(bytes.fromhex("00 81 80 00"), 1)
(16384, 4)
>>> decode(bytes.fromhex("81 80"), 0)
Traceback (most recent call last):
...
scoreframe.errors.MidiFileError: byte 0x0: the data ends inside a variable-length quantity
"""

from __future__ import annotations

from ..errors import MidiFileError, MidiMessageError

#: The largest quantity four bytes hold.
MAX = 0x0FFFFFFF
#: The most bytes a quantity may take.
MAX_BYTES = 4
#: The quantities ``SMALL`` holds: every one of one or two bytes.
SMALL_LIMIT = 1 << 14


def _encode(value: int) -> bytes:
    out = bytearray((value & 0x7F,))
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.reverse()
    return bytes(out)


#: Every quantity below ``SMALL_LIMIT`` encoded once, so that the delta times of dense tracks
#: are a tuple look-up: ``SMALL[value] == encode(value)``.
SMALL: tuple[bytes, ...] = tuple(_encode(value) for value in range(SMALL_LIMIT))


def encode(value: int) -> bytes:
    """The bytes of ``value``, an int in ``0..0x0FFFFFFF``.

    >>> encode(0x80).hex(" ")
    '81 00'
    >>> encode(-1)
    Traceback (most recent call last):
    ...
    scoreframe.errors.MidiMessageError: variable-length quantity -1 must be in 0..0xfffffff
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise MidiMessageError(
            f"variable-length quantity must be an int, not {type(value).__name__} ({value!r})"
        )
    if 0 <= value < SMALL_LIMIT:
        return SMALL[value]
    if not 0 <= value <= MAX:
        raise MidiMessageError(f"variable-length quantity {value} must be in 0..{MAX:#x}")
    return _encode(value)


def decode(data: bytes, offset: int, end: int | None = None) -> tuple[int, int]:
    """Read the quantity at ``offset`` of ``data`` (not past ``end``, default: the data's end).

    Returns ``(value, offset after it)``. A quantity of more than four bytes, or one cut off by
    ``end``, is a :class:`MidiFileError` naming the byte where it starts.

    >>> decode(bytes.fromhex("ff ff ff ff 7f"), 0)
    Traceback (most recent call last):
    ...
    scoreframe.errors.MidiFileError: byte 0x0: variable-length quantity longer than four bytes
    """
    stop = len(data) if end is None else min(end, len(data))
    value = 0
    for index in range(offset, min(offset + MAX_BYTES, stop)):
        byte = data[index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, index + 1
    if offset + MAX_BYTES <= stop:
        raise MidiFileError(f"byte {offset:#x}: variable-length quantity longer than four bytes")
    raise MidiFileError(f"byte {offset:#x}: the data ends inside a variable-length quantity")
