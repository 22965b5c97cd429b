"""The note list: one pass over the event list, one ``i`` statement per untied note and per
tie chain, p2 and p3 in seconds from the tempo map (no ``t`` statement: Csound's tempo ramps are
linear in seconds per beat, not our curves).

>>> import scoreframe as sf
>>> s = sf.Score(title="Two"); _ = s.tempo.hold(120)
>>> v = s.part("Flute", instrument=3).voice("Fl")
>>> _ = v.note("A4", "1/4", velocity=127); _ = v.note("A5", "1/4", duration="1/8")
>>> print("\\n".join(l for l in note_list(s).splitlines() if not l.startswith(";")))
i 3 0 0.5 1 440
i 3 0.5 0.25 0.629921 880
e
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import CsoundError
from ..events import EventKind
from ..score import Part, Score
from ..tempo import TempoMap
from .fields import DEFAULT_FIELDS, Field, FieldSpec, resolve
from .numbers import number


@dataclass(frozen=True, slots=True)
class PartSetup:
    """A part's instrument (p1 text) and its fields from p4 on."""

    p1: str
    names: tuple[str, ...]
    fields: tuple[Field, ...]


def instrument_text(part: Part, index: int) -> str:
    """p1: the part's instrument number, a quoted name, or the part's position from 1."""
    instrument = part.instrument if part.instrument is not None else index + 1
    if isinstance(instrument, str):
        if not instrument.isidentifier():
            raise CsoundError(f"part {part.name!r}: instrument name {instrument!r} must be a "
                              "Csound identifier (letters, digits, underscores)")
        return f'"{instrument}"'
    if isinstance(instrument, bool) or not isinstance(instrument, int) or instrument < 1:
        raise CsoundError(f"part {part.name!r}: instrument {instrument!r} must be a number "
                          ">= 1 or a name")
    return str(instrument)


def setups(
    score: Score, fields: Mapping[str, Sequence[FieldSpec]] | None = None
) -> dict[str, PartSetup]:
    """Each part's p1 and fields: ``fields[part]`` if given, else ``part.pfields``, else the
    default p4 amplitude, p5 frequency."""
    out = {}
    for index, part in enumerate(score.parts):
        specs: Sequence[FieldSpec] = (fields or {}).get(part.name) or part.pfields or \
            DEFAULT_FIELDS
        try:
            resolved = tuple(resolve(spec, score) for spec in specs)
        except CsoundError as error:
            raise CsoundError(f"part {part.name!r}: {error}") from None
        names = tuple(s if isinstance(s, str) else getattr(s, "__name__", "f") for s in specs)
        out[part.name] = PartSetup(instrument_text(part, index), names, resolved)
    return out


def header(score: Score, parts: Mapping[str, PartSetup], tempo_map: TempoMap) -> list[str]:
    """The comment block: title, composer, parts and their p-fields, a tempo summary."""
    lines = [f"; {score.title or 'untitled'}" + (f" by {score.composer}" if score.composer
                                                  else ""),
             "; written by scoreframe: p2 and p3 are seconds from the tempo map"]
    for name, setup in parts.items():
        fields = ", ".join(f"p{i} {n}" for i, n in enumerate(setup.names, 4))
        lines.append(f"; part {name!r}: instr {setup.p1}; {fields}")
    for span in tempo_map.spans:
        if span.constant():
            lines.append(f"; tempo from {span.start}: {span.origin:g} BPM")
        else:
            lines.append(f"; tempo from {span.start} to {span.end}: {span.origin:g} -> "
                         f"{span.goal:g} BPM ({span.curve.value})")
    return lines


def _field_text(value: float | int | str) -> str:
    if isinstance(value, str):
        if '"' in value or "\n" in value:
            raise CsoundError(f"p-field text {value!r} cannot hold quotes or line breaks")
        return f'"{value}"'
    return number(float(value))


def note_list(
    score: Score,
    *,
    fields: Mapping[str, Sequence[FieldSpec]] | None = None,
    ftables: Sequence[str] = (),
    ramps: bool = False,
) -> str:
    """The ``.sco`` text: header, f-tables, ``i`` statements with ``; bar N`` comments, ``e``."""
    score.validate()
    tempo_map = TempoMap(score)
    parts = setups(score, fields)
    lines = header(score, parts, tempo_map)
    lines += [statement.strip() for statement in ftables]
    bars = list(score.meters.bars(score.end))
    starts = [bar.start for bar in bars]
    next_bar = 0
    seconds = tempo_map.seconds
    for event in score.events(sounding=True):
        if event.kind is not EventKind.NOTE or event.voice is None:
            continue
        note = event.item
        if note.pitch is None:  # type: ignore[union-attr]
            continue
        onset = note.onset  # type: ignore[union-attr]
        while next_bar < len(bars) and starts[next_bar] <= onset:
            lines.append(f"; bar {bars[next_bar].number}")
            next_bar += 1
        voice = event.voice
        setup = parts[voice.part.name]
        start = seconds(onset)
        length = seconds(onset + note.duration) - start  # type: ignore[union-attr]
        values = [_field_text(f(note, voice)) for f in setup.fields]  # type: ignore[arg-type]
        row = f"i {setup.p1} {number(start)} {number(length)} {' '.join(values)}".rstrip()
        lines.append(row)
    if ramps:
        lines = _with_ramps(lines)
    lines.append("e")
    return "\n".join(lines) + "\n"


def _with_ramps(lines: list[str]) -> list[str]:
    """Replace, per instrument and field, the values of notes strictly inside a straight run by
    ``<`` (Csound ramps them between the explicit ends). A linear contour under a constant
    tempo gives such runs; under a changing tempo it is not linear in seconds and stays
    explicit."""
    statements = [i for i, line in enumerate(lines) if line.startswith("i ")]
    by_instrument: dict[str, list[int]] = {}
    for i in statements:
        by_instrument.setdefault(lines[i].split()[1], []).append(i)
    table = [line.split() for line in lines]
    for rows in by_instrument.values():
        for column in range(4, max(len(table[r]) for r in rows)):
            _ramp_column(table, rows, column)
    return [" ".join(words) if words and words[0] == "i" else line
            for words, line in zip(table, lines, strict=True)]


def _ramp_column(table: list[list[str]], rows: list[int], column: int) -> None:
    """Interior notes of a run whose values lie on one straight line in time (p2) get ``<``
    in this column: Csound ramps linearly in p2, so only such runs are written as ramps."""
    run: list[int] = []
    for r in [*rows, -1]:
        words = table[r] if r >= 0 else []
        if r >= 0 and len(words) > column and _on_line(table, run, r, column):
            run.append(r)
            continue
        for inner in run[1:-1]:
            table[inner][column] = "<"
        run = [r] if r >= 0 and len(words) > column else []


def _on_line(table: list[list[str]], run: list[int], r: int, column: int) -> bool:
    """Whether row ``r`` continues the straight line (in p2) the run's values follow."""
    if len(run) < 2:
        return _number_like(table[r][column]) and (not run or _number_like(table[run[0]][column]))
    points = [(float(table[i][2]), float(table[i][column])) for i in (run[0], run[1], r)]
    (t0, v0), (t1, v1), (t2, v2) = points
    if t1 == t0 or t2 <= t1:
        return False
    expected = v0 + (v1 - v0) * (t2 - t0) / (t1 - t0)
    return abs(expected - v2) <= 1e-6 * max(1.0, abs(expected))


def _number_like(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
