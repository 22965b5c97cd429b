"""Exporter options: one frozen dataclass per exporter holds their names, defaults and checks.

Every exporter function takes its options as keywords typed by a ``TypedDict`` that mirrors
its dataclass (so ``mypy --strict`` rejects a misspelled option in a caller's code), and builds
the dataclass with :func:`options_of`: a name the exporter does not know is an
:class:`~scoreframe.errors.ExportError` that lists the valid ones, whichever way the call came
(``score.write``, ``sf.midi.write``, the command line).

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Demo:
...     size: int = 1
>>> options_of(Demo, {"size": 3}, "demo").size
3
>>> options_of(Demo, {"sise": 3}, "demo")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: unknown demo option 'sise'; valid: size
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from .errors import ExportError

T = TypeVar("T")


def option_names(cls: type[Any]) -> tuple[str, ...]:
    """The option names of an options dataclass, in their order."""
    if not is_dataclass(cls):
        raise TypeError(f"{cls!r} is not an options dataclass")
    return tuple(f.name for f in fields(cls))


def options_of(cls: type[T], given: Mapping[str, object], label: str) -> T:
    """``cls(**given)``, or an :class:`ExportError` naming an unknown option and the valid
    ones (the dataclass checks the values itself)."""
    names = option_names(cls)
    unknown = [name for name in given if name not in names]
    if unknown:
        valid = ", ".join(names) if names else "none"
        raise ExportError(f"unknown {label} option {unknown[0]!r}; valid: {valid}")
    return cls(**given)


def as_choice(kind: type[enum.Enum], value: object, what: str) -> Any:
    """An Enum member from itself, its value or its name (``"ames"``, ``"AMES"``)."""
    if isinstance(value, kind):
        return value
    for member in kind:
        if value in (member.value, member.name) or (
            isinstance(value, str)
            and value.lower() in (str(member.value).lower(), member.name.lower())
        ):
            return member
    names = ", ".join(str(m.value) for m in kind)
    raise ExportError(f"{what} {value!r} is not one of: {names}")
