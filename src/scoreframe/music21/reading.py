"""A music21 stream into the exact score model (see :mod:`scoreframe.music21`).

Times: a music21 offset or quarterLength (a Fraction, or a float that is an exact binary
fraction) over 4 is the model's whole-note time. The meter map follows the first part's bars:
a first bar shorter than its time signature is the pickup; any other bar shorter than its time
signature is an irregular bar that keeps its meter (a bar before a repeat, a section end); a
bar longer than its time signature becomes a meter change of its own length and back (both
counted). Notes go to the voice music21 gives them (per staff); a note that
would overlap its voice goes to another voice of the staff, and a tie that meets no note of
its pitch is dropped (both counted).
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..clef import Clef
from ..errors import MeterError, ScoreframeWarning
from ..meter import Key, Meter, Mode
from ..musicxml.dynamics import DEFAULT, Dynamic
from ..note import Articulation
from ..pitch import Pitch
from ..score import Part, Score, Voice
from .lanes import Lane, Record, lane_for
from .notation import NotationReading, any_transposing, lyrics_of, transposition_name
from .repeats import play_order

#: music21 articulation classes and the model's articulations (a table).
ARTICULATIONS = {
    "Staccato": Articulation.STACCATO,
    "Staccatissimo": Articulation.STACCATISSIMO,
    "Accent": Articulation.ACCENT,
    "Tenuto": Articulation.TENUTO,
    "StrongAccent": Articulation.MARCATO,
}
#: music21 clef classes and the model's clefs (a table).
CLEFS = {
    "TrebleClef": Clef.TREBLE,
    "GClef": Clef.TREBLE,
    "Treble8vbClef": Clef.TREBLE_8VB,
    "Treble8vaClef": Clef.TREBLE_8VA,
    "BassClef": Clef.BASS,
    "FClef": Clef.BASS,
    "Bass8vbClef": Clef.BASS_8VB,
    "AltoClef": Clef.ALTO,
    "TenorClef": Clef.TENOR,
    "PercussionClef": Clef.PERCUSSION,
}
_DYNAMICS = {d.value: d for d in Dynamic}


@lru_cache(maxsize=4096)
def time(value: float | Fraction) -> Fraction:
    """A music21 offset or quarterLength as whole notes, exactly (values repeat: cached)."""
    return Fraction(value) / 4


@dataclass
class Reading:
    """What one read keeps count of: the features the model lacks (name -> count), the
    repairs, and the repeats unfolded."""

    lacks: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    unfolded: int = 0


def read_stream(stream: Any, m21: Any) -> Score:
    """The score of a music21 stream (see the module doc); warns once with what it left out."""
    reading = Reading()
    if isinstance(stream, m21.stream.Opus):  # a book of tunes: its first
        reading.lacks["scores of an opus after its first"] += max(len(stream.scores) - 1, 0)
        stream = stream.scores[0]
    source = _as_score(stream, m21)
    if any_transposing(source):  # the model holds concert pitch
        source = source.toSoundingPitch(inPlace=False)
    metadata = source.metadata
    score = Score(
        title=(metadata.title or "") if metadata else "",
        composer=(metadata.composer or "") if metadata else "",
    )
    groups = _groups(source, m21)
    if groups:
        first = _bars(groups[0][0], m21, reading)
        _meters(score, first, reading)
        _keys(score, first, m21)
        _tempi(score, first, m21)
    names: set[str] = set()
    for group in groups:
        _part(score, group, m21, reading, names)
    _count_spanners(source, m21, reading)
    score.validate()
    _warn(reading)
    return score


@dataclass(frozen=True, slots=True)
class Bar:
    """A bar as played: where it starts once repeats are played out, its length, the music21
    measure, and the time signature and key in force (carried from earlier bars)."""

    start: Fraction
    length: Fraction
    measure: Any
    signature: Any
    key: Any


def _bars(part: Any, m21: Any, reading: Reading | None = None) -> list[Bar]:
    """The part's bars in playing order (repeats and endings played out)."""
    measures = _measures(part, m21)
    if not measures:
        return [Bar(Fraction(0), time(part.highestTime), part, None, None)]
    brackets = list(part.recurse().getElementsByClass(m21.spanner.RepeatBracket))
    played, repeats = play_order(measures, m21, brackets)
    if reading is not None:
        if repeats:
            reading.fixed[f"repeats played out ({len(brackets)} endings)"] += repeats
        jumps = len(part.recurse().getElementsByClass(m21.repeat.RepeatExpression))
        reading.lacks["jumps by words (D.C., D.S., Coda; not followed)"] += jumps
    offsets = [time(part.elementOffset(m)) for m in measures]
    lengths = [b - a for a, b in itertools.pairwise(offsets)]
    lengths.append(time(measures[-1].highestTime))
    signatures, keys, signature, key = [], [], None, None
    for measure in measures:
        signature = measure.timeSignature or signature
        key = measure.keySignature or key
        signatures.append(signature)
        keys.append(key)
    out, start = [], Fraction(0)
    for i in played:
        out.append(Bar(start, lengths[i], measures[i], signatures[i], keys[i]))
        start += lengths[i]
    return out


def _as_score(stream: Any, m21: Any) -> Any:
    if isinstance(stream, m21.stream.Score):
        return stream
    if isinstance(stream, m21.stream.Part):
        wrapped = m21.stream.Score()
        wrapped.insert(0, stream)
        return wrapped
    wrapped = m21.stream.Score()
    wrapped.insert(0, stream.makeMeasures() if not stream.hasMeasures() else stream)
    return wrapped


def _groups(source: Any, m21: Any) -> list[list[Any]]:
    """The parts, a grand staff (PartStaffs under one brace) joined into one."""
    parts = list(source.parts)
    joined: dict[int, list[Any]] = {}
    for group in source.getElementsByClass(m21.layout.StaffGroup):
        members = [p for p in group.getSpannedElements() if p in parts]
        if len(members) > 1 and all(isinstance(p, m21.stream.PartStaff) for p in members):
            for p in members:
                joined[id(p)] = members
    out: list[list[Any]] = []
    seen: set[int] = set()
    for p in parts:
        if id(p) in seen:
            continue
        members = joined.get(id(p), [p])[:4]
        seen.update(id(m) for m in joined.get(id(p), [p]))
        out.append(members)
    return out


def _measures(part: Any, m21: Any) -> list[Any]:
    return list(part.getElementsByClass(m21.stream.Measure))


def _meters(score: Score, bars: list[Bar], reading: Reading) -> None:
    """The meter map from the first part's bars (see the module doc)."""
    placed: Meter | None = None
    for i, bar in enumerate(bars):
        current = _meter(bar.signature) if bar.signature is not None else Meter(4, 4)
        if i == 0 and 0 < bar.length < current.bar_length and len(bars) > 1:
            score.meter(current)
            score.pickup(bar.length)
            placed = current
            continue
        wanted: Meter | None = current
        if 0 < bar.length < current.bar_length:
            try:
                if current != placed:
                    score.meter(current, at=bar.start)
                    placed = current
                score.irregular_bar(i if score.meters.pickup else i + 1, bar.length)
            except MeterError:
                reading.lacks["meter changes off the model's bar lines"] += 1
                continue
            reading.fixed["bars shorter than their time signature (irregular bars)"] += 1
            continue
        if bar.length and bar.length != current.bar_length and i + 1 < len(bars):
            wanted = _length_meter(bar.length, current)
            reading.fixed["bars of another length than their time signature (meter changes)"] += 1
        if wanted is None:
            reading.lacks["bars of a length no time signature has"] += 1
            continue
        if wanted != placed:
            try:
                score.meter(wanted, at=bar.start)
            except MeterError:
                reading.lacks["meter changes off the model's bar lines"] += 1
                continue
            placed = wanted


def _meter(signature: Any) -> Meter:
    symbol = {"common": "C", "cut": "C|"}.get(signature.symbol or "")
    if symbol:
        return Meter.parse(symbol)
    return Meter(signature.numerator, signature.denominator)


def _length_meter(length: Fraction, like: Meter) -> Meter | None:
    """A meter lasting ``length``, in the units of ``like`` where it can be; None where no
    time signature lasts that long (a bar of a triplet's length)."""
    units = length * like.denominator
    if units.denominator == 1 and units.numerator <= 255:
        return Meter(units.numerator, like.denominator)
    try:
        return Meter(length.numerator, length.denominator)
    except MeterError:
        return None


def _keys(score: Score, bars: list[Bar], m21: Any) -> None:
    last = None
    for bar in bars:
        signature = bar.key
        if signature is None or signature is last:
            continue
        last = signature
        sharps = max(min(signature.sharps, 7), -7)
        mode = Mode.MAJOR
        if isinstance(signature, m21.key.Key) and signature.mode.upper() in Mode.__members__:
            mode = Mode[signature.mode.upper()]
        score.key(Key(sharps, mode), at=bar.start)


def _tempi(score: Score, bars: list[Bar], m21: Any) -> None:
    """Metronome marks of the first part's bars, where the bars are played."""
    for bar in bars:
        for mark in bar.measure.recurse().getElementsByClass(m21.tempo.MetronomeMark):
            bpm = mark.getQuarterBPM()
            if bpm:
                at = bar.start + time(mark.getOffsetInHierarchy(bar.measure))
                score.tempo.hold(Fraction(bpm).limit_denominator(1000), at=at)


def _part(score: Score, group: list[Any], m21: Any, reading: Reading, names: set[str]) -> None:
    """One part (a grand staff's staves together): voices, clefs, dynamics."""
    first = group[0]
    name = _unique(str(first.partName or first.id or f"Part {len(score.parts) + 1}"), names)
    instrument = first.getInstrument(returnDefault=False)
    program = getattr(instrument, "midiProgram", None)
    part = score.part(
        name,
        program=program + 1 if isinstance(program, int) and 0 <= program < 128 else None,
        staves=len(group),
        transpose=transposition_name(instrument),
    )
    lanes: dict[tuple[int, str], list[Lane]] = {}
    clefs: list[Clef | None] = []
    marks = NotationReading()
    for staff, staff_part in enumerate(group, start=1):
        clefs.append(_clef(staff_part, m21))
        for base, container, voice_id in _containers(_bars(staff_part, m21)):
            own = lanes.setdefault((staff, voice_id), [])
            for element in container.elements:  # one pass over what the bar holds
                if isinstance(element, m21.note.GeneralNote):
                    if marks.grace(element, (staff, voice_id)):
                        continue
                    record = _record(element, container, base, reading)
                    if record is not None:
                        record = marks.place(element, (staff, voice_id), record, reading, _pitch)
                        lane_for(own, record, reading.fixed).add(record)
                elif isinstance(element, m21.dynamics.Dynamic):
                    _dynamic(part, element, base + time(container.elementOffset(element)), reading)
                elif isinstance(element, _texts(m21)):
                    _text(part, element, base + time(container.elementOffset(element)), staff)
    if all(c is not None for c in clefs):
        part.clefs = [c for c in clefs if c is not None]
    held: dict[tuple[tuple[int, str], Fraction], Voice] = {}
    for (staff, voice_id), staff_lanes in sorted(lanes.items()):
        for lane in staff_lanes:
            voice = part.voice(staff=staff)
            _fill(voice, lane, reading)
            held.update((((staff, voice_id), r.onset), voice) for r in lane.records)
    marks.slurs(group, m21, held, reading)
    reading.lacks["grace notes with no note after them"] += marks.left_over()


def _texts(m21: Any) -> tuple[type, ...]:
    return (m21.expressions.TextExpression, m21.expressions.RehearsalMark)


def _text(part: Part, element: Any, at: Fraction, staff: int) -> None:
    """A rehearsal mark (once for the score) or a text expression of the part."""
    content = str(element.content)
    if not content.strip():
        return
    if type(element).__name__ == "RehearsalMark":
        if all(r.time != at for r in part.score.rehearsals):
            part.score.rehearsal(content, at=at)
        return
    below = getattr(element, "placement", None) == "below"
    part.text(content, at=at, staff=staff, placement="below" if below else "above")


def _unique(name: str, names: set[str]) -> str:
    found, n = name, 2
    while found in names:
        found, n = f"{name} {n}", n + 1
    names.add(found)
    return found


def _clef(part: Any, m21: Any) -> Clef | None:
    for clef in part.recurse().getElementsByClass(m21.clef.Clef):
        return CLEFS.get(type(clef).__name__)
    return None


def _containers(bars: list[Bar]) -> Iterable[tuple[Fraction, Any, str]]:
    """(offset, stream, voice id) of each bar's voices, or of the bar itself."""
    for bar in bars:
        measure = bar.measure
        voices = list(measure.voices) if hasattr(measure, "voices") else []
        if measure.notesAndRests:
            yield bar.start, measure, "1"
        for voice in voices:
            yield bar.start + time(measure.elementOffset(voice)), voice, str(voice.id)


def _record(element: Any, container: Any, base: Fraction, reading: Reading) -> Record | None:
    """One note, chord or rest as a record (None for what the model cannot hold)."""
    duration = element.duration
    if duration.isGrace:  # a grace rest
        reading.lacks["grace rests"] += 1
        return None
    period = time(duration.quarterLength)
    if period <= 0:
        reading.lacks["notes of no length"] += 1
        return None
    onset = base + time(container.elementOffset(element))
    if element.isRest:
        if element.style.hideObjectOnPrint:
            return None
        return Record(onset, period, (), (), frozenset())
    notes = list(element.notes) if element.isChord else [element]
    pitches = tuple(_pitch(n, reading) for n in notes)
    ties = tuple(
        bool((n.tie or element.tie) and (n.tie or element.tie).type in ("start", "continue"))
        for n in notes
    )
    return Record(onset, period, pitches, ties, _marks(element, reading), lyrics_of(element))


def _pitch(note: Any, reading: Reading) -> Pitch:
    if note.isUnpitched if hasattr(note, "isUnpitched") else False:
        reading.fixed["unpitched notes (at their display pitch)"] += 1
        shown = note.displayPitch()
        return Pitch(shown.step, Fraction(0), shown.implicitOctave)
    p = note.pitch
    accidental, microtone = p.accidental, p._microtone
    alter = accidental.alter if accidental is not None else 0.0
    cents = microtone.cents if microtone is not None else 0.0
    octave = p.octave if p.octave is not None else p.implicitOctave
    return _spelled(p.step, alter, octave, cents)


@lru_cache(maxsize=1024)
def _spelled(step: str, alter: float, octave: int, cents: float) -> Pitch:
    """A pitch from music21's parts of one (pitches repeat: each made once)."""
    return Pitch(step, Fraction(alter), octave, Fraction(cents).limit_denominator(1000))


def _marks(element: Any, reading: Reading) -> frozenset[Articulation]:
    found = set()
    for mark in element.articulations:
        kind = ARTICULATIONS.get(type(mark).__name__)
        if kind is None:
            reading.lacks[f"articulations ({type(mark).__name__})"] += 1
        else:
            found.add(kind)
    for expression in element.expressions:
        if type(expression).__name__ == "Fermata":
            found.add(Articulation.FERMATA)
        else:
            reading.lacks[f"expressions ({type(expression).__name__})"] += 1
    return frozenset(found)


def _dynamic(part: Part, mark: Any, at: Fraction, reading: Reading) -> None:
    """A dynamic mark as the part's velocity (the velocity the marks' table gives it)."""
    kind = _DYNAMICS.get(str(mark.value))
    if kind is None:
        reading.lacks[f"dynamics ({mark.value})"] += 1
        return
    part.velocity.hold(DEFAULT.velocity(kind), at=at)


def _fill(voice: Voice, lane: Lane, reading: Reading) -> None:
    """The lane's records as notes of ``voice`` (a tie that meets nothing is dropped)."""
    records = lane.records
    for i, record in enumerate(records):
        following = records[i + 1] if i + 1 < len(records) else None
        meets = following is not None and following.onset == record.onset + record.period
        if not record.pitches:
            voice.rest(record.period, at=record.onset)
            continue
        for pitch, tie in zip(record.pitches, record.ties, strict=True):
            if tie and not (meets and following and _holds(following, pitch)):
                reading.fixed["ties that meet no note of their pitch (dropped)"] += 1
                tie = False
            voice.note(pitch, record.period, at=record.onset, tie=tie, articulations=record.marks)
        if record.lyrics:
            voice.lyric(record.lyrics, at=record.onset)
        if record.graces:
            voice.grace(record.graces, slash=record.slash, at=record.onset)


def _holds(record: Record, pitch: Pitch) -> bool:
    return any(p.semitones == pitch.semitones for p in record.pitches)


def _count_spanners(source: Any, m21: Any, reading: Reading) -> None:
    skip = {"RepeatBracket", "StaffGroup", "Slur"}  # slurs: read (or counted) per part
    for spanner in source.recurse().getElementsByClass(m21.spanner.Spanner):
        name = type(spanner).__name__
        if name not in skip:
            reading.lacks[f"{name[0].lower()}{name[1:]}s"] += 1


def _warn(reading: Reading) -> None:
    lacks = {k: v for k, v in reading.lacks.items() if v}
    fixed = {k: v for k, v in reading.fixed.items() if v}
    if not lacks and not fixed:
        return
    parts = []
    if lacks:
        listed = ", ".join(f"{n} {what}" for what, n in sorted(lacks.items()))
        parts.append(f"the score model has no place for {listed} (left out)")
    if fixed:
        listed = ", ".join(f"{n} {what}" for what, n in sorted(fixed.items()))
        parts.append(f"adapted: {listed}")
    warnings.warn("music21 stream: " + "; ".join(parts), ScoreframeWarning, stacklevel=4)
