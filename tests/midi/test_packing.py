"""Packed events: the exporter's sortable ints, and the writer that reads them."""

from __future__ import annotations

import pytest

from scoreframe.errors import ExportError
from scoreframe.midi.packing import (
    LOW_MASK,
    TICK_SHIFT,
    Payloads,
    note_off,
    note_on,
    tick_of,
)
from scoreframe.midi.policies import Order
from scoreframe.midi.smf import encode_packed_track, encode_track


def test_sorting_packed_events_follows_tick_then_the_order_table() -> None:
    payloads = Payloads()
    on = note_on(480, channel=0, key=60, velocity=100)
    keys = [
        on,
        note_off(480, note_on(0, channel=0, key=62, velocity=90)),
        payloads.add(480, Order.CONTROL, bytes((0xB0, 7, 100))),
        payloads.add(480, Order.META, bytes((0xFF, 0x51, 3, 7, 0xA1, 0x20))),
        payloads.add(0, Order.PROGRAM, bytes((0xC0, 0))),
    ]
    ordered = [(tick_of(k), payloads[k & LOW_MASK].hex(" ")) for k in sorted(keys)]
    assert ordered == [
        (0, "c0 00"),
        (480, "ff 51 03 07 a1 20"),  # meta
        (480, "b0 07 64"),  # controller
        (480, "80 3e 00"),  # note-off before
        (480, "90 3c 64"),  # note-on
    ]


def test_events_of_one_tick_and_order_keep_the_order_they_were_added_in() -> None:
    payloads = Payloads()
    rpn = [bytes((0xB0, 101, 0)), bytes((0xB0, 100, 0)), bytes((0xB0, 6, 2)), bytes((0xB0, 38, 0))]
    keys = [payloads.add(0, Order.CONTROL, data) for data in rpn]
    assert [payloads[k & LOW_MASK] for k in sorted(reversed(keys))] == rpn


def test_a_note_off_keeps_the_channel_and_key_of_its_note_on() -> None:
    on = note_on(960, channel=15, key=127, velocity=1)
    off = note_off(1200, on)
    payloads = Payloads()
    assert payloads[on & LOW_MASK] == bytes((0x9F, 127, 1))
    assert payloads[off & LOW_MASK] == bytes((0x8F, 127, 0))
    assert tick_of(off) == 1200 and off >> TICK_SHIFT == 1200


def test_stored_events_are_checked_once_and_notes_are_not_stored() -> None:
    payloads = Payloads()
    with pytest.raises(ExportError, match="tick 5: the event: control_change is 3 bytes"):
        payloads.add(5, Order.CONTROL, bytes((0xB0, 7)))
    with pytest.raises(ExportError, match="store no end of track"):
        payloads.add(0, Order.META, bytes((0xFF, 0x2F, 0)))
    with pytest.raises(ExportError, match="note events are packed"):
        payloads.add(0, Order.NOTE_ON, bytes((0x90, 60, 1)))


def test_the_packed_writer_writes_what_the_checked_writer_writes() -> None:
    payloads = Payloads()
    keys = sorted(
        [
            payloads.add(0, Order.META, bytes((0xFF, 0x03, 1, 0x41))),
            note_on(0, channel=0, key=60, velocity=64),
            note_off(20000, note_on(0, channel=0, key=60, velocity=64)),  # a delta of 3 bytes
            note_on(20000, channel=1, key=61, velocity=64),
            note_off(20001, note_on(20000, channel=1, key=61, velocity=64)),
        ]
    )
    events = [(tick_of(k), payloads[k & LOW_MASK]) for k in keys]
    for running in (False, True):
        assert encode_packed_track(
            keys, payloads, TICK_SHIFT, LOW_MASK, running_status=running
        ) == encode_track(events, running_status=running)
