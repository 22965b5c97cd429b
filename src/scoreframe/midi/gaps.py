"""A silence too long for a MIDI delta time: a track's events are at most 0x0FFFFFFF ticks
apart (a variable-length quantity of four bytes). Before a track is encoded, the gaps are
checked and the event after a gap too long is named: its note, voice, part and bar.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("Horn").voice("V")
>>> _ = v.note("C4", "1/4"); _ = v.note("D4", "1/4", at=200_000)
>>> sf.midi.to_bytes(s)
Traceback (most recent call last):
...
scoreframe.errors.ExportError: note D4 at part 'Horn', voice 'V', bar 200001, beat 1 (time 200000...
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import ExportError
from ..score import Score, Voice
from .tempo_track import tick_of
from .vlq import MAX


def check_gaps(
    keys: list[int], shift: int, ppq: int, score: Score, voices: list[Voice], track: str
) -> None:
    """Raise if two of the sorted packed ``keys`` (ticks above ``shift`` bits) of a track
    (``track`` names it; ``voices`` play in it) are further apart than a delta time holds."""
    if not keys or (keys[-1] >> shift) <= MAX:
        return  # no tick is that far: no gap can be
    last = 0
    for key in keys:
        tick = key >> shift
        if tick - last > MAX:
            raise _gap(score, ppq, voices, track, tick, last)
        last = tick


def _gap(
    score: Score, ppq: int, voices: list[Voice], track: str, tick: int, last: int
) -> ExportError:
    whole = 4 * ppq
    time, before = Fraction(tick, whole), Fraction(last, whole)
    what, voice = _event_at(voices, tick, ppq)
    if voice is None:
        what, where = f"an event of {track}", score.where(time)
    else:
        where = score.where(time, voice.part, voice)
    return ExportError(
        f"{what} at {where} starts {tick - last} ticks after the event before it "
        f"(time {before}); a MIDI delta time is at most {MAX} ticks ({MAX // whole} whole "
        f"notes at {ppq} ticks a quarter): shorten the silence or lower ppq"
    )


def _event_at(voices: list[Voice], tick: int, ppq: int) -> tuple[str, Voice | None]:
    """What happens at ``tick`` in the track: a note's start or end, else an event."""
    for voice in voices:
        for note in voice.notes:
            if note.pitch is None:
                continue
            if tick_of(note.onset, ppq) == tick:
                return f"note {note.pitch}", voice
            if tick_of(note.release, ppq) == tick:
                return f"the end of note {note.pitch}", voice
    return "an event", None
