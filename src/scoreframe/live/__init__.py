"""Live MIDI through python-rtmidi (the ``live`` extra): playback to ports, a router from input
ports through a patch (:mod:`scoreframe.units`) and a recorder, with no hanging notes.

The player plays the MIDI exporter's own message stream, each message due at the second the
tempo map gives, on a monotonic clock, from its own thread. Without python-rtmidi, opening a port
raises :class:`~scoreframe.errors.MissingDependencyError` saying
``pip install 'scoreframe[live]'``.

>>> from scoreframe.live import TimedMessage, play_messages
>>> class Fake:
...     sent: list[bytes] = []
...     def send(self, data: bytes) -> None: self.sent.append(data)
...     def close(self) -> None: pass
>>> stats = play_messages(Fake(), [TimedMessage(0.0, bytes([0x90, 60, 80])),
...                                TimedMessage(0.01, bytes([0x80, 60, 0]))])
>>> stats.sent, stats.released
(2, 0)
"""

from ..midi.timed import TimedMessage
from .cli import cli_play, cli_ports, cli_record, cli_route
from .inputs import InputPort, open_input
from .midiports import Backend, Direction, MidiPort, OutputPort, Virtual, open_output, ports
from .outputs import NoteTracker, PortGroup
from .playback import play, player, score_messages, score_position, start_seconds
from .player import Player, play_messages
from .recorder import Recorder, record
from .router import Router, RouteStats, Routing, route, routing
from .scheduler import PlayStats, Timing
from .stream import LiveValueError, Position, PositionFn, chase, from_offset
from .take import Take

__all__ = [
    "Backend",
    "Direction",
    "InputPort",
    "LiveValueError",
    "MidiPort",
    "NoteTracker",
    "OutputPort",
    "PlayStats",
    "Player",
    "PortGroup",
    "Position",
    "PositionFn",
    "Recorder",
    "RouteStats",
    "Router",
    "Routing",
    "Take",
    "TimedMessage",
    "Timing",
    "Virtual",
    "chase",
    "cli_play",
    "cli_ports",
    "cli_record",
    "cli_route",
    "from_offset",
    "open_input",
    "open_output",
    "play",
    "play_messages",
    "player",
    "ports",
    "record",
    "route",
    "routing",
    "score_messages",
    "score_position",
    "start_seconds",
]
