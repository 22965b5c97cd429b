"""Routing latency: input port -> a patch of five units -> output port, through JACK, against a
bare python-rtmidi pass-through (the floor) in the same run.

A private JACK server (dummy driver, 48 kHz, 64-frame periods: 1.33 ms) carries the messages:
a sender's virtual output -> the router's input -> the router's output -> a receiver's input.
Each note-on leaves the sender after ``perf_counter_ns()`` is read and is stamped again in the
receiver's callback; one message is in flight at a time (3 ms apart), so the k-th received is
the k-th sent. The two contenders run in alternating blocks, so drift and load hit both alike:

* floor: an rtmidi ``MidiIn`` callback that sends each message on to an rtmidi ``MidiOut``;
* scoreframe: ``scoreframe.live``'s input, ``Router`` (``Transpose >> Channel >> Velocity(curve)
  >> CtrlMap >> VelocityLimit``) and output, as ``sf.live.route`` runs them.

Reported: the end-to-end latency (median, 99th percentile) of each and what the patch adds,
and the time spent inside the input callback (where the patch runs). JACK moves MIDI once per
period, so the end-to-end figures move in steps of a period; the callback time is what the
patch itself costs. Goal: under 0.2 ms median added by the patch.

Run ``python bench/bench_routing.py`` (``--messages 400`` for a quick look).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoreframe.live import Backend, PortGroup, Router, open_input, open_output
from scoreframe.units import Channel, CtrlMap, Transpose, Velocity, VelocityLimit
from tests.live.jackserver import running_jack

PATCH = (
    Transpose(12) >> Channel(2) >> Velocity(curve=0.5) >> CtrlMap(1, 11) >> VelocityLimit(10, 120)
)
GAP = 0.003  # seconds between messages: one in flight at a time
SOURCE, SINK = "bench-src", "bench-sink"
GOAL_MS = 0.2


class Sink:
    """The receiver: the arrival time of each message."""

    def __init__(self, rtmidi: Any) -> None:
        self.midi_in = rtmidi.MidiIn(rtmidi.API_UNIX_JACK, name=SINK, queue_size_limit=8192)
        self.arrived: list[int] = []
        self.lock = threading.Lock()
        self.midi_in.set_callback(self._on)
        self.midi_in.open_virtual_port("in")

    def _on(self, event: tuple[list[int], float], data: object) -> None:
        stamp = time.perf_counter_ns()
        with self.lock:
            self.arrived.append(stamp)

    def count(self) -> int:
        with self.lock:
            return len(self.arrived)

    def take(self) -> list[int]:
        with self.lock:
            out, self.arrived = self.arrived, []
        return out


class Floor:
    """The bare pass-through: rtmidi in, rtmidi out, nothing between."""

    def __init__(self, rtmidi: Any) -> None:
        self.callback_ns: list[int] = []
        self.midi_out = rtmidi.MidiOut(rtmidi.API_UNIX_JACK, name="bench-floor-out")
        self.midi_out.open_port(self.midi_out.get_ports().index(f"{SINK}:in"))
        self.midi_in = rtmidi.MidiIn(rtmidi.API_UNIX_JACK, name="bench-floor-in")
        self.midi_in.set_callback(self._on)
        self.midi_in.open_port(self.midi_in.get_ports().index(f"{SOURCE}:out"))

    def _on(self, event: tuple[list[int], float], data: object) -> None:
        start = time.perf_counter_ns()
        self.midi_out.send_message(event[0])
        self.callback_ns.append(time.perf_counter_ns() - start)

    def close(self) -> None:
        for port in (self.midi_in, self.midi_out):
            port.close_port()
            port.delete()


class Scoreframe:
    """scoreframe's router: its input port, the running patch, its output port."""

    def __init__(self) -> None:
        self.callback_ns: list[int] = []
        self.output = open_output(f"{SINK}:in", backend=Backend.JACK, client="bench-sf-out")
        self.router = Router(PATCH, PortGroup({"sink": self.output}))
        self.input = open_input(f"{SOURCE}:out", backend=Backend.JACK, client="bench-sf-in")
        self.input.listen(self._on)

    def _on(self, data: bytes, at: float) -> None:
        start = time.perf_counter_ns()
        self.router.feed("src", data, at)
        self.callback_ns.append(time.perf_counter_ns() - start)

    def close(self) -> None:
        self.input.close()
        self.router.stop()
        self.output.close()


def _block(source: Any, sink: Sink, count: int, offset: int) -> list[int]:
    """Send ``count`` note-ons (each with its note-off), one at a time; each note-on's latency
    in nanoseconds."""
    sent: list[int] = []
    for i in range(count):
        key = 30 + (offset + i) % 60
        stamp = time.perf_counter_ns()
        source.send_message([0x90, key, 100])
        sent.append(stamp)
        time.sleep(GAP)
        source.send_message([0x80, key, 0])  # not timed
        time.sleep(GAP)
    deadline = time.perf_counter() + 2.0
    while sink.count() < 2 * count and time.perf_counter() < deadline:
        time.sleep(0.001)
    arrived = sink.take()
    if len(arrived) != 2 * count:
        raise RuntimeError(f"{2 * count} messages sent, {len(arrived)} arrived")
    return [a - s for s, a in zip(sent, arrived[::2], strict=True)]


def _run(rtmidi: Any, messages: int, blocks: int) -> dict[str, dict[str, list[int]]]:
    sink = Sink(rtmidi)
    source = rtmidi.MidiOut(rtmidi.API_UNIX_JACK, name=SOURCE)
    source.open_virtual_port("out")
    makers: dict[str, Callable[[], Any]] = {
        "rtmidi pass-through (floor)": lambda: Floor(rtmidi),
        "scoreframe router, 5 units": Scoreframe,
    }
    results = {name: {"latency": [], "callback": []} for name in makers}
    try:
        for block in range(blocks):
            for name, make in makers.items():
                contender = make()
                time.sleep(0.3)  # the connections settle into the JACK graph
                sink.take()
                latencies = _block(source, sink, messages // blocks, block * 1000)
                time.sleep(0.2)
                contender.close()
                results[name]["latency"] += latencies
                results[name]["callback"] += contender.callback_ns[::2]
    finally:
        source.close_port()
        source.delete()
        sink.midi_in.close_port()
        sink.midi_in.delete()
    return results


def _percentile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")
    )


def report(results: dict[str, dict[str, list[int]]], sent: int) -> None:
    head = f"{'median ms':>10} {'p99 ms':>8} {'callback median us':>19} {'p99 us':>8}"
    print(f"\n{'contender':32} {'msgs':>5} {head}")
    rows = {}
    for name, got in results.items():
        lat, cb = got["latency"], got["callback"]
        rows[name] = (statistics.median(lat) / 1e6, _percentile(lat, 0.99) / 1e6)
        print(
            f"{name:32} {len(lat):>5} {rows[name][0]:>10.3f} {rows[name][1]:>8.3f} "
            f"{statistics.median(cb) / 1e3:>19.1f} {_percentile(cb, 0.99) / 1e3:>8.1f}"
        )
    (floor_median, floor_p99), (ours_median, ours_p99) = rows.values()
    floor_cb, ours_cb = (statistics.median(g["callback"]) for g in results.values())
    added_cb = (ours_cb - floor_cb) / 1e6
    print(
        f"{'added by the patch':32} {'':>5} {ours_median - floor_median:>10.3f} "
        f"{ours_p99 - floor_p99:>8.3f} {added_cb * 1e3:>19.1f}"
    )
    verdict = "met" if ours_median - floor_median < GOAL_MS and added_cb < GOAL_MS else "MISSED"
    print(f"goal: under {GOAL_MS} ms median added by the patch: {verdict} ({sent} sent each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="timed note-ons per contender")
    parser.add_argument("--blocks", type=int, default=4)
    args = parser.parse_args()
    jackd, jack_wait = shutil.which("jackd"), shutil.which("jack_wait")
    try:
        import rtmidi
    except ImportError:
        rtmidi = None
    if not jackd or not jack_wait or rtmidi is None:
        print("bench_routing: needs jackd, jack_wait and python-rtmidi; skipped")
        return
    with (
        tempfile.TemporaryDirectory() as folder,
        running_jack(jackd, jack_wait, Path(folder), period=64) as env,
    ):
        os.environ.update(env)
        print(f"JACK dummy driver, 48 kHz, 64-frame periods ({64 / 48:.2f} ms)")
        results = _run(rtmidi, args.messages, args.blocks)
    report(results, args.messages)


if __name__ == "__main__":
    main()
