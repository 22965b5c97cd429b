"""The scheduler: absolute deadlines, spin before each, late messages counted, stop honoured.

Most tests use a fake clock, so they check the arithmetic exactly and never depend on how busy
the machine is. The real-clock tests assert order and "never early", not latency.
"""

from __future__ import annotations

import threading
import time

import pytest

from scoreframe.errors import MidiMessageError
from scoreframe.live.scheduler import (
    NS_PER_SECOND,
    FakeClock,
    Plan,
    Scheduler,
    SystemClock,
    Timing,
    wait_until,
)
from scoreframe.live.stream import LiveValueError, TimedMessage

MS = 1_000_000


def stream(*seconds: float) -> list[TimedMessage]:
    """One timing-clock byte per time, numbered in the second byte so order is visible."""
    return [TimedMessage(s, bytes([0xF2, i & 0x7F, 0])) for i, s in enumerate(seconds)]


class OvershootClock(FakeClock):
    """Every sleep overshoots by ``overshoot_ns``, as a loaded machine's sleeps do."""

    def __init__(self, overshoot_ns: int) -> None:
        super().__init__(tick_ns=1_000)
        self.overshoot_ns = overshoot_ns

    def sleep(self, seconds: float, wake: threading.Event) -> None:
        super().sleep(seconds, wake)
        self.ns += self.overshoot_ns


def run_recording(plan: Plan, clock: FakeClock, **kwargs: object) -> tuple[list[int], object]:
    times: list[int] = []
    scheduler = Scheduler(plan, clock=clock, **kwargs)  # type: ignore[arg-type]
    stats = scheduler.run(lambda data: times.append(clock.ns))
    return times, stats


# -- the plan ---------------------------------------------------------------------------------


def test_plan_converts_seconds_to_nanoseconds_once_divided_by_speed() -> None:
    plan = Plan.build(stream(0.0, 0.5, 1.25), speed=0.5)
    assert plan.offsets_ns == (0, 1 * NS_PER_SECOND, 2_500 * MS)
    assert plan.length == 1.25
    assert plan.data[2] == bytes([0xF2, 2, 0])


def test_plan_of_nothing_is_empty() -> None:
    assert Plan.build([]).offsets_ns == ()


def test_plan_rejects_an_unsorted_stream() -> None:
    with pytest.raises(MidiMessageError, match=r"message 2 at 0\.5 s comes after one at 1\.0 s"):
        Plan.build(stream(0.0, 1.0, 0.5))


@pytest.mark.parametrize("speed", [0, -1, float("inf"), float("nan")])
def test_plan_rejects_a_bad_speed(speed: float) -> None:
    with pytest.raises(LiveValueError, match="speed must be a finite number > 0") as caught:
        Plan.build(stream(0.0), speed=speed)
    assert isinstance(caught.value, ValueError)


def test_timing_rejects_negative_values() -> None:
    with pytest.raises(ValueError, match=r"Timing\.late_after"):
        Timing(late_after=-0.001)


# -- deadlines ----------------------------------------------------------------------------------


def test_wait_until_sleeps_to_the_spin_window_then_spins() -> None:
    clock = FakeClock(tick_ns=1_000)
    assert wait_until(10 * MS, clock, threading.Event(), spin_ns=2 * MS)
    assert clock.sleeps == [pytest.approx(0.008 - 0.000_001)]
    assert clock.ns >= 10 * MS


def test_wait_until_does_not_sleep_inside_the_spin_window() -> None:
    clock = FakeClock(tick_ns=1_000)
    assert wait_until(MS // 2, clock, threading.Event(), spin_ns=MS)
    assert clock.sleeps == []


def test_wait_until_returns_false_when_woken() -> None:
    wake = threading.Event()
    wake.set()
    assert not wait_until(10 * MS, FakeClock(), wake, spin_ns=MS)


def test_each_message_goes_out_at_its_own_deadline() -> None:
    clock = FakeClock(tick_ns=1_000)
    times, stats = run_recording(Plan.build(stream(0.0, 0.1, 0.1, 0.25)), clock)
    start = stats.start_ns  # type: ignore[attr-defined]
    due = [0, 100 * MS, 100 * MS, 250 * MS]
    assert all(0 <= t - start - d < 20_000 for t, d in zip(times, due, strict=True))
    assert stats.late == 0  # type: ignore[attr-defined]


def test_oversleeping_does_not_accumulate_into_drift() -> None:
    """Each sleep overshoots 3 ms, beyond the 1 ms spin: every message is ~2 ms late, and the
    last is no later than the first (a relative-sleep loop would be 3 ms later per message)."""
    clock = OvershootClock(overshoot_ns=3 * MS)
    seconds = [i * 0.05 for i in range(100)]
    times, stats = run_recording(Plan.build(stream(*seconds)), clock)
    start = stats.start_ns  # type: ignore[attr-defined]
    lateness = [t - start - round(s * NS_PER_SECOND) for t, s in zip(times, seconds, strict=True)]
    assert max(lateness[1:]) < 2_100_000
    assert abs(lateness[-1] - lateness[1]) < 10_000
    assert stats.late == 99  # type: ignore[attr-defined]
    assert stats.max_lateness == pytest.approx(0.002, abs=1e-4)  # type: ignore[attr-defined]


def test_late_messages_go_out_at_once_and_are_counted() -> None:
    clock = FakeClock(tick_ns=1_000)
    plan = Plan.build(stream(0.0, 0.01, 0.02, 0.5))
    times: list[int] = []

    def slow_send(data: bytes) -> None:
        times.append(clock.ns)
        if data[1] == 0:
            clock.ns += 100 * MS  # the first send blocks for 100 ms

    stats = Scheduler(plan, clock=clock).run(slow_send)
    assert stats.sent == 4 and stats.late == 2
    assert times[2] - times[1] < 10_000  # no sleep between the two late ones
    assert clock.sleeps[-1] == pytest.approx(0.5 - 0.1 - 0.001, abs=1e-4)


def test_stop_from_send_ends_the_run_before_the_next_message() -> None:
    clock = FakeClock()
    plan = Plan.build(stream(0.0, 1.0, 2.0, 3.0))
    scheduler = Scheduler(plan, clock=clock)
    sent: list[bytes] = []

    def send(data: bytes) -> None:
        sent.append(data)
        if len(sent) == 2:
            scheduler.stop()

    stats = scheduler.run(send)
    assert (stats.sent, stats.stopped, len(sent)) == (2, True, 2)


def test_elapsed_follows_the_clock_times_speed_and_stops_at_the_end() -> None:
    clock = FakeClock(tick_ns=1_000)
    scheduler = Scheduler(Plan.build(stream(0.0, 2.0), speed=2.0), clock=clock)
    assert scheduler.elapsed() == 0.0
    scheduler.run(lambda data: None)
    assert scheduler.elapsed() == pytest.approx(2.0)  # 1 s of clock at double speed
    clock.ns += 10 * NS_PER_SECOND
    assert scheduler.elapsed() == pytest.approx(2.0)


# -- the real clock -----------------------------------------------------------------------------


def test_real_clock_sends_in_order_and_never_early() -> None:
    seconds = [0.0, 0.002, 0.002, 0.005, 0.011, 0.03]
    plan = Plan.build(stream(*seconds))
    sent: list[tuple[int, bytes]] = []
    stats = Scheduler(plan).run(lambda data: sent.append((time.perf_counter_ns(), data)))
    assert [data for _, data in sent] == list(plan.data)
    assert all(
        t >= stats.start_ns + offset for (t, _), offset in zip(sent, plan.offsets_ns, strict=True)
    )


def test_stop_wakes_a_long_sleep_at_once() -> None:
    scheduler = Scheduler(Plan.build(stream(0.0, 600.0)), clock=SystemClock())
    results = []
    thread = threading.Thread(target=lambda: results.append(scheduler.run(lambda d: None)))
    thread.start()
    time.sleep(0.05)
    scheduler.stop()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert results[0].sent == 1 and results[0].stopped
