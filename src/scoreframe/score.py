"""The score model: a score holds parts, a part holds voices, a voice holds notes.

The model guards its own state: notes, voices and parts are read as tuples and added through
methods; settings are properties whose setters check the value (:mod:`scoreframe.settings`)
and tell the score, so its cached event list is rebuilt.

>>> score = Score(title="Sketch")
>>> score.meter("3/4")
>>> v = score.part("Flute", program=74).voice("Fl")
>>> _ = v.note("A4", "1/4"); _ = v.note("B4", "1/8", duration="1/16"); _ = v.rest("1/8")
>>> _ = v.chord(["C5", "E5"], "1/4")
>>> v.cursor, len(v.notes), score.end
(Fraction(3, 4), 5, Fraction(3, 4))
>>> v.part.channel = 17
Traceback (most recent call last):
...
scoreframe.errors.ScoreValueError: part 'Flute': channel 17 must be an int in 1..16
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, overload

from .clef import Clef
from .contour import Contour, Curve, Real, Resolved, control_name, resolve
from .errors import ScoreValueError
from .meter import Key, KeyMap, Meter, MeterMap, format_beat
from .note import Articulation, ExtraValue, Note, as_articulation
from .pitch import Pitch, PitchLike, as_pitch
from .settings import (
    DEFAULT_A4,
    DEFAULT_PART,
    DEFAULT_STAFF,
    DEFAULT_TEMPO_BEAT,
    RANGES,
    PartOptions,
    PartSettings,
    check,
)
from .time import TimeLike, as_length, as_time

if TYPE_CHECKING:
    from .events import Event
    from .formats import WriteOptions


_NO_MARKS: frozenset[Articulation] = frozenset()
Get = TypeVar("Get")
Set = TypeVar("Set")


@lru_cache(maxsize=4096, typed=True)
def _cached_pitch(value: PitchLike, fifths: int) -> Pitch:
    """Pitches are immutable values: read each name or number once."""
    return as_pitch(value, fifths)


class _ContourOwner:
    """Named contours of a voice, a part or the score (looked up voice, part, score)."""

    contours: dict[str, Contour]
    _views: dict[str, tuple[int, Resolved]]

    def _where(self) -> str:
        raise NotImplementedError

    def _touch(self) -> None:
        raise NotImplementedError

    def _version(self) -> int:
        raise NotImplementedError

    def contour(self, name: str) -> Contour:
        """The contour called ``name`` here, created empty on first use."""
        if name == "tempo" and not isinstance(self, Score):
            raise ScoreValueError(f"{self._where()}: tempo is a score contour (score.tempo)")
        if name not in self.contours:
            curve = Curve.EXPONENTIAL if name == "tempo" else Curve.LINEAR
            self.contours[name] = _TrackedContour(name, curve, self._where(), self)
        return self.contours[name]

    def _lineage(self) -> tuple[_ContourOwner, ...]:
        """This owner, then those it inherits contours from, nearest first."""
        return (self,)

    def resolved(self, name: str) -> Resolved:
        """Contour ``name`` as this owner follows it over time: its own from its start, else
        what it inherits (the one rule of inheritance; see :func:`scoreframe.contour.resolve`)."""
        version = self._version()
        cached = self._views.get(name)
        if cached is None or cached[0] != version:
            view = resolve(name, [owner.contours.get(name) for owner in self._lineage()])
            cached = self._views[name] = (version, view)
        return cached[1]

    def value_at(self, name: str, time: TimeLike) -> Real | None:
        """The contour value in force here at ``time``: this owner's, else inherited."""
        when = as_time(time, f"{self._where()}: contour time")
        return self.resolved(name).value_at(when)

    def inherited_value(self, name: str, time: Fraction) -> Real | None:
        """The value of contour ``name`` at ``time`` from the owners this one inherits from."""
        parents = self._lineage()[1:]
        return resolve(name, [owner.contours.get(name) for owner in parents]).value_at(time)

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
        number: int | None = None,
        staff: int = DEFAULT_STAFF,
        channel: int | None = None,
        track: str | None = None,
    ) -> None:
        self.part = part
        self._name = name
        self.contours = {}
        self._views = {}
        self._notes: list[Note] = []
        self._view: tuple[Note, ...] | None = ()
        self._sorted = True
        self.cursor = Fraction(0)
        self.staff = staff
        self.number = number if number is not None else part._free_number(staff)
        self.channel = channel
        self.track = track

    def _where(self) -> str:
        return f"part {self.part.name!r}, voice {self.name!r}"

    def _touch(self) -> None:
        self.part.score._changes += 1

    def _version(self) -> int:
        return self.part.score._changes

    def _lineage(self) -> tuple[_ContourOwner, ...]:
        return (self, self.part, self.part.score)

    # -- settings ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ScoreValueError(f"{self._where()}: a voice name must be non-empty text")
        if any(v is not self and v.name == value for v in self.part.voices):
            raise ScoreValueError(
                f"part {self.part.name!r}: a voice named {value!r} exists already"
            )
        self._name = value
        self._touch()

    @property
    def number(self) -> int:
        """The MusicXML voice number (1..99)."""
        return self._number

    @number.setter
    def number(self, value: int) -> None:
        self._number = check("voice_number", value, f"{self._where()}:")
        self._touch()

    @property
    def staff(self) -> int:
        """The staff the voice is written on (1 up to the part's staves)."""
        return self._staff

    @staff.setter
    def staff(self, value: int) -> None:
        staves = self.part.staves
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= staves:
            raise ScoreValueError(f"{self._where()}: staff {value!r} must be an int in 1..{staves}")
        self._staff = value
        self._touch()

    @property
    def channel(self) -> int | None:
        """The voice's own MIDI channel (1..16), or None: the part's."""
        return self._channel

    @channel.setter
    def channel(self, value: int | None) -> None:
        self._channel = None if value is None else check("channel", value, f"{self._where()}:")
        self._touch()

    @property
    def track(self) -> str | None:
        """The name of the MIDI track the voice goes to (None: its part's)."""
        return self._track

    @track.setter
    def track(self, value: str | None) -> None:
        if value is not None and not isinstance(value, str):
            raise ScoreValueError(f"{self._where()}: track {value!r} must be text or None")
        self._track = value
        self._touch()

    @property
    def effective_channel(self) -> int | None:
        return self.channel if self.channel is not None else self.part.channel

    # -- notes -------------------------------------------------------------------------------
    @property
    def notes(self) -> tuple[Note, ...]:
        """The notes and rests in onset order (chord members in the order given)."""
        view = self._view
        if view is None:
            if not self._sorted:
                self._notes.sort(key=lambda n: n.onset)
                self._sorted = True
            view = self._view = tuple(self._notes)
        return view

    def _add(self, note: Note) -> Note:
        notes = self._notes
        if notes and note.onset < notes[-1].onset:
            self._sorted = False
        notes.append(note)
        self._view = None
        self.cursor = note.onset + note.period
        self.part.score._changes += 1
        return note

    def remove(self, note: Note) -> None:
        """Take ``note`` (a note of this voice) out; the cursor stays where it is."""
        try:
            self._notes.remove(note)
        except ValueError:
            raise ScoreValueError(f"{self._where()}: {note} is not a note of this voice") from None
        self._view = None
        self._touch()

    def clear(self) -> None:
        """Take every note out and put the cursor back at 0."""
        self._notes.clear()
        self._view = ()
        self._sorted = True
        self.cursor = Fraction(0)
        self._touch()

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
            if velocity is not None:
                check("velocity", velocity)
            if staff is not None:
                staves = self.part.staves
                if (
                    isinstance(staff, bool)
                    or not isinstance(staff, int)
                    or not (1 <= staff <= staves)
                ):
                    raise ScoreValueError(f"staff {staff!r} must be an int in 1..{staves}")
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

    def __repr__(self) -> str:
        return f"<Voice {self.name!r} of {self.part.name!r}: {len(self._notes)} notes>"


class _Setting(Generic[Get, Set]):
    """A part setting: read from the part's :class:`PartSettings`, changed by making a new
    one (checked there), and the score told."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, part: None, owner: type) -> _Setting[Get, Set]: ...
    @overload
    def __get__(self, part: Part, owner: type) -> Get: ...
    def __get__(self, part: Part | None, owner: type) -> Get | _Setting[Get, Set]:
        if part is None:
            return self
        value: Get = getattr(part.settings, self.name)
        return value

    def __set__(self, part: Part, value: Set) -> None:
        try:
            changed = replace(part.settings, **{self.name: value})  # type: ignore[arg-type]
        except ScoreValueError as error:
            raise ScoreValueError(f"{part._where()}: {error}") from None
        part.settings = changed


class Part(_ContourOwner):
    """An instrument: one MusicXML part and, by default, one MIDI track.

    Its settings (``program``, ``channel``, ``bank``, ``staves``, ``clefs``, ``percussion``,
    ``instrument``, ``pfields``, ``bend_range``, ``abbreviation``) are one
    :class:`~scoreframe.settings.PartSettings`; each can be read and set as an attribute.
    """

    def __init__(self, score: Score, name: str, settings: PartSettings = DEFAULT_PART) -> None:
        self.score = score
        self._name = name
        self._settings = settings
        self._voices: list[Voice] = []
        self.contours = {}
        self._views = {}

    def _where(self) -> str:
        return f"part {self.name!r}"

    def _touch(self) -> None:
        self.score._changes += 1

    def _version(self) -> int:
        return self.score._changes

    def _lineage(self) -> tuple[_ContourOwner, ...]:
        return (self, self.score)

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ScoreValueError(f"{self._where()}: a part name must be non-empty text")
        if any(p is not self and p.name == value for p in self.score.parts):
            raise ScoreValueError(f"a part named {value!r} exists already")
        self._name = value
        self._touch()

    @property
    def settings(self) -> PartSettings:
        """All the part's settings, one frozen value."""
        return self._settings

    @settings.setter
    def settings(self, value: PartSettings) -> None:
        if not isinstance(value, PartSettings):
            raise ScoreValueError(f"{self._where()}: settings must be a PartSettings")
        for voice in self._voices:
            _fits(voice, value.staves)
        self._settings = value
        self._touch()

    program: _Setting[int | None, int | None] = _Setting("MIDI program, 1..128 (None: none).")
    channel: _Setting[int | None, int | None] = _Setting("MIDI channel, 1..16 (None: a free one).")
    bank: _Setting[int | None, int | None] = _Setting("MIDI bank, 0..16383 (None: none sent).")
    staves: _Setting[int, int] = _Setting("Staves, 1..4.")
    clefs: _Setting[tuple[Clef, ...] | None, Iterable[Clef | str] | None] = _Setting(
        "One :class:`~scoreframe.clef.Clef` per staff (None: chosen from the notes)."
    )
    percussion: _Setting[bool, bool] = _Setting("Unpitched: MIDI channel 10, a percussion clef.")
    instrument: _Setting[int | str | None, int | str | None] = _Setting(
        "The Csound instrument, a number or a name."
    )
    pfields: _Setting[tuple[str, ...] | None, Iterable[str] | None] = _Setting(
        "The Csound p-fields from p4 on (names)."
    )
    bend_range: _Setting[int, int] = _Setting("The pitch-bend range in semitones, 1..24.")
    abbreviation: _Setting[str | None, str | None] = _Setting("The short name on later systems.")

    def voice(
        self,
        name: str | None = None,
        *,
        staff: int = DEFAULT_STAFF,
        number: int | None = None,
        channel: int | None = None,
        track: str | None = None,
    ) -> Voice:
        """Add a voice; its MusicXML number defaults to the next free one of its staff."""
        name = name or f"{self.name} {len(self._voices) + 1}"
        if any(v.name == name for v in self._voices):
            raise ScoreValueError(f"{self._where()}: a voice named {name!r} exists already")
        voice = Voice(self, name, number, staff, channel, track)
        self._voices.append(voice)
        self.score._changes += 1
        return voice

    def _free_number(self, staff: int) -> int:
        """The first MusicXML voice number of ``staff`` no voice has (1-4 on staff 1, 5-8 on
        staff 2...)."""
        used = {v.number for v in self._voices}
        numbers = RANGES["voice_number"]
        for number in range(4 * staff - 3, numbers.high + 1):
            if number not in used:
                return number
        raise ScoreValueError(f"{self._where()}: every voice number is taken")

    @property
    def voices(self) -> tuple[Voice, ...]:
        """The voices in the order they were added."""
        return tuple(self._voices)

    @property
    def notes(self) -> list[Note]:
        """Every note of every voice (voice by voice)."""
        return [n for v in self._voices for n in v.notes]

    def __repr__(self) -> str:
        return f"<Part {self.name!r}: {len(self._voices)} voices>"


def _fits(voice: Voice, staves: int) -> None:
    """A voice (its staff and its notes' staves) must fit the part's ``staves``."""
    highest = max([voice.staff, *(n.staff for n in voice.notes if n.staff is not None)])
    if highest > staves:
        raise ScoreValueError(
            f"{voice._where()}: it writes on staff {highest}; the part cannot have only "
            f"{staves} staves (move the voice or its notes first)"
        )


class Score(_ContourOwner):
    """A score: metadata, meter and key maps, the tempo contour, contours and parts."""

    def __init__(
        self,
        title: str = "",
        composer: str = "",
        *,
        a4: float = DEFAULT_A4,
        tempo_beat: TimeLike = DEFAULT_TEMPO_BEAT,
    ) -> None:
        self._changes = 0
        self.title = title
        self.composer = composer
        self.a4 = a4
        self.tempo_beat = tempo_beat
        self.meters = MeterMap()
        self.keys = KeyMap()
        self._parts: list[Part] = []
        self.contours = {}
        self._views = {}
        self._cache: dict[bool, tuple[int, list[Event]]] = {}

    def _where(self) -> str:
        return "score"

    def _touch(self) -> None:
        self._changes += 1

    def _version(self) -> int:
        return self._changes

    # -- settings ----------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, value: str) -> None:
        self._title = _text(value, "title")
        self._touch()

    @property
    def composer(self) -> str:
        return self._composer

    @composer.setter
    def composer(self, value: str) -> None:
        self._composer = _text(value, "composer")
        self._touch()

    @property
    def a4(self) -> float:
        """The frequency of A4 in Hz (440 unless set)."""
        return self._a4

    @a4.setter
    def a4(self, value: float) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float | Fraction)
            or not (math.isfinite(value) and value > 0)
        ):
            raise ScoreValueError(f"score a4 {value!r} must be a frequency in Hz above 0")
        self._a4 = float(value)
        self._touch()

    @property
    def tempo_beat(self) -> Fraction:
        """The note value the tempo counts (a quarter unless set)."""
        return self._tempo_beat

    @tempo_beat.setter
    def tempo_beat(self, value: TimeLike) -> None:
        self._tempo_beat = as_length(value, "tempo beat unit")
        self._touch()

    @property
    def tempo(self) -> Contour:
        """The global tempo contour: beats per minute of ``tempo_beat`` (quarters by default)."""
        return self.contour("tempo")

    def meter(self, meter: str | Meter, at: TimeLike = 0) -> None:
        """Put a time signature in force from ``at`` (a bar line)."""
        value = meter if isinstance(meter, Meter) else Meter.parse(meter)
        self.meters.set(value, as_time(at, "meter time"))
        self._changes += 1

    def pickup(self, length: TimeLike) -> None:
        """Make the first bar an anacrusis of ``length`` whole notes."""
        self.meters.set_pickup(as_time(length, "pickup"))
        self._changes += 1

    def key(self, key: str | Key, at: TimeLike = 0) -> None:
        """Put a key signature in force from ``at``; it spells later MIDI-number pitches."""
        value = key if isinstance(key, Key) else Key.parse(key)
        self.keys.set(value, as_time(at, "key time"))
        self._changes += 1

    def part(self, name: str, **options: Unpack[PartOptions]) -> Part:
        """Add a part (options: the fields of :class:`~scoreframe.settings.PartSettings`)."""
        if not isinstance(name, str) or not name:
            raise ScoreValueError(f"part name {name!r} must be non-empty text")
        if any(p.name == name for p in self._parts):
            raise ScoreValueError(f"a part named {name!r} exists already")
        unknown = sorted(set(options) - set(PartSettings.names()))
        if unknown:
            raise ScoreValueError(
                f"part {name!r}: unknown option {unknown[0]!r}; valid: "
                f"{', '.join(PartSettings.names())}"
            )
        try:
            settings = PartSettings(**options)  # type: ignore[arg-type]
        except ScoreValueError as error:
            raise ScoreValueError(f"part {name!r}: {error}") from None
        part = Part(self, name, settings)
        self._parts.append(part)
        self._changes += 1
        return part

    @property
    def parts(self) -> tuple[Part, ...]:
        """The parts in the order they were added."""
        return tuple(self._parts)

    @property
    def voices(self) -> list[Voice]:
        return [v for p in self._parts for v in p.voices]

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
        if cached is None or cached[0] != self._changes:
            cached = (self._changes, build_events(self, sounding=sounding))
            self._cache[sounding] = cached
        return list(cached[1])  # a copy: the cached list stays the score's own

    def validate(self) -> None:
        """Check the rules of the model; raise a ScoreStructureError naming the place."""
        from .validation import validate

        validate(self)

    def write(self, path: str | Path, **options: Unpack[WriteOptions]) -> Path:
        """Write the score; the suffix picks the format (see :mod:`scoreframe.formats`)."""
        from .formats import write

        return write(self, path, **options)

    # -- notebooks (scoreframe.render.notebook) ----------------------------------------------
    def _repr_html_(self) -> str:
        """Jupyter's view: the first page of notation (verovio), else a summary table."""
        from .render.notebook import html_of

        return html_of(self)

    def _repr_svg_(self) -> str | None:
        from .render.notebook import first_page

        return first_page(self)

    def show(self, kind: str = "notation", **options: Any) -> Any:
        """Show the notation, the sound (``kind="audio"``) or the piano roll
        (``kind="pianoroll"``) in a notebook (see :mod:`scoreframe.render.notebook`)."""
        from .render.notebook import show

        return show(self, kind, **options)

    def __repr__(self) -> str:
        return f"<Score {self.title!r}: {len(self._parts)} parts>"


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ScoreValueError(f"score {what} {value!r} must be text")
    return value


__all__ = ["Clef", "Part", "PartSettings", "Score", "Voice"]
