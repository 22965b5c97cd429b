"""Import time: `import scoreframe` against `import music21` and `import mido`, same run.

Each import runs in a fresh interpreter (python -X importtime is not used: it slows imports);
the table shows the median and the best of several runs, minus an empty interpreter's start.
Goal: scoreframe under 150 ms.

    python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    baseline = statistics.median(wall("pass") for _ in range(args.runs))
    print(
        f"import time (ms), median and best of {args.runs}, interpreter start "
        f"({baseline * 1000:.0f} ms) subtracted"
    )
    print(f"{'module':<12} {'median':>8} {'best':>8}")
    for module in ("scoreframe", "mido", "music21"):
        try:
            times = [wall(f"import {module}") - baseline for _ in range(args.runs)]
        except subprocess.CalledProcessError:
            print(f"{module:<12} {'(not installed)':>17}")
            continue
        print(f"{module:<12} {statistics.median(times) * 1000:>8.1f} {min(times) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
