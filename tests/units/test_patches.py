"""Patches: >> chains, a list (or Fork) forks and merges, % applies a unit to what a filter
matches and passes the others, ~ inverts; a patch is checked when built."""

from __future__ import annotations

import pytest

from scoreframe.errors import UnitTypeError
from scoreframe.units import (
    CTRL,
    NOTE,
    Chain,
    Channel,
    CtrlFilter,
    Discard,
    Filter,
    Fork,
    KeyFilter,
    KeySplit,
    Pass,
    Transpose,
    Unit,
    Velocity,
    as_patch,
)
from scoreframe.units.event import Event

from .tables import cc, on, pc, run

ROWS: list[tuple[str, Unit, list[Event], list[Event]]] = [
    ("a >> b: in series", Transpose(12) >> Channel(2), [on(60)], [on(72, ch=2)]),
    (
        "[a, b]: each event through each, merged",
        Pass() >> [Channel(1), Channel(2)],
        [on(60, ch=5)],
        [on(60, ch=1), on(60, ch=2)],
    ),
    (
        "[a, b] >> c: a list is a patch on the left too",
        [Transpose(1), Transpose(2)] >> Channel(3),
        [on(60)],
        [on(61, ch=3), on(62, ch=3)],
    ),
    (
        "Fork drops what an earlier branch gave for the same event",
        Fork((Pass(), Pass())),
        [on(60)],
        [on(60)],
    ),
    (
        "Fork(remove_duplicates=False) keeps them",
        Fork((Pass(), Pass()), remove_duplicates=False),
        [on(60)],
        [on(60), on(60)],
    ),
    (
        "Filter(...) % unit: the matching events through the unit, the others unchanged",
        Filter(NOTE) % Transpose(12),
        [on(60), cc(1, 1), pc(3)],
        [on(72), cc(1, 1), pc(3)],
    ),
    (
        "filter % (patch, else_patch)",
        CtrlFilter(64) % (Channel(2), Channel(3)),
        [cc(64, 127), cc(7, 1), on(60)],
        [cc(64, 127, ch=2), cc(7, 1, ch=3), on(60, ch=3)],
    ),
    (
        "KeyFilter % unit: events it lets through whatever their kind go through the unit",
        KeyFilter("C4:C5") % Velocity(fixed=1),
        [on(60, 90), on(80, 90), cc(1, 1)],
        [on(60, 1), on(80, 90), cc(1, 1)],
    ),
    ("~filter inverts", ~Filter(CTRL), [on(60), cc(1, 1)], [on(60)]),
    (
        "the API's patch",
        (Filter(NOTE) % Transpose(12)) >> KeySplit("C5", Channel(1), Channel(2)),
        [on(59), on(60), cc(7, 1)],
        [on(71, ch=1), on(72, ch=2), cc(7, 1, ch=1), cc(7, 1, ch=2)],
    ),
    ("Discard ends a chain", Discard() >> Transpose(1), [on(60)], []),
]


@pytest.mark.parametrize(("rule", "unit", "given", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_patch(rule: str, unit: Unit, given: list[Event], expected: list[Event]) -> None:
    assert run(unit, given) == expected


def test_chains_are_flat_and_patches_are_values() -> None:
    a, b, c = Transpose(1), Transpose(2), Transpose(3)
    assert (a >> b) >> c == a >> (b >> c) == Chain((a, b, c))
    assert as_patch([a, [b, c]]) == Fork((a, Fork((b, c))))
    assert hash(a >> b) == hash(Transpose(1) >> Transpose(2))


@pytest.mark.parametrize("bad", [5, "Transpose(12)", None, {60: Pass()}])
def test_what_is_not_a_unit_is_refused_where_the_patch_is_built(bad: object) -> None:
    with pytest.raises(UnitTypeError, match="is not a unit or a list of units"):
        Transpose(1) >> bad  # type: ignore[operator]
    with pytest.raises(UnitTypeError, match="Fork"):
        Fork((Pass(), bad))  # type: ignore[arg-type]
