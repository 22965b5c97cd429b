"""Standard MIDI Files into the exact score model: ``sf.load("take.mid")``, ``sf.midi.to_score``.

Times are exact: tick ``t`` is ``Fraction(t, 4 * ppq)`` of a whole note (on SMPTE time, a
quarter lasts a second, at 60 BPM), and the tempo map holds each Set-Tempo, so
``TempoMap(score).seconds(note.onset)`` is the second the file plays the note. Parts: one
per channel in Type 0, per track and channel in Type 1; a Type 2 file's sequences follow each
other. How notes become voices is :mod:`.voicing`; takes become parts in :mod:`.parts`; the
conductor's events become maps in :mod:`.maps`; lyrics (verse 1, on the notes at their
ticks), markers (rehearsal marks), text events (the part's texts; the subtitle and lyricist
in the conductor track) and the copyright go where :mod:`.marks` says. What the model has no
place for (a lyric with no note at its tick, cue points, sysex...) is counted in one
:class:`~scoreframe.errors.ScoreframeWarning`, and what was repaired (a meter change off a
bar line, a note of no length) in another.

>>> import scoreframe as sf
>>> s = sf.Score(title="Two"); s.meter("3/4"); _ = s.tempo.hold(90)
>>> v = s.part("Flute", program=74).voice("Fl")
>>> _ = v.note("A4", "1/4", duration="1/8"); _ = v.chord(["C5", "E5"], "1/2")
>>> back = sf.midi.to_score(sf.midi.to_bytes(s))
>>> back.title, [p.name for p in back.parts], str(back.meters.meter_at(0))
('Two', ['Flute'], '3/4')
>>> [(str(n.pitch), str(n.onset), str(n.period), str(n.duration))
...  for n in back.parts[0].voices[0].notes]
[('A4', '0', '1/4', '1/8'), ('C5', '1/4', '1/2', '1/2'), ('E5', '1/4', '1/2', '1/2')]
>>> sf.TempoMap(back).seconds(Fraction(1, 4))
0.666667
"""

from __future__ import annotations

import itertools
import operator
import os
import warnings
from collections import Counter
from fractions import Fraction
from pathlib import Path

from ..bulk import paused_gc
from ..errors import ScoreframeWarning
from ..reading import read_file
from ..score import Score
from ..validation import validate_settings
from .collect import ANY_TRACK, Collected, Take, collect
from .maps import place_keys, place_meters, place_tempi
from .marks import Groups, place_marks
from .parts import Times, add_part
from .quantize import Grid, QuantizeLike, Report, quantize

__all__ = ["load", "to_score"]


def to_score(
    source: str | os.PathLike[str] | bytes, *, quantize: QuantizeLike | None = None
) -> Score:
    """Read a MIDI file (a path or its bytes) into a new, validated Score.

    ``quantize`` snaps performed notes: a grid note value (``"1/16"``) or the divisions
    allowed per quarter (``[4, 3, 5]``); a warning reports how many times moved and the most.

    >>> from scoreframe.midi.smf import encode_file
    >>> data = encode_file([[(0, bytes((0x90, 64, 90))), (240, bytes((0x80, 64, 0)))]],
    ...                    ppq=480, format=0)
    >>> [(str(n.pitch), n.duration, n.velocity) for n in to_score(data).voices[0].notes]
    [('E4', Fraction(1, 8), 90)]
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), "MIDI data"
    else:
        data, name = read_file(source), str(source)
    with paused_gc():
        found = collect(data)
        whole = _whole(found)
        report = None
        if quantize is not None and found.ppq is not None:
            whole, report = _quantize(found, Grid.parse(quantize, found.ppq), whole)
        score, groups = _build(found, whole, Path(name).stem if name != "MIDI data" else "")
    # what score.validate() runs but the voices' note rules, which the notes keep by
    # construction (see validate_settings; the tests validate what import makes in full)
    validate_settings(score)
    # after: each lyric goes on a note's onset by construction, so checking them (a set of
    # every onset of a voice) would cost in the notes, not in the lyrics
    with paused_gc():
        place_marks(score, found, groups, whole)
    _warn(name, found, report, quantize)
    return score


def load(path: str | os.PathLike[str], *, quantize: QuantizeLike | None = None) -> Score:
    """The reader ``sf.load`` uses for ``.mid`` and ``.midi`` (see :func:`to_score`)."""
    return to_score(path, quantize=quantize)


def _whole(found: Collected) -> int:
    """Ticks to a whole note: four quarters (on SMPTE time a quarter is a second)."""
    if found.ppq is not None:
        return 4 * found.ppq
    fps, per_frame = found.smpte or (25, 40)
    return 4 * fps * per_frame


def _build(found: Collected, whole: int, stem: str) -> tuple[Score, Groups]:
    score = Score(title=found.title or stem)
    if found.ppq is None:
        score.tempo.hold(60)  # a quarter a second: ticks are frames and subframes
    else:
        place_tempi(score, found.tempos, whole)
    place_meters(score, found.meters, whole, found.fixed)
    place_keys(score, found.keys, whole, found.fixed)
    takes = [t for t in found.takes if t.starts]
    found.dropped["controller data on channels that play no notes"] += sum(
        sum(map(len, t.controls.values())) + len(t.pressure) for t in found.takes if not t.starts
    )
    groups: Groups = {}
    sung = {group for group, _, _ in found.lyrics}
    times = Times(whole)  # one Fraction per distinct length, shared by the parts
    for take, name in zip(takes, _names(takes), strict=True):
        _lengthen(take, found.fixed)
        group = take.track if found.format == 1 else ANY_TRACK
        part, placed = add_part(score, take, name, times)
        # the chords (ticks) are kept only where lyrics look for their notes
        groups.setdefault(group, []).append((part, placed if group in sung else []))
        del placed  # not held while the next part is made (the peak memory)
    return score, groups


def _names(takes: list[Take]) -> list[str]:
    """A unique name per part: its track's name, with the channel where a track has several."""
    bases = [t.name or f"Channel {t.channel}" for t in takes]
    counts = Counter((t.track, b) for t, b in zip(takes, bases, strict=True))
    names: list[str] = []
    for take, base in zip(takes, bases, strict=True):
        name = f"{base} (ch {take.channel})" if counts[(take.track, base)] > 1 else base
        unique, n = name, 2
        while unique in names:
            unique, n = f"{name} {n}", n + 1
        names.append(unique)
    return names


def _lengthen(take: Take, fixed: Counter[str]) -> None:
    """A note that ends where it starts sounds for one tick (a score's notes have length)."""
    ends = take.ends
    if not any(map(operator.le, ends, take.starts)):  # the common case, found at C speed
        return
    for i, start in enumerate(take.starts):
        if ends[i] <= start:
            ends[i] = start + 1
            fixed["notes of no length (made one tick long)"] += 1


def _quantize(found: Collected, grid: Grid, whole: int) -> tuple[int, Report]:
    """Move every tick onto the grid's finer ticks and snap the notes; the new ``whole``."""
    scale = grid.scale
    if scale != 1:
        found.tempos = [(t * scale, v) for t, v in found.tempos]
        found.meters = [(t * scale, a, b) for t, a, b in found.meters]
        found.keys = [(t * scale, a, b) for t, a, b in found.keys]
        for take in found.takes:
            take.controls = {n: [(t * scale, v) for t, v in e] for n, e in take.controls.items()}
            take.wheel = {c: [(t * scale, v) for t, v in e] for c, e in take.wheel.items()}
            take.pressure = [(t * scale, v) for t, v in take.pressure]
        found.texts = [(g, t * scale, x) for g, t, x in found.texts]
        found.markers = [(t * scale, x) for t, x in found.markers]
    sung = {t * scale for _, t, _ in found.lyrics}
    moves: dict[int, int] = {}  # a lyric's tick -> where its note moved
    reports = []
    for take in found.takes:
        starts = [t * scale for t in take.starts]
        ends = [t * scale for t in take.ends]
        take.starts, take.ends, report = quantize(starts, ends, grid, whole * scale)
        if sung:
            for old, new in zip(starts, take.starts, strict=True):
                if old in sung:
                    moves.setdefault(old, new)
        _resort(take)
        reports.append(report)
    found.lyrics = [(g, moves.get(t * scale, t * scale), x) for g, t, x in found.lyrics]
    total = Report(
        sum(r.moved for r in reports),
        sum(r.total for r in reports),
        max((r.largest for r in reports), default=Fraction(0)),
        sum(r.widened for r in reports),
    )
    return whole * scale, total


def _resort(take: Take) -> None:
    """Snapping can reorder onsets: keep the notes in onset order (stable)."""
    order = sorted(range(len(take.starts)), key=take.starts.__getitem__)
    if any(a > b for a, b in itertools.pairwise(order)):
        for name in ("starts", "ends", "keys", "velocities", "note_channels"):
            values = getattr(take, name)
            setattr(take, name, [values[i] for i in order])


def _warn(name: str, found: Collected, report: Report | None, spec: object) -> None:
    dropped = {k: v for k, v in found.dropped.items() if v}
    if dropped:
        listed = ", ".join(f"{count} {what}" for what, count in sorted(dropped.items()))
        warnings.warn(
            f"{name}: the score model has no place for {listed}; they were left out",
            ScoreframeWarning,
            stacklevel=3,
        )
    fixed = {k: v for k, v in found.fixed.items() if v}
    if fixed:
        listed = ", ".join(f"{count} {what}" for what, count in sorted(fixed.items()))
        warnings.warn(f"{name}: repaired {listed}", ScoreframeWarning, stacklevel=3)
    if report is not None:
        warnings.warn(
            f"{name}: quantize={spec!r} moved {report.moved} of {report.total} onsets and ends, "
            f"the largest by {report.largest} of a whole note"
            + (f"; {report.widened} notes kept one step long" if report.widened else ""),
            ScoreframeWarning,
            stacklevel=3,
        )
