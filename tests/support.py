"""Shared test helpers.

``require_program`` is how a test asks for a real program (csound, fluidsynth, mscore3, jackd):
missing locally, the test skips with the reason; missing in CI (``CI=true``), it fails, because
``.ci/run`` installs every program the suite uses.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_program(*names: str) -> str:
    """Return the path of the first of ``names`` found on PATH; skip (locally) or fail (CI)."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    reason = f"needs {' or '.join(names)} on PATH (.ci/run installs it)"
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def require_module(name: str) -> object:
    """Import a test-only module, skipping locally or failing in CI when it is missing."""
    try:
        return __import__(name)
    except ImportError:
        reason = f"needs the Python module {name} (pip install -e '.[test]')"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)


def require_file(path: os.PathLike[str] | str, package: str) -> os.PathLike[str] | str:
    """Return ``path`` if it exists (a file a Debian ``package`` installs); else skip locally or
    fail in CI."""
    if os.path.exists(path):
        return path
    reason = f"needs {path} (Debian package {package}; .ci/run installs it)"
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)
