"""Each part's Csound setup: its instrument (p1), its fields from p4 on, its f statements.

The instrument is ``instruments[part name]`` if given, else the part's ``instrument``, else the
part's position counting from 1. A number or a name (written quoted in the score). The fields
are ``fields[part name]``, else the part's ``pfields``, else p4 amplitude, p5 frequency.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Flute", instrument="flute"); _ = s.part("Oboe")
>>> [(p.p1, [f.label for f in p.fields]) for p in plan(s, fields={"Oboe": ["key"]})]
[('"flute"', ['amp', 'freq']), ('2', ['key'])]
>>> plan(s, instruments={"Oboe": "2nd oboe"})
Traceback (most recent call last):
...
scoreframe.errors.CsoundError: part 'Oboe': instrument '2nd oboe' must be a number from 1 or a \
name of letters, digits and underscores that starts with a letter
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import CsoundError
from ..score import Part, Score
from .fields import DEFAULT_FIELDS, Field, FieldSpec, resolve

Instrument = int | str
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_FTABLE = re.compile(r"f\s*-?\d+(\s|\Z)")


@dataclass(frozen=True, slots=True)
class PartPlan:
    """One part's setup: the part, its instrument and p1 text, its fields, its f statements."""

    part: Part
    instrument: Instrument
    p1: str
    fields: tuple[Field, ...]
    ftables: tuple[str, ...] = ()

    @property
    def named(self) -> bool:
        """True for a named instrument (Csound cannot ramp its p-fields)."""
        return isinstance(self.instrument, str)


def instrument_p1(instrument: object, part: str) -> str:
    """p1 as written: the number, or the name in double quotes."""
    if isinstance(instrument, str) and _NAME.match(instrument) and instrument != "_":
        return f'"{instrument}"'
    if isinstance(instrument, int) and not isinstance(instrument, bool) and instrument >= 1:
        return str(instrument)
    raise CsoundError(
        f"part {part!r}: instrument {instrument!r} must be a number from 1 or a "
        "name of letters, digits and underscores that starts with a letter"
    )


def ftable_statements(statements: Sequence[str], where: str) -> tuple[str, ...]:
    """``f`` statements, checked (one line each, starting ``f`` and a table number)."""
    if isinstance(statements, str):
        statements = [statements]
    out = []
    for statement in statements:
        text = statement.strip() if isinstance(statement, str) else statement
        if not isinstance(text, str) or "\n" in text or not _FTABLE.match(text):
            raise CsoundError(
                f"{where}: {statement!r} is not one f statement such as 'f 1 0 16384 10 1'"
            )
        out.append(text)
    return tuple(out)


def _check_names(option: str, mapping: Mapping[str, object] | None, score: Score) -> None:
    names = {p.name for p in score.parts}
    for name in mapping or {}:
        if name not in names:
            known = ", ".join(repr(n) for n in sorted(names)) or "none"
            raise CsoundError(f"{option}: the score has no part named {name!r} (parts: {known})")


def _fields(part: Part, specs: Sequence[FieldSpec], score: Score) -> tuple[Field, ...]:
    if isinstance(specs, str):
        specs = [specs]
    try:
        return tuple(resolve(spec, score) for spec in specs)
    except CsoundError as error:
        raise CsoundError(f"part {part.name!r}: {error}") from None


def plan(
    score: Score,
    *,
    instruments: Mapping[str, Instrument] | None = None,
    fields: Mapping[str, Sequence[FieldSpec]] | None = None,
    ftables: Mapping[str, Sequence[str]] | None = None,
) -> tuple[PartPlan, ...]:
    """Every part's setup (see the module doc); options name parts by their names."""
    for option, mapping in (("instruments", instruments), ("fields", fields), ("ftables", ftables)):
        _check_names(option, mapping, score)
    chosen = {p.name: (instruments or {}).get(p.name, p.instrument) for p in score.parts}
    explicit = {value: name for name, value in chosen.items() if value is not None}
    plans = []
    for index, part in enumerate(score.parts):
        instrument = chosen[part.name]
        if instrument is None:
            instrument = index + 1
            if instrument in explicit:
                raise CsoundError(
                    f"part {part.name!r}: its default instrument {instrument} (its position) is "
                    f"part {explicit[instrument]!r}'s too; give it an instrument "
                    f"(instruments={{{part.name!r}: ...}}) or share one explicitly"
                )
        specs = (fields or {}).get(part.name)
        if specs is None:
            specs = part.pfields if part.pfields is not None else DEFAULT_FIELDS
        tables = ftable_statements((ftables or {}).get(part.name, ()), f"part {part.name!r}")
        plans.append(
            PartPlan(
                part,
                instrument,
                instrument_p1(instrument, part.name),
                _fields(part, specs, score),
                tables,
            )
        )
    return tuple(plans)
