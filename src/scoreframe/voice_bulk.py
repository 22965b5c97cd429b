"""The bulk ``voice.notes(pitches, periods, ...)``: many notes at once, by the rules of
:meth:`Voice.note <scoreframe.voice.Voice.note>`.

Two ways, one result. :func:`add_columns` takes the common call (no chords, no key signature,
every value acceptable) column by column: each *distinct* value (by identity: a million notes
hold a handful of periods and a few dozen pitches) is read and checked once by the voice's own
rules, the grid is widened once, the starts are a running sum of ints, and the notes are held
on the voice as plain values, as ``note()`` holds its notes, until they are read (the call
returns them as :class:`Added`, made when first read). Anything else, or any refused value,
goes to :func:`add_each`, the note-by-note loop, which names the place of the first refused note
exactly as ``note()`` would; nothing is changed before the choice, so the answer is the same
either way (tests/test_building.py checks it).

>>> import scoreframe as sf
>>> v = sf.Score().part("P").voice()
>>> [str(n.onset) for n in v.notes([60, 62, None], ["1/8", "1/4", "1/8"])], v.cursor
(['0', '1/8', '3/8'], Fraction(1, 2))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from functools import partial
from itertools import accumulate, repeat
from math import gcd, lcm
from operator import is_not
from typing import TYPE_CHECKING, Any, overload

from .errors import ScoreValueError
from .limits import LIMITS, check_time
from .note import Note
from .pitch import Pitch
from .settings import RANGES

if TYPE_CHECKING:
    from .voice import Voice

_NO_MARKS: frozenset[Any] = frozenset()
_LOWEST, _HIGHEST = RANGES["velocity"].low, RANGES["velocity"].high
_LATEST = LIMITS.time
_ZERO = Fraction(0)
_new, _make = object.__new__, tuple.__new__


def each(values: Any, count: int, what: str) -> list[Any]:
    """``values`` one per note: a sequence of ``count``, or (periods only) one for all."""
    if values is None:
        return [None] * count
    if isinstance(values, int | str | Fraction) and not isinstance(values, bool):
        return [values] * count
    out = list(values)
    if len(out) != count:
        raise ScoreValueError(f"{what}: {len(out)} given for {count} notes; give one each")
    return out


def plain_velocity(value: object) -> bool:
    """True for a plain int velocity in range (1..127, the settings' rule): the quick test
    before :meth:`Voice._check <scoreframe.voice.Voice._check>`, which says what is wrong."""
    return type(value) is int and _LOWEST <= value <= _HIGHEST


#: Kinds whose values hash quickly and never compare equal across kinds (``1``, ``"1"``,
#: None): distinct pitches of these are found by value; any other by identity.
_BY_VALUE = {int, str, type(None)}


def _lengths(voice: Voice, values: list[Any], what: str, optional: bool) -> dict[int, Any] | None:
    """Each distinct length (by identity) read by the voice's rule (None kept where
    ``optional``), or None when one is refused (the note-by-note loop then says where)."""
    out: dict[int, Any] = {}
    try:
        for key, value in dict(zip(map(id, values), values, strict=True)).items():
            if value is None and optional:
                out[key] = None
            elif type(value) is Fraction and value._numerator > 0 and not optional:  # type: ignore[attr-defined]
                out[key] = value  # a period: its limits are checked as the grid widens
            else:
                out[key] = voice._length(value, _ZERO, what)
    except ScoreValueError:
        return None
    return out


def _pitches(voice: Voice, items: list[Any]) -> list[Pitch | None] | None:
    """Each item's pitch, each distinct one read once by the voice's rule; None when one is
    refused or is a chord (the note-by-note loop takes those)."""
    by_value = set(map(type, items)) <= _BY_VALUE
    distinct = set(items) if by_value else dict(zip(map(id, items), items, strict=True))
    out: dict[Any, Pitch | None] = {}
    try:
        for value in distinct if by_value else distinct.values():  # type: ignore[union-attr]
            if type(value) is list or type(value) is tuple:
                return None
            out[value if by_value else id(value)] = (
                None if value is None else voice._pitch(value, _ZERO)
            )
    except ScoreValueError:
        return None
    return list(map(out.__getitem__, items if by_value else map(id, items)))


def _velocities_plain(values: list[Any]) -> bool:
    """True when each velocity is None or a plain int in range (else the loop checks)."""
    kinds = set(map(type, values))
    if not kinds <= {int, type(None)}:
        return False
    given = set(values) - {None}
    return not given or (plain_velocity(min(given)) and plain_velocity(max(given)))


def _grid_for(voice: Voice, periods: dict[int, Fraction]) -> tuple[int, dict[int, int]] | None:
    """The voice's grid and scale widened for the periods' new denominators (their limits
    checked as :meth:`Voice._ticks` checks them), or None when one is refused."""
    grid, scale = voice._grid, voice._scale
    new = {p._denominator for p in periods.values()} - scale.keys()  # type: ignore[attr-defined]
    if not new:
        return grid, scale
    try:
        for period in periods.values():
            if period._denominator in new:  # type: ignore[attr-defined]
                check_time(period, f"{voice._where()}: a time")
    except ScoreValueError:
        return None
    grid = lcm(grid, *new)
    return grid, {d: grid // d for d in (*scale, *new)}


def add_columns(
    voice: Voice, items: list[Any], lengths: list[Any], sounds: list[Any], loud: list[Any]
) -> Added | None:
    """The common bulk call column by column (see the module doc); None, with nothing
    changed, where :func:`add_each` must take it."""
    if not items or voice.part.score.keys._times or not _velocities_plain(loud):
        return None
    plain_sound = not any(map(is_not, sounds, repeat(None)))
    period_of = _lengths(voice, lengths, "period", optional=False)
    sound_of = {} if plain_sound else _lengths(voice, sounds, "duration", optional=True)
    widened = None if period_of is None else _grid_for(voice, period_of)
    if period_of is None or sound_of is None or widened is None:
        return None
    heard = _pitches(voice, items)
    if heard is None:
        return None
    grid, scale = widened
    factor = grid // voice._grid
    given = all(id(p) == k for k, p in period_of.items())  # all Fractions as they came
    periods = lengths if given else list(map(period_of.__getitem__, map(id, lengths)))
    step_of = {k: p._numerator * scale[p._denominator] for k, p in period_of.items()}
    starts = list(
        accumulate(map(step_of.__getitem__, map(id, lengths)), initial=voice._at * factor)
    )
    if starts[-1] > _LATEST * grid:
        return None  # the loop names the note that ends too late
    durations = periods if plain_sound else _durations(periods, sounds, sound_of)
    if factor != 1:
        voice._settle()  # the notes held so far hold starts on the grid before
    if starts[0] < voice._last * factor:
        voice._sorted = False
    last = max(voice._last * factor, starts[-2])  # the latest onset so far
    voice._grid, voice._scale, voice._at, voice._last = grid, scale, starts[-1], last
    del starts[-1]  # the cursor
    later, size, step = voice._later, len(voice._later), LATER_FIELDS
    later += repeat(None, step * len(starts))  # held as note() holds them (Voice._settle)
    for field, column in enumerate((starts, periods, durations, heard, loud)):
        later[size + field :: step] = column
    return Added(starts, grid, periods, durations, heard, loud)


class Added(Sequence[Note]):
    """The notes one bulk call added, in the order given: made when first read. The voice
    holds them as plain values, as :meth:`Voice.note <scoreframe.voice.Voice.note>` holds
    its notes, and makes its own (equal) Notes when its notes are read; these are for the
    caller, who usually drops them unread.

    >>> import scoreframe as sf
    >>> added = sf.Score().part("P").voice().notes([60, None], "1/4")
    >>> len(added), [str(n.onset) for n in added], added[1].is_rest, added == list(added)
    (2, ['0', '1/4'], True, True)
    """

    __slots__ = ("_columns", "_made")

    def __init__(self, starts: list[int], grid: int, *columns: list[Any]) -> None:
        self._columns: tuple[Any, ...] | None = (starts, grid, *columns)
        self._made: list[Note] = []

    def _notes(self) -> list[Note]:
        if self._columns is not None:
            self._made = _made(*self._columns)
            self._columns = None
        return self._made

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns is not None else len(self._made)

    @overload
    def __getitem__(self, index: int) -> Note: ...
    @overload
    def __getitem__(self, index: slice) -> list[Note]: ...
    def __getitem__(self, index: int | slice) -> Note | list[Note]:
        return self._notes()[index]

    def __iter__(self) -> Iterator[Note]:
        return iter(self._notes())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Added | list | tuple):
            return self._notes() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._notes())


def _durations(periods: list[Fraction], sounds: list[Any], sound_of: dict[int, Any]) -> list[Any]:
    """Each note's duration: its own, else its period."""
    return [p if s is None else sound_of[id(s)] for p, s in zip(periods, sounds, strict=True)]


def _onsets(starts: Iterable[int], grid: int) -> list[Fraction]:
    """``start / grid`` for each start, each made as :func:`~scoreframe.time.fraction` makes
    it (written out: the hot loop of the bulk call); a start equal to the one before (a
    chord's) shares its onset."""
    made: list[Fraction] = []
    add = made.append
    before, onset = -1, _ZERO
    for at in starts:
        if at == before:
            add(onset)
            continue
        before = at
        common = gcd(at, grid)
        onset = _new(Fraction)
        onset._numerator = at // common  # type: ignore[attr-defined]
        onset._denominator = grid // common  # type: ignore[attr-defined]
        add(onset)
    return made


def _notes(
    onsets: list[Fraction],
    periods: list[Fraction],
    durations: list[Fraction],
    heard: list[Pitch | None],
    loud: list[int | None],
) -> list[Note]:
    """The notes, made as :func:`~scoreframe.note.make_note` makes them, by ``zip`` and
    ``map`` (no Python-level step a note)."""
    fields = zip(
        onsets, periods, durations, heard, repeat(False), loud, repeat(_NO_MARKS), repeat(None),
        repeat(()),
    )  # fmt: skip
    return list(map(_note_of, fields))


_note_of = partial(tuple.__new__, Note)

#: The values :meth:`Voice.note <scoreframe.voice.Voice.note>` keeps of a plain note until
#: the voice's notes are read: its start on the cursor's grid, period, duration, pitch and
#: velocity, one after another in one flat list.
LATER_FIELDS = 5


def held_notes(later: list[Any], grid: int) -> list[Note]:
    """The Notes of the values ``note()`` held (:data:`LATER_FIELDS` a note), starts on
    ``grid``: equal to the Notes it returned.

    >>> from scoreframe.pitch import Pitch
    >>> quarter, c4 = Fraction(1, 4), Pitch.parse("C4")
    >>> [(str(n.onset), n.velocity) for n in held_notes([0, quarter, quarter, c4, None,
    ...                                                  4, quarter, quarter, None, 90], 16)]
    [('0', None), ('1/4', 90)]
    """
    step = LATER_FIELDS
    return _made(
        later[0::step], grid, later[1::step], later[2::step], later[3::step], later[4::step]
    )


def _made(
    starts: list[int],
    grid: int,
    periods: list[Fraction],
    durations: list[Fraction],
    heard: list[Pitch | None],
    loud: list[int | None],
) -> list[Note]:
    """The Notes of held values, column by column (starts on ``grid``)."""
    return _notes(_onsets(starts, grid), periods, durations, heard, loud)


def add_each(
    voice: Voice, items: list[Any], lengths: list[Any], sounds: list[Any], loud: list[Any]
) -> list[Note]:
    """The bulk call note by note, by :meth:`Voice.note`'s rules and in its order of checks,
    so that a refused note is named as ``note()`` names it; chords share their onset. The
    caller puts the voice back as it was when a note is refused."""
    made: list[Note] = []
    add, length = made.append, voice._length
    for pitch, period, sound, velocity in zip(items, lengths, sounds, loud, strict=True):
        onset = _onset(voice._at, voice._grid)
        if type(period) is not Fraction or period._numerator <= 0:  # type: ignore[attr-defined]
            period = length(period, onset, "period")
        if sound is not None:
            sound = length(sound, onset, "duration")
        if velocity is not None and not plain_velocity(velocity):
            voice._check(onset, velocity, None)
        grid, start = voice._grid, voice._at
        step = voice._ticks(period)  # may widen the grid
        start *= voice._grid // grid
        if start < voice._last:
            voice._sorted = False
        voice._last, voice._at = max(voice._last, start), start + step
        if voice._at > _LATEST * voice._grid:
            check_time(onset + period, f"{voice._at_place(onset)}: the note's end")
        sound = period if sound is None else sound
        if type(pitch) is list or type(pitch) is tuple:
            voice._plain = False  # a chord: validation checks its members
        for member in pitch if type(pitch) is list or type(pitch) is tuple else (pitch,):
            heard = None if member is None else voice._pitch(member, onset)
            add(_make(Note, (onset, period, sound, heard, False, velocity, _NO_MARKS, None, ())))
    voice._notes += made
    return made


def _onset(at: int, grid: int) -> Fraction:
    """``at / grid`` as a Fraction (:func:`~scoreframe.time.fraction`)."""
    common = gcd(at, grid)
    onset: Fraction = _new(Fraction)
    onset._numerator = at // common  # type: ignore[attr-defined]
    onset._denominator = grid // common  # type: ignore[attr-defined]
    return onset
