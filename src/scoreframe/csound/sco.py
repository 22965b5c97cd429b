"""The note list: one pass over the event list, one ``i`` statement per untied note and per tie
chain, p2 and p3 in seconds from the tempo map.

There is no ``t`` statement: Csound's tempo ramps are linear in seconds per beat, not the
tempo map's curves, so every time is written in seconds, the same seconds the MIDI file and the
live player use. The layout: a header comment (title, composer, parts and their fields, a tempo
summary, the length), the f statements, a ``; bar N`` comment where each bar starts, the ``i``
statements in time order, ``e``.

>>> import scoreframe as sf
>>> s = sf.Score(title="Two"); _ = s.tempo.hold(120)
>>> v = s.part("Flute", instrument=3).voice("Fl")
>>> _ = v.note("A4", "1/4", velocity=127); _ = v.note("A5", "1/4", duration="1/8")
>>> print(note_list(s))  # doctest: +NORMALIZE_WHITESPACE
; Two
; written by scoreframe: p2 (start) and p3 (length) in seconds from the tempo map
; part 'Flute': instr 3, 1 voice; p4 amp, p5 freq
; tempo in quarter notes per minute:
;   120 from bar 1, beat 1 (time 0)
; length 0.75 s
; bar 1 (0 s), meter 4/4
i 3 0 0.5 1 440
i 3 0.5 0.25 0.629921 880
e
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias, Unpack, cast

from ..events import EventKind
from ..meter import Bar
from ..note import Sounding
from ..score import Score, Voice
from ..tempo import TempoMap
from ..velocity import velocity_function
from .fields import FIELDS, FieldKind, Getter, Getters, Reads
from .instruments import PartPlan, ftable_statements, plan
from .numbers import microseconds, number, seconds_text
from .options import ScoOptions, ScoWriteOptions, sco_options
from .ramps import Entry, RampKey, constant_spans, contour_key, mark

Line: TypeAlias = str | list[str]
"""A comment, or an i statement's words from p1 on."""

# Names of common tempo beat units, for the header (a table).
BEAT_NAMES: dict[Fraction, str] = {
    Fraction(1): "whole notes",
    Fraction(1, 2): "half notes",
    Fraction(3, 4): "dotted halves",
    Fraction(1, 4): "quarter notes",
    Fraction(3, 8): "dotted quarters",
    Fraction(1, 8): "eighth notes",
    Fraction(3, 16): "dotted eighths",
    Fraction(1, 16): "sixteenth notes",
}


@dataclass(frozen=True, slots=True)
class NoteList:
    """A score's note list: the text, the parts' setups, where the sound ends (seconds, before
    any release) and the most notes sounding at once (0 unless measured)."""

    text: str
    plans: tuple[PartPlan, ...]
    end: float
    polyphony: int


@dataclass(frozen=True, slots=True)
class _VoiceSetup:
    p1: str
    getters: tuple[Getter, ...]
    velocity: Callable[[Fraction], int] | None
    """The velocity contour's function when a field reads velocities, else None."""
    keys: tuple[RampKey | None, ...] | None
    """Ramp keys per field when ramps are on for this voice, else None."""


def _reads_velocity(part_plan: PartPlan) -> bool:
    return any(
        f.kind is FieldKind.FUNCTION
        or (f.kind is FieldKind.NOTE and FIELDS[f.key].reads is Reads.VELOCITY)
        for f in part_plan.fields
    )


def _setups(
    score: Score,
    plans: tuple[PartPlan, ...],
    tempo_map: TempoMap,
    ramps: bool,
    default_velocity: int,
) -> dict[Voice, _VoiceSetup]:
    getters, span_of = Getters(score), constant_spans(tempo_map)
    setups = {}
    for part_plan in plans:
        reads_velocity = _reads_velocity(part_plan)
        for voice in part_plan.part.voices:
            keys = None
            if ramps and not part_plan.named:
                keys = tuple(
                    contour_key(f.key, voice, span_of) if f.kind is FieldKind.CONTOUR else None
                    for f in part_plan.fields
                )
            velocity = velocity_function(voice, default_velocity) if reads_velocity else None
            setups[voice] = _VoiceSetup(
                part_plan.p1, getters.of(part_plan.fields, voice), velocity, keys
            )
    return setups


class _Bars:
    """The ``; bar N`` comments, handed out as the pass reaches each bar's start."""

    def __init__(self, score: Score, tempo_map: TempoMap) -> None:
        self._bars = iter(score.meters.bars(score.end))
        self._seconds = tempo_map.seconds
        self._marks = list(score.rehearsals)
        self._where = score.where
        self._meter = ""
        self.next = 0.0
        self._bar: Bar | None = next(self._bars)

    def until(self, t: float) -> Iterator[str]:
        """The comments of the bars starting at or before ``t`` not handed out yet."""
        while self._bar is not None and self.next <= t:
            bar = self._bar
            meter = str(bar.meter)
            change = f", meter {meter}" if meter != self._meter else ""
            self._meter = meter
            yield f"; bar {bar.number} ({number(self._seconds(bar.start))} s){change}"
            self._bar = next(self._bars, None)
            self.next = float(self._bar.start) if self._bar is not None else float("inf")
            yield from self._rehearsals(bar.end if self._bar is not None else None)

    def _rehearsals(self, before: Fraction | None) -> Iterator[str]:
        """The rehearsal marks of the bar just handed out (all that are left after the last)."""
        marks = self._marks
        while marks and (before is None or marks[0].time < before):
            mark = marks.pop(0)
            seconds = number(self._seconds(mark.time))
            yield f"; rehearsal {_comment(mark.label)} ({self._where(mark.time)}, {seconds} s)"


class _Clock:
    """Onsets and releases (float whole notes) to microseconds and their texts, each computed
    once: voices and chords share onsets, and a note's release is often the next onset."""

    def __init__(self, tempo_map: TempoMap) -> None:
        self._seconds = tempo_map.seconds_float
        self._micros: dict[float, int] = {}
        self._texts: dict[int, str] = {}

    def micros(self, t: float) -> int:
        micros = self._micros.get(t)
        if micros is None:
            micros = self._micros[t] = microseconds(self._seconds(t))
        return micros

    def text(self, micros: int) -> str:
        text = self._texts.get(micros)
        if text is None:
            text = self._texts[micros] = seconds_text(micros)
        return text


@dataclass(slots=True)
class _Pass:
    """What the one pass over the event list gathers."""

    lines: list[Line] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    end: int = 0


def _statements(
    score: Score, setups: dict[Voice, _VoiceSetup], tempo_map: TempoMap, measure: bool
) -> _Pass:
    """The one pass: bar comments and i statements in time order, the ramp entries, the end
    (microseconds) and, if ``measure``, every note's (start, end)."""
    out, bars, clock = _Pass(), _Bars(score, tempo_map), _Clock(tempo_map)
    lines, entries, spans = out.lines, out.entries, out.spans
    for onset, kind, _, voice, item in score.events(sounding=True):
        if kind is not EventKind.NOTE or voice is None:
            continue
        note = cast(Sounding, item)
        t = onset.numerator / onset.denominator
        if t >= bars.next:
            lines.extend(bars.until(t))
        setup, duration = setups[voice], note.duration
        start = clock.micros(t)
        end = clock.micros(t + duration.numerator / duration.denominator)
        words = [setup.p1, clock.text(start), clock.text(end - start)]
        if setup.getters:
            velocity = note.velocity or (setup.velocity(onset) if setup.velocity else 0)
            p2, p3 = start / 1e6, (end - start) / 1e6
            words += [get(note, t, velocity, p2, p3) for get in setup.getters]
        lines.append(words)
        if setup.keys is not None:
            keys = tuple(None if key is None else key(t) for key in setup.keys)
            entries.append(Entry(words, setup.p1, start, keys))
        if measure:
            spans.append((start, end))
        if end > out.end:
            out.end = end
    lines.extend(bars.until(float("inf")))
    return out


def polyphony(spans: Sequence[tuple[int, int]], release: int = 0) -> int:
    """The most notes sounding at once, each ``(start, end)`` extended by ``release``.

    >>> polyphony([(0, 10), (5, 20), (10, 30)]), polyphony([(0, 10), (10, 20)], release=1)
    (2, 2)
    """
    changes = sorted([(start, 1) for start, _ in spans] + [(end + release, -1) for _, end in spans])
    most = count = 0
    for _, step in changes:  # ends sort before starts at one time: notes that meet don't overlap
        count += step
        most = max(most, count)
    return most


def _comment(text: str) -> str:
    """Text for a comment: one line, and never a tag that ends the .csd section early."""
    return " ".join(text.split()).replace("</", "< /")


def header(
    score: Score, plans: tuple[PartPlan, ...], tempo_map: TempoMap, end: float, ramps: bool
) -> list[str]:
    """The comment block: title, composer, parts and their fields, tempo, length."""
    title = _comment(score.title) or "untitled"
    lines = [
        f"; {title}" + (f" by {_comment(score.composer)}" if score.composer.strip() else ""),
        "; written by scoreframe: p2 (start) and p3 (length) in seconds from the tempo map",
    ]
    for part_plan in plans:
        voices = len(part_plan.part.voices)
        fields = ", ".join(f"p{i} {f.label}" for i, f in enumerate(part_plan.fields, 4))
        lines.append(
            f"; part {_comment(repr(part_plan.part.name))}: instr "
            f"{part_plan.p1.strip(chr(34))}, {voices} voice{'s' * (voices != 1)}"
            + (f"; {fields}" if fields else "")
        )
    beat = BEAT_NAMES.get(tempo_map.beat, f"{tempo_map.beat} notes")
    lines.append(f"; tempo in {beat} per minute:")
    lines += [f";   {text}" for text in _tempo_text(score, tempo_map)]
    if ramps:
        lines.append("; '<': a Csound ramp (a linear contour segment under a constant tempo)")
    lines.append(f"; length {number(end)} s")
    return lines


def _tempo_text(score: Score, tempo_map: TempoMap) -> Iterator[str]:
    for span in tempo_map.spans:
        if span.constant():
            yield f"{number(span.origin)} from {score.where(span.start)}"
        else:
            end = span.end if span.end is not None else span.start
            yield (
                f"{span.curve.value} {number(span.origin)} -> {number(span.goal)} from "
                f"{score.where(span.start)} to {score.where(end)}"
            )


def ftables_of(plans: tuple[PartPlan, ...], ftables: Sequence[str]) -> list[str]:
    """The score's f statements, then each part's, each written once."""
    statements = [*ftable_statements(ftables, "ftables"), *(s for p in plans for s in p.ftables)]
    return list(dict.fromkeys(statements))


def render(score: Score, *, measure: bool = False, **options: Unpack[ScoWriteOptions]) -> NoteList:
    """The note list of ``score`` (options: :class:`~.options.ScoOptions`); ``measure`` also
    counts the polyphony (for the default orchestra's gain)."""
    return render_with(score, sco_options(options), measure)


def render_with(score: Score, chosen: ScoOptions, measure: bool = False) -> NoteList:
    """:func:`render` with the options checked already."""
    score.validate()
    ftables = chosen.ftables
    if isinstance(ftables, Mapping):
        shared: Sequence[str] = ()
        plans = plan(score, instruments=chosen.instruments, fields=chosen.fields, ftables=ftables)
    else:
        shared, plans = ftables, plan(score, instruments=chosen.instruments, fields=chosen.fields)
    tempo_map = TempoMap(score)
    setups = _setups(score, plans, tempo_map, chosen.ramps, chosen.default_velocity)
    gathered = _statements(score, setups, tempo_map, measure)
    mark(gathered.entries)
    end = gathered.end / 1e6
    head = header(score, plans, tempo_map, end, chosen.ramps) + ftables_of(plans, shared)
    body = [line if type(line) is str else "i " + " ".join(line) for line in gathered.lines]
    text = "\n".join([*head, *body, "e"]) + "\n"
    return NoteList(text, plans, end, polyphony(gathered.spans) if measure else 0)


def note_list(score: Score, **options: Unpack[ScoWriteOptions]) -> str:
    """The ``.sco`` text of ``score``.

    ``fields``: ``{part name: [field, ...]}`` (see :mod:`.fields`); ``instruments``: ``{part
    name: number or name}``; ``ftables``: f statements for the whole score (a list) or per part
    (``{part name: [...]}``), written first; ``ramps``: write linear contour segments with
    Csound's ``<`` (see :mod:`.ramps`); ``default_velocity``: for notes with no velocity and no
    velocity contour.
    """
    return render(score, **options).text
