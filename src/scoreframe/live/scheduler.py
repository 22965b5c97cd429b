"""The scheduler: send each message at its deadline on a monotonic clock, without drift.

Every message is due at ``start + seconds / speed``, an absolute deadline on one monotonic clock
read once at the start; the scheduler never adds up relative sleeps, so an early delay does not
push the later messages back. It sleeps until :attr:`Timing.spin` before a deadline (the sleep is
interrupted at once by :meth:`Scheduler.stop`), then spins on the clock for the rest. A message
whose deadline has already passed goes out at once and, past :attr:`Timing.late_after`, is
counted late.

The scheduler runs in whatever thread calls :meth:`Scheduler.run`: the player gives it its own.

>>> clock = FakeClock()
>>> plan = Plan.build([TimedMessage(0.0, b"\\xfa"), TimedMessage(0.5, b"\\xfc")], speed=2.0)
>>> sent = []
>>> stats = Scheduler(plan, clock=clock).run(lambda data: sent.append((clock.now_ns(), data)))
>>> stats.sent, stats.late, [data for _, data in sent]
(2, 0, [b'\\xfa', b'\\xfc'])
>>> 250_000_000 <= sent[1][0] - stats.start_ns < 251_000_000   # 0.5 s at double speed
True
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Protocol

from scoreframe.live.stream import LiveValueError, check_sorted
from scoreframe.midi.timed import TimedMessage

NS_PER_SECOND = 1_000_000_000


class Clock(Protocol):
    """A monotonic clock in nanoseconds, and a sleep that a stop request cuts short."""

    def now_ns(self) -> int:
        """The time now, in nanoseconds, on a clock that never goes back."""
        ...

    def sleep(self, seconds: float, wake: threading.Event) -> None:
        """Sleep at most ``seconds``; return early once ``wake`` is set."""
        ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    """``time.perf_counter_ns`` and an interruptible sleep (``Event.wait``).

    >>> clock = SystemClock()
    >>> clock.now_ns() <= clock.now_ns()
    True
    """

    def now_ns(self) -> int:
        return time.perf_counter_ns()

    def sleep(self, seconds: float, wake: threading.Event) -> None:
        wake.wait(seconds)


class FakeClock:
    """A clock for tests: sleeping moves time on at once, and every reading moves it ``tick_ns``
    (at least 1, so a spin on it ends).

    >>> clock = FakeClock(tick_ns=10)
    >>> clock.sleep(0.25, threading.Event())
    >>> clock.now_ns()
    250000010
    """

    def __init__(self, tick_ns: int = 1_000) -> None:
        if tick_ns < 1:
            raise LiveValueError(
                f"FakeClock.tick_ns must be >= 1 (a spin would never end), not {tick_ns}"
            )
        self.ns = 0
        self.tick_ns = tick_ns
        self.sleeps: list[float] = []

    def now_ns(self) -> int:
        self.ns += self.tick_ns
        return self.ns

    def sleep(self, seconds: float, wake: threading.Event) -> None:
        self.sleeps.append(seconds)
        if not wake.is_set():
            self.ns += round(seconds * NS_PER_SECOND)


@dataclass(frozen=True, slots=True)
class Timing:
    """How the scheduler waits: ``spin`` seconds of busy-waiting before each deadline; a message
    sent more than ``late_after`` seconds after its deadline counts as late.

    >>> Timing(spin=-1)
    Traceback (most recent call last):
    ...
    scoreframe.live.stream.LiveValueError: Timing.spin must be a finite number >= 0 seconds, not -1
    """

    spin: float = 0.001
    late_after: float = 0.001

    def __post_init__(self) -> None:
        for name in ("spin", "late_after"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise LiveValueError(
                    f"Timing.{name} must be a finite number >= 0 seconds, not {value!r}"
                )


DEFAULT_TIMING = Timing()


@dataclass(frozen=True, slots=True)
class PlayStats:
    """What a playback did: messages sent, how many late, the worst lateness (seconds), the
    clock reading the schedule is anchored to, whether it was stopped before the end, and how
    many note-offs the final clean-up sent for notes still sounding."""

    sent: int
    late: int
    max_lateness: float
    start_ns: int
    stopped: bool
    released: int = 0


def check_speed(speed: float) -> float:
    """Return ``speed`` if it is a finite number > 0, else raise :class:`LiveValueError`.

    >>> check_speed(0)
    Traceback (most recent call last):
    ...
    scoreframe.live.stream.LiveValueError: speed must be a finite number > 0 ..., not 0
    """
    if not (math.isfinite(speed) and speed > 0):
        raise LiveValueError(f"speed must be a finite number > 0 (1 is as written), not {speed!r}")
    return speed


@dataclass(frozen=True, slots=True)
class Plan:
    """A stream ready to play: each message's offset from the start in nanoseconds (already
    divided by the speed), its bytes, the speed, the stream's length in stream seconds, and
    each message's target (an output's index: empty when every message goes to one port)."""

    offsets_ns: tuple[int, ...]
    data: tuple[bytes, ...]
    speed: float
    length: float
    targets: tuple[int, ...] = ()

    @classmethod
    def build(
        cls,
        messages: Sequence[TimedMessage],
        speed: float = 1.0,
        target: Callable[[str], int] | None = None,
    ) -> Plan:
        """Check the stream is sorted and the speed valid; convert times once. ``target``
        gives each message's output from its port name.

        >>> Plan.build([TimedMessage(0.0, b"\\xfa"), TimedMessage(1.0, b"\\xfc")], 4.0).offsets_ns
        (0, 250000000)
        """
        check_speed(speed)
        check_sorted(messages)
        offsets = tuple(round(m.seconds / speed * NS_PER_SECOND) for m in messages)
        length = messages[-1].seconds if messages else 0.0
        targets = () if target is None else tuple(target(m.port) for m in messages)
        return cls(offsets, tuple(m.data for m in messages), speed, length, targets)


def wait_until(deadline_ns: int, clock: Clock, wake: threading.Event, spin_ns: int) -> bool:
    """Sleep until ``spin_ns`` before the deadline, then spin; ``False`` if ``wake`` was set.

    >>> wait_until(5_000_000, FakeClock(), threading.Event(), spin_ns=1_000_000)
    True
    """
    while True:
        rest = deadline_ns - spin_ns - clock.now_ns()
        if rest <= 0:
            break
        clock.sleep(rest / NS_PER_SECOND, wake)
        if wake.is_set():
            return False
    while clock.now_ns() < deadline_ns:
        if wake.is_set():
            return False
    return not wake.is_set()


class Scheduler:
    """Plays one :class:`Plan` once, through the ``send`` callable given to :meth:`run`."""

    def __init__(
        self, plan: Plan, *, clock: Clock | None = None, timing: Timing = DEFAULT_TIMING
    ) -> None:
        self.plan = plan
        self.clock: Clock = SystemClock() if clock is None else clock
        self.timing = timing
        self._wake = threading.Event()
        self._start_ns: int | None = None
        self._end_ns: int | None = None

    def stop(self) -> None:
        """Ask :meth:`run` to stop before the next message (it returns within a sleep's wake)."""
        self._wake.set()

    @property
    def stopping(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._wake.is_set()

    def elapsed(self) -> float:
        """Stream seconds played so far (wall time times speed), at most the plan's length."""
        start = self._start_ns
        if start is None:
            return 0.0
        end = self.clock.now_ns() if self._end_ns is None else self._end_ns
        return min((end - start) / NS_PER_SECOND * self.plan.speed, self.plan.length)

    def run(self, send: Callable[[bytes], None]) -> PlayStats:
        """Send every message at its deadline; return early once stopped. Blocks."""
        return self.run_to(lambda _target, data: send(data))

    def run_to(self, send: Callable[[int, bytes], None]) -> PlayStats:
        """:meth:`run`, each message sent with its target (0 when the plan has none)."""
        spin_ns = round(self.timing.spin * NS_PER_SECOND)
        late_ns = round(self.timing.late_after * NS_PER_SECOND)
        sent = late = worst = 0
        plan = self.plan
        targets = plan.targets or repeat(0, len(plan.data))
        start = self._start_ns = self.clock.now_ns()
        try:
            for offset, data, target in zip(plan.offsets_ns, plan.data, targets, strict=True):
                deadline = start + offset
                if not wait_until(deadline, self.clock, self._wake, spin_ns):
                    break
                lateness = self.clock.now_ns() - deadline
                send(target, data)
                sent += 1
                worst = max(worst, lateness)
                late += lateness > late_ns
        finally:
            self._end_ns = self.clock.now_ns()
        return PlayStats(sent, late, worst / NS_PER_SECOND, start, self.stopping)
