"""Events packed into sortable ints: the exporter's hot path sorts and writes these.

An event is ``tick << TICK_SHIFT | order << LOW_BITS | low``, so sorting the ints sorts by tick,
then by the :class:`~.policies.Order` table, then by ``low``. A note's ``low`` is the message
itself (channel index, key, velocity), so notes need no objects until they are written; any
other event's ``low`` is its index in the order events were added (ties stay stable), and its
bytes wait in :class:`Payloads`.

>>> payloads = Payloads()
>>> key = payloads.add(0, Order.PROGRAM, bytes((0xC0, 5)))
>>> note = note_on(0, channel=1, key=60, velocity=100)
>>> [(tick_of(k), payloads[k & LOW_MASK].hex(" ")) for k in sorted([note, key])]
[(0, 'c0 05'), (0, '91 3c 64')]
"""

from __future__ import annotations

from ..errors import ExportError, MidiFileError
from .policies import Order
from .smf import check_event

# The fields of a packed event, low bits first (a table of shifts and masks: no other module
# writes a literal shift). A note's low field is its message: velocity, key, channel index.
VALUE_BITS = 7
#: A seven-bit data value (a velocity, a key).
VALUE_MASK = (1 << VALUE_BITS) - 1
KEY_SHIFT = VALUE_BITS
CHANNEL_SHIFT = 2 * VALUE_BITS
CHANNEL_BITS = 4
CHANNEL_MASK = (1 << CHANNEL_BITS) - 1
#: A note's place: its channel and key, the bits above the velocity.
PLACE_BITS = CHANNEL_BITS + VALUE_BITS
PLACE_SHIFT = KEY_SHIFT
PLACE_MASK = ((1 << PLACE_BITS) - 1) << PLACE_SHIFT
LOW_BITS = 22
ORDER_BITS = 3
TICK_SHIFT = LOW_BITS + ORDER_BITS
#: The order and low fields of a packed event: what :class:`Payloads` is keyed by.
LOW_MASK = (1 << TICK_SHIFT) - 1
NOTE_ON_BITS = int(Order.NOTE_ON) << LOW_BITS
NOTE_OFF_BITS = int(Order.NOTE_OFF) << LOW_BITS
_ORDER_MASK = ((1 << ORDER_BITS) - 1) << LOW_BITS
_NOTE_ORDERS = (NOTE_OFF_BITS, NOTE_ON_BITS)


def note_on(tick: int, channel: int, key: int, velocity: int) -> int:
    """A packed note-on (channel 0..15 as in the bytes)."""
    return (
        (tick << TICK_SHIFT)
        | NOTE_ON_BITS
        | (channel << CHANNEL_SHIFT)
        | (key << KEY_SHIFT)
        | velocity
    )


def note_off(tick: int, on: int) -> int:
    """The packed note-off at ``tick`` of the packed note-on ``on``."""
    return (tick << TICK_SHIFT) | NOTE_OFF_BITS | (on & PLACE_MASK)


def tick_of(key: int) -> int:
    return key >> TICK_SHIFT


def order_of(key: int) -> int:
    """The :class:`~.policies.Order` field of a packed event."""
    return (key & _ORDER_MASK) >> LOW_BITS


def channel_index(key: int) -> int:
    """The channel (0..15, as in the bytes) of a packed note event."""
    return (key >> CHANNEL_SHIFT) & CHANNEL_MASK


def with_channel(key: int, channel: int) -> int:
    """A packed note event moved to ``channel`` (0..15)."""
    return (key & ~(CHANNEL_MASK << CHANNEL_SHIFT)) | (channel << CHANNEL_SHIFT)


class Payloads(dict[int, bytes]):
    """The bytes of packed events, keyed by their order and low fields (``key & LOW_MASK``).

    Note messages are built on first use from their bits; other events are stored by
    :meth:`add`, each under the next index.
    """

    def __init__(self) -> None:
        super().__init__()
        self._count = 0

    def add(self, tick: int, order: Order | int, data: bytes) -> int:
        """Store an event that is not a note (checked: the writer trusts what is stored);
        its packed key."""
        bits = int(order) << LOW_BITS
        if bits in _NOTE_ORDERS:
            raise ExportError("note events are packed with note_on/note_off, not stored")
        try:
            end = check_event(data)
        except MidiFileError as error:
            raise ExportError(f"tick {tick}: {error}") from None
        if end:
            raise ExportError(f"tick {tick}: the writer ends each track; store no end of track")
        if self._count >> LOW_BITS:
            raise ExportError(f"a file holds at most {1 << LOW_BITS} events besides its notes")
        low = bits | self._count
        self._count += 1
        self[low] = data
        return (tick << TICK_SHIFT) | low

    def __missing__(self, low: int) -> bytes:
        order = low & _ORDER_MASK
        if order not in _NOTE_ORDERS:
            raise KeyError(low)
        status = (0x90 if order == NOTE_ON_BITS else 0x80) | channel_index(low)
        data = self[low] = bytes((status, (low >> KEY_SHIFT) & VALUE_MASK, low & VALUE_MASK))
        return data
