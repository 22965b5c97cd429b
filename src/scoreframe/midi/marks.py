"""The meta events a score keeps, read back from a MIDI file (what :mod:`.notation` writes).

* A lyric event is verse 1's syllable on the note that starts at its tick, in a voice of its
  track (in Type 0 and 2, of any part); several lyrics at one tick go to the voices with a
  note there, in voice order. A syllable not joined by ``-`` whose voice plays more notes
  before its next syllable gets an extender (``_``, a melisma), the one thing the writer does
  not write. A lyric with no note at its tick is counted, not kept.
* A marker, in any track, is a rehearsal mark; the (first) copyright event is the copyright.
* In a Type 1 file's conductor track the text events at tick 0 are the lyricist and the
  subtitle (:func:`.notation.title_field`, the writer's rule; in Type 0 and 2 only the
  lyricist, whose text says so); any other text event is a text of its track's first part
  (in Type 0 and 2, of the first part), else counted.

The work is in the number of these events (a binary search per lyric in each voice of its
track), never in the number of notes.

>>> import scoreframe as sf
>>> s = sf.Score(lyricist="W. Poet"); s.rehearsal("A", at="1/4")
>>> v = s.part("Voice").voice("S")
>>> _ = v.note("C5", "1/4", lyric="Ky-"); _ = v.note("D5", "1/4", lyric="rie_")
>>> _ = v.note("E5", "1/4"); _ = v.note("F5", "1/4", lyric="e")
>>> back = sf.midi.to_score(sf.midi.to_bytes(s))
>>> [(str(t), x.text) for t, x in back.voices[0].notation.verse(1)]
[('0', 'Ky-'), ('1/4', 'rie_'), ('3/4', 'e')]
>>> back.lyricist, [(str(r.time), r.label) for r in back.rehearsals]
('W. Poet', [('1/4', 'A')])
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence

from ..notation import Lyric, Rehearsal, Text
from ..score import Part, Score
from ..time import fraction
from .collect import ANY_TRACK, Collected
from .notation import MIDI_VERSE, title_field
from .parts import Placed

#: A part made from a take, with its voices, by group (a track in Type 1, else ANY_TRACK).
Groups = dict[int, list[tuple[Part, list[Placed]]]]
_NO_NOTE = "lyrics with no note at their tick"
_NO_PART = "text events with no part to hold them"
_START = operator.itemgetter(0)  # a chord's start tick
_TIME = operator.attrgetter("time")


def place_marks(score: Score, found: Collected, groups: Groups, whole: int) -> None:
    """Lyrics, texts, rehearsal marks and the title page of ``found`` into ``score``."""
    _lyrics(found, groups, whole)
    _texts(score, found, groups, whole)
    if found.markers:  # one sort for them all (score.rehearsal sorts at each)
        score.rehearsals += [Rehearsal(fraction(t, whole), label) for t, label in found.markers]
        score.rehearsals.sort(key=_TIME)
        score._touch()
    if found.copyrights:
        score.copyright = found.copyrights[0]
        found.dropped["copyright notices after the first"] += len(found.copyrights) - 1


def _lyrics(found: Collected, groups: Groups, whole: int) -> None:
    for (voice, chords), syllables in _matched(found, groups):
        held = voice.notation.lyrics  # a reader's bulk path: each onset is a note's
        for i, text in _extended(sorted(syllables)):
            held[fraction(chords[i][0], whole)] = (Lyric(MIDI_VERSE, text),)
        voice._touch()


def _matched(found: Collected, groups: Groups) -> list[tuple[Placed, list[tuple[int, str]]]]:
    """Each voice given lyrics, with its (chord index, syllable) pairs: the lyrics at one
    tick of a group go to the voices with a chord starting there, in order (the rest are
    counted in ``found.dropped``)."""
    at: dict[tuple[int, int], list[str]] = {}
    for group, tick, text in found.lyrics:
        same = at.get((group, tick))
        if same is None:
            at[group, tick] = [text]
        else:
            same.append(text)
    placed = {
        group: [one for _, voices in parts for one in voices] for group, parts in groups.items()
    }
    sung: dict[int, tuple[Placed, list[tuple[int, str]]]] = {}  # id(voice) -> its syllables
    missed, find = 0, bisect.bisect_left
    for (group, tick), texts in at.items():
        given = 0
        for one in placed.get(group, ()):
            chords = one[1]
            i = find(chords, tick, key=_START)
            if i < len(chords) and chords[i][0] == tick:
                got = sung.get(id(one))
                if got is None:
                    got = sung[id(one)] = (one, [])
                got[1].append((i, texts[given]))
                given += 1
                if given == len(texts):
                    break
        missed += len(texts) - given
    if missed:
        found.dropped[_NO_NOTE] += missed
    return list(sung.values())


def _extended(syllables: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each (chord index, syllable) of a voice, with ``_`` where notes follow before the
    next syllable (a melisma) and the syllable is not joined to it by ``-``."""
    out = []
    for (i, text), (j, _) in zip(syllables, [*syllables[1:], (-1, "")], strict=True):
        if j > i + 1 and not text.endswith(("-", "_")):
            text += "_"
        out.append((i, text))
    return out


def _texts(score: Score, found: Collected, groups: Groups, whole: int) -> None:
    touched: dict[int, Part] = {}
    for group, tick, text in found.texts:
        if tick == 0 and (group == 0 or group == ANY_TRACK):
            field, value = title_field(text)
            if (group == 0 or field == "lyricist") and not getattr(score, field):
                setattr(score, field, value)
                continue
        owners = groups.get(group)
        if owners:
            # texts are read into place, sorted once (part.text sorts at each); what the file
            # holds is printable text already, and a MIDI text has no placement or staff
            owners[0][0].notation.texts.append(Text(fraction(tick, whole), text))
            touched[id(owners[0][0])] = owners[0][0]
        else:
            found.dropped[_NO_PART] += 1
    for part in touched.values():
        part.notation.texts.sort(key=_TIME)
        part._touch()
