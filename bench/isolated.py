"""Measure one contender in a fresh process: its seconds and its peak memory (max RSS) alone.

A benchmark script passes its own path and a table of runners (name -> function of N that
returns the seconds it timed); the child process is the same script run with ``--one NAME N``.

    from bench.isolated import measure, run_one
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def measure(script: str, name: str, n: int) -> dict[str, float]:
    """Run ``script --one name n`` in a fresh interpreter; NaNs if it failed."""
    result = subprocess.run(
        [sys.executable, script, "--one", name, str(n)], capture_output=True, text=True, check=False
    )
    if result.returncode:
        return {"seconds": float("nan"), "rss_mb": float("nan")}
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def measure_rounds(
    script: str, names: Sequence[str], n: int, times: int
) -> dict[str, dict[str, Any]]:
    """:func:`measure` each contender ``times`` times, in rounds (every contender once a
    round, each in its own fresh process), so that a machine that slows down or speeds up
    during the run weighs on every contender alike: per contender, the median seconds and the
    largest peak memory (a run of a few milliseconds varies by a tenth between runs), and
    ``rounds``, the seconds of each round in turn (for :func:`round_ratio`)."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(max(times, 1)):
        for name in names:
            runs[name].append(measure(script, name, n))
    out: dict[str, dict[str, Any]] = {}
    for name, mine in runs.items():
        seconds = sorted(run["seconds"] for run in mine)
        out[name] = {
            "seconds": seconds[len(seconds) // 2],
            "rss_mb": max(run["rss_mb"] for run in mine),
            "rounds": [run["seconds"] for run in mine],
        }
    return out


def round_ratio(theirs: dict[str, Any], ours: dict[str, Any]) -> float:
    """How many times faster ours is, round by round (each round's two runs were measured
    moments apart, on the machine as it was then): the median of the rounds' ratios."""
    pairs = zip(theirs["rounds"], ours["rounds"], strict=True)
    ratios: list[float] = sorted(a / b for a, b in pairs)
    return ratios[len(ratios) // 2]


def run_one(runners: Mapping[str, Callable[[int], float]], name: str, n: int) -> None:
    """The child's side: time one runner and print what :func:`measure` reads."""
    seconds = runners[name](n)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}))
