"""A voice: one line of a part, notes appended at a cursor, chords sharing a period.

Building is the composer's hot path (a generated piece may hold a million notes), so the
cursor lives on an integer grid (the least common multiple of the denominators met so far) and
each note is made without the general constructors' checks (:func:`scoreframe.time.fraction`,
:func:`scoreframe.note.make_note`), after the same checks :meth:`Voice.note` always made;
a plain note is kept as plain values until the notes are read (:meth:`Voice._settle`).
``voice.notes`` is a read-only view of the voice's notes; called, it adds many notes at once.

>>> import scoreframe as sf
>>> v = sf.Score().part("Flute").voice("Fl")
>>> _ = v.note("A4", "1/4"); _ = v.chord(["C5", "E5"], "1/8")
>>> added = v.notes([60, None, [62, 65], 67], ["1/8", "1/8", "1/4", "1/2"],
...                 velocities=[90, None, 70, 80])
>>> [str(n.pitch) for n in added], v.cursor
(['C4', 'None', 'D4', 'F4', 'G4'], Fraction(11, 8))
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from itertools import chain
from math import lcm
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

from .bulk import paused_gc
from .errors import ScoreValueError
from .limits import LIMITS, check_time
from .notation import Grace, Slur, VoiceNotation, fingering_of, lyrics_of
from .note import Articulation, ExtraValue, Note, as_articulation, make_note
from .owners import ContourOwner
from .pitch import Pitch, PitchLike, as_pitch
from .settings import DEFAULT_STAFF, check, check_text
from .time import TimeLike, as_length, as_time, fraction
from .voice_bulk import LATER_FIELDS, add_columns, add_each, each, held_notes, plain_velocity

if TYPE_CHECKING:
    from .score import Part

_NO_MARKS: frozenset[Articulation] = frozenset()
_LATEST = LIMITS.time
_PITCH = attrgetter("pitch")


@lru_cache(maxsize=4096, typed=True)
def _cached_pitch(value: PitchLike, fifths: int) -> Pitch:
    """Pitches are immutable values: read each name or number once."""
    return as_pitch(value, fifths)


#: Pitches given as names, or as ints where no key signature is set (so spelled as in C
#: major), by what was given: a plain dict is quicker than the lru_cache. Each value's type
#: is one of two (str, int) that never compare equal, so no two kinds share a key (``True``,
#: ``60.0`` never come here).
_SPELLED: dict[int | str, Pitch] = {}


def _remember(value: int | str, pitch: Pitch) -> None:
    """Keep ``pitch`` as the spelling of ``value`` (at most 4096 kept, as the lru_cache)."""
    if len(_SPELLED) >= 4096:
        _SPELLED.clear()
    _SPELLED[value] = pitch


@lru_cache(maxsize=1024, typed=True)
def _cached_length(value: int | str, what: str) -> Fraction:
    """Lengths given as ints or text (``"1/8"``), each read once."""
    return as_length(value, what)


class Notes(Sequence[Note]):
    """A voice's notes and rests in onset order (chord members in the order given): a
    read-only view that follows the voice, as a dict's ``keys()`` follow the dict
    (``tuple(voice.notes)`` keeps a copy). It compares equal to a tuple or list of the same
    notes. Called, it adds many notes at once (see :meth:`Voice.add_notes`), without reading
    the notes there are: a piece built a phrase a call costs what one call for it all costs.

    >>> import scoreframe as sf
    >>> v = sf.Score().part("P").voice()
    >>> notes = v.notes
    >>> _ = v.notes([60, 62], "1/4")
    >>> len(notes), notes[-1].onset, notes == tuple(v.notes)
    (2, Fraction(1, 4), True)
    """

    __slots__ = ("_voice",)

    def __init__(self, voice: Voice) -> None:
        self._voice = voice

    def __call__(
        self,
        pitches: Iterable[PitchLike | Sequence[PitchLike] | None],
        periods: TimeLike | Iterable[TimeLike],
        *,
        durations: Iterable[TimeLike | None] | None = None,
        velocities: Iterable[int | None] | None = None,
        at: TimeLike | None = None,
    ) -> Sequence[Note]:
        return self._voice.add_notes(
            pitches, periods, durations=durations, velocities=velocities, at=at
        )

    def __len__(self) -> int:
        return len(self._voice._read())

    @overload
    def __getitem__(self, index: int) -> Note: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Note, ...]: ...

    def __getitem__(self, index: int | slice) -> Note | tuple[Note, ...]:
        return self._voice._read()[index]

    def __iter__(self) -> Iterator[Note]:
        return iter(self._voice._read())

    def __reversed__(self) -> Iterator[Note]:
        return reversed(self._voice._read())

    def __contains__(self, value: object) -> bool:
        return value in self._voice._read()

    def index(self, value: Any, start: int = 0, stop: int = sys.maxsize) -> int:
        return self._voice._read().index(value, start, stop)

    def count(self, value: Any) -> int:
        return self._voice._read().count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Notes):
            other = other._voice._read()
        if isinstance(other, list):
            other = tuple(other)
        if not isinstance(other, tuple):
            return NotImplemented
        return self._voice._read() == other

    __hash__ = None  # type: ignore[assignment]  # a view follows the voice

    def __repr__(self) -> str:
        return f"Notes({list(self._voice._read())!r})"


class Voice(ContourOwner):
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
        # Plain notes note() added and not yet made into ``_notes`` (see :meth:`_settle`).
        self._later: list[Any] = []
        self._view: tuple[Note, ...] | None = None  # the notes in onset order, once read
        self._notes_view = Notes(self)
        self._sorted = True
        # Every note so far was added by the checked builders after the notes before it end,
        # untied and on the voice's staff: no chord, overlap or tie to check (validation.py).
        self._plain = True
        # The cursor on an integer grid: ``_at / _grid`` whole notes; ``_scale`` maps each
        # denominator met to ``_grid // denominator``; ``_last`` is the latest onset of a note so
        # far (a note before it puts the list out of onset order).
        self._grid, self._scale, self._at, self._last = 1, {1: 1}, 0, -1
        self.staff = staff
        self.number = number if number is not None else part._free_number(staff)
        self.channel = channel
        self.track = track
        self._notation: VoiceNotation | None = None

    def _where(self) -> str:
        return f"part {self.part.name!r}, voice {self.name!r}"

    def _touch(self) -> None:
        self.part.score._changes += 1

    def _version(self) -> int:
        return self.part.score._changes

    def _lineage(self) -> tuple[ContourOwner, ...]:
        return (self, self.part, self.part.score)

    # -- settings ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        if not check_text(value, f"{self._where()}: name"):
            raise ScoreValueError(f"{self._where()}: a voice name must be non-empty text")
        names = self.part._voice_names
        if names.get(value, self) is not self:
            raise ScoreValueError(
                f"part {self.part.name!r}: a voice named {value!r} exists already"
            )
        del names[self._name]
        names[value] = self
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
        if value is not None:
            check_text(value, f"{self._where()}: track")
        self._track = value
        self._touch()

    @property
    def effective_channel(self) -> int | None:
        return self.channel if self.channel is not None else self.part.channel

    # -- the cursor ---------------------------------------------------------------------------
    @property
    def cursor(self) -> Fraction:
        """Where the next note goes when no ``at`` is given (a Fraction of whole notes)."""
        return fraction(self._at, self._grid)

    @cursor.setter
    def cursor(self, value: TimeLike) -> None:
        at = self._ticks(self._onset(value))
        if at < self._at and (self._notes or self._later):
            self._plain = False  # the next note may overlap
        self._at = at

    def _ticks(self, value: Fraction) -> int:
        """``value`` on the cursor's grid, widening the grid when its denominator is new."""
        den = value._denominator  # type: ignore[attr-defined]  # see scoreframe/time.py
        scale = self._scale.get(den)
        if scale is None:
            check_time(value, f"{self._where()}: a time")  # a new denominator: in the limits?
            self._settle()  # the notes held for later hold starts on the grid before
            grid = lcm(self._grid, den)
            factor = grid // self._grid
            self._scale = {d: grid // d for d in (*self._scale, den)}
            self._at, self._last, self._grid = self._at * factor, self._last * factor, grid
            scale = self._scale[den]
        ticks: int = value._numerator * scale  # type: ignore[attr-defined]
        return ticks

    # -- notes -------------------------------------------------------------------------------
    @property
    def notes(self) -> Notes:
        """The notes and rests in onset order (a read-only view, :class:`Notes`);
        ``voice.notes(pitches, periods...)`` adds many at once (:meth:`add_notes`)."""
        return self._notes_view

    def _read(self) -> tuple[Note, ...]:
        """The notes in onset order, as a tuple made once after each change."""
        view = self._view
        if view is None:
            self._settle()
            if not self._sorted:
                self._notes.sort(key=lambda n: n.onset)
                self._sorted = True
            view = self._view = tuple(self._notes)
        return view

    def _pitches(self) -> Iterator[Pitch | None]:
        """Every note's pitch (None: a rest), in no set order, held notes left unmade."""
        return chain(map(_PITCH, self._notes), self._later[3::LATER_FIELDS])

    def _held(self) -> tuple[list[Note], list[int], int, list[Any], list[Any], list[Any]] | None:
        """The notes in onset order, those :meth:`note` holds left unmade: the notes made so
        far, then the held ones as columns (their starts on the grid, the grid, their
        durations, pitches (None: a rest) and own velocities); None when none is held or the
        notes are out of order (a reader of many notes then need not make them).

        >>> import scoreframe as sf
        >>> v = sf.Score().part("P").voice(); _ = v.note("C4", "1/4"); _ = v.rest("1/4")
        >>> _ = v.note("D4", "1/8", velocity=90)  # a new denominator: the notes so far are made
        >>> _ = v.note("E4", "1/8")
        >>> made, starts, grid, durations, pitches, velocities = v._held()
        >>> len(made), starts, grid, [str(d) for d in durations], [str(p) for p in pitches]
        (2, [4, 5], 8, ['1/8', '1/8'], ['D4', 'E4'])
        >>> velocities
        [90, None]
        """
        later = self._later
        if not later or not self._sorted:
            return None
        step = LATER_FIELDS
        columns = later[0::step], later[2::step], later[3::step], later[4::step]
        return self._notes, columns[0], self._grid, *columns[1:]

    def _add(self, note: Note) -> Note:
        """Append a Note a reader made from checked values (a document's notes): the cursor's
        grid, the order and the time limit kept as :meth:`note` keeps them; the cursor moves
        to its end."""
        self._settle()
        onset = note.onset
        start = self._ticks(onset)
        grid = self._grid
        step = self._ticks(note.period)
        if self._grid != grid:
            start *= self._grid // grid
        if start < self._last:
            self._sorted = False
        self._plain = False  # a reader's note: validation checks it
        if start + step > _LATEST * self._grid:
            check_time(onset + note.period, f"{self._at_place(onset)}: the note's end")
        self._last, self._at = max(self._last, start), start + step
        self._notes.append(note)
        self._view = None
        self.part.score._changes += 1
        return note

    def _add_many(self, notes: Sequence[Note]) -> None:
        """:meth:`_add` for each of ``notes`` in turn (a reader's batch), with the cursor in
        local names; a note whose onset or period brings a new denominator goes through
        :meth:`_add` itself. All or nothing: when one is refused the voice is left as it was
        (the caller may then add them one by one to see which). tests/test_building.py
        checks it agrees with :meth:`_add`."""
        self._settle()
        self._plain = False  # a reader's notes: validation checks them
        before = (self._grid, self._scale, self._at, self._last, self._sorted)
        size = len(self._notes)
        append = self._notes.append
        grid, scale, at, last, sorted_ = before
        latest = _LATEST * grid
        try:
            for note in notes:
                onset, period = note[0], note[1]
                start = scale.get(onset._denominator)  # type: ignore[attr-defined]
                step = scale.get(period._denominator)  # type: ignore[attr-defined]
                if start is None or step is None:  # a new denominator: the plain way
                    self._grid, self._scale, self._at, self._last = grid, scale, at, last
                    self._sorted = sorted_
                    self._add(note)
                    grid, scale, at, last = self._grid, self._scale, self._at, self._last
                    sorted_, latest = self._sorted, _LATEST * grid
                    continue
                start *= onset._numerator  # type: ignore[attr-defined]
                step *= period._numerator  # type: ignore[attr-defined]
                if start < last:
                    sorted_ = False
                if start + step > latest:
                    check_time(onset + period, f"{self._at_place(onset)}: the note's end")
                last, at = max(last, start), start + step
                append(note)
        except ScoreValueError:
            self._grid, self._scale, self._at, self._last, self._sorted = before
            del self._notes[size:]
            raise
        self._grid, self._scale, self._at, self._last, self._sorted = grid, scale, at, last, sorted_
        self._view = None
        self.part.score._changes += 1

    def _extend(self, notes: Sequence[Note]) -> None:
        """Append notes built already, in onset order (a reader's bulk path, unchecked): the
        cursor goes to the last one's end and the score is told once. The caller validates
        the score after (``score.validate()`` finds any note out of order)."""
        if not notes:
            return
        self._settle()
        first, last = self._ticks(notes[0].onset), notes[-1]
        if first < self._last:
            self._sorted = False
        self._notes.extend(notes)
        self._plain = False
        self._last = max(self._last, self._ticks(last.onset))
        self._at = self._ticks(last.onset + last.period)
        self._view = None
        self.part.score._changes += 1

    def _settle(self) -> None:
        """Make the notes :meth:`note` held for later into ``_notes``, in the order added.

        A note that is a plain Note of the voice's staff (no tie, marks or extra values) is
        kept by :meth:`note` as five plain values, its start on the cursor's grid, until the
        notes are read: the Note it returns is freed when the caller drops it, so building a
        piece a note a call leaves nothing for the cyclic collector to scan again and again
        (at a million notes its full passes took half the time; bulk.py), and the notes are
        made here at once with the collector paused. Anything that reads or changes the list
        settles it first; the grid never widens while notes are held (:meth:`_ticks`)."""
        later = self._later
        if later:
            with paused_gc():
                self._notes += held_notes(later, self._grid)
            later.clear()

    def remove(self, note: Note) -> None:
        """Take ``note`` (a note of this voice) out; the cursor stays where it is."""
        self._settle()
        try:
            self._notes.remove(note)
        except ValueError:
            raise ScoreValueError(f"{self._where()}: {note} is not a note of this voice") from None
        self._view = None
        self._touch()

    def clear(self) -> None:
        """Take every note (and its lyrics, slurs and grace notes) out and put the cursor
        back at 0."""
        self._notes.clear()
        self._later.clear()
        self._notation = None
        self._view = None
        self._sorted = self._plain = True
        self._grid, self._scale, self._at, self._last = 1, {1: 1}, 0, -1
        self._touch()

    def _onset(self, at: TimeLike) -> Fraction:
        if type(at) is Fraction and at._numerator >= 0:  # type: ignore[attr-defined]
            return at  # the common case, read from its slots (see scoreframe/time.py)
        onset = as_time(at, f"{self._where()}: onset")
        if onset < 0:
            raise ScoreValueError(f"{self._where()}: onset {onset} is before the score starts")
        return onset

    def _length(self, value: object, onset: Fraction, what: str) -> Fraction:
        """A period or duration: a positive exact length, else an error naming the place."""
        try:
            if type(value) is Fraction:
                return as_length(value, what)
            if isinstance(value, int | str) and not isinstance(value, bool):
                return _cached_length(value, what)
            return as_length(value, what)  # type: ignore[arg-type]  # it says what is wrong
        except ScoreValueError as error:
            raise type(error)(f"{self._at_place(onset)}: {error}") from None

    def _at_place(self, onset: Fraction) -> str:
        return self.part.score.where(onset, self.part, self)

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
        lyric: str | Sequence[str] | None = None,
        fingering: int | str | None = None,
    ) -> Note:
        """Add a note (``pitch`` None: a rest) at the cursor or at ``at``; returns the Note.

        ``lyric``: a syllable (verse 1) or one per verse (see :class:`~.notation.Lyric`);
        ``fingering``: the finger (``3``) or a short text (``"1-2"``), drawn above the note."""
        onset = fraction(self._at, self._grid) if at is None else self._onset(at)
        if type(period) is not Fraction or period._numerator <= 0:  # type: ignore[attr-defined]
            period = self._length(period, onset, "period")
        sound = period if duration is None else self._length(duration, onset, "duration")
        if staff is not None or (
            velocity is not None and not plain_velocity(velocity)  # else: say why
        ):
            self._check(onset, velocity, staff)
        start = self._at if at is None else self._ticks(onset)
        grid = self._grid
        factor = self._scale.get(period._denominator)  # type: ignore[attr-defined]
        if factor is None:  # a new denominator: the grid widens (rarely)
            step = self._ticks(period)
            start *= self._grid // grid
            grid = self._grid
        else:
            step = period._numerator * factor  # type: ignore[attr-defined]
        end = start + step
        if end > _LATEST * grid:
            check_time(onset + period, f"{self._at_place(onset)}: the note's end")
        heard = None if pitch is None else self._pitch(pitch, onset)
        marks = frozenset(map(as_articulation, articulations)) if articulations else _NO_MARKS
        extra = tuple(sorted(values.items())) if values else ()
        tied = bool(tie)
        note = make_note(onset, period, sound, heard, tied, velocity, marks, staff, extra)
        if start < self._last:
            self._sorted = False
        else:
            self._last = start
        if start < self._at or staff is not None or tied:
            self._plain = False
        self._at = end
        if tied or staff is not None or marks or extra:
            self._settle()
            self._notes.append(note)
        else:  # the common note: kept as plain values, made into the list later
            self._later += (start, period, sound, heard, velocity)
        self._view = None
        self.part.score._changes += 1
        if lyric is not None:
            self.lyric(lyric, at=onset)
        if fingering is not None:
            self.finger(note, fingering)
        return note

    # -- notation (rare: kept beside the notes, keyed by onset) ------------------------------
    @property
    def notation(self) -> VoiceNotation:
        """The voice's lyrics, slurs and grace groups (see :mod:`scoreframe.notation`)."""
        if self._notation is None:
            self._notation = VoiceNotation()
        return self._notation

    def lyric(self, text: str | Sequence[str], *, at: TimeLike) -> None:
        """Put syllables (one per verse, from verse 1) under the note at ``at``."""
        onset = self._onset(at)
        lyrics = lyrics_of(text, self._at_place(onset))  # type: ignore[arg-type]
        held = {lyric.verse: lyric for lyric in self.notation.lyrics.get(onset, ())}
        held.update((lyric.verse, lyric) for lyric in lyrics)
        self.notation.lyrics[onset] = tuple(held[v] for v in sorted(held))
        self._touch()

    def finger(self, note: Note, fingering: int | str) -> None:
        """Put a fingering (``3``, ``"1-2"``) on ``note``, a pitched note of this voice."""
        where = self._at_place(note.onset)
        if note.pitch is None:
            raise ScoreValueError(f"{where}: a rest takes no fingering")
        self.notation.fingerings[(note.onset, note.pitch)] = fingering_of(fingering, where)
        self._touch()

    def slur(self, start: Note | TimeLike, end: Note | TimeLike) -> None:
        """A slur (or a phrase mark over slurs) from the note ``start`` to the note ``end``
        (notes of this voice, or their onsets); across bar lines and tie chains."""
        first = self._onset(start.onset if isinstance(start, Note) else start)
        last = self._onset(end.onset if isinstance(end, Note) else end)
        if last <= first:
            raise ScoreValueError(
                f"{self._at_place(first)}: a slur must end on a later note than it starts"
            )
        self.notation.slurs.append(Slur(first, last))
        self._touch()

    def grace(
        self,
        pitches: Iterable[PitchLike],
        *,
        slash: bool = False,
        at: TimeLike | None = None,
        length: TimeLike | None = None,
    ) -> None:
        """Grace notes before the note at ``at`` (default: the cursor, so the next note
        appended): ``slash=True`` an acciaccatura. Each sounds ``length`` (default 1/32)
        before the beat in MIDI, Csound and live (see :mod:`scoreframe.notation`)."""
        onset = self.cursor if at is None else self._onset(at)
        made = tuple(self._pitch(p, onset) for p in pitches)
        if not made:
            raise ScoreValueError(f"{self._at_place(onset)}: grace notes need pitches")
        sound = Grace(onset, made, bool(slash)).length
        if length is not None:
            sound = self._length(length, onset, "grace length")
        self.notation.graces[onset] = Grace(onset, made, bool(slash), sound)
        self._touch()

    def _check(self, onset: Fraction, velocity: object, staff: object) -> None:
        """A note's own velocity (1..127) and staff (the part's), else an error saying where."""
        try:
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
            raise type(error)(f"{self._at_place(onset)}: {error}") from None

    def _pitch(self, pitch: PitchLike, onset: Fraction) -> Pitch:
        kind = type(pitch)
        if kind is Pitch:
            return pitch  # type: ignore[return-value]
        plain = kind is str or (kind is int and not self.part.score.keys._times)  # as in C
        if plain:
            found = _SPELLED.get(pitch)  # type: ignore[arg-type]
            if found is not None:
                return found
        fifths = 0
        keys = self.part.score.keys
        if keys and not isinstance(pitch, str):
            key = keys.key_at(onset)
            fifths = key.fifths if key else 0
        try:
            made = _cached_pitch(pitch, fifths)
        except TypeError:  # unhashable: let as_pitch say what is wrong
            return as_pitch(pitch, fifths)
        except ScoreValueError as error:
            raise type(error)(f"{self._at_place(onset)}: {error}") from None
        if plain:
            _remember(pitch, made)  # type: ignore[arg-type]
        return made

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
        """Add notes sharing one onset and one period (options as for :meth:`note`;
        ``fingering`` one per pitch, in the order given: ``fingering=[1, 3, 5]``)."""
        onset = self.cursor if at is None else self._onset(at)
        chosen = list(pitches)
        fingers = options.pop("fingering", None)
        fingers = [None] * len(chosen) if fingers is None else fingers
        if isinstance(fingers, int | str) or len(fingers) != len(chosen):
            raise ScoreValueError(
                f"{self._at_place(onset)}: a chord takes one fingering per pitch, in the order "
                f"given (None for none): fingering=[1, 3, 5], not {fingers!r}"
            )
        notes = [
            self.note(p, period, at=onset, fingering=f, **options)
            for p, f in zip(chosen, fingers, strict=True)
        ]
        if not notes:
            raise ScoreValueError(f"{self._where()}, time {onset}: a chord needs pitches")
        return notes

    def add_notes(
        self,
        pitches: Iterable[PitchLike | Sequence[PitchLike] | None],
        periods: TimeLike | Iterable[TimeLike],
        *,
        durations: Iterable[TimeLike | None] | None = None,
        velocities: Iterable[int | None] | None = None,
        at: TimeLike | None = None,
    ) -> Sequence[Note]:
        """Add many notes one after another (also ``voice.notes(...)``): each pitch a pitch,
        None (a rest) or a sequence of pitches (a chord); ``periods`` one length for all or
        one each; ``durations`` and ``velocities`` one each (None: the usual default); from
        ``at`` (default: the cursor). Checked by the rules of :meth:`note`, errors naming the
        place; nothing is added when one is refused."""
        items = list(pitches)
        count = len(items)
        lengths = each(periods, count, "periods")
        sounds = each(durations, count, "durations")
        loud = each(velocities, count, "velocities")
        made: Sequence[Note] | None = None
        if at is None:  # the common call: the notes held so far stay held
            with paused_gc():
                made = add_columns(self, items, lengths, sounds, loud)
        if made is None:
            made = self._add_each(items, lengths, sounds, loud, at)
        self._view = None
        self.part.score._changes += 1
        return made

    def _add_each(
        self, items: list[Any], lengths: list[Any], sounds: list[Any], loud: list[Any], at: Any
    ) -> Sequence[Note]:
        """:meth:`add_notes` from ``at``, or when the columns could not take it: the notes
        made first, so that a refused note leaves the voice as it was."""
        self._settle()
        before = (self._grid, self._scale, self._at, self._last, len(self._notes))
        flags = (self._sorted, self._plain)
        if at is not None:
            self.cursor = at
        try:
            with paused_gc():
                made: Sequence[Note] | None = None
                if at is not None:
                    made = add_columns(self, items, lengths, sounds, loud)
                if made is None:  # a chord, a key signature or a refused value
                    made = add_each(self, items, lengths, sounds, loud)
        except ScoreValueError:
            self._grid, self._scale, self._at, self._last, size = before
            self._sorted, self._plain = flags
            del self._notes[size:]
            raise
        return made

    def __repr__(self) -> str:
        count = len(self._notes) + len(self._later) // LATER_FIELDS
        return f"<Voice {self.name!r} of {self.part.name!r}: {count} notes>"
