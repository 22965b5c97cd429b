"""The player: a stream of timed messages to a port, in the background or blocking, and never a
hanging note.

However playback ends (the end of the stream, :meth:`Player.stop`, Ctrl-C in
:func:`play_messages`, or an exception such as the port failing), the player sends a note-off for
every note still sounding, then All Notes Off (CC 123) and Sustain Off (CC 64 = 0) on every
channel it used.

>>> class Recorder:
...     def __init__(self) -> None:
...         self.sent: list[bytes] = []
...     def send(self, data: bytes) -> None:
...         self.sent.append(data)
...     def close(self) -> None:
...         pass
>>> port = Recorder()
>>> stream = [TimedMessage(0.0, bytes([0x90, 60, 100])), TimedMessage(0.01, bytes([0x91, 64, 90]))]
>>> stats = play_messages(port, stream)      # the notes never end, so the player ends them
>>> [m.hex(" ") for m in port.sent]
['90 3c 64', '91 40 5a', '80 3c 00', '81 40 00', 'b0 7b 00', 'b0 40 00', 'b1 7b 00', 'b1 40 00']
>>> stats.sent, stats.released
(2, 2)
"""

from __future__ import annotations

import atexit
import math
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import replace
from types import TracebackType
from typing import Self

from scoreframe.errors import LiveError
from scoreframe.live.midiports import MidiPort
from scoreframe.live.outputs import NoteTracker, PortGroup, release
from scoreframe.live.scheduler import (
    DEFAULT_TIMING,
    Clock,
    Plan,
    PlayStats,
    Scheduler,
    Timing,
    check_speed,
)
from scoreframe.live.stream import LiveValueError, Position, PositionFn, from_offset
from scoreframe.midi.timed import TimedMessage

__all__ = ["NoteTracker", "Player", "perform", "play_messages", "release"]


def perform(port: MidiPort | PortGroup, scheduler: Scheduler) -> PlayStats:
    """Run ``scheduler`` to ``port`` (or to the ports of a group: the plan's targets) in this
    thread, tracking notes, and always clean up."""
    group = port if isinstance(port, PortGroup) else PortGroup.single(port)
    try:
        stats = scheduler.run_to(group.send_to)
    except BaseException:
        group.release(strict=False)
        raise
    return replace(stats, released=group.release(strict=True))


def _check_start(start: float) -> float:
    if not (math.isfinite(start) and start >= 0):
        raise LiveValueError(f"start must be a finite number of seconds >= 0, not {start!r}")
    return start


def _plan(
    messages: Sequence[TimedMessage],
    speed: float,
    start: float,
    chase: Sequence[TimedMessage] | None,
    port: MidiPort | PortGroup,
) -> Plan:
    """The plan for ``messages`` heard from ``start`` (chased state first) at ``speed``; to
    a group, each message to the port its ``port`` names."""
    check_speed(speed)
    target = port.index_of if isinstance(port, PortGroup) else None
    if _check_start(start) == 0 and chase is None:
        return Plan.build(messages, speed, target)
    return Plan.build(from_offset(messages, start, chase), speed, target)


def play_messages(
    port: MidiPort | PortGroup,
    messages: Sequence[TimedMessage],
    *,
    speed: float = 1.0,
    start: float = 0.0,
    chase: Sequence[TimedMessage] | None = None,
    clock: Clock | None = None,
    timing: Timing = DEFAULT_TIMING,
) -> PlayStats:
    """Play ``messages`` to ``port`` in this thread; return when done. Ctrl-C stops cleanly.

    ``speed`` 2 plays twice as fast. ``start`` (stream seconds) starts part-way: ``chase`` is
    sent first (the programs, controllers and bends in force there; by default found by
    :func:`scoreframe.live.stream.chase`), then the messages from ``start`` on, shifted.
    """
    scheduler = Scheduler(_plan(messages, speed, start, chase, port), clock=clock, timing=timing)
    return perform(port, scheduler)


_PLAYING: weakref.WeakSet[Player] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """At interpreter exit, stop the players still running so no note is left hanging."""
    for player in list(_PLAYING):
        player.stop(timeout=2.0)


class Player:
    """Plays a stream in a background thread; a context manager that stops it on exit.

    ``position`` (``(bar, beat, seconds)`` from the caller's ``position`` function; bar and beat
    are 0 without one) is safe to read from any thread, for a progress display::

        with Player(port, stream, position=tempo_map_position).start() as player:
            while player.wait(timeout=0.25) is None:
                print(player.position)

    Arguments are as for :func:`play_messages`.
    """

    def __init__(
        self,
        port: MidiPort | PortGroup,
        messages: Sequence[TimedMessage],
        *,
        speed: float = 1.0,
        start: float = 0.0,
        chase: Sequence[TimedMessage] | None = None,
        position: PositionFn | None = None,
        clock: Clock | None = None,
        timing: Timing = DEFAULT_TIMING,
    ) -> None:
        self._port = port
        self._start = start
        self._position = position
        plan = _plan(messages, speed, start, chase, port)
        self._scheduler = Scheduler(plan, clock=clock, timing=timing)
        self._thread = threading.Thread(target=self._run, name="scoreframe-player", daemon=True)
        self._stats: PlayStats | None = None
        self._error: BaseException | None = None
        # Set when the thread has finished, clean-up included. Not Thread.is_alive(): on Python
        # 3.11 a Ctrl-C during Thread.join() can leave a running thread marked stopped, and the
        # port would then close under a clean-up still sending note-offs.
        self._done = threading.Event()

    def _run(self) -> None:
        try:
            self._stats = perform(self._port, self._scheduler)
        except BaseException as error:
            self._error = error
        finally:
            _PLAYING.discard(self)
            self._done.set()

    def start(self) -> Self:
        """Start playing in the background; return the player. Starting twice is an error."""
        if self._thread.ident is not None:
            raise LiveError("this Player has already started; make a new one to play again")
        _PLAYING.add(self)
        self._thread.start()
        return self

    @property
    def playing(self) -> bool:
        """Whether the background thread is still running (clean-up included)."""
        return self._thread.ident is not None and not self._done.is_set()

    @property
    def stats(self) -> PlayStats | None:
        """The statistics once playback has ended normally, else ``None``."""
        return self._stats

    @property
    def position(self) -> Position:
        """Where playback is now (stream seconds count from the stream's start)."""
        seconds = self._start + self._scheduler.elapsed()
        if self._position is None:
            return Position(0, 0.0, seconds)
        bar, beat, at = self._position(seconds)
        return Position(bar, beat, at)

    def wait(self, timeout: float | None = None) -> PlayStats | None:
        """Wait for the end; the statistics, or ``None`` if ``timeout`` passed first.

        Re-raises the exception that ended playback (the port failing, say).
        """
        if self._thread.ident is None:
            raise LiveError("this Player has not started; call start() first")
        if not self._done.wait(timeout):
            return None
        if self._error is not None:
            raise self._error
        return self._stats

    def stop(self, timeout: float | None = None) -> PlayStats | None:
        """Stop playing, silence the port and wait for the thread (at most ``timeout`` seconds).

        Returns the statistics (``stopped`` is true if it ended early), or ``None`` if playback
        failed or the thread is still cleaning up; :meth:`wait` re-raises a failure.
        """
        self._scheduler.stop()
        if self._thread.ident is not None:
            self._finish(timeout)
        return self._stats

    def _finish(self, timeout: float | None) -> None:
        """Wait for the clean-up to end, through a second Ctrl-C too (it is what ends the
        notes still sounding); a Ctrl-C that came meanwhile is raised once it has ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        interrupted = False
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                self._done.wait(remaining)
                break
            except KeyboardInterrupt:
                interrupted = True
        if interrupted:
            raise KeyboardInterrupt

    def __enter__(self) -> Self:
        if self._thread.ident is None:
            self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
        if error is None and self._error is not None:
            raise self._error
