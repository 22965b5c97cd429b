"""The exception hierarchy.

Every error scoreframe raises is a :class:`ScoreframeError`; each class also subclasses the
builtin it means, so ``except ValueError`` keeps working (the python-rtmidi habit).

>>> issubclass(TimeValueError, ValueError) and issubclass(TimeValueError, ScoreframeError)
True
"""

from __future__ import annotations


class ScoreframeError(Exception):
    """Base of every error scoreframe raises."""


class ScoreValueError(ScoreframeError, ValueError):
    """A value given to the score model is out of range or malformed."""


class TimeValueError(ScoreValueError):
    """A time or duration is not an exact whole-note value (int, Fraction or ``"3/8"``)."""


class PitchError(ScoreValueError):
    """A pitch name or number cannot be read."""


class MeterError(ScoreValueError):
    """A meter, pickup or key string is unknown, or a meter change is off a bar line."""


class ContourError(ScoreValueError):
    """A contour segment is malformed or overlaps another."""


class ScoreStructureError(ScoreValueError):
    """The score breaks a rule of the model (overlaps in a voice, a tie between pitches...)."""


class ExportError(ScoreframeError, ValueError):
    """The score cannot be written in the requested format."""


class UnknownFormatError(ExportError):
    """No exporter is known for a file suffix."""


class DocumentError(ScoreframeError, ValueError):
    """A native ``.score.xml`` document is invalid (schema or content); names the file line."""


class ScoreFileError(ScoreframeError, ValueError):
    """A ``.py`` score could not be run, or defines no score; names the file and line."""


class MidiFileError(ScoreframeError, ValueError):
    """A Standard MIDI File is truncated or corrupt; names the byte offset."""


class MidiMessageError(ScoreframeError, ValueError):
    """A MIDI message has a value out of range."""


class CsoundError(ScoreframeError, ValueError):
    """A Csound export option is invalid (an unknown p-field name, say)."""


class FileWriteError(ScoreframeError, OSError):
    """A file could not be written (a folder missing, no permission, a full disk); names the
    file that was asked for. Nothing is left half written."""


class FileReadError(ScoreframeError, OSError):
    """A file could not be read: missing, not a regular file (a FIFO, a device), unreadable,
    or past a size limit (docs/limits.md); names the file and says why."""

    def __str__(self) -> str:
        return self.strerror if self.strerror else super().__str__()


class LiveError(ScoreframeError, RuntimeError):
    """Live playback failed (no backend, the port went away)."""


class PortNotFoundError(LiveError, LookupError):
    """No MIDI output port matches the name or index given."""


class MissingDependencyError(ScoreframeError, ImportError):
    """An optional dependency is not installed; the message says how to install it."""


class UnitError(ScoreframeError):
    """Base of the errors of MIDI units and patches (:mod:`scoreframe.units`)."""


class UnitValueError(UnitError, ValueError):
    """A unit was given a value out of range or malformed; the message names the unit."""


class UnitTypeError(UnitError, TypeError):
    """Something that is not a unit was put in a patch, or a unit got a value of a wrong type."""


class UnitAttributeError(UnitError, AttributeError):
    """An event was asked for a field its kind does not have (a note-on's ``ctrl``)."""


class UnitCallError(UnitError, RuntimeError):
    """The function of a ``Call`` unit failed or returned something that is not events."""


class RenderError(ScoreframeError, RuntimeError):
    """An outside engine (FluidSynth, Csound, verovio, MuseScore) failed to render; the
    message quotes what it said."""


class ScoreframeWarning(UserWarning):
    """Base of the warnings scoreframe emits (values rounded to a grid, notes shortened...)."""


class RenderWarning(ScoreframeWarning):
    """An outside engine warned while rendering (its words quoted), or samples were clipped."""
