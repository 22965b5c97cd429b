"""Variable-length quantities: 7 bits a byte, most significant first, the top bit set on every
byte but the last (SMF 1.0). Delta times and meta/sysex lengths use them.

>>> encode(0x40).hex(), encode(0x3FFF).hex(" "), encode(0x0FFFFFFF).hex(" ")
('40', 'ff 7f', 'ff ff ff 7f')
>>> decode(bytes.fromhex("81 80 00"), 0)
(16384, 3)
"""

from __future__ import annotations

from ..errors import MidiFileError, MidiMessageError

MAX = 0x0FFFFFFF  # four bytes of seven bits


def _encode(value: int) -> bytes:
    out = bytearray([value & 0x7F])
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.reverse()
    return bytes(out)


#: Every quantity below 2**14 (two bytes or fewer) encoded once: the delta times of dense
#: tracks come from here.
SMALL: tuple[bytes, ...] = tuple(_encode(v) for v in range(1 << 14))


def encode(value: int) -> bytes:
    """The VLQ bytes of ``value`` (0 to 0x0FFFFFFF)."""
    if 0 <= value < 16384:
        return SMALL[value]
    if not 0 <= value <= MAX:
        raise MidiMessageError(f"variable-length quantity {value} must lie in 0..{MAX:#x}")
    return _encode(value)


def decode(data: bytes, offset: int) -> tuple[int, int]:
    """Read a VLQ at ``offset``: ``(value, offset after it)``; at most four bytes."""
    value = 0
    for index in range(offset, min(offset + 4, len(data))):
        byte = data[index]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, index + 1
    if offset + 4 <= len(data):
        raise MidiFileError(f"byte {offset:#x}: variable-length quantity longer than four bytes")
    raise MidiFileError(f"byte {offset:#x}: the data ends inside a variable-length quantity")
