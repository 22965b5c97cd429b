"""Hypothesis profiles: CI runs derandomized (reproducible), with no per-example deadline."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Files that mypy reads (tests/test_typing.py) and nothing runs: wrong calls on purpose.
collect_ignore = ["typecheck"]
