"""MIDI output ports through python-rtmidi (an optional extra: ``pip install 'scoreframe[live]'``).

The backend is chosen per platform, first that works: on Linux ALSA, then JACK (a machine without
an ALSA sequencer, such as a container or a JACK-only studio, gets JACK); on macOS CoreMIDI, then
JACK; on Windows the Windows MultiMedia API. Pass ``backend=`` to choose. The backend in use is
:attr:`OutputPort.backend` and is logged (``logging.getLogger("scoreframe.live")``, level INFO).

Backends differ: ALSA port names carry client and port numbers (``"FLUID Synth (4711):Synth input
port (4711:0) 128:0"``), so open them by a substring such as ``"FLUID"``; JACK names are
``"client:port"``, and JACK delivers messages once per process cycle (the period, a few
milliseconds); Windows has no virtual ports.

Anything with ``send(data: bytes)`` and ``close()`` is a :class:`MidiPort` (tests use a fake):

>>> class Recorder:
...     def __init__(self) -> None:
...         self.sent: list[bytes] = []
...     def send(self, data: bytes) -> None:
...         self.sent.append(data)
...     def close(self) -> None:
...         pass
>>> isinstance(Recorder(), MidiPort)
True
"""

from __future__ import annotations

import importlib
import logging
import math
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from types import ModuleType, TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from scoreframe.errors import LiveError, MissingDependencyError, PortNotFoundError

log = logging.getLogger("scoreframe.live")

INSTALL_HINT = "pip install 'scoreframe[live]'"
#: Seconds a JACK output stays open after its last message, so the message goes out first:
#: with python-rtmidi 1.5.8 (RtMidi 5.0.0), a port closed in the cycle after a send let the
#: last message arrive as a copy of the one before (tests/live/test_jack_units.py saw it).
JACK_DRAIN = 0.1
ALSA_SEQUENCER_DEVICE = "/dev/snd/seq"


@runtime_checkable
class MidiPort(Protocol):
    """Where the player sends MIDI bytes."""

    def send(self, data: bytes) -> None:
        """Send one complete MIDI message."""
        ...

    def close(self) -> None:
        """Release the port; closing twice is allowed."""
        ...


class Backend(Enum):
    """A MIDI system python-rtmidi can drive; the value names rtmidi's API constant."""

    ALSA = "API_LINUX_ALSA"
    JACK = "API_UNIX_JACK"
    CORE_MIDI = "API_MACOSX_CORE"
    WINDOWS_MM = "API_WINDOWS_MM"

    def api(self, rtmidi: ModuleType) -> int:
        """rtmidi's API number for this backend."""
        return int(getattr(rtmidi, self.value))


class Direction(Enum):
    """Which way a port carries MIDI; the value names rtmidi's class."""

    OUTPUT = "MidiOut"
    INPUT = "MidiIn"

    @property
    def word(self) -> str:
        return "output" if self is Direction.OUTPUT else "input"


#: The order backends are tried in when none is named, per ``sys.platform`` prefix.
BACKEND_ORDER: dict[str, tuple[Backend, ...]] = {
    "linux": (Backend.ALSA, Backend.JACK),
    "darwin": (Backend.CORE_MIDI, Backend.JACK),
    "win": (Backend.WINDOWS_MM,),
}


def backend_order(platform: str | None = None) -> tuple[Backend, ...]:
    """The backends tried, in order, on ``platform`` (default: this one, ``sys.platform``).

    >>> [b.name for b in backend_order("linux")]
    ['ALSA', 'JACK']
    """
    for prefix, order in BACKEND_ORDER.items():
        if (platform or sys.platform).startswith(prefix):
            return order
    return (Backend.JACK,)


def load_rtmidi() -> ModuleType:
    """Import python-rtmidi, or raise :class:`MissingDependencyError` saying how to install it."""
    try:
        return importlib.import_module("rtmidi")
    except ImportError as error:
        raise MissingDependencyError(
            f"live MIDI needs python-rtmidi, which is not installed: {INSTALL_HINT}"
        ) from error


def _unavailable(backend: Backend) -> str | None:
    """Why ``backend`` cannot work here without trying it (saves rtmidi's noise), or ``None``."""
    if backend is Backend.ALSA and not os.path.exists(ALSA_SEQUENCER_DEVICE):
        return f"no ALSA sequencer ({ALSA_SEQUENCER_DEVICE} is missing)"
    return None


def _try_backend(
    rtmidi: ModuleType, backend: Backend, client: str, direction: Direction
) -> tuple[Any, str | None]:
    """An rtmidi ``MidiOut`` (or ``MidiIn``) on ``backend``, or ``None`` and why it failed."""
    api = backend.api(rtmidi)
    if api not in rtmidi.get_compiled_api():
        return None, "not compiled into this python-rtmidi"
    reason = _unavailable(backend)
    if reason is not None:
        return None, reason
    try:
        return getattr(rtmidi, direction.value)(api, name=client), None
    except rtmidi.RtMidiError as error:
        return None, str(error).strip() or type(error).__name__


def connect(
    backend: Backend | None = None,
    client: str = "scoreframe",
    direction: Direction = Direction.OUTPUT,
) -> tuple[Any, Backend]:
    """An rtmidi ``MidiOut`` (``MidiIn`` for :attr:`Direction.INPUT`) on the first backend
    that works, and that backend.

    Raises :class:`LiveError` naming each backend tried and why it failed.
    """
    rtmidi = load_rtmidi()
    tried: list[str] = []
    candidates = backend_order() if backend is None else (backend,)
    for candidate in candidates:
        midi_io, reason = _try_backend(rtmidi, candidate, client, direction)
        if midi_io is not None:
            skipped = f" ({'; '.join(tried)})" if tried else ""
            log.info("using the %s MIDI backend%s", candidate.name, skipped)
            return midi_io, candidate
        tried.append(f"{candidate.name}: {reason}")
    reasons = "; ".join(tried)
    raise LiveError(
        f"no MIDI backend works here ({reasons}); start a MIDI system:"
        " load snd-seq for ALSA, or start a JACK server"
    )


def ports(backend: Backend | None = None, direction: Direction = Direction.OUTPUT) -> list[str]:
    """The names of the MIDI output ports (the inputs of synths and other programs); with
    :attr:`Direction.INPUT`, of the input ports (keyboards and other programs' outputs)."""
    midi_io, _ = connect(backend, direction=direction)
    try:
        return list(midi_io.get_ports())
    finally:
        midi_io.delete()


def _listing(names: list[str], direction: Direction = Direction.OUTPUT) -> str:
    if not names:
        return f"there are no MIDI {direction.word} ports"
    return "the ports are: " + "; ".join(f"{i}: {name!r}" for i, name in enumerate(names))


def find_port(
    names: list[str], wanted: str | int | None, direction: Direction = Direction.OUTPUT
) -> int:
    """The index of ``wanted`` in ``names``: an index, an exact name, or a unique substring
    (case-insensitive); ``None`` is the first port.

    >>> names = ["FLUID Synth (12):Synth input port (12:0) 128:0", "Midi Through:Port-0 14:0"]
    >>> find_port(names, "fluid"), find_port(names, 1), find_port(names, None)
    (0, 1, 0)
    >>> find_port(names, "Qsynth")
    Traceback (most recent call last):
    ...
    scoreframe.errors.PortNotFoundError: no MIDI output port matches 'Qsynth'; the ports are: ...
    """
    word = direction.word
    if isinstance(wanted, int):
        if 0 <= wanted < len(names):
            return wanted
        raise PortNotFoundError(
            f"there is no MIDI {word} port {wanted}; {_listing(names, direction)}"
        )
    if wanted is None:
        if names:
            return 0
        raise PortNotFoundError(_listing(names, direction))
    if wanted in names:
        return names.index(wanted)
    matches = [i for i, name in enumerate(names) if wanted.casefold() in name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        found = "; ".join(repr(names[i]) for i in matches)
        raise PortNotFoundError(
            f"{wanted!r} matches {len(matches)} MIDI {word} ports ({found});"
            " give more of the name, or an index"
        )
    raise PortNotFoundError(f"no MIDI {word} port matches {wanted!r}; {_listing(names, direction)}")


@dataclass(frozen=True, slots=True)
class PortInfo:
    """Which port an :class:`OutputPort` is: its name, backend and whether we created it."""

    name: str
    backend: Backend
    virtual: bool


class OutputPort:
    """An open rtmidi output port; a context manager that closes it. Use :func:`open_output`."""

    def __init__(self, midi_out: Any, info: PortInfo) -> None:
        self._midi_out: Any = midi_out
        self.info = info
        self._sent_at = -math.inf

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def backend(self) -> Backend:
        return self.info.backend

    @property
    def closed(self) -> bool:
        return self._midi_out is None

    def send(self, data: bytes) -> None:
        """Send one MIDI message; :class:`LiveError` if the port is closed or refuses it."""
        if self._midi_out is None:
            raise LiveError(f"MIDI port {self.name!r} is closed")
        self._sent_at = time.monotonic()
        try:
            self._midi_out.send_message(data)
        except Exception as error:
            raise LiveError(
                f"MIDI port {self.name!r} ({self.backend.name}) refused {data.hex(' ')}: {error}"
            ) from error

    def close(self) -> None:
        """Close the port (JACK: after the pending messages go out); closing twice is fine."""
        midi_out, self._midi_out = self._midi_out, None
        if midi_out is not None:
            if self.backend is Backend.JACK:
                time.sleep(max(0.0, self._sent_at + JACK_DRAIN - time.monotonic()))
            midi_out.close_port()
            midi_out.delete()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<OutputPort {self.name!r} {self.backend.name} {state}>"


def open_virtual(midi_io: Any, name: str, backend: Backend) -> PortInfo:
    """Create a virtual port ``name`` on an rtmidi ``MidiOut`` or ``MidiIn``."""
    try:
        midi_io.open_virtual_port(name)
    except Exception as error:  # rtmidi raises NotImplementedError on Windows
        raise LiveError(
            f"cannot create a virtual MIDI port on {backend.name}: {error}; open an existing port"
        ) from error
    return PortInfo(name, backend, virtual=True)


def open_output(
    port: str | int | None = None,
    *,
    virtual: bool = False,
    backend: Backend | None = None,
    client: str = "scoreframe",
) -> OutputPort:
    """Open a MIDI output port by index, exact name or unique substring (see :func:`find_port`).

    With ``virtual=True``, create a port named ``port`` (default ``"scoreframe"``) that other
    programs connect to. ``client`` names us to the MIDI system.
    Raises :class:`PortNotFoundError` (listing the ports), :class:`LiveError` when no backend
    works, :class:`MissingDependencyError` without python-rtmidi.
    """
    midi_out, chosen = connect(backend, client)
    try:
        if virtual:
            name = "scoreframe" if port is None else str(port)
            info = open_virtual(midi_out, name, chosen)
        else:
            names = list(midi_out.get_ports())
            index = find_port(names, port)
            midi_out.open_port(index, client)
            info = PortInfo(names[index], chosen, virtual=False)
    except BaseException:
        midi_out.delete()
        raise
    log.info("opened MIDI output %r on %s", info.name, chosen.name)
    return OutputPort(midi_out, info)


@dataclass(frozen=True, slots=True)
class Virtual:
    """A port to create under ``name`` (others connect to it), where a port is named.

    >>> labelled(["FLUID", Virtual("keys"), 2])
    {'FLUID': 'FLUID', 'keys': Virtual(name='keys'), '2': 2}
    """

    name: str


#: A port as the router, the recorder and playback take one: a name (or unique part of it),
#: an index, or a virtual port to create.
PortSpec = str | int | Virtual
PortsSpec = PortSpec | Sequence[PortSpec] | Mapping[str, PortSpec]


def labelled(spec: PortsSpec) -> dict[str, PortSpec]:
    """Ports by the names a patch calls them: a mapping as it is; otherwise each port by its
    own name (an index by its digits, a virtual port by its name)."""
    if isinstance(spec, Mapping):
        return dict(spec)
    items = [spec] if isinstance(spec, str | int | Virtual) else list(spec)
    out: dict[str, PortSpec] = {}
    for item in items:
        if not isinstance(item, str | int | Virtual) or isinstance(item, bool):
            raise LiveError(f"a port is a name, an index or Virtual(name), not {item!r}")
        out[item.name if isinstance(item, Virtual) else str(item)] = item
    if not out:
        raise LiveError("give at least one port")
    return out


def open_spec(
    spec: PortSpec, *, backend: Backend | None = None, client: str = "scoreframe"
) -> OutputPort:
    """Open an output port from a :data:`PortSpec`."""
    if isinstance(spec, Virtual):
        return open_output(spec.name, virtual=True, backend=backend, client=client)
    return open_output(spec, backend=backend, client=client)
