"""Where live MIDI goes: one port or several named ones, each tracking the notes it sounds so
that however playback or routing ends, every note that went out gets its note-off.

A :class:`PortGroup` holds output ports by name (the names a patch's ``Output`` and ``Port``
units use); a message goes to the port its ``port`` names, and to the first port when it names
none (``""``, or a track's or an input's name that is no output).

>>> class Recorder:
...     def __init__(self) -> None:
...         self.sent: list[bytes] = []
...     def send(self, data: bytes) -> None:
...         self.sent.append(data)
...     def close(self) -> None:
...         pass
>>> group = PortGroup({"synth": Recorder(), "drums": Recorder()})
>>> group.send_to(group.index_of("drums"), bytes([0x99, 36, 100]))
>>> group.send_to(group.index_of("Piano"), bytes([0x90, 60, 100]))   # no such output: the first
>>> group.release(strict=True)
2
>>> [[m.hex(" ") for m in port.sent] for port in group.ports]
[['90 3c 64', '80 3c 00', 'b0 7b 00', 'b0 40 00'], ['99 24 64', '89 24 00', 'b9 7b 00', 'b9 40 00']]
"""

from __future__ import annotations

from collections.abc import Mapping

from scoreframe.errors import LiveError
from scoreframe.live.midiports import MidiPort
from scoreframe.live.stream import ALL_NOTES_OFF, SUSTAIN
from scoreframe.midi.timed import CONTROL_CHANGE, NOTE_OFF, NOTE_ON


class NoteTracker:
    """The notes sounding per channel, and the channels used, from the bytes sent.

    >>> tracker = NoteTracker()
    >>> for data in (b"\\x90<d", b"\\x90@d", b"\\x80<\\x00", b"\\x92C\\x00", b"\\xc3\\x05"):
    ...     tracker.observe(data)
    >>> tracker.sounding(), sorted(tracker.channels)
    ([(0, 64)], [0, 2, 3])
    """

    def __init__(self) -> None:
        self._sounding: set[tuple[int, int]] = set()
        self.channels: set[int] = set()

    def observe(self, data: bytes) -> None:
        """Note what ``data`` starts or ends (channels here are 0 to 15, as in the bytes)."""
        status = data[0]
        if status >= 0xF0:
            return
        channel, kind = status & 0x0F, status & 0xF0
        self.channels.add(channel)
        if kind not in (NOTE_ON, NOTE_OFF) or len(data) < 3:
            return
        if kind == NOTE_ON and data[2] > 0:
            self._sounding.add((channel, data[1]))
        else:
            self._sounding.discard((channel, data[1]))

    def sounding(self) -> list[tuple[int, int]]:
        """``(channel, key)`` of every note sounding, sorted."""
        return sorted(self._sounding)

    def release_messages(self) -> list[bytes]:
        """Note-offs for the notes sounding, then CC 123 and CC 64 = 0 on each channel used.

        >>> tracker = NoteTracker()
        >>> tracker.observe(bytes([0x95, 60, 1]))
        >>> [m.hex(" ") for m in tracker.release_messages()]
        ['85 3c 00', 'b5 7b 00', 'b5 40 00']
        """
        offs = [bytes([NOTE_OFF | channel, key, 0]) for channel, key in self.sounding()]
        resets = [
            bytes([CONTROL_CHANGE | channel, number, 0])
            for channel in sorted(self.channels)
            for number in (ALL_NOTES_OFF, SUSTAIN)
        ]
        return offs + resets

    def forget(self) -> None:
        """Start afresh (after a release)."""
        self._sounding.clear()
        self.channels.clear()


def release(port: MidiPort, tracker: NoteTracker, *, strict: bool) -> int:
    """Silence everything ``tracker`` saw; return the count of note-offs sent.

    Every message is tried even if some fail; with ``strict`` a failure raises
    :class:`LiveError` afterwards (without it, the error already on its way wins).
    """
    failure: BaseException | None = None
    notes = len(tracker.sounding())
    for data in tracker.release_messages():
        try:
            port.send(data)
        except Exception as error:
            failure = failure or error
    tracker.forget()
    if strict and failure is not None:
        raise LiveError(f"could not silence the port at the end: {failure}") from failure
    return notes


class PortGroup:
    """Output ports by name, each with its :class:`NoteTracker`; the first is the default."""

    def __init__(self, ports: Mapping[str, MidiPort]) -> None:
        if not ports:
            raise LiveError("give at least one output port")
        self.names = list(ports)
        self.ports = list(ports.values())
        self.trackers = [NoteTracker() for _ in self.ports]
        self._index = {name: i for i, name in enumerate(self.names)}

    @classmethod
    def single(cls, port: MidiPort) -> PortGroup:
        """One port, the default for every message."""
        return cls({"": port})

    def index_of(self, name: str) -> int:
        """The port ``name`` names; 0 (the first) for a name that is no output's."""
        return self._index.get(name, 0)

    def send_to(self, index: int, data: bytes) -> None:
        """Send ``data`` to port ``index``, noting the notes it starts or ends."""
        self.trackers[index].observe(data)
        self.ports[index].send(data)

    def release(self, *, strict: bool) -> int:
        """Silence every port (see :func:`release`); the count of note-offs sent."""
        failure: BaseException | None = None
        notes = 0
        for port, tracker in zip(self.ports, self.trackers, strict=True):
            try:
                notes += release(port, tracker, strict=strict)
            except LiveError as error:
                failure = failure or error
        if failure is not None:
            raise failure
        return notes

    def close(self) -> None:
        for port in self.ports:
            port.close()
