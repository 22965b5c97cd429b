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

from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, overload

from .clef import Clef
from .contour import Contour
from .errors import ScoreValueError
from .limits import LIMITS
from .meter import Key, KeyMap, Meter, MeterMap, format_beat
from .note import Note
from .owners import ContourOwner
from .settings import (
    DEFAULT_A4,
    DEFAULT_PART,
    DEFAULT_STAFF,
    DEFAULT_TEMPO_BEAT,
    RANGES,
    PartOptions,
    PartSettings,
    check_text,
)
from .time import TimeLike, as_length, as_time
from .voice import Voice

if TYPE_CHECKING:
    from .events import Event
    from .formats import WriteOptions


Get = TypeVar("Get")
Set = TypeVar("Set")


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


class Part(ContourOwner):
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
        self._voice_names: dict[str, Voice] = {}
        self.contours = {}
        self._views = {}

    def _where(self) -> str:
        return f"part {self.name!r}"

    def _touch(self) -> None:
        self.score._changes += 1

    def _version(self) -> int:
        return self.score._changes

    def _lineage(self) -> tuple[ContourOwner, ...]:
        return (self, self.score)

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if not check_text(value, f"{self._where()}: name"):
            raise ScoreValueError(f"{self._where()}: a part name must be non-empty text")
        names = self.score._part_names
        if names.get(value, self) is not self:
            raise ScoreValueError(f"a part named {value!r} exists already")
        del names[self._name]
        names[value] = self
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
        name = check_text(
            name or f"{self.name} {len(self._voices) + 1}", f"{self._where()}: voice name"
        )
        if name in self._voice_names:
            raise ScoreValueError(f"{self._where()}: a voice named {name!r} exists already")
        voice = Voice(self, name, number, staff, channel, track)
        self._voices.append(voice)
        self._voice_names[name] = voice
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


class Score(ContourOwner):
    """A score: metadata, meter and key maps, the tempo contour, contours and parts."""

    _holds_tempo = True

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
        self._part_names: dict[str, Part] = {}  # names are unique: found without a scan
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
        self._title = check_text(value, "score title")
        self._touch()

    @property
    def composer(self) -> str:
        return self._composer

    @composer.setter
    def composer(self, value: str) -> None:
        self._composer = check_text(value, "score composer")
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
            or not 0 < value <= LIMITS.value  # exact for ints of any size; False for NaN
        ):
            raise ScoreValueError(
                f"score a4 {repr(value)[:40]} must be a frequency in Hz above 0 (and at most "
                f"{LIMITS.value:g})"
            )
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
        if not check_text(name, "part name"):
            raise ScoreValueError(f"part name {name!r} must be non-empty text")
        if name in self._part_names:
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
        self._part_names[name] = part
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


__all__ = ["Clef", "Part", "PartSettings", "Score", "Voice"]
