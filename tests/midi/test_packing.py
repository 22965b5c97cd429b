"""Packed events: the exporter's sortable ints, and the writer that reads them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import ExportError, MidiFileError
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


@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 0, 1, 120, 16383, 16384, 2_000_000]),  # deltas, repeats likely
            st.integers(0, 15),
            st.sampled_from([60, 61, 127]),
            st.sampled_from([1, 64]),
            st.booleans(),
        ),
        max_size=60,
    ),
    st.booleans(),
)
def test_the_packed_writer_agrees_with_the_checked_writer_on_any_track(
    rows: list[tuple[int, int, int, int, bool]], backwards: bool
) -> None:
    """The packed writer keeps each distinct (delta, event) pair's bytes: the track must be
    the checked writer's for any run of repeated and large deltas, and a tick that goes
    backwards the same error, naming the same event."""
    payloads, keys, tick = Payloads(), [], 0
    for delta, channel, key, velocity, off in rows:
        tick += delta
        on = note_on(tick, channel=channel, key=key, velocity=velocity)
        keys.append(note_off(tick, on) if off else on)
    if backwards:  # an event at tick 0 last: backwards when the track has moved on
        keys.append(note_on(0, channel=0, key=60, velocity=1))
    events = [(tick_of(k), payloads[k & LOW_MASK]) for k in keys]
    try:
        want: bytes | str = encode_track(events)
    except MidiFileError as error:
        want = str(error)
    try:
        got: bytes | str = encode_packed_track(keys, payloads, TICK_SHIFT, LOW_MASK)
    except MidiFileError as error:
        got = str(error)
    assert got == want
