"""The live router: MIDI input ports through a patch to output ports, until Ctrl-C.

Each input's events enter the patch with the input's name as their port (the name given in
``inputs``: ``"Keyboard"``, or the keys of a mapping); each event that leaves goes to the
output its port names, or to the first output when it names none. The names a patch routes
to (``Output("synth")``, ``Port("synth")``) must be outputs: a typo is an error before
anything starts. When routing stops (Ctrl-C, :meth:`Routing.stop`, an error), the inputs are
closed first, then every note that went out gets its note-off, and All Notes Off and Sustain
Off go to each channel used.

>>> from scoreframe.units import Transpose
>>> class Fake:
...     def __init__(self) -> None: self.sent = []
...     def send(self, data: bytes) -> None: self.sent.append(data.hex(" "))
...     def close(self) -> None: pass
>>> synth = Fake()
>>> router = Router(Transpose(12), PortGroup({"synth": synth}))
>>> router.start()
>>> router.feed("keys", bytes([0x90, 60, 100]), router.started)
>>> router.stop()
1
>>> synth.sent
['90 48 64', '80 48 00', 'b0 7b 00', 'b0 40 00']
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Self

from ..errors import LiveError, UnitError
from ..units.base import Patch, Unit, as_patch
from ..units.engine import port_names
from ..units.event import Event
from ..units.running import Running
from .inputs import InputPort, open_input
from .midiports import Backend, PortsSpec, labelled, open_spec
from .outputs import PortGroup

log = logging.getLogger("scoreframe.live")


@dataclass(frozen=True, slots=True)
class RouteStats:
    """What a routing did: events received, messages sent, note-offs sent at the stop, and
    events a patch failed on (logged and dropped)."""

    received: int
    sent: int
    released: int
    errors: int


class Router:
    """A running patch feeding a :class:`PortGroup`; :meth:`feed` is safe from any thread."""

    def __init__(
        self, patch: Patch, outputs: PortGroup, *, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self.running = Running(patch)
        self.outputs = outputs
        self.started = clock()
        self.received = self.sent = self.errors = self.released = 0
        self._lock = threading.Lock()
        self._stopped = False

    def _send(self, events: list[Event]) -> None:
        outputs = self.outputs
        for event in events:
            outputs.send_to(outputs.index_of(event.port), event.to_bytes())
            self.sent += 1

    def start(self) -> None:
        """Send the patch's start events (``Output`` programs and controllers)."""
        with self._lock:
            self._send(self.running.setup())

    def feed(self, port: str, data: bytes, at: float) -> None:
        """One message from input ``port`` that arrived at ``at`` (the clock's seconds)."""
        event = Event.from_bytes(data, port, max(at - self.started, 0.0))
        if event is None:
            return
        with self._lock:
            if self._stopped:
                return
            self.received += 1
            try:
                self._send(self.running.process(event))
            except UnitError as error:
                self.errors += 1
                log.warning("the patch failed on %s and dropped it: %s", event, error)

    def stop(self) -> int:
        """Stop taking events and silence the outputs; the count of note-offs sent."""
        with self._lock:
            if not self._stopped:
                self._stopped = True
                self.released = self.outputs.release(strict=False)
        return self.released

    def stats(self) -> RouteStats:
        return RouteStats(self.received, self.sent, self.released, self.errors)


def check_routes(patch: Unit, outputs: list[str]) -> None:
    """Raise :class:`LiveError` if the patch routes to a port that is no output."""
    unknown = sorted(port_names(patch) - set(outputs))
    if unknown:
        raise LiveError(
            f"the patch routes to {', '.join(map(repr, unknown))}, which "
            f"{'is no output' if len(unknown) == 1 else 'are no outputs'}; the outputs are "
            f"{', '.join(map(repr, outputs))} (name them: outputs={{{unknown[0]!r}: PORT}})"
        )


class Routing:
    """Ports opened and a router running between them; a context manager that stops it.

    Use :func:`routing`; ``wait`` blocks until Ctrl-C or a time is up."""

    def __init__(self, router: Router, inputs: dict[str, InputPort], stack: ExitStack) -> None:
        self.router = router
        self.inputs = inputs
        self._stack = stack
        self._done = threading.Event()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until :meth:`stop`, ``seconds`` passed, or Ctrl-C; True if Ctrl-C came."""
        try:
            self._done.wait(seconds)
        except KeyboardInterrupt:
            return True
        return False

    def stop(self) -> RouteStats:
        """Close the inputs, silence the outputs, close them; the statistics."""
        self._done.set()
        for port in self.inputs.values():
            port.close()
        self.router.stop()
        self._stack.close()
        return self.router.stats()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def routing(
    patch: Patch,
    inputs: PortsSpec,
    outputs: PortsSpec,
    *,
    backend: Backend | None = None,
    client: str = "scoreframe",
) -> Routing:
    """Open the ports and start routing (see the module doc); stop it with ``stop()`` or
    ``with``. ``inputs`` and ``outputs``: a port (name, unique part of a name, index or
    ``Virtual(name)``), a list of them, or a mapping {name the patch uses: port}."""
    unit = as_patch(patch)
    out_specs, in_specs = labelled(outputs), labelled(inputs)
    check_routes(unit, list(out_specs))
    stack = ExitStack()
    try:
        opened = {
            label: stack.enter_context(open_spec(spec, backend=backend, client=client))
            for label, spec in out_specs.items()
        }
        ins = {
            label: stack.enter_context(open_input(spec, backend=backend, client=client))
            for label, spec in in_specs.items()
        }
        router = Router(unit, PortGroup(opened))
        router.start()
        for label, port in ins.items():
            port.listen(partial(router.feed, label))
    except BaseException:
        stack.close()
        raise
    return Routing(router, ins, stack)


def route(
    patch: Patch,
    inputs: PortsSpec,
    outputs: PortsSpec,
    *,
    seconds: float | None = None,
    backend: Backend | None = None,
) -> RouteStats:
    """Route ``inputs`` through ``patch`` to ``outputs`` until Ctrl-C (or for ``seconds``);
    no note is left hanging. Returns the statistics.

    ``sf.live.route(patch, inputs="Keyboard", outputs="synth")``.
    """
    with routing(patch, inputs, outputs, backend=backend) as running:
        running.wait(seconds)
        return running.stop()
