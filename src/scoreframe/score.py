"""The score model: a score holds parts, a part holds voices, a voice holds notes.

>>> score = Score(title="Sketch")
>>> score.meter("3/4")
>>> v = score.part("Flute", program=74).voice("Fl")
>>> _ = v.note("A4", "1/4"); _ = v.note("B4", "1/8", duration="1/16"); _ = v.rest("1/8")
>>> _ = v.chord(["C5", "E5"], "1/4")
>>> v.cursor, len(v.notes), score.end
(Fraction(3, 4), 5, Fraction(3, 4))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .contour import Contour, Curve, Real, control_name
from .errors import ScoreValueError
from .meter import Key, KeyMap, Meter, MeterMap, format_beat
from .note import Articulation, ExtraValue, Note, as_articulation
from .pitch import Pitch, PitchLike, as_pitch
from .time import TimeLike, as_length, as_time

if TYPE_CHECKING:
    from .events import Event


_NO_MARKS: frozenset[Articulation] = frozenset()


@lru_cache(maxsize=4096, typed=True)
def _cached_pitch(value: PitchLike, fifths: int) -> Pitch:
    """Pitches are immutable values: read each name or number once."""
    return as_pitch(value, fifths)


def _check_range(what: str, value: int | None, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScoreValueError(f"{what} {value!r} must be an int in {low}..{high}")
    return value


class _ContourOwner:
    """Named contours of a voice, a part or the score (looked up voice, part, score)."""

    contours: dict[str, Contour]

    def _where(self) -> str:
        raise NotImplementedError

    def _touch(self) -> None:
        raise NotImplementedError

    def contour(self, name: str) -> Contour:
        """The contour called ``name`` here, created empty on first use."""
        if name == "tempo" and not isinstance(self, Score):
            raise ScoreValueError(f"{self._where()}: tempo is a score contour (score.tempo)")
        if name not in self.contours:
            curve = Curve.EXPONENTIAL if name == "tempo" else Curve.LINEAR
            self.contours[name] = _TrackedContour(name, curve, self._where(), self)
        return self.contours[name]

    def _parents(self) -> tuple[_ContourOwner, ...]:
        """Where contours not defined here are inherited from, nearest first."""
        return ()

    def inherited_value(self, name: str, time: Fraction) -> Real | None:
        """The value of contour ``name`` at ``time`` from the owners this one inherits from."""
        for owner in self._parents():
            contour = owner.contours.get(name)
            if contour is not None and contour.start is not None and contour.start <= time:
                return contour.value_at(time)
        return None

    @property
    def velocity(self) -> Contour:
        """MIDI velocity (1..127) of notes that give none of their own."""
        return self.contour("velocity")

    @property
    def pitch_bend(self) -> Contour:
        """Pitch bend in semitones."""
        return self.contour("pitch_bend")

    def control(self, number: int) -> Contour:
        """The contour of MIDI controller ``number`` (0..127)."""
        return self.contour(control_name(number))


class _TrackedContour(Contour):
    """A contour that tells its score when it changes (so cached event lists are rebuilt)."""

    def __init__(self, name: str, curve: Curve, where: str, owner: _ContourOwner) -> None:
        super().__init__(name, curve, where)
        self._owner = owner

    def _insert(self, segment: Any) -> None:
        super()._insert(segment)
        self._owner._touch()

    def fallback_value(self, time: Fraction) -> Real | None:
        """A ramp where this contour holds nothing yet starts from the inherited value (the
        part's, then the score's), else from the contour's default."""
        inherited = self._owner.inherited_value(self.name, time)
        return inherited if inherited is not None else super().fallback_value(time)


class Voice(_ContourOwner):
    """One line of a part: notes appended at a cursor, chords sharing a period."""

    def __init__(
        self,
        part: Part,
        name: str,
        number: int,
        staff: int = 1,
        channel: int | None = None,
        track: str | None = None,
    ) -> None:
        self.part = part
        self.name = name
        self.number = number
        self.staff = staff
        self.channel = _check_range(f"part {part.name!r}, voice {name!r}: channel", channel, 1, 16)
        self.track = track
        self.contours = {}
        self._notes: list[Note] = []
        self._sorted = True
        self.cursor = Fraction(0)

    def _where(self) -> str:
        return f"part {self.part.name!r}, voice {self.name!r}"

    def _touch(self) -> None:
        self.part.score._version += 1

    def _parents(self) -> tuple[_ContourOwner, ...]:
        return (self.part, self.part.score)

    @property
    def notes(self) -> list[Note]:
        """The notes and rests in onset order (chord members in the order given)."""
        if not self._sorted:
            self._notes.sort(key=lambda n: n.onset)
            self._sorted = True
        return self._notes

    def _add(self, note: Note) -> Note:
        notes = self._notes
        if notes and note.onset < notes[-1].onset:
            self._sorted = False
        notes.append(note)
        self.cursor = note.onset + note.period
        self.part.score._version += 1
        return note

    def _onset(self, at: TimeLike | None) -> Fraction:
        if at is None:
            return self.cursor
        onset = as_time(at, f"{self._where()}: onset")
        if onset < 0:
            raise ScoreValueError(f"{self._where()}: onset {onset} is before the score starts")
        return onset

    def note(
        self,
        pitch: PitchLike | None,
        period: TimeLike,
        *,
        at: TimeLike | None = None,
        duration: TimeLike | None = None,
        velocity: int | None = None,
        tie: bool = False,
        staff: int | None = None,
        articulations: Iterable[Articulation | str] = (),
        values: Mapping[str, ExtraValue] | None = None,
    ) -> Note:
        """Add a note (``pitch`` None: a rest) at the cursor or at ``at``; returns the Note."""
        onset = self.cursor if at is None else self._onset(at)
        try:
            if type(period) is not Fraction or period <= 0:
                period = as_length(period, "period")
            sound = period if duration is None else as_length(duration, "duration")
            if velocity is not None or staff is not None:
                _check_range("velocity", velocity, 1, 127)
                _check_range("staff", staff, 1, self.part.staves)
        except ScoreValueError as error:
            where = self.part.score.where(onset, self.part, self)
            raise type(error)(f"{where}: {error}") from None
        return self._add(
            Note(
                onset,
                period,
                sound,
                None if pitch is None else self._pitch(pitch, onset),
                bool(tie),
                velocity,
                frozenset(map(as_articulation, articulations)) if articulations else _NO_MARKS,
                staff,
                tuple(sorted(values.items())) if values else (),
            )
        )

    def _pitch(self, pitch: PitchLike, onset: Fraction) -> Pitch:
        if isinstance(pitch, Pitch):
            return pitch
        fifths = 0
        if not isinstance(pitch, str) and self.part.score.keys.changes:
            key = self.part.score.keys.key_at(onset)
            fifths = key.fifths if key else 0
        try:
            return _cached_pitch(pitch, fifths)
        except TypeError:  # unhashable: let as_pitch say what is wrong
            return as_pitch(pitch, fifths)

    def rest(self, period: TimeLike, *, at: TimeLike | None = None) -> Note:
        """Add a rest at the cursor or at ``at``."""
        return self.note(None, period, at=at)

    def chord(
        self,
        pitches: Iterable[PitchLike],
        period: TimeLike,
        *,
        at: TimeLike | None = None,
        **options: Any,
    ) -> list[Note]:
        """Add notes sharing one onset and one period (options as for :meth:`note`)."""
        onset = self._onset(at)
        notes = [self.note(p, period, at=onset, **options) for p in pitches]
        if not notes:
            raise ScoreValueError(f"{self._where()}, time {onset}: a chord needs pitches")
        return notes

    def value_at(self, name: str, time: TimeLike) -> Real | None:
        """The contour value in force: this voice's, else the part's, else the score's."""
        time = as_time(time, f"{self._where()}: contour time")
        for owner in (self, self.part, self.part.score):
            contour = owner.contours.get(name)
            if contour is not None and contour.start is not None and contour.start <= time:
                return contour.value_at(time)
        return None

    @property
    def effective_channel(self) -> int | None:
        return self.channel if self.channel is not None else self.part.channel

    def __repr__(self) -> str:
        return f"<Voice {self.name!r} of {self.part.name!r}: {len(self._notes)} notes>"


class Part(_ContourOwner):
    """An instrument: one MusicXML part and, by default, one MIDI track."""

    def __init__(
        self,
        score: Score,
        name: str,
        *,
        program: int | None = None,
        channel: int | None = None,
        bank: int | None = None,
        staves: int = 1,
        clefs: Iterable[str] | None = None,
        percussion: bool = False,
        instrument: int | str | None = None,
        pfields: Iterable[str] | None = None,
        bend_range: int = 2,
        abbreviation: str | None = None,
    ) -> None:
        where = f"part {name!r}"
        self.score = score
        self.name = name
        self.program = _check_range(f"{where} program", program, 1, 128)
        self.channel = _check_range(f"{where} channel", channel, 1, 16)
        self.bank = _check_range(f"{where} bank", bank, 0, 16383)
        self.staves = _check_range(f"{where} staves", staves, 1, 4) or 1
        self.clefs = tuple(clefs) if clefs is not None else None
        if self.clefs is not None and len(self.clefs) != self.staves:
            raise ScoreValueError(f"{where}: give one clef per staff ({self.staves})")
        self.percussion = bool(percussion)
        self.instrument = instrument
        self.pfields = tuple(pfields) if pfields is not None else None
        self.bend_range = _check_range(f"{where} bend range", bend_range, 1, 24) or 2
        self.abbreviation = abbreviation
        self.voices: list[Voice] = []
        self.contours = {}

    def _where(self) -> str:
        return f"part {self.name!r}"

    def _touch(self) -> None:
        self.score._version += 1

    def _parents(self) -> tuple[_ContourOwner, ...]:
        return (self.score,)

    def voice(
        self,
        name: str | None = None,
        *,
        staff: int = 1,
        number: int | None = None,
        channel: int | None = None,
        track: str | None = None,
    ) -> Voice:
        """Add a voice; its MusicXML number defaults to the next free one of its staff."""
        name = name or f"{self.name} {len(self.voices) + 1}"
        if any(v.name == name for v in self.voices):
            raise ScoreValueError(f"{self._where()}: a voice named {name!r} exists already")
        _check_range(f"{self._where()}, voice {name!r}: staff", staff, 1, self.staves)
        if number is None:
            used = {v.number for v in self.voices}
            number = next(n for n in range(4 * staff - 3, 100) if n not in used)
        voice = Voice(self, name, number, staff, channel, track)
        self.voices.append(voice)
        self.score._version += 1
        return voice

    @property
    def notes(self) -> list[Note]:
        """Every note of every voice (voice by voice)."""
        return [n for v in self.voices for n in v.notes]

    def __repr__(self) -> str:
        return f"<Part {self.name!r}: {len(self.voices)} voices>"


class Score(_ContourOwner):
    """A score: metadata, meter and key maps, the tempo contour, contours and parts."""

    def __init__(
        self,
        title: str = "",
        composer: str = "",
        *,
        a4: float = 440.0,
        tempo_beat: TimeLike = Fraction(1, 4),
    ) -> None:
        self.title = title
        self.composer = composer
        self.a4 = float(a4)
        self.tempo_beat = as_length(tempo_beat, "tempo beat unit")
        self.meters = MeterMap()
        self.keys = KeyMap()
        self.parts: list[Part] = []
        self.contours = {}
        self._version = 0
        self._cache: dict[bool, tuple[int, list[Event]]] = {}

    def _where(self) -> str:
        return "score"

    def _touch(self) -> None:
        self._version += 1

    @property
    def tempo(self) -> Contour:
        """The global tempo contour: beats per minute of ``tempo_beat`` (quarters by default)."""
        return self.contour("tempo")

    def meter(self, meter: str | Meter, at: TimeLike = 0) -> None:
        """Put a time signature in force from ``at`` (a bar line)."""
        value = meter if isinstance(meter, Meter) else Meter.parse(meter)
        self.meters.set(value, as_time(at, "meter time"))
        self._version += 1

    def pickup(self, length: TimeLike) -> None:
        """Make the first bar an anacrusis of ``length`` whole notes."""
        self.meters.set_pickup(as_time(length, "pickup"))
        self._version += 1

    def key(self, key: str | Key, at: TimeLike = 0) -> None:
        """Put a key signature in force from ``at``; it spells later MIDI-number pitches."""
        value = key if isinstance(key, Key) else Key.parse(key)
        self.keys.set(value, as_time(at, "key time"))
        self._version += 1

    def part(self, name: str, **options: Any) -> Part:
        """Add a part (options as for :class:`Part`)."""
        if any(p.name == name for p in self.parts):
            raise ScoreValueError(f"a part named {name!r} exists already")
        part = Part(self, name, **options)
        self.parts.append(part)
        self._version += 1
        return part

    @property
    def voices(self) -> list[Voice]:
        return [v for p in self.parts for v in p.voices]

    @property
    def end(self) -> Fraction:
        """Where the last notated note ends (0 for an empty score)."""
        ends = [v.notes[-1].end for v in self.voices if v.notes]
        return max(ends, default=Fraction(0))

    @property
    def sounding_end(self) -> Fraction:
        """Where the last sound ends (a note may sound past its period)."""
        return max((n.release for v in self.voices for n in v.notes), default=self.end)

    def where(self, time: Fraction, part: Part | None = None, voice: Voice | None = None) -> str:
        """A place for messages: ``part 'Piano', voice 'RH', bar 3, beat 2 (time 9/4)``."""
        bar, beat = self.meters.locate(time)
        place = [] if part is None else [f"part {part.name!r}"]
        place += [] if voice is None else [f"voice {voice.name!r}"]
        place.append(f"bar {bar}, beat {format_beat(beat)} (time {time})")
        return ", ".join(place)

    def events(self, *, sounding: bool = False) -> list[Event]:
        """The one time-ordered event list (see :mod:`scoreframe.events` for the order).

        ``sounding=True`` merges each tie chain into one :class:`~scoreframe.note.TieChain`.
        """
        from .events import build_events

        cached = self._cache.get(sounding)
        if cached is None or cached[0] != self._version:
            cached = (self._version, build_events(self, sounding=sounding))
            self._cache[sounding] = cached
        return list(cached[1])  # a copy: the cached list stays the score's own

    def validate(self) -> None:
        """Check the rules of the model; raise a ScoreStructureError naming the place."""
        from .validation import validate

        validate(self)

    def write(self, path: str | Path, **options: Any) -> Path:
        """Write the score; the suffix picks the format (see :mod:`scoreframe.formats`)."""
        from .formats import write

        return write(self, path, **options)

    def __repr__(self) -> str:
        return f"<Score {self.title!r}: {len(self.parts)} parts>"
