"""MIDI input ports through python-rtmidi: keyboards and other programs' outputs, found as the
output ports are (:func:`~scoreframe.live.midiports.find_port`: an index, an exact name, a
unique part of it) or created as virtual ports.

Each message comes to a callback with the ``time.perf_counter()`` second it arrived, on
rtmidi's own thread (JACK: once per process cycle, so messages arrive up to a period late).
System exclusive and timing messages are let through; active sensing is not.

>>> class FakeIn:
...     def set_callback(self, callback, data=None): self.callback = callback
...     def cancel_callback(self): pass
...     def close_port(self): pass
...     def delete(self): pass
>>> got = []
>>> port = InputPort(FakeIn(), PortInfo("keys", Backend.JACK, virtual=True))
>>> port.listen(lambda data, at: got.append(data.hex(" ")))
>>> port._midi_in.callback(([0x90, 60, 100], 0.0), None)
>>> got
['90 3c 64']
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from .midiports import (
    Backend,
    Direction,
    PortInfo,
    PortSpec,
    Virtual,
    connect,
    find_port,
    open_virtual,
)

log = logging.getLogger("scoreframe.live")

#: What an input calls for each message: its bytes and the ``perf_counter`` second it came.
Listener = Callable[[bytes, float], None]


class InputPort:
    """An open rtmidi input port; a context manager that closes it. Use :func:`open_input`."""

    def __init__(self, midi_in: Any, info: PortInfo) -> None:
        self._midi_in: Any = midi_in
        self.info = info

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def backend(self) -> Backend:
        return self.info.backend

    @property
    def closed(self) -> bool:
        return self._midi_in is None

    def listen(self, listener: Listener) -> None:
        """Call ``listener(data, seconds)`` for each message from now on (rtmidi's thread)."""
        clock = time.perf_counter

        def on_message(event: tuple[list[int], float], _data: object) -> None:
            listener(bytes(event[0]), clock())

        if self._midi_in is not None:
            self._midi_in.set_callback(on_message)

    def close(self) -> None:
        """Stop listening and close the port; closing twice is fine."""
        midi_in, self._midi_in = self._midi_in, None
        if midi_in is not None:
            midi_in.cancel_callback()
            midi_in.close_port()
            midi_in.delete()

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
        return f"<InputPort {self.name!r} {self.backend.name} {state}>"


def open_input(
    port: PortSpec | None = None,
    *,
    backend: Backend | None = None,
    client: str = "scoreframe",
) -> InputPort:
    """Open a MIDI input port by index, exact name or unique substring, or create a virtual
    one (``Virtual("keys")``) for others to connect to. Raises as ``open_output`` does."""
    midi_in, chosen = connect(backend, client, Direction.INPUT)
    try:
        midi_in.ignore_types(sysex=False, timing=False, active_sense=True)
        if isinstance(port, Virtual):
            info = open_virtual(midi_in, port.name, chosen)
        else:
            names = list(midi_in.get_ports())
            index = find_port(names, port, Direction.INPUT)
            midi_in.open_port(index, client)
            info = PortInfo(names[index], chosen, virtual=False)
    except BaseException:
        midi_in.delete()
        raise
    log.info("opened MIDI input %r on %s", info.name, chosen.name)
    return InputPort(midi_in, info)
