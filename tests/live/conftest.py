"""The live tests' session: JACK's shared files are removed once, after every module's server
(tests/live/jackserver.py says why they must outlive each server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.jackserver import clean_shared, shm_entries


@pytest.fixture(scope="session", autouse=True)
def jack_shared_files() -> Iterator[None]:
    before = shm_entries()
    yield
    clean_shared(before)
