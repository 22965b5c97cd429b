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
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, overload

from .clef import Clef, as_clef
from .contour import Contour
from .errors import ScoreValueError
from .limits import LIMITS
from .meter import Key, KeyMap, Meter, MeterMap, format_beat
from .notation import (
    ACCENT_LENGTH,
    DEFAULT_LEVEL,
    DYNAMIC_MARKS,
    PEDAL_CHANGE,
    ClefChange,
    DynamicMark,
    Harmony,
    PartNotation,
    Pedal,
    Rehearsal,
    Text,
    as_placement,
)
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
    from pathlib import Path

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


def free_voice_number(staff: int, used: set[int]) -> int | None:
    """The first MusicXML voice number of ``staff`` not in ``used`` (1-4 on staff 1, 5-8 on
    staff 2...), or None when every number is taken."""
    for number in range(4 * staff - 3, RANGES["voice_number"].high + 1):
        if number not in used:
            return number
    return None


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
        self.notation = PartNotation()
        self.meters: MeterMap | None = None

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
    transpose: _Setting[str | None, str | None] = _Setting(
        'The transposition (``"Bb"``, ``"F"``, ``"8vb"``...; None: concert pitch).'
    )

    # -- notation at a time (see scoreframe.notation) -----------------------------------------
    def _time(self, at: TimeLike, what: str) -> Fraction:
        time = as_time(at, f"{self._where()}: {what} time")
        if time < 0:
            raise ScoreValueError(f"{self._where()}: {what} time {time} is before the score starts")
        return time

    def _staff(self, staff: int) -> int:
        if isinstance(staff, bool) or not isinstance(staff, int) or not 1 <= staff <= self.staves:
            raise ScoreValueError(
                f"{self._where()}: staff {staff!r} must be an int in 1..{self.staves}"
            )
        return staff

    def _mark(self, items: list[Any], item: Any) -> None:
        items.append(item)
        items.sort(key=lambda i: i.time)
        self._touch()

    def meter(self, meter: str | Meter, at: TimeLike = 0) -> None:
        """Give the part meters of its own (polymeter): from the first call it follows its own
        map (4/4 from time 0 until set, and the score's pickup); MusicXML writes its bars by
        it, while MIDI keeps the score's meters in its conductor track."""
        if self.meters is None:
            self.meters = MeterMap()
            if self.score.meters.pickup:
                self.meters.set_pickup(self.score.meters.pickup)
        value = meter if isinstance(meter, Meter) else Meter.parse(meter)
        try:
            self.meters.set(value, as_time(at, "meter time"))
        except ScoreValueError as error:
            raise type(error)(f"{self._where()}: {error}") from None
        self._touch()

    def irregular_bar(self, bar: int, length: TimeLike) -> None:
        """Make bar ``bar`` of the part's own meters (:meth:`meter`) last ``length``, shorter
        than its meter, which stays in force (as :meth:`Score.irregular_bar` does for the
        score's)."""
        if self.meters is None:
            raise ScoreValueError(
                f"{self._where()}: irregular bar {bar}: the part follows the score's meters; "
                "use score.irregular_bar, or give the part its own with part.meter(...) first"
            )
        try:
            self.meters.set_irregular(bar, as_time(length, "irregular bar length"))
        except ScoreValueError as error:
            raise type(error)(f"{self._where()}: {error}") from None
        self._touch()

    def text(self, text: str, *, at: TimeLike, placement: str = "above", staff: int = 1) -> None:
        """An expression or technique text (``"dolce"``, ``"pizz."``) at ``at``."""
        if not check_text(text, f"{self._where()}: text").strip():
            raise ScoreValueError(f"{self._where()}: a text must not be empty")
        made = Text(self._time(at, "text"), text, as_placement(placement), self._staff(staff))
        self._mark(self.notation.texts, made)

    def clef(self, clef: Clef | str, *, at: TimeLike, staff: int = 1) -> None:
        """A clef change on ``staff`` from ``at`` (at a note or rest of that staff)."""
        made = ClefChange(self._time(at, "clef"), as_clef(clef), self._staff(staff))
        self._mark(self.notation.clefs, made)

    def harmony(self, symbol: str, *, at: TimeLike) -> None:
        """A chord symbol (``"Cm7"``, ``"F#7/A#"``) at ``at``."""
        try:
            made = Harmony.parse(self._time(at, "chord symbol"), check_text(symbol, "chord"))
        except ScoreValueError as error:
            raise ScoreValueError(f"{self._where()}: {error}") from None
        self._mark(self.notation.harmonies, made)

    def pedal(self, *, at: TimeLike, release: TimeLike) -> None:
        """The sustain pedal down at ``at`` and up at ``release``: the part's CC 64 contour
        (127, then 0), drawn as pedal marks in MusicXML. A pedal pressed where another is
        released is a change: CC 64 goes down again :data:`~scoreframe.notation.PEDAL_CHANGE`
        later."""
        down, up = self._time(at, "pedal"), self._time(release, "pedal release")
        if up <= down:
            raise ScoreValueError(f"{self._where()}: the pedal must be released after {down}")
        pedals = self.notation.pedals
        releases, presses = {p.release for p in pedals}, {p.time for p in pedals}
        contour = self.control(64)
        if down in releases:  # a change: up on the beat, down just after
            contour.hold(0, at=down).hold(127, at=down + PEDAL_CHANGE)
        else:
            contour.hold(127, at=down)
        contour.hold(0, at=up)
        if up in presses:
            contour.hold(127, at=up + PEDAL_CHANGE)
        self._mark(pedals, Pedal(down, up))

    def dynamic(self, mark: str, *, at: TimeLike, staff: int = 1) -> None:
        """A dynamic mark at ``at`` that also sets the part's velocity there (the levels of
        :data:`~scoreframe.notation.DYNAMIC_MARKS`; an accent such as ``sfz`` returns to the
        level before it a sixteenth later)."""
        if mark not in DYNAMIC_MARKS:
            raise ScoreValueError(
                f"{self._where()}: dynamic {mark!r} is not one of: {', '.join(DYNAMIC_MARKS)}"
            )
        time = self._time(at, "dynamic")
        loud, after = DYNAMIC_MARKS[mark]
        if after == 0:  # an accent: back to the level in force before it
            before = self.resolved("velocity").value_at(time)
            after = DEFAULT_LEVEL if before is None else int(before)
        self.velocity.hold(loud, at=time)
        if after is not None:
            self.velocity.hold(after, at=time + ACCENT_LENGTH)
        self._mark(self.notation.dynamics, DynamicMark(time, mark, self._staff(staff)))

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
        number = free_voice_number(staff, {v.number for v in self._voices})
        if number is None:
            raise ScoreValueError(f"{self._where()}: every voice number is taken")
        return number

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
        subtitle: str = "",
        lyricist: str = "",
        copyright: str = "",
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
        self.subtitle = subtitle
        self.lyricist = lyricist
        self.copyright = copyright
        self.rehearsals: list[Rehearsal] = []

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
    def subtitle(self) -> str:
        return self._subtitle

    @subtitle.setter
    def subtitle(self, value: str) -> None:
        self._subtitle = check_text(value, "score subtitle")
        self._touch()

    @property
    def lyricist(self) -> str:
        return self._lyricist

    @lyricist.setter
    def lyricist(self, value: str) -> None:
        self._lyricist = check_text(value, "score lyricist")
        self._touch()

    @property
    def copyright(self) -> str:
        return self._copyright

    @copyright.setter
    def copyright(self, value: str) -> None:
        self._copyright = check_text(value, "score copyright")
        self._touch()

    def rehearsal(self, label: str, *, at: TimeLike) -> None:
        """A rehearsal mark at ``at``: boxed over the system, a MIDI marker, a Csound comment."""
        if not check_text(label, "rehearsal mark").strip():
            raise ScoreValueError("a rehearsal mark needs a label")
        time = as_time(at, "rehearsal mark time")
        if time < 0:
            raise ScoreValueError(f"rehearsal mark {label!r}: time {time} is before the start")
        self.rehearsals.append(Rehearsal(time, label))
        self.rehearsals.sort(key=lambda r: r.time)
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

    def irregular_bar(self, bar: int, length: TimeLike) -> None:
        """Make bar number ``bar`` last ``length`` whole notes, shorter than its meter, which
        stays in force (the bar before a repeat, a section end): notation writes no new time
        signature there, and the next bar starts after it in the same meter."""
        self.meters.set_irregular(bar, as_time(length, "irregular bar length"))
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
