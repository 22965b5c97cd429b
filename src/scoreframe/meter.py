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

    def __post_init__(self) -> None:
        if self.numerator < 1 or self.numerator > 255:
            raise MeterError(f"meter {self}: the numerator must lie within 1..255")
        if self.denominator < 1 or self.denominator & (self.denominator - 1):
            raise MeterError(f"meter {self}: the denominator must be a power of two (2, 4, 8...)")
        if self.denominator > 128:
            raise MeterError(f"meter {self}: the denominator must be at most 128")
        if not self.groups:
            object.__setattr__(self, "groups", default_groups(self.numerator, self.denominator))
        elif sum(self.groups) != self.numerator:
            raise MeterError(f"meter {self}: the groups {self.groups} must add up to the numerator")

    @classmethod
    def parse(cls, text: str) -> Meter:
        """Read ``"4/4"``, ``"7/8"``, ``"3+2+2/8"`` (beat groups), ``"C"`` or ``"C|"``."""
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
        if (
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

    @property
    def end(self) -> Fraction:
        return self.start + self.length


class MeterMap:
    """Time signatures at times, with an optional pickup; bars numbered from 1 (pickup: 0).

    A change that fails (off a bar line, a pickup too long) leaves the map as it was. A
    change checks only the bar lines it moves (its own and the next entry's), so building a
    map of n changes in time order is linear, and each query a bisection.
    """

    def __init__(self) -> None:
        self._times: list[Fraction] = [Fraction(0)]
        self._meters: list[Meter] = [Meter(4, 4)]
        self._first_bars: list[int] = [1]  # the number of each entry's first full bar
        self.pickup = Fraction(0)

    def set(self, meter: Meter, at: Fraction = Fraction(0)) -> None:
        """Put ``meter`` in force from time ``at`` (it must fall on a bar line)."""
        if at < 0:
            raise MeterError(f"meter {meter} at time {at}: times start at 0")
        times, meters = list(self._times), list(self._meters)
        i = bisect.bisect_left(times, at)
        inserted = not (i < len(times) and times[i] == at)
        if inserted:
            times.insert(i, at)
            meters.insert(i, meter)
        else:
            meters[i] = meter
        cause = f"meter {meter} at time {at}"
        self._commit(times, meters, self.pickup, cause, (max(i, 1), i + 2, int(inserted)))

    def set_pickup(self, length: Fraction) -> None:
        """Make the first bar an anacrusis of ``length`` (shorter than a full bar)."""
        self._commit(self._times, self._meters, length, f"a pickup of {length}")

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
        cause: str,
        moved: tuple[int, int, int] | None = None,
    ) -> None:
        """Check the bar lines of a proposed map and adopt it, or raise and keep the old one.

        ``moved`` is ``(start, stop, shift)`` when only entries ``start`` to ``stop`` (not
        included) changed their bar lines, the later ones moved ``shift`` places on: those
        keep their bar counts, and only their first bar numbers follow."""
        first = meters[0]
        if pickup < 0 or pickup >= first.bar_length:
            raise MeterError(
                f"pickup {pickup} must be at least 0 and shorter than the first bar ({first} "
                f"lasts {first.bar_length}); give the length of the incomplete first bar"
            )
        begin, stop, shift = moved or (1, len(times), 0)
        stop = min(stop, len(times))
        first_bars = self._first_bars[:begin] if moved else [1]
        for i in range(begin, stop):
            start = pickup if i == 1 and pickup else times[i - 1]
            length = meters[i - 1].bar_length
            count, offset = divmod(times[i] - start, length)
            if offset or count < 0:
                bar, beat = first_bars[i - 1] + int(count), 1 + offset * meters[i - 1].denominator
                if count < 0:  # before the first bar line: inside the pickup
                    bar, beat = 0, 1 + (length - pickup + times[i]) * meters[i - 1].denominator
                before, after = start + count * length, start + (count + 1) * length
                culprit = f"meter {meters[i]} at time {times[i]}"
                since = "" if culprit == cause else f" once {cause} is in force"
                raise MeterError(
                    f"{culprit} falls inside bar {bar} (beat {format_beat(beat)}){since}; meter "
                    f"changes must fall on bar lines: move it to time {max(before, ZERO)} or "
                    f"{after}"
                )
            first_bars.append(first_bars[i - 1] + int(count))
        if stop < len(times):  # the entries after keep their bars; their numbers follow
            old = self._first_bars
            delta = first_bars[stop - 1] - old[stop - 1 - shift]
            first_bars += [number + delta for number in old[stop - shift :]]
        self._times, self._meters, self._first_bars, self.pickup = (
            list(times),
            list(meters),
            first_bars,
            pickup,
        )

    def _entry_start(self, i: int) -> Fraction:
        return self.pickup if i == 0 and self.pickup else self._times[i]

    def locate(self, time: Fraction) -> tuple[int, Fraction]:
        """The bar number and the beat (1-based, in units of the meter's denominator).

        >>> m = MeterMap(); m.set_pickup(Fraction(1, 4))
        >>> m.locate(Fraction(0)), m.locate(Fraction(1, 4)), m.locate(Fraction(11, 8))
        ((0, Fraction(4, 1)), (1, Fraction(1, 1)), (2, Fraction(3, 2)))
        """
        if self.pickup and time < self.pickup:
            meter = self._meters[0]
            offset = meter.bar_length - self.pickup + time
            return 0, 1 + offset * meter.denominator
        i = bisect.bisect_right(self._times, time) - 1
        meter = self._meters[max(i, 0)]
        count, offset = divmod(time - self._entry_start(max(i, 0)), meter.bar_length)
        return self._first_bars[max(i, 0)] + int(count), 1 + offset * meter.denominator

    def bars(self, until: Fraction) -> Iterator[Bar]:
        """The bars that start before ``until`` (at least one), in order."""
        if self.pickup:
            yield Bar(0, Fraction(0), self.pickup, self._meters[0])
        number = 1
        for i, meter in enumerate(self._meters):
            time = self._entry_start(i)
            end = self._times[i + 1] if i + 1 < len(self._times) else None
            length = meter.bar_length
            while (end is None or time < end) and (
                time < until or (number == 1 and not self.pickup)
            ):
                yield Bar(number, time, length, meter)
                time += length
                number += 1
            if end is None or time < end:
                return


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
