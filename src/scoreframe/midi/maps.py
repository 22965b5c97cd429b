"""A MIDI file's conductor events as the score's maps: Set-Tempo as held tempo segments, time
signatures as the meter map, key signatures as the key map.

A time signature that does not fall on a bar line of the meter before it is kept where it is
by a short bar in between: the bar it cuts short gets the meter of its real length (a 4/4 bar
cut after three quarters becomes a 3/4 bar). Where no time signature can say that length (a
bar cut after a triplet), the change moves to the next bar line. Both are counted.

>>> import scoreframe as sf
>>> from collections import Counter
>>> score, fixed = sf.Score(), Counter()
>>> place_meters(score, [(0, 4, 4), (2880, 6, 8)], whole=1920, fixed=fixed)
>>> [(str(m), str(t)) for t, m in score.meters.changes]
[('4/4', '0'), ('2/4', '1'), ('6/8', '3/2')]
>>> dict(fixed)
{'meter changes off a bar line (the bar before made short)': 1}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from ..contour import Curve
from ..errors import MeterError
from ..meter import Key, Meter, Mode
from ..score import Score
from ..time import fraction

#: Microseconds in a minute: a Set-Tempo of ``t`` microseconds per quarter is 60e6 / t BPM.
MICROSECONDS_PER_MINUTE = 60_000_000
#: The SMF tempo before a file's first Set-Tempo, quarter BPM.
DEFAULT_BPM = Fraction(120)


def place_tempi(score: Score, tempos: Sequence[tuple[int, int]], whole: int) -> None:
    """Each Set-Tempo as a held segment from its tick (the file's default, 120, before the
    first): ``TempoMap(score).seconds`` is then the file's own clock."""
    contour = score.tempo
    last = 0  # the microseconds a quarter in force (compared as ints: a Fraction is slow)
    if not tempos or tempos[0][0] > 0:
        contour.restore(Fraction(0), None, DEFAULT_BPM, DEFAULT_BPM, Curve.DISCRETE)
        last = MICROSECONDS_PER_MINUTE // DEFAULT_BPM.numerator
    for tick, microseconds in tempos:
        if microseconds <= 0:
            continue
        if microseconds != last or tick == 0:
            bpm = fraction(MICROSECONDS_PER_MINUTE, microseconds)  # microseconds > 0
            contour.restore(fraction(tick, whole), None, bpm, bpm, Curve.DISCRETE)
            last = microseconds


def place_meters(
    score: Score, meters: Sequence[tuple[int, int, int]], whole: int, fixed: Counter[str]
) -> None:
    """The time signatures (tick, numerator, denominator) as the meter map (see the module)."""
    since, current = Fraction(0), Meter(4, 4)
    for tick, numerator, denominator in meters:
        try:
            meter = Meter(numerator, denominator)
        except MeterError:
            fixed["time signatures no meter can hold (left out)"] += 1
            continue
        at = fraction(tick, whole)
        cut = (at - since) % current.bar_length
        if cut:
            line = at - cut
            if cut.denominator & (cut.denominator - 1) or cut.denominator > 128:
                fixed["meter changes off a bar line (moved to the next bar line)"] += 1
                at = line + current.bar_length
            else:
                fixed["meter changes off a bar line (the bar before made short)"] += 1
                score.meter(_short_bar(cut, current), at=line)
        score.meter(meter, at=at)
        since, current = at, meter


def place_keys(
    score: Score, keys: Sequence[tuple[int, int, bool]], whole: int, fixed: Counter[str]
) -> None:
    """The key signatures (tick, fifths, minor) as the key map."""
    for tick, fifths, minor in keys:
        try:
            key = Key(fifths, Mode.MINOR if minor else Mode.MAJOR)
        except MeterError:
            fixed["key signatures of more than 7 sharps or flats (left out)"] += 1
            continue
        score.key(key, at=fraction(tick, whole))


def _short_bar(length: Fraction, before: Meter) -> Meter:
    """A meter of ``length`` (a power-of-two denominator), counted in the units of the meter
    it shortens where it can be (2/4 rather than 1/2)."""
    units = length * before.denominator
    if units.denominator == 1:
        return Meter(units.numerator, before.denominator)
    return Meter(length.numerator, length.denominator)
