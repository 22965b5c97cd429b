"""music21 as the oracle: the notes of a stream per part and per voice, ties merged by music21's
own tie objects (start / continue / stop), offsets and lengths as music21 gives them."""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from typing import Any

Sounding = tuple[Fraction, float, Fraction]  # offset, pitch space (MIDI), tie-merged length


def staff_groups(score: Any, like: Any = None) -> list[list[Any]]:
    """The parts, the staves of a grand staff together (as scoreframe joins them); with
    ``like``, grouped as ``like``'s parts are (a stream music21 unfolded loses its groups)."""
    if like is not None:
        index = {id(p): i for i, p in enumerate(like.parts)}
        parts = list(score.parts)
        return [[parts[index[id(p)]] for p in group] for group in staff_groups(like)]
    from music21 import layout, stream

    parts = list(score.parts)
    joined: dict[int, list[Any]] = {}
    for group in score.getElementsByClass(layout.StaffGroup):
        members = [p for p in group.getSpannedElements() if p in parts]
        if len(members) > 1 and all(isinstance(p, stream.PartStaff) for p in members):
            for p in members:
                joined[id(p)] = members
    out, seen = [], set()
    for p in parts:
        if id(p) not in seen:
            members = joined.get(id(p), [p])
            seen.update(id(m) for m in members)
            out.append(members)
    return out


def voices(group: list[Any]) -> dict[tuple[int, str], list[Sounding]]:
    """(staff, voice id) -> the sounding notes, ties merged, grace notes left out."""
    raw: dict[tuple[int, str], list[tuple[Fraction, float, Fraction, str | None]]] = defaultdict(
        list
    )
    for staff, part in enumerate(group, start=1):
        flat = part.flatten()
        for element in flat.notes:
            if element.duration.isGrace or not element.quarterLength:  # chord symbols too
                continue
            voice = element.getContextByClass("Voice")
            key = (staff, str(voice.id) if voice is not None else "1")
            offset = Fraction(flat.elementOffset(element))
            length = Fraction(element.quarterLength)
            for note in element.notes if element.isChord else [element]:
                tie = note.tie or (element.tie if element.isChord else None)
                raw[key].append((offset, note.pitch.ps, length, tie.type if tie else None))
    return {key: _merged(notes) for key, notes in raw.items()}


def _merged(notes: list[tuple[Fraction, float, Fraction, str | None]]) -> list[Sounding]:
    notes.sort()
    open_chains: dict[tuple[float, Fraction], int] = {}  # (pitch, where it ends) -> index
    out: list[list[Any]] = []
    for offset, ps, length, tie in notes:
        chain = open_chains.pop((ps, offset), None)
        if chain is not None and tie in ("stop", "continue"):
            out[chain][2] += length
            if tie == "continue":
                open_chains[(ps, offset + length)] = chain
            continue
        out.append([offset, ps, length])
        if tie in ("start", "continue"):
            open_chains[(ps, offset + length)] = len(out) - 1
    return sorted((o, p, n) for o, p, n in out)


def part_notes(group: list[Any]) -> list[Sounding]:
    """Every sounding note of the part, ties merged per voice."""
    return sorted(n for notes in voices(group).values() for n in notes)


def bar_voices(group: list[Any]) -> Counter[tuple[int, Fraction, frozenset[tuple[Any, ...]]]]:
    """How each bar's notes are split into voices: (staff, bar offset, the notes of one voice
    in that bar), counted; voice numbers aside (music21 renumbers them)."""
    from music21 import stream

    found: Counter[tuple[int, Fraction, frozenset[tuple[Any, ...]]]] = Counter()
    for staff, part in enumerate(group, start=1):
        for measure in part.getElementsByClass(stream.Measure):
            start = Fraction(part.elementOffset(measure))
            containers = [(Fraction(0), measure)]
            containers += [(Fraction(measure.elementOffset(v)), v) for v in measure.voices]
            for offset, container in containers:
                notes = frozenset(
                    (start + offset + Fraction(container.elementOffset(e)), n.pitch.ps)
                    for e in container.notes
                    if not e.duration.isGrace
                    for n in (e.notes if e.isChord else [e])
                )
                if notes:
                    found[(staff, start, notes)] += 1
    return found
