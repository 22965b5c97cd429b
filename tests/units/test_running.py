"""A running patch: note-offs follow their note-ons (so no patch leaves a note hanging), every
event out is sanitized, and an Output's setup comes first."""

from __future__ import annotations

import itertools

from scoreframe.midi.timed import TimedMessage
from scoreframe.units import (
    Call,
    Channel,
    Key,
    KeySplit,
    Output,
    Running,
    Transpose,
    Velocity,
    VelocitySplit,
    run_messages,
)

from .tables import off, on


def test_a_note_off_goes_where_its_note_on_went_even_if_the_patch_changed_its_mind() -> None:
    shifts = itertools.count(0, 7)
    run = Running(Call(lambda e: Transpose(next(shifts)).events(e)))
    assert run.process(on(60)) == [on(60)]
    assert run.process(on(62)) == [on(69)]
    assert run.process(off(60, 40)) == [off(60, 40)]  # the patch said 74: the note-on was 60
    assert run.process(off(62)) == [off(69)]
    assert run.sounding() == []


def test_a_note_off_for_a_note_that_never_went_out_is_dropped() -> None:
    run = Running(VelocitySplit(64, Channel(1), Channel(2)))
    assert run.process(on(60, 100, ch=9)) == [on(60, 100, ch=2)]
    # the note-off reaches both patches; only channel 2's note sounds
    assert run.process(off(60, ch=9)) == [off(60, ch=2)]
    assert run.process(off(61, ch=9)) == []


def test_notes_mapped_to_one_key_each_end_their_own() -> None:
    run = Running(Key(60))
    assert run.process(on(40)) == [on(60)]
    assert run.process(on(41)) == [on(60)]
    assert run.process(off(40)) == [off(60)]
    assert run.sounding() == [("in", 1, 60)]
    assert run.process(off(41)) == [off(60)]


def test_a_note_on_the_output_drops_is_no_note_to_end() -> None:
    run = Running(Velocity(-100))  # velocity below 1: removed at the output
    assert run.process(on(60, 90)) == []
    assert run.process(off(60)) == []


def test_a_key_split_to_two_channels_ends_each_note_on_its_channel() -> None:
    run = Running(Transpose(12) >> KeySplit("C5", Channel(1), Channel(2)))
    assert run.process(on(59)) == [on(71, ch=1)]
    assert run.process(on(60)) == [on(72, ch=2)]
    assert run.process(off(60)) == [off(72, ch=2)]
    assert run.process(off(59)) == [off(71, ch=1)]


def test_every_event_out_is_sanitized() -> None:
    run = Running(Velocity(50) >> Transpose(100))
    assert run.process(on(20, 100)) == [on(120, 127)]
    assert run.process(on(30, 100)) == []  # note 130: dropped


def test_a_stream_through_a_patch_starts_with_the_outputs_setup() -> None:
    stream = [TimedMessage(0.25, bytes([0x90, 60, 100]), "Piano")]
    out = list(run_messages(Output("synth", 2, program=5), stream))
    assert [(m.seconds, m.data.hex(" "), m.port) for m in out] == [
        (0.0, "c1 04", "synth"),
        (0.25, "91 3c 64", "synth"),
    ]


def test_a_retriggered_key_gets_two_note_offs() -> None:
    run = Running(Channel(3))
    run.process(on(60))
    run.process(on(60))
    assert run.process(off(60)) == [off(60, ch=3), off(60, ch=3)]
