"""Meters, keys and their maps: which bar and beat a time falls in, which key spells a number.

>>> m = MeterMap()
>>> m.set(Meter.parse("4/4"))
>>> m.set(Meter.parse("3/4"), Fraction(2))
>>> m.locate(Fraction(9, 4))
(3, Fraction(2, 1))
>>> [str(b.meter) for b in m.bars(Fraction(3))]
['4/4', '4/4', '3/4', '3/4']
>>> Key.parse("Eb major").fifths, Key.parse("c# minor").fifths
(-3, 4)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from .errors import MeterError

ZERO = Fraction(0)

_METER = re.compile(r"^\s*(?P<num>\d+(?:\s*\+\s*\d+)*)\s*/\s*(?P<den>\d+)\s*$")
_SYMBOLS = {"C": "4/4", "c": "4/4", "C|": "2/2", "c|": "2/2"}


def default_groups(numerator: int, denominator: int) -> tuple[int, ...]:
    """The beat groups of a time signature, in units of ``1/denominator`` (the one rule the
    model, the MIDI conductor and the notation read). Over 8 or more: compound meters by
    threes (6/8, 9/8, 12/16), other meters by twos and a last three when odd (4/8 2+2, 5/8
    2+3, 13/8 2+2+2+2+2+3), and three or fewer units as one beat (3/8 is one in a bar);
    over 4 or less, every unit a beat.

    >>> default_groups(3, 8), default_groups(4, 8), default_groups(10, 8), default_groups(13, 8)
    ((3,), (2, 2), (2, 2, 2, 2, 2), (2, 2, 2, 2, 2, 3))
    >>> default_groups(12, 8), default_groups(3, 4)
    ((3, 3, 3, 3), (1, 1, 1))
    """
    if denominator < 8:
        return (1,) * numerator
    if numerator % 3 == 0 and numerator > 3:
        return (3,) * (numerator // 3)
    if numerator > 3:
        twos = (numerator - 3) // 2 if numerator % 2 else numerator // 2
        return (2,) * twos + ((3,) if numerator % 2 else ())
    return (numerator,)


@dataclass(frozen=True, slots=True)
class Meter:
    """A time signature. ``groups`` is the beat grouping in units of ``1/denominator``."""

    numerator: int
    denominator: int
    groups: tuple[int, ...] = ()
    symbol: str = ""
    additive: bool | None = None
    """Written with its groups (``2+3/8``), even where they are the default grouping; None:
    when the groups were given (``Meter(5, 8, (2, 3))``, ``"2+3/8"``)."""

    def __post_init__(self) -> None:
        if self.numerator < 1 or self.numerator > 255:
            raise MeterError(f"meter {self}: the numerator must lie within 1..255")
        if self.denominator < 1 or self.denominator & (self.denominator - 1):
            raise MeterError(f"meter {self}: the denominator must be a power of two (2, 4, 8...)")
        if self.denominator > 128:
            raise MeterError(f"meter {self}: the denominator must be at most 128")
        if self.additive is None:
            object.__setattr__(self, "additive", len(self.groups) > 1)
        if not self.groups:
            object.__setattr__(self, "groups", default_groups(self.numerator, self.denominator))
        elif sum(self.groups) != self.numerator:
            raise MeterError(f"meter {self}: the groups {self.groups} must add up to the numerator")

    @classmethod
    def parse(cls, text: str) -> Meter:
        """Read ``"4/4"``, ``"7/8"``, ``"3+2+2/8"`` (beat groups), ``"C"`` or ``"C|"``.

        >>> str(Meter.parse("2+3/8")), str(Meter.parse("5/8")), Meter.parse("2+3/8").groups
        ('2+3/8', '5/8', (2, 3))
        """
        if not isinstance(text, str):
            raise MeterError(f"meter {text!r} must be text such as '4/4' or a Meter")
        symbol = text.strip() if text.strip() in _SYMBOLS else ""
        match = _METER.match(_SYMBOLS.get(text.strip(), text))
        if match is None:
            raise MeterError(
                f"meter {text!r} is not a time signature such as '4/4', '7/8', '3+2+2/8' or 'C'"
            )
        parts = tuple(int(p) for p in match["num"].split("+"))
        groups = parts if len(parts) > 1 else ()
        return cls(sum(parts), int(match["den"]), groups, symbol)

    @property
    def bar_length(self) -> Fraction:
        """The length of a full bar in whole notes."""
        return Fraction(self.numerator, self.denominator)

    @property
    def beats(self) -> tuple[Fraction, ...]:
        """The beat lengths in whole notes (dotted beats in compound meters)."""
        return tuple(Fraction(g, self.denominator) for g in self.groups)

    @property
    def compound(self) -> bool:
        """True for 6/8, 9/8, 12/16...: beats of three units."""
        return all(g == 3 for g in self.groups) and len(self.groups) > 1

    def __str__(self) -> str:
        if self.additive or (
            self.groups
            and len(set(self.groups)) > 1
            and self.groups != default_groups(self.numerator, self.denominator)
        ):
            return "+".join(map(str, self.groups)) + f"/{self.denominator}"
        return f"{self.numerator}/{self.denominator}"


class Mode(Enum):
    """The mode of a key."""

    MAJOR = "major"
    MINOR = "minor"
    IONIAN = "ionian"
    DORIAN = "dorian"
    PHRYGIAN = "phrygian"
    LYDIAN = "lydian"
    MIXOLYDIAN = "mixolydian"
    AEOLIAN = "aeolian"
    LOCRIAN = "locrian"


# A mode's key signature, in fifths from the major key on the same tonic (a table).
MODE_FIFTHS: dict[Mode, int] = {
    Mode.MAJOR: 0,
    Mode.IONIAN: 0,
    Mode.MINOR: -3,
    Mode.AEOLIAN: -3,
    Mode.DORIAN: -2,
    Mode.PHRYGIAN: -4,
    Mode.LYDIAN: 1,
    Mode.MIXOLYDIAN: -1,
    Mode.LOCRIAN: -5,
}


_KEY = re.compile(
    r"^\s*(?P<tonic>[A-Ga-g])(?P<acc>#|b|s|f)?(?:\s*[- ]?\s*(?P<mode>[A-Za-z]+))?\s*$"
)
_LINE_OF_FIFTHS = "FCGDAEB"


@dataclass(frozen=True, slots=True)
class Key:
    """A key signature: ``fifths`` sharps (negative: flats) and a mode."""

    fifths: int
    mode: Mode = Mode.MAJOR

    def __post_init__(self) -> None:
        if not -7 <= self.fifths <= 7:
            raise MeterError(f"key with {self.fifths} fifths: a key signature has at most 7")

    @classmethod
    def parse(cls, text: str) -> Key:
        """Read ``"Eb major"``, ``"c# minor"``, ``"D dorian"``, ``"F"`` (major by default)."""
        if not isinstance(text, str):
            raise MeterError(f"key {text!r} must be text such as 'Eb major' or a Key")
        match = _KEY.match(text)
        mode_name = (match["mode"] or "major").upper() if match else ""
        if match is None or mode_name not in Mode.__members__:
            modes = ", ".join(m.lower() for m in Mode.__members__)
            raise MeterError(
                f"key {text!r} is not a key such as 'Eb major' or 'c# minor' (modes: {modes})"
            )
        alter = {"#": 1, "s": 1, "b": -1, "f": -1}.get(match["acc"] or "", 0)
        tonic = _LINE_OF_FIFTHS.index(match["tonic"].upper()) - 1 + 7 * alter
        mode = Mode[mode_name]
        fifths = tonic + MODE_FIFTHS[mode]
        if not -7 <= fifths <= 7:
            raise MeterError(
                f"key {text!r} needs {fifths} fifths; write its enharmonic twin instead"
            )
        return cls(fifths, mode)

    @property
    def minor(self) -> bool:
        return self.mode in (Mode.MINOR, Mode.AEOLIAN)

    def __str__(self) -> str:
        offset = MODE_FIFTHS[self.mode]
        tonic_fifths = self.fifths - offset
        step = _LINE_OF_FIFTHS[(tonic_fifths + 1) % 7]
        alter = (tonic_fifths + 1) // 7
        return f"{step}{'#' * alter if alter > 0 else 'b' * -alter} {self.mode.name.lower()}"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the meter map: its number (0 for a pickup), start time, length and meter."""

    number: int
    start: Fraction
    length: Fraction
    meter: Meter
    irregular: bool = False
    """Shorter than its meter, which stays in force (a bar before a repeat, a section end)."""

    @property
    def end(self) -> Fraction:
        return self.start + self.length


@dataclass(frozen=True, slots=True)
class _Run:
    """Bars of one length and meter in a row: ``count`` bars from ``start`` (None: for ever),
    the first numbered ``number``."""

    start: Fraction
    length: Fraction
    meter: Meter
    number: int
    count: int | None
    irregular: bool = False


class MeterMap:
    """Time signatures at times, with an optional pickup and irregular bars; bars numbered
    from 1 (pickup: 0).

    An irregular bar is shorter than its meter and keeps it (the bar before a repeat or at a
    section end): the next bar starts after it, in the same meter.

    >>> m = MeterMap(); m.set(Meter.parse("3/4")); m.set_irregular(2, Fraction(1, 4))
    >>> [(b.number, str(b.length), b.irregular) for b in m.bars(Fraction(2))]
    [(1, '3/4', False), (2, '1/4', True), (3, '3/4', False), (4, '3/4', False)]
    >>> m.locate(Fraction(5, 4))
    (3, Fraction(2, 1))

    A change that fails (off a bar line, a pickup too long) leaves the map as it was. A
    change lays out the bars again only from the entry before it on (the bars before keep
    theirs), so building a map of n changes in time order is linear, and each query a
    bisection.
    """

    def __init__(self) -> None:
        self._times: list[Fraction] = [Fraction(0)]
        self._meters: list[Meter] = [Meter(4, 4)]
        self._irregular: dict[int, Fraction] = {}
        self._runs: list[_Run] = [_Run(Fraction(0), Fraction(1), Meter(4, 4), 1, None)]
        self._run_starts: list[Fraction] = [Fraction(0)]
        self._entries: list[tuple[int, int]] = [(0, 1)]  # each entry's first run and bar
        self.pickup = Fraction(0)

    def set(self, meter: Meter, at: Fraction = Fraction(0)) -> None:
        """Put ``meter`` in force from time ``at`` (it must fall on a bar line)."""
        if at < 0:
            raise MeterError(f"meter {meter} at time {at}: times start at 0")
        times, meters = list(self._times), list(self._meters)
        i = bisect.bisect_left(times, at)
        if i < len(times) and times[i] == at:
            meters[i] = meter
        else:
            times.insert(i, at)
            meters.insert(i, meter)
        cause = f"meter {meter} at time {at}"
        self._commit(times, meters, self.pickup, self._irregular, cause, max(i - 1, 0))

    def set_pickup(self, length: Fraction) -> None:
        """Make the first bar an anacrusis of ``length`` (shorter than a full bar)."""
        self._commit(self._times, self._meters, length, self._irregular, f"a pickup of {length}")

    def set_irregular(self, bar: int, length: Fraction) -> None:
        """Make bar number ``bar`` (1 or more) last ``length``, shorter than its meter, which
        stays in force: no new time signature is written (``length`` None-like 0: undo)."""
        if isinstance(bar, bool) or not isinstance(bar, int) or bar < 1:
            raise MeterError(f"irregular bar {bar!r} must be a bar number, 1 or more")
        irregular = dict(self._irregular)
        if length:
            irregular[bar] = length
        else:
            irregular.pop(bar, None)
        cause = f"bar {bar} of {length}"
        entry = max(bisect.bisect_right([n for _, n in self._entries], bar) - 1, 0)
        self._commit(self._times, self._meters, self.pickup, irregular, cause, entry)

    @property
    def irregular(self) -> dict[int, Fraction]:
        """Bar number -> length of each irregular bar."""
        return dict(self._irregular)

    @property
    def changes(self) -> list[tuple[Fraction, Meter]]:
        """The (time, meter) entries in time order."""
        return list(zip(self._times, self._meters, strict=True))

    def meter_at(self, time: Fraction) -> Meter:
        return self._meters[bisect.bisect_right(self._times, time) - 1]

    def _commit(
        self,
        times: list[Fraction],
        meters: list[Meter],
        pickup: Fraction,
        irregular: dict[int, Fraction],
        cause: str,
        entry: int = 0,
    ) -> None:
        """Check the bar lines of a proposed map and adopt it, or raise and keep the old one.

        The bars are laid out again from entry ``entry`` on; the entries before it must be
        unchanged (their bars are kept)."""
        first = meters[0]
        if pickup < 0 or pickup >= first.bar_length:
            raise MeterError(
                f"pickup {pickup} must be at least 0 and shorter than the first bar ({first} "
                f"lasts {first.bar_length}); give the length of the incomplete first bar"
            )
        if entry and pickup == self.pickup and entry < len(self._entries):
            first_run, number = self._entries[entry]
            kept = _Layout(self._runs[:first_run], self._entries[:entry], times[entry], number)
        else:
            kept = _Layout([], [], pickup, 1)
        prefix = len(kept.runs)  # the runs kept (_runs appends the new ones to the list)
        runs, entries = _runs(times, meters, pickup, irregular, cause, kept)
        self._times, self._meters, self.pickup = list(times), list(meters), pickup
        self._irregular = dict(sorted(irregular.items()))
        self._runs, self._entries = runs, entries
        self._run_starts = self._run_starts[:prefix] + [r.start for r in runs[prefix:]]

    def locate(self, time: Fraction) -> tuple[int, Fraction]:
        """The bar number and the beat (1-based, in units of the meter's denominator).

        >>> m = MeterMap(); m.set_pickup(Fraction(1, 4))
        >>> m.locate(Fraction(0)), m.locate(Fraction(1, 4)), m.locate(Fraction(11, 8))
        ((0, Fraction(4, 1)), (1, Fraction(1, 1)), (2, Fraction(3, 2)))
        """
        run = self._runs[max(bisect.bisect_right(self._run_starts, time) - 1, 0)]
        meter = run.meter
        if run.number == 0:  # the pickup: its beats count back from the bar's end
            return 0, 1 + (meter.bar_length - run.length + time) * meter.denominator
        count, offset = divmod(time - run.start, run.length)
        if run.count is not None and count >= run.count:  # past the last run (an end)
            count, offset = run.count - 1, time - run.start - (run.count - 1) * run.length
        return run.number + int(count), 1 + offset * meter.denominator

    def bars(self, until: Fraction) -> Iterator[Bar]:
        """The bars that start before ``until`` (at least one), in order."""
        made = False
        for run in self._runs:
            time, number = run.start, run.number
            left = run.count
            while left is None or left > 0:
                if time >= until and made:
                    return
                yield Bar(number, time, run.length, run.meter, run.irregular)
                made = True
                time += run.length
                number += 1
                if left is not None:
                    left -= 1


@dataclass(frozen=True, slots=True)
class _Layout:
    """The bars kept from an earlier layout: their runs, the entries they hold (each entry's
    first run and bar number), and where the next entry starts (its time and bar number)."""

    runs: list[_Run]
    entries: list[tuple[int, int]]
    time: Fraction
    number: int


def _runs(
    times: list[Fraction],
    meters: list[Meter],
    pickup: Fraction,
    irregular: dict[int, Fraction],
    cause: str,
    kept: _Layout,
) -> tuple[list[_Run], list[tuple[int, int]]]:
    """The bars of a proposed map as runs (after the ``kept`` ones) and each entry's first run
    and bar number, checking that every meter change falls on a bar line and every irregular
    bar is shorter than its meter."""
    runs, entries = kept.runs, kept.entries
    if pickup and not runs:
        runs.append(_Run(Fraction(0), pickup, meters[0], 0, 1))
    time, number = kept.time, kept.number
    ordered = sorted(irregular)
    pending = ordered[bisect.bisect_left(ordered, number) :]
    for i in range(len(entries), len(meters)):
        meter = meters[i]
        entries.append((len(runs), number))
        end = times[i + 1] if i + 1 < len(times) else None
        length = meter.bar_length
        if end is not None and end < time:  # inside the pickup
            beat = 1 + (length - pickup + end) * meter.denominator
            culprit = f"meter {meters[i + 1]} at time {end}"
            since = "" if culprit == cause else f" once {cause} is in force"
            raise MeterError(
                f"{culprit} falls inside bar 0 (beat {format_beat(beat)}){since}; meter "
                f"changes must fall on bar lines: move it to time 0 or {pickup}"
            )
        while end is None or time < end:
            short = pending[0] if pending else None
            full = None if end is None else (end - time) // length
            if short is not None and (
                end is None
                or full is None
                or short - number < full
                or (short - number == full and time + full * length < end)
            ):
                if short - number:
                    runs.append(_Run(time, length, meter, number, short - number))
                    time += (short - number) * length
                    number = short
                bar_length = irregular[short]
                if not 0 < bar_length < length:
                    raise MeterError(
                        f"bar {short} of {bar_length}: an irregular bar must be shorter than "
                        f"its meter ({meter} lasts {length}) and longer than 0"
                    )
                runs.append(_Run(time, bar_length, meter, number, 1, irregular=True))
                time += bar_length
                number += 1
                pending.pop(0)
                if end is not None and time > end:
                    _off_bar_line(meters[i + 1], end, number - 1, time - bar_length, meter, cause)
                continue
            if end is None:
                runs.append(_Run(time, length, meter, number, None))
                return runs, entries
            assert full is not None
            if time + full * length != end:
                at = time + full * length
                _off_bar_line(meters[i + 1], end, number + int(full), at, meter, cause)
            if full:
                runs.append(_Run(time, length, meter, number, int(full)))
            time, number = end, number + int(full)
    return runs, entries


def _off_bar_line(
    meter: Meter, at: Fraction, bar: int, bar_start: Fraction, before: Meter, cause: str
) -> None:
    """The error for a meter change that falls inside ``bar`` (which starts at ``bar_start``)."""
    beat = 1 + (at - bar_start) * before.denominator
    after = bar_start + before.bar_length
    culprit = f"meter {meter} at time {at}"
    since = "" if culprit == cause else f" once {cause} is in force"
    raise MeterError(
        f"{culprit} falls inside bar {bar} (beat {format_beat(beat)}){since}; meter "
        f"changes must fall on bar lines: move it to time {max(bar_start, ZERO)} or {after}"
    )


def format_beat(beat: Fraction) -> str:
    """A beat for people: ``2``, ``2 1/2``.

    >>> format_beat(Fraction(5, 2)), format_beat(Fraction(3))
    ('2 1/2', '3')
    """
    whole, part = divmod(beat, 1)
    return f"{whole}" if not part else f"{whole} {part}"


class KeyMap:
    """Key signatures at times (none: C major, used only to spell MIDI-number pitches)."""

    def __init__(self) -> None:
        self._times: list[Fraction] = []
        self._keys: list[Key] = []

    def set(self, key: Key, at: Fraction = Fraction(0)) -> None:
        if at < 0:
            raise MeterError(f"key {key} at time {at}: times start at 0")
        i = bisect.bisect_left(self._times, at)
        if i < len(self._times) and self._times[i] == at:
            self._keys[i] = key
        else:
            self._times.insert(i, at)
            self._keys.insert(i, key)

    def __bool__(self) -> bool:
        """True when the map holds a key."""
        return bool(self._times)

    def key_at(self, time: Fraction) -> Key | None:
        i = bisect.bisect_right(self._times, time) - 1
        return self._keys[i] if i >= 0 else None

    @property
    def changes(self) -> list[tuple[Fraction, Key]]:
        return list(zip(self._times, self._keys, strict=True))
