"""Directions: tempo marks, accel./rit. lines, dynamics and wedges, each at an exact time.

The measure writer places each direction just before the first span of its staff's first voice
that ends after the direction's time, with an ``<offset sound="yes">`` for the rest, so the mark
and its playback land on the exact time even inside a long note.

>>> from scoreframe import Score
>>> s = Score(); _ = s.tempo.hold(60).ramp(120, at=1, over=1)
>>> for d in tempo_directions(s, True)[:4]:
...     print(d.time, d.kind.name, d.sound)
0 METRONOME {'tempo': '60'}
1 RAMP_START {}
5/4 RAMP_BEAT {'tempo': '71.3524'}
3/2 RAMP_BEAT {'tempo': '84.8528'}
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from fractions import Fraction

from lxml import etree

from ..contour import Resolved
from ..note import Note
from ..pitch import Pitch
from ..score import Part, Score, Voice
from ..tempo import TempoMap, TempoSpan
from ..velocity import velocity_function
from .pitches import cents_text
from .values import note_value


class DirectionKind(Enum):
    """What a direction shows."""

    METRONOME = "metronome"
    RAMP_START = "ramp start"  # "accel." / "rit." and a dashed line
    RAMP_BEAT = "ramp beat"  # the dashed line goes on; carries the tempo for playback
    RAMP_STOP = "ramp stop"
    DYNAMIC = "dynamic"
    CENTS = "cents"  # a small text above a note: how far it lies off its spelled pitch
    WEDGE_START = "wedge start"
    WEDGE_STOP = "wedge stop"
    NOTATION = "notation"  # texts, rehearsal marks, pedal, chord symbols, clefs (.words)


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction: its time, staff, what it shows and what it sets for playback."""

    time: Fraction
    kind: DirectionKind
    staff: int = 1
    text: str = ""
    number: int = 1
    visible: bool = True
    sound: dict[str, str] = field(default_factory=dict)
    voice: str | None = None  # the voice (its name) that carries it; None: the staff's first
    above: bool = False  # a dynamic or wedge of a staff's upper voice where a lower one has its own

    def element(self, offset: int, staff_element: bool) -> etree._Element:
        """The ``<direction>`` element, ``offset`` divisions after its place in the measure.

        A hidden metronome mark and a beat inside a tempo ramp show one space of words with
        their ``<sound tempo>``: MuseScore 3 prints a bare ``<sound tempo>`` (and one in a
        direction with no words, empty words, or ``print-object="no"``) as tempo text, but
        hides this one and still plays it; other readers draw a blank.
        """
        if self.kind is DirectionKind.RAMP_BEAT or (
            not self.visible and self.kind is DirectionKind.METRONOME
        ):
            return _silent(self, offset, staff_element)
        below = not self.above and self.kind in (
            DirectionKind.DYNAMIC,
            DirectionKind.WEDGE_START,
            DirectionKind.WEDGE_STOP,
        )
        direction = etree.Element("direction", placement="below" if below else "above")
        _BUILDERS[self.kind](self, etree.SubElement(direction, "direction-type"))
        if offset:
            etree.SubElement(direction, "offset", sound="yes").text = str(offset)
        if staff_element:
            etree.SubElement(direction, "staff").text = str(self.staff)
        if self.sound:
            etree.SubElement(direction, "sound", self.sound)
        return direction


def _silent(d: Direction, offset: int, staff_element: bool) -> etree._Element:
    direction = etree.Element("direction")
    etree.SubElement(etree.SubElement(direction, "direction-type"), "words").text = " "
    if offset:
        etree.SubElement(direction, "offset", sound="yes").text = str(offset)
    if staff_element:
        etree.SubElement(direction, "staff").text = str(d.staff)
    etree.SubElement(direction, "sound", d.sound)
    return direction


def _metronome(d: Direction, parent: etree._Element) -> None:
    unit, bpm = d.text.split("=")
    metronome = etree.SubElement(parent, "metronome", parentheses="no")
    type_name = unit.rstrip(".")  # "quarter.." is a double-dotted quarter
    etree.SubElement(metronome, "beat-unit").text = type_name
    for _ in range(len(unit) - len(type_name)):
        etree.SubElement(metronome, "beat-unit-dot")
    etree.SubElement(metronome, "per-minute").text = bpm


def _ramp_start(d: Direction, parent: etree._Element) -> None:
    words = etree.SubElement(parent, "words", {"font-style": "italic"})
    words.text = d.text
    direction = parent.getparent()
    assert direction is not None  # built inside its <direction>
    if not d.number:  # the words alone
        return
    etree.SubElement(
        etree.SubElement(direction, "direction-type"), "dashes", type="start", number=str(d.number)
    )


def _dashes(kind: str) -> Callable[[Direction, etree._Element], None]:
    def build(d: Direction, parent: etree._Element) -> None:
        etree.SubElement(parent, "dashes", type=kind, number=str(d.number))

    return build


def _cents(d: Direction, parent: etree._Element) -> None:
    etree.SubElement(parent, "words", {"font-size": "8"}).text = d.text


def _dynamic(d: Direction, parent: etree._Element) -> None:
    etree.SubElement(etree.SubElement(parent, "dynamics"), d.text)


def _wedge(kind: str | None) -> Callable[[Direction, etree._Element], None]:
    def build(d: Direction, parent: etree._Element) -> None:
        etree.SubElement(parent, "wedge", type=kind or d.text, number=str(d.number))

    return build


# How each kind of direction is drawn (a table).
_BUILDERS: dict[DirectionKind, Callable[[Direction, etree._Element], None]] = {
    DirectionKind.METRONOME: _metronome,
    DirectionKind.RAMP_START: _ramp_start,
    DirectionKind.RAMP_BEAT: _dashes("continue"),
    DirectionKind.RAMP_STOP: _dashes("stop"),
    DirectionKind.DYNAMIC: _dynamic,
    DirectionKind.CENTS: _cents,
    DirectionKind.WEDGE_START: _wedge(None),
    DirectionKind.WEDGE_STOP: _wedge("stop"),
}


def _number(value: float) -> str:
    """A tempo for people and for ``<sound tempo>``: at most 4 decimals, no exponent."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _beat_unit(beat: Fraction) -> str:
    found = note_value(beat)
    if found is None:
        return "quarter"
    type_name, dots = found
    return type_name + ("." + "." * (dots - 1) if dots else "")


def tempo_directions(score: Score, visible: bool, beats: bool = True) -> list[Direction]:
    """Tempo marks at each segment, and accel./rit. lines with a ``<sound tempo>`` per beat
    (``beats=False``: the line alone). Nothing where the composer gave no tempo (before the
    first tempo segment), and no mark where the music has ended. A run of held tempi that
    steps one way, each held a beat or less (a MIDI file's ritardando, say), reads as a
    ramp: the first and last tempo marked, "rit." or "accel." and a line between, and each
    step a ``<sound tempo>`` of its own (see :func:`stepped_runs`)."""
    tempo_map = TempoMap(score)
    unit = _beat_unit(tempo_map.beat)
    quarter = float(tempo_map.beat * 4)
    out: list[Direction] = []
    shown = ""
    given = score.tempo.start
    end = score.end
    spans = [
        span
        for span in tempo_map.spans
        if not (given is None or span.start < given or (span.start >= end > 0))
    ]
    runs = dict(stepped_runs(spans, tempo_map.beat))
    resume = 0  # the spans before this one are steps of a run, marked by it
    for i, span in enumerate(spans):
        if i < resume:
            continue
        mark = f"{unit}={_number(span.origin)}"
        if mark != shown:
            sound = {"tempo": _number(span.origin * quarter)}
            out.append(
                Direction(
                    span.start, DirectionKind.METRONOME, text=mark, visible=visible, sound=sound
                )
            )
            shown = mark
        last = runs.get(i)
        if last is not None:  # held steps from here to ``last`` (marked there)
            final = spans[last]
            steps = [(s.start, s.origin * quarter) for s in spans[i + 1 : last]]
            faster = final.origin > span.origin
            out += _ramp_line(score, span.start, final.start, faster, visible, steps)
            resume, shown = last, ""
            continue
        if span.constant() or span.end is None:
            continue
        inside = _beats_inside(score, span.start, span.end) if beats else []
        beat_sounds = [(time, tempo_map.tempo_at(time) * quarter) for time in inside]
        faster = span.goal > span.origin
        out += _ramp_line(score, span.start, span.end, faster, visible, beat_sounds)
        shown = ""
    out.sort(key=lambda d: d.time)  # a run's line stop comes before its steps' sounds
    return out


def _ramp_line(
    score: Score,
    start: Fraction,
    end: Fraction,
    faster: bool,
    visible: bool,
    sounds: Sequence[tuple[Fraction, float]],
) -> list[Direction]:
    """ "accel." or "rit." at ``start``, a dashed line to the last note that starts before
    ``end`` (none over a single note), and a hidden ``<sound tempo>`` at each (time, quarter
    BPM) of ``sounds``."""
    stop = _last_onset_before(score, end)
    line = int(stop > start)
    word = "accel." if faster else "rit."
    out = [Direction(start, DirectionKind.RAMP_START, text=word, number=line, visible=visible)]
    out += [Direction(t, DirectionKind.RAMP_BEAT, sound={"tempo": _number(b)}) for t, b in sounds]
    if line:
        out.append(Direction(stop, DirectionKind.RAMP_STOP))
    return out


#: The fewest held tempi in a row that read as one accel. or rit.
STEPS_IN_A_RUN = 4


def stepped_runs(spans: Sequence[TempoSpan], beat: Fraction) -> Iterator[tuple[int, int]]:
    """(first, last) index of each run of at least :data:`STEPS_IN_A_RUN` held tempi, each
    but the last held a beat or less, every step going the same way (faster or slower): how
    a ramp comes back from a MIDI file, whose Set-Tempo events hold.

    >>> from scoreframe import Score
    >>> s = Score(); _ = s.tempo.hold(60)
    >>> for k, bpm in enumerate([58, 56, 54, 52]):
    ...     _ = s.tempo.hold(bpm, at=Fraction(1 + k, 8))
    >>> list(stepped_runs(TempoMap(s).spans, Fraction(1, 4)))
    [(0, 4)]
    """
    i = 0
    while i < len(spans) - 1:
        j, way = i, 0
        while j + 1 < len(spans):
            here, after = spans[j], spans[j + 1]
            step = (after.origin > here.origin) - (after.origin < here.origin)
            if (
                not here.constant()
                or not after.constant()
                or after.start - here.start > beat
                or step == 0
                or (way and step != way)
            ):
                break
            way, j = step, j + 1
        if j - i + 1 >= STEPS_IN_A_RUN:
            yield i, j
            i = j
        else:
            i += 1


def _last_onset_before(score: Score, end: Fraction) -> Fraction:
    """Where a dashed accel./rit. line stops: at the last note that starts before ``end``
    (the line runs on through it), so it ends on a note as engravers draw it; ``end`` when no
    note starts before it."""
    found: Fraction | None = None
    for voice in score.voices:
        notes = voice._read()  # in onset order: the last one before ``end`` is found by halving
        i = bisect_left(notes, end, key=_onset)
        if i and (found is None or notes[i - 1].onset > found):
            found = notes[i - 1].onset
    return end if found is None else found


def _onset(note: Note) -> Fraction:
    return note.onset


def _beats_inside(score: Score, start: Fraction, end: Fraction) -> list[Fraction]:
    """Every beat of the meter strictly between ``start`` and ``end``."""
    beats: list[Fraction] = []
    for bar in score.meters.bars(end):
        time = bar.start
        for beat in bar.meter.beats:
            if start < time < end:
                beats.append(time)
            time += beat
    return beats


def dynamics_directions(
    part: Part,
    voices: Sequence[Voice],
    mark_for: Callable[[int], str],
    sound_for: Callable[[str], float],
) -> list[Direction]:
    """Dynamics from the velocity contours, written where the mark changes (under a wedge only
    where it ends); wedges for velocity ramps. A note's own velocity is performance data: it
    makes no mark.

    Each voice that follows a velocity contour (its own or one it inherits) shows it; a mark or
    wedge an earlier voice on the staff shows already is not written twice; a voice that
    follows no contour shows no marks (no default ``mf``).
    """
    out: list[Direction] = []
    shown: dict[int, list[Resolved]] = {}
    marks: dict[int, str] = {}
    seen: set[tuple[int, Fraction, object]] = set()
    wedges = 0
    for voice in sorted(voices, key=lambda v: (v.staff, v.number)):
        view = voice.resolved("velocity")
        views = shown.setdefault(voice.staff, [])
        if not view or view in views:
            continue
        owner = voice.name if views else None
        views.append(view)
        for direction in _voice_dynamics(voice, view, owner, marks, mark_for, sound_for):
            key = (voice.staff, direction.time, direction.text)
            if key not in seen:
                seen.add(key)
                out.append(direction)
        added = _wedges(voice, view, owner, seen, wedges)
        out.extend(added)
        wedges += len(added) // 2
    return _upper_marks_above(out)


def _upper_marks_above(directions: list[Direction]) -> list[Direction]:
    """Where a lower voice of a staff shows dynamics of its own, the staff's first voice
    shows its marks above the staff (the lower voice's stay below), so the two never collide."""
    shared = {d.staff for d in directions if d.voice is not None}
    if not shared:
        return directions
    return [
        replace(d, above=True) if d.voice is None and d.staff in shared else d for d in directions
    ]


def ramps(view: Resolved) -> list[tuple[Fraction, Fraction]]:
    """The (start, end) of each velocity ramp a view follows that a wedge shows."""
    out: list[tuple[Fraction, Fraction]] = []
    for window in view.windows:
        segment = window.segment
        if not segment.moving or not segment.rule.monotone or segment.end is None:
            continue
        end = segment.end if window.end is None else min(segment.end, window.end)
        out.append((window.start, end))
    return out


def _voice_dynamics(
    voice: Voice,
    view: Resolved,
    owner: str | None,
    marks: dict[int, str],
    mark_for: Callable[[int], str],
    sound_for: Callable[[str], float],
) -> list[Direction]:
    """A mark at each note where the contour's mark changes, from where the contour starts;
    none at a note inside a wedge (the wedge says it)."""
    out: list[Direction] = []
    velocity_at = velocity_function(voice)
    start = view.start
    assert start is not None  # a view with windows
    notes = voice._read()
    last = ""
    for index in _outside_wedges([n.onset for n in notes], start, ramps(view)):
        note = notes[index]
        if note.pitch is None:
            continue
        onset = note.onset
        velocity = velocity_at(onset)
        mark = marks.get(velocity)
        if mark is None:
            mark = marks[velocity] = mark_for(velocity)
        if mark != last:
            last = mark
            sound = {"dynamics": _number(sound_for(mark))}
            out.append(
                Direction(onset, DirectionKind.DYNAMIC, voice.staff, mark, sound=sound, voice=owner)
            )
    return out


def _outside_wedges(
    onsets: Sequence[Fraction], start: Fraction, wedges: Sequence[tuple[Fraction, Fraction]]
) -> Iterator[int]:
    """The indices of the ``onsets`` (in time order) from ``start`` on that no wedge (in time
    order, none overlapping) holds strictly inside it (found by bisection: a note's time is
    compared with the wedges' ends only)."""
    at = bisect.bisect_left(onsets, start) if start else 0
    for begin, end in wedges:
        inside = bisect.bisect_right(onsets, begin, at)
        yield from range(at, inside)
        at = max(at, bisect.bisect_left(onsets, end, inside))
    yield from range(at, len(onsets))


def _wedges(
    voice: Voice,
    view: Resolved,
    owner: str | None,
    seen: set[tuple[int, Fraction, object]],
    before: int,
) -> list[Direction]:
    """A crescendo or diminuendo wedge for each velocity ramp the voice follows (its own or
    inherited, for as long as it is in force), closed at its end; a ramp another voice of the
    staff shows already is not drawn twice."""
    out: list[Direction] = []
    for window in view.windows:
        segment = window.segment
        if not segment.moving or not segment.rule.monotone or segment.end is None:
            continue
        key = (voice.staff, window.start, segment)
        if key in seen:
            continue
        seen.add(key)
        end = segment.end if window.end is None else min(segment.end, window.end)
        if end >= voice.part.score.end:  # the music ends first: the wedge ends on its last note
            end = max((n.onset for n in voice.notes if n.onset < end), default=end)
        number = (before + len(out) // 2) % 6 + 1
        kind = "crescendo" if segment.goal > segment.origin else "diminuendo"
        staff = voice.staff
        out.append(
            Direction(window.start, DirectionKind.WEDGE_START, staff, kind, number, voice=owner)
        )
        out.append(Direction(end, DirectionKind.WEDGE_STOP, staff, "stop", number, voice=owner))
    return out


def cents_directions(voices: Sequence[Voice]) -> list[Direction]:
    """A text above each chord whose notes lie off their spelled pitches by cents (``+14¢``;
    a chord's texts top note first), where its tie chain starts."""
    out: list[Direction] = []
    for voice in voices:
        tied: set[tuple[Fraction, object]] = set()
        by_onset: dict[Fraction, list[Pitch]] = {}
        for note in voice.notes:
            pitch = note.pitch
            if pitch is None:
                continue
            if note.tie:
                tied.add((note.end, pitch))
            if pitch.cents and (note.onset, pitch) not in tied:
                by_onset.setdefault(note.onset, []).append(pitch)
        for onset, pitches in by_onset.items():
            ordered = sorted(pitches, key=lambda p: p.semitones, reverse=True)
            text = " ".join(cents_text(p) for p in ordered)
            out.append(Direction(onset, DirectionKind.CENTS, voice.staff, text, voice=voice.name))
    return out
