"""music21 interop: ``to_stream(score)``, ``from_stream(stream)``, and ``sf.load`` of every file
music21's converter reads (MusicXML, ``.mxl``, Humdrum ``.krn``, ABC, MEI, RomanText...).

music21 is imported on first use, only here: ``import scoreframe`` does not load it.

* :func:`from_stream` reads a music21 score exactly (music21 offsets are Fractions or exact
  binary floats): parts (a piano's staves joined into one part), voices, chords, ties, rests,
  meters, keys, metronome marks, dynamics (as the part's velocity), articulations and
  fermatas. Repeats and endings are unfolded first, and said so. What the model has no place
  for yet (grace notes, lyrics, slurs, text...) is counted by name in one warning; a bar
  shorter or longer than its time signature becomes a meter change (counted too).
* :func:`to_stream` is the score as music21 reads scoreframe's own MusicXML: the notation
  (bars, ties across them, tuplets, beams, voices) is made once, by :mod:`scoreframe.musicxml`.

>>> import scoreframe as sf
>>> s = sf.Score(title="Bridge"); s.meter("3/4")
>>> v = s.part("Oboe", program=69).voice("Ob")
>>> _ = v.note("A4", "1/4"); _ = v.note("B4", "1/2", tie=True); _ = v.note("B4", "1/4")
>>> stream = sf.music21.to_stream(s)
>>> [(n.offset, n.nameWithOctave, n.quarterLength) for n in stream.flatten().notes]
[(0.0, 'A4', 1.0), (1.0, 'B4', 2.0), (3.0, 'B4', 1.0)]
>>> back = sf.music21.from_stream(stream)
>>> for n in back.parts[0].voices[0].notes:
...     print(n.pitch, n.onset, n.period, n.tie)
A4 0 1/4 False
B4 1/4 1/2 True
B4 3/4 1/4 False
None 1 1/4 False
None 5/4 1/4 False

The rests fill the second bar, as the MusicXML does.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import MissingDependencyError
from ..score import Score

__all__ = ["from_stream", "load", "music21", "to_stream"]


def music21() -> Any:
    """The music21 module, imported now (a MissingDependencyError if it is not installed)."""
    try:
        import music21 as found
    except ImportError:
        raise MissingDependencyError(
            "music21 interop needs music21 (pip install 'music21>=9.1')"
        ) from None
    return found


def from_stream(stream: Any) -> Score:
    """A new, validated Score from a music21 stream (a Score, a Part, or any stream of
    notes); see the module doc for what is kept.

    >>> from music21 import converter
    >>> s = from_stream(converter.parse("tinyNotation: 3/4 c4 d8 e8 f4"))
    >>> [(str(n.pitch), str(n.onset), str(n.period)) for n in s.voices[0].notes]
    [('C4', '0', '1/4'), ('D4', '1/4', '1/8'), ('E4', '3/8', '1/8'), ('F4', '1/2', '1/4')]
    """
    from .reading import read_stream

    return read_stream(stream, music21())


def to_stream(score: Score) -> Any:
    """The score as a music21 ``stream.Score``, read from scoreframe's MusicXML (exact).

    >>> import scoreframe as sf
    >>> s = sf.Score(); _ = s.part("Flute").voice().note("G5", "1/12")
    >>> to_stream(s).flatten().notes[0].quarterLength
    Fraction(1, 3)
    """
    from ..musicxml.export import to_bytes

    data = to_bytes(score, date="2000-01-01")
    return music21().converter.parse(data.decode("utf-8"), format="musicxml")


def load(path: str | os.PathLike[str]) -> Score:
    """Read a file with music21's converter, then :func:`from_stream` (``sf.load``'s reader
    for MusicXML and the music21 entry of :data:`scoreframe.formats.FORMATS`)."""
    m21 = music21()
    source = _source(path)
    try:
        if isinstance(source, bytes):
            stream = m21.converter.parse(source, format="musicxml", forceSource=True)
        else:
            stream = m21.converter.parse(source, forceSource=True)
    except OSError:
        raise
    except Exception as error:  # music21 raises its own exceptions, and builtins, freely
        from ..errors import ScoreFileError

        raise ScoreFileError(f"{path}: music21 could not read it: {error}") from None
    return from_stream(stream)


def _source(path: str | os.PathLike[str]) -> bytes | str:
    """What music21 is given: a MusicXML file's bytes, read here within the size limits (an
    ``.mxl`` unpacked safely, see :mod:`scoreframe.musicxml.unzip`), else the checked path."""
    from ..reading import check_regular, read_file

    suffix = os.fspath(path).lower().rpartition(".")[2]
    if suffix == "mxl":
        from ..musicxml.unzip import unpack

        return unpack(read_file(path), os.fspath(path))[1]
    if suffix in ("musicxml", "xml"):
        return read_file(path)
    return os.fspath(check_regular(path))
