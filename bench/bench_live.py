"""Live timing: how late each message goes out, scoreframe's scheduler against sleep loops.

Plays the generated score of the other benchmarks (four voices of short notes, tempo changes,
controller sweeps: the MIDI exporter's own message stream, dozens of messages a second) to a
port that records ``perf_counter_ns()`` at each send, and measures each message's lateness
against the ideal schedule (the start instant plus the message's seconds):

* scoreframe: ``Player`` (absolute deadlines on a monotonic clock, sleep then spin);
* relative sleep: ``time.sleep(delta)`` between messages, as one writes with mido by hand;
* absolute sleep: sleep to each absolute deadline, without the final spin.

Run ``python bench/bench_live.py`` (60 s per method; ``--seconds 5`` for a quick look). Goals for
scoreframe: median < 0.2 ms, 99th percentile < 1 ms, last message within 1 ms (no drift).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scoreframe as sf
from bench.generate import generated_score
from scoreframe.live.player import Player
from scoreframe.live.scheduler import Timing
from scoreframe.live.stream import TimedMessage

NS_PER_SECOND = 1_000_000_000
GOALS: dict[str, float | None] = {
    "median": 0.2,
    "p99": 1.0,
    "max": None,
    "last": 1.0,
    "over 1 ms": None,
    "cpu stolen": None,
}


class StampingPort:
    """A fake port that keeps the clock reading of every send."""

    def __init__(self) -> None:
        self.sent_ns: list[int] = []

    def send(self, data: bytes) -> None:
        self.sent_ns.append(time.perf_counter_ns())

    def close(self) -> None:
        pass


def dense_stream(seconds: float, seed: int = 1) -> list[TimedMessage]:
    """The MIDI exporter's stream of the generated score (bench/generate.py: four voices,
    tempo changes, CC 11 sweeps, velocity ramps), cut at ``seconds``."""
    notes = 40
    while True:
        score = generated_score(notes, seed)
        stream = sf.midi.messages(score)
        if stream[-1].seconds >= seconds:
            return [m for m in stream if m.seconds < seconds]
        notes *= 2


def play_scoreframe(stream: Sequence[TimedMessage], spin: float) -> tuple[int, list[int]]:
    port = StampingPort()
    stats = Player(port, stream, timing=Timing(spin=spin)).start().wait()
    assert stats is not None
    return stats.start_ns, port.sent_ns[: len(stream)]  # the rest is the clean-up


def play_relative_sleep(stream: Sequence[TimedMessage], spin: float) -> tuple[int, list[int]]:
    port = StampingPort()
    start = time.perf_counter_ns()
    previous = 0.0
    for message in stream:
        delta = message.seconds - previous
        if delta > 0:
            time.sleep(delta)
        previous = message.seconds
        port.send(message.data)
    return start, port.sent_ns


def play_absolute_sleep(stream: Sequence[TimedMessage], spin: float) -> tuple[int, list[int]]:
    port = StampingPort()
    start = time.perf_counter_ns()
    for message in stream:
        rest = start + message.seconds * NS_PER_SECOND - time.perf_counter_ns()
        if rest > 0:
            time.sleep(rest / NS_PER_SECOND)
        port.send(message.data)
    return start, port.sent_ns


def lateness_ms(stream: Sequence[TimedMessage], start_ns: int, sent_ns: list[int]) -> list[float]:
    ideal = (start_ns + round(m.seconds * NS_PER_SECOND) for m in stream)
    return [(sent - due) / 1e6 for sent, due in zip(sent_ns, ideal, strict=True)]


def steal_ms() -> float:
    """CPU time the hypervisor took from this machine so far (Linux ``/proc/stat``), else 0.

    On a virtual machine, stolen time shows as lateness that no scheduler can avoid.
    """
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
        return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def summary(lateness: list[float], stolen: float) -> dict[str, float]:
    return {
        "median": statistics.median(lateness),
        "p99": statistics.quantiles(lateness, n=100)[98],
        "max": max(lateness),
        "last": lateness[-1],
        "over 1 ms": sum(late > 1.0 for late in lateness),
        "cpu stolen": stolen,
    }


METHODS: dict[str, Callable[[Sequence[TimedMessage], float], tuple[int, list[int]]]] = {
    "scoreframe": play_scoreframe,
    "relative sleep": play_relative_sleep,
    "absolute sleep": play_absolute_sleep,
}


def print_table(results: dict[str, dict[str, float]], count: int, seconds: float) -> None:
    names = list(results)
    print(f"\nlateness in ms, {count} messages over {seconds:g} s (each method played in turn;")
    print("'over 1 ms' counts messages; 'cpu stolen' is ms the hypervisor took during the run)")
    print(f"{'':10}" + "".join(f"{name:>16}" for name in names) + f"{'goal':>10}")
    for row, goal in GOALS.items():
        places = 3 if row in ("median", "p99", "max", "last") else 0
        cells = "".join(f"{results[name][row]:16.{places}f}" for name in names)
        print(f"{row:10}{cells}{'' if goal is None else f'< {goal:g}':>10}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="stream length (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the stream")
    parser.add_argument(
        "--spin", type=float, default=Timing().spin, help="scoreframe's spin window, seconds"
    )
    args = parser.parse_args(argv)
    stream = dense_stream(args.seconds, args.seed)
    results = {}
    for name, play in METHODS.items():
        print(f"playing with {name} ...", file=sys.stderr, flush=True)
        stolen = steal_ms()
        lateness = lateness_ms(stream, *play(stream, args.spin))
        results[name] = summary(lateness, steal_ms() - stolen)
    print_table(results, len(stream), args.seconds)
    ours = results["scoreframe"]
    met = all(ours[row] < goal for row, goal in GOALS.items() if goal is not None)
    print("scoreframe meets the goals" if met else "scoreframe MISSES a goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
