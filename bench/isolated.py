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
from collections.abc import Callable, Mapping


def measure(script: str, name: str, n: int) -> dict[str, float]:
    """Run ``script --one name n`` in a fresh interpreter; NaNs if it failed."""
    result = subprocess.run(
        [sys.executable, script, "--one", name, str(n)], capture_output=True, text=True, check=False
    )
    if result.returncode:
        return {"seconds": float("nan"), "rss_mb": float("nan")}
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def measure_median(script: str, name: str, n: int, times: int) -> dict[str, float]:
    """:func:`measure` ``times`` times, each in its own fresh process: the median seconds and
    the largest peak memory (a run of a few milliseconds varies by a tenth between runs)."""
    runs = [measure(script, name, n) for _ in range(max(times, 1))]
    seconds = sorted(run["seconds"] for run in runs)
    return {"seconds": seconds[len(seconds) // 2], "rss_mb": max(run["rss_mb"] for run in runs)}


def run_one(runners: Mapping[str, Callable[[int], float]], name: str, n: int) -> None:
    """The child's side: time one runner and print what :func:`measure` reads."""
    seconds = runners[name](n)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}))
