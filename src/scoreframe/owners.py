"""What owns contours (a score, a part, a voice): their named contours, created on first use,
and the one resolved view of each name that inheritance gives (voice, then part, then score).

>>> import scoreframe as sf
>>> s = sf.Score(); part = s.part("P"); voice = part.voice("V")
>>> _ = part.velocity.hold(70); _ = voice.velocity.hold(90, at=1)
>>> [voice.value_at("velocity", t) for t in (0, 1)]
[Fraction(70, 1), Fraction(90, 1)]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .contour import Contour, Curve, Real, Resolved, control_name, resolve
from .errors import ScoreValueError
from .settings import check_text
from .time import TimeLike, exact_time


class ContourOwner:
    """Named contours of a voice, a part or the score (looked up voice, part, score)."""

    contours: dict[str, Contour]
    _views: dict[str, tuple[int, Resolved]]
    _holds_tempo = False  # the score's only

    def _where(self) -> str:
        raise NotImplementedError

    def _touch(self) -> None:
        raise NotImplementedError

    def _version(self) -> int:
        raise NotImplementedError

    def contour(self, name: str) -> Contour:
        """The contour called ``name`` here, created empty on first use."""
        if not isinstance(name, str) or (
            name not in self.contours and not check_text(name, f"{self._where()}: contour name")
        ):
            check_text(name, f"{self._where()}: contour name")
            raise ScoreValueError(f"{self._where()}: a contour name is text such as 'control:7'")
        if name == "tempo" and not self._holds_tempo:
            raise ScoreValueError(f"{self._where()}: tempo is a score contour (score.tempo)")
        if name not in self.contours:
            if name.startswith("control:"):
                number = name.partition(":")[2]
                if not number.isdigit():
                    raise ScoreValueError(f"{self._where()}: contour {name!r}: write control:N")
                control_name(int(number))  # 0..127, else an error saying so
            curve = Curve.EXPONENTIAL if name == "tempo" else Curve.LINEAR
            self.contours[name] = _TrackedContour(name, curve, self._where(), self)
        return self.contours[name]

    def _lineage(self) -> tuple[ContourOwner, ...]:
        """This owner, then those it inherits contours from, nearest first."""
        return (self,)

    def resolved(self, name: str) -> Resolved:
        """Contour ``name`` as this owner follows it over time: its own from its start, else
        what it inherits (the one rule of inheritance; see :func:`scoreframe.contour.resolve`)."""
        version = self._version()
        cached = self._views.get(name)
        if cached is None or cached[0] != version:
            view = resolve(name, [owner.contours.get(name) for owner in self._lineage()])
            cached = self._views[name] = (version, view)
        return cached[1]

    def value_at(self, name: str, time: TimeLike) -> Real | None:
        """The contour value in force here at ``time``: this owner's, else inherited."""
        when = exact_time(time, f"{self._where()}: contour time")
        return self.resolved(name).value_at(when)

    def inherited_value(self, name: str, time: Fraction) -> Real | None:
        """The value of contour ``name`` at ``time`` from the owners this one inherits from."""
        parents = self._lineage()[1:]
        return resolve(name, [owner.contours.get(name) for owner in parents]).value_at(time)

    @property
    def velocity(self) -> Contour:
        """MIDI velocity (1..127) of notes that give none of their own."""
        return self.contour("velocity")

    @property
    def pitch_bend(self) -> Contour:
        """Pitch bend in semitones."""
        return self.contour("pitch_bend")

    def control(self, number: int) -> Contour:
        """The contour of MIDI controller ``number`` (0..127)."""
        return self.contour(control_name(number))


class _TrackedContour(Contour):
    """A contour that tells its score when it changes (so cached event lists are rebuilt)."""

    def __init__(self, name: str, curve: Curve, where: str, owner: ContourOwner) -> None:
        super().__init__(name, curve, where)
        self._owner = owner

    def _insert(self, segment: Any) -> None:
        super()._insert(segment)
        self._owner._touch()

    def fallback_value(self, time: Fraction) -> Real | None:
        """A ramp where this contour holds nothing yet starts from the inherited value (the
        part's, then the score's), else from the contour's default."""
        inherited = self._owner.inherited_value(self.name, time)
        return inherited if inherited is not None else super().fallback_value(time)
