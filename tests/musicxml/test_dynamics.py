"""Velocity to dynamics: the default table, its edges, and changed tables."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from scoreframe.errors import ExportError
from scoreframe.musicxml.dynamics import DEFAULT, Band, Dynamic, DynamicsTable


@pytest.mark.parametrize(
    ("velocity", "mark"),
    [
        (0, "ppp"),
        (23, "ppp"),
        (24, "pp"),
        (40, "p"),
        (64, "mp"),
        (71, "mp"),
        (72, "mf"),
        (80, "mf"),
        (88, "f"),
        (100, "f"),
        (104, "ff"),
        (119, "ff"),
        (120, "fff"),
        (127, "fff"),
    ],
)
def test_default_bands(velocity: int, mark: str) -> None:
    assert DEFAULT.mark(velocity).value == mark
    assert DEFAULT.mark_text(velocity) == mark


def test_every_mark_sounds_at_its_own_velocity() -> None:
    for band in DEFAULT.bands:
        assert DEFAULT.mark(DEFAULT.velocity(band.mark)) is band.mark


def test_sound_dynamics_is_percent_of_forte_90() -> None:
    assert DEFAULT.sound_dynamics(Dynamic.F) == 106.67
    assert DEFAULT.sound_dynamics(Dynamic.MF) == 88.89
    assert DEFAULT.sound_for_text("ppp") == 17.78
    assert DynamicsTable(forte=96).sound_dynamics(Dynamic.F) == 100.0


def test_a_changed_table_is_a_new_table() -> None:
    with pytest.raises(ExportError, match=r"mf covers 72\.\.79; its velocity 80"):
        DEFAULT.with_band(Dynamic.F, lowest=80)
    louder = DEFAULT.with_band(Dynamic.MF, velocity=76).with_band(Dynamic.F, lowest=80, velocity=90)
    assert louder.mark(84) is Dynamic.F and DEFAULT.mark(84) is Dynamic.MF
    assert louder.sound_dynamics(Dynamic.F) == 100.0
    assert louder != DEFAULT and pickle.loads(pickle.dumps(louder)) == louder
    with pytest.raises(FrozenInstanceError):
        louder.forte = 1  # type: ignore[misc]


def test_a_table_with_fewer_marks() -> None:
    three = DynamicsTable(
        (Band(Dynamic.P, 0, 40), Band(Dynamic.MF, 60, 80), Band(Dynamic.FF, 100, 110))
    )
    assert [three.mark(v).value for v in (10, 70, 127)] == ["p", "mf", "ff"]
    with pytest.raises(ExportError, match="no band for f"):
        three.velocity(Dynamic.F)


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ((Band(Dynamic.P, 10, 20),), "start at velocity 0"),
        ((Band(Dynamic.P, 0, 20), Band(Dynamic.PP, 40, 50)), "louder than p"),
        ((Band(Dynamic.P, 0, 20), Band(Dynamic.F, 0, 50)), "must start above 0"),
        ((Band(Dynamic.P, 0, 60), Band(Dynamic.F, 50, 90)), "velocity 60 must lie inside"),
    ],
)
def test_bad_tables(bands: tuple[Band, ...], message: str) -> None:
    with pytest.raises(ExportError, match=message):
        DynamicsTable(bands)


def test_bad_inputs() -> None:
    with pytest.raises(ExportError, match=r"0\.\.127"):
        DEFAULT.mark(128)
    with pytest.raises(ExportError, match="unknown dynamic"):
        DEFAULT.sound_for_text("sfz")
    with pytest.raises(ExportError):
        DynamicsTable(forte=0)
