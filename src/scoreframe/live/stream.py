"""Timed MIDI messages: the stream the live player plays.

A stream is a sequence of :class:`TimedMessage` sorted by ``seconds``: raw MIDI bytes with the
channel in the status byte (0 to 15 there, as in every MIDI byte). The exporter produces it; this
module only checks it, finds the state in force at a time (:func:`chase`) and cuts a stream to
start at a time (:func:`from_offset`).

>>> stream = [TimedMessage(0.0, bytes([0xC0, 40])), TimedMessage(0.5, bytes([0x90, 60, 100])),
...           TimedMessage(1.0, bytes([0x80, 60, 0]))]
>>> [m.seconds for m in from_offset(stream, 0.75)]
[0.0, 0.25]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from scoreframe.errors import LiveError, MidiMessageError
from scoreframe.midi.timed import (
    CHANNEL_PRESSURE,
    CONTROL_CHANGE,
    PITCH_BEND,
    PROGRAM_CHANGE,
    SYSEX,
    TimedMessage,
)


class LiveValueError(LiveError, ValueError):
    """A playback option (speed, start, timing) is out of range.

    >>> issubclass(LiveValueError, ValueError) and issubclass(LiveValueError, LiveError)
    True
    """


#: Controllers that take part in RPN/NRPN parameter setting: chased in full, in order.
PARAMETER_CONTROLLERS = frozenset({6, 38, 96, 97, 98, 99, 100, 101})
#: Reset All Controllers (CC 121): forgets the controllers, bends and pressure chased before it.
RESET_ALL_CONTROLLERS = 121
#: Channel mode messages (CC 120 to 127) are never chased.
FIRST_MODE_CONTROLLER = 120
ALL_NOTES_OFF = 123
SUSTAIN = 64


class Position(NamedTuple):
    """Where playback is: bar and beat (from the caller's position function) and seconds.

    ``seconds`` count from the start of the whole stream, not from where playback started.

    >>> bar, beat, seconds = Position(3, 1.5, 4.25)
    >>> bar
    3
    """

    bar: int
    beat: float
    seconds: float


#: The caller's map from stream seconds to ``(bar, beat, seconds)``, for progress display.
PositionFn = Callable[[float], tuple[int, float, float]]


def check_sorted(messages: Sequence[TimedMessage]) -> None:
    """Raise :class:`MidiMessageError` unless ``messages`` are sorted by ``seconds``.

    >>> check_sorted([TimedMessage(1.0, b"\\x90<d"), TimedMessage(0.5, b"\\x80<\\x00")])
    Traceback (most recent call last):
    ...
    scoreframe.errors.MidiMessageError: message 1 at 0.5 s comes after one at 1.0 s; ...
    """
    for index in range(1, len(messages)):
        before, here = messages[index - 1].seconds, messages[index].seconds
        if here < before:
            raise MidiMessageError(
                f"message {index} at {here} s comes after one at {before} s;"
                " sort the stream by seconds (a stable sort keeps the order at one time)"
            )


def _chase_key(message: TimedMessage) -> tuple[int, ...] | None:
    """What a chased message sets (a later one with the same key replaces it), or ``None``."""
    kind, status = message.kind, message.data[0]
    if kind in (PROGRAM_CHANGE, PITCH_BEND, CHANNEL_PRESSURE):
        return (status,)
    if kind == CONTROL_CHANGE and len(message.data) > 1:
        number = message.data[1]
        if number >= FIRST_MODE_CONTROLLER or number in PARAMETER_CONTROLLERS:
            return None
        return (status, number)
    return None


def _is_kept_whole(message: TimedMessage) -> bool:
    """System exclusive and RPN/NRPN controllers: every one is chased, in order."""
    if message.kind == SYSEX:
        return True
    return (
        message.kind == CONTROL_CHANGE
        and len(message.data) > 1
        and message.data[1] in PARAMETER_CONTROLLERS
    )


#: What a chased message sets: its port, and what :func:`_chase_key` gives.
_Chased = dict[tuple[str, tuple[int, ...]], int]


def _forget_channel(chased: _Chased, port: str, status: int) -> None:
    """Drop chased controllers, bend and pressure of ``status``'s channel on ``port`` (CC 121
    resets them)."""
    channel = status & 0x0F
    for key in list(chased):
        where, (first, *_) = key
        if where == port and first & 0x0F == channel and first & 0xF0 != PROGRAM_CHANGE:
            del chased[key]


def chase(messages: Iterable[TimedMessage], at: float) -> list[TimedMessage]:
    """The messages that set the state in force at ``at`` seconds, all at time 0, in order.

    Kept: the last program change, pitch bend, channel pressure and controller value per port
    and channel before ``at``; every system exclusive and RPN/NRPN controller (they act in
    sequence); a Reset All Controllers (CC 121) forgets what came before it on its channel.
    Notes are not chased.

    >>> stream = [TimedMessage(0.0, bytes([0xB0, 7, 90])), TimedMessage(0.0, bytes([0xC0, 5])),
    ...           TimedMessage(1.0, bytes([0xB0, 7, 60])), TimedMessage(1.0, bytes([0x90, 60, 9])),
    ...           TimedMessage(3.0, bytes([0xB0, 7, 20]))]
    >>> [m.data.hex(" ") for m in chase(stream, 2.0)]
    ['c0 05', 'b0 07 3c']
    """
    chased: _Chased = {}
    whole: list[int] = []
    before = [m for m in messages if m.seconds < at]
    for index, message in enumerate(before):
        if message.kind == CONTROL_CHANGE and message.data[1:2] == bytes([RESET_ALL_CONTROLLERS]):
            _forget_channel(chased, message.port, message.data[0])
        key = _chase_key(message)
        if key is not None:
            chased.pop((message.port, key), None)
            chased[message.port, key] = index
        elif _is_kept_whole(message):
            whole.append(index)
    kept = sorted([*chased.values(), *whole])
    return [TimedMessage(0.0, before[i].data, before[i].port) for i in kept]


def shift(messages: Iterable[TimedMessage], by: float) -> list[TimedMessage]:
    """The messages at ``seconds + by``; any that would fall before 0 are dropped.

    >>> [m.seconds for m in shift([TimedMessage(1.0, b"\\xf8"), TimedMessage(3.0, b"\\xf8")], -2)]
    [1.0]
    """
    return [TimedMessage(m.seconds + by, m.data, m.port) for m in messages if m.seconds + by >= 0]


def from_offset(
    messages: Sequence[TimedMessage],
    at: float,
    chased: Iterable[TimedMessage] | None = None,
) -> list[TimedMessage]:
    """The stream as heard from ``at`` seconds: the chase at 0, then the rest shifted by ``-at``.

    ``chased`` defaults to :func:`chase` of ``messages`` at ``at``; pass your own (or ``()``)
    when the exporter knows the state better.

    >>> stream = [TimedMessage(0.0, bytes([0xC0, 5])), TimedMessage(2.0, bytes([0x90, 60, 9]))]
    >>> [(m.seconds, m.data.hex(" ")) for m in from_offset(stream, 1.5)]
    [(0.0, 'c0 05'), (0.5, '90 3c 09')]
    """
    head = (
        chase(messages, at)
        if chased is None
        else [TimedMessage(0.0, m.data, m.port) for m in chased]
    )
    return [*head, *shift((m for m in messages if m.seconds >= at), -at)]
