"""Typed options: ``mypy --strict`` rejects misspelled exporter options and wrong types in a
caller's code (tests/typecheck/wrong_calls.py, every line marked ``# error``) and accepts the
right calls (tests/typecheck/right_calls.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support import require_module

HERE = Path(__file__).resolve().parent / "typecheck"


def _marked(path: Path) -> set[int]:
    return {i for i, line in enumerate(path.read_text().splitlines(), 1) if "  # error:" in line}


def test_mypy_rejects_each_wrong_call_and_accepts_the_right_ones(tmp_path: Path) -> None:
    require_module("mypy")
    wrong, right = HERE / "wrong_calls.py", HERE / "right_calls.py"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(Path(__file__).resolve().parent.parent / ".mypy_cache"),
            str(wrong),
            str(right),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parent.parent,
    )
    errors: dict[str, set[int]] = {"wrong_calls.py": set(), "right_calls.py": set()}
    for line in result.stdout.splitlines():
        found = re.match(r".*?(\w+_calls\.py):(\d+): error:", line)
        if found:
            errors[found.group(1)].add(int(found.group(2)))
    assert errors["right_calls.py"] == set(), result.stdout
    assert errors["wrong_calls.py"] == _marked(wrong), result.stdout
