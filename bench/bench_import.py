"""Import time: `import scoreframe` against `import music21` and `import mido`, same run.

Each import runs in a fresh interpreter (python -X importtime is not used: it slows imports);
the table shows the median and the best of several runs, minus an empty interpreter's start,
as wall time and as the child's CPU time (user + system: what the import itself costs, less
moved by other jobs on a shared machine). Goal: scoreframe under 150 ms.

Every module is imported from compiled bytecode, as from an installed package: the children
write and read their bytecode in a scratch ``pycache_prefix`` (warmed by one untimed import of
each module), whatever PYTHONDONTWRITEBYTECODE says (with it set and no cache, every import
compiles its modules from source: about 150 ms more for scoreframe).

    python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def _run(code: str, cache: str) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running ``code``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-X", f"pycache_prefix={cache}", "-c", code], check=True, env=env
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _medians(code: str, runs: int, cache: str) -> tuple[list[float], list[float]]:
    pairs = [_run(code, cache) for _ in range(runs)]
    return [wall for wall, _ in pairs], [cpu for _, cpu in pairs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    modules = ("scoreframe", "mido", "music21")
    with tempfile.TemporaryDirectory(prefix="pycache-") as cache:
        for module in modules:  # compile once, untimed, as an install would
            subprocess.run(
                [sys.executable, "-X", f"pycache_prefix={cache}", "-c", f"import {module}"],
                check=False,
                capture_output=True,
                env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            )
        base_wall, base_cpu = _medians("pass", args.runs, cache)
        wall0, cpu0 = statistics.median(base_wall), statistics.median(base_cpu)
        print(
            f"import time (ms) from bytecode, median and best of {args.runs}; an empty "
            f"interpreter's start ({wall0 * 1000:.0f} ms wall, {cpu0 * 1000:.0f} ms CPU) subtracted"
        )
        print(f"{'module':<12} {'wall med':>9} {'wall best':>10} {'CPU med':>9} {'CPU best':>9}")
        for module in modules:
            try:
                walls, cpus = _medians(f"import {module}", args.runs, cache)
            except subprocess.CalledProcessError:
                print(f"{module:<12} {'(not installed)':>17}")
                continue
            walls = [w - wall0 for w in walls]
            cpus = [c - cpu0 for c in cpus]
            print(
                f"{module:<12} {statistics.median(walls) * 1000:>9.1f} {min(walls) * 1000:>10.1f}"
                f" {statistics.median(cpus) * 1000:>9.1f} {min(cpus) * 1000:>9.1f}"
            )


if __name__ == "__main__":
    main()
