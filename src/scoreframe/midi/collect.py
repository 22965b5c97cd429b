"""A scanned MIDI file as timed notes and controller values, per track and channel (a *take*).

Each take gathers the notes of one channel of one track (Type 1), of one channel (Type 0, and
Type 2, whose tracks follow each other), with their ticks as played, paired as
:class:`~.scan.Played` says (as the file is scanned). Controllers, the pitch wheel and
channel pressure are kept as (tick, value); RPN 0 (the bend range) and the MPE configuration
(RPN 6, which joins a zone's member channels into one take) are read, not kept. Lyrics, text
events, markers and the copyright are kept as (tick, text), each lyric and text with its
*group* (its track in Type 1, :data:`ANY_TRACK` where the tracks mix the parts), for
:mod:`.marks` to place. What a score cannot hold is counted by name in ``dropped``.

>>> from scoreframe.midi.smf import encode_file
>>> data = encode_file([[(0, bytes((0x90, 60, 90))), (0, bytes((0x90, 60, 80))),
...                      (48, bytes((0x80, 60, 0))), (96, bytes((0x90, 60, 0)))]], ppq=96, format=0)
>>> take = collect(data).takes[0]
>>> take.channel, take.starts, take.ends, take.velocities
(1, [0, 0], [48, 96], [90, 80])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from .meta import MetaMessage, SysEx
from .scan import Played, RawTrack, scan
from .timing import tempo_tracks

#: Controllers the reader consumes: bank select, data entry, (N)RPN numbers.
BANK_MSB, BANK_LSB, DATA_MSB, DATA_LSB = 0, 32, 6, 38
NRPN_LSB, NRPN_MSB, RPN_LSB, RPN_MSB = 98, 99, 100, 101
CONSUMED = frozenset({BANK_MSB, BANK_LSB, DATA_MSB, DATA_LSB, NRPN_LSB, NRPN_MSB, RPN_LSB, RPN_MSB})
#: The SMF default bend range, in semitones, where a file sets none.
DEFAULT_BEND_RANGE = Fraction(2)
#: The group of lyrics and texts in Type 0 and 2 files, whose tracks mix the parts.
ANY_TRACK = -1
#: Meta types kept for :mod:`.marks`: text, copyright, lyric, marker.
TEXT, COPYRIGHT, LYRIC, MARKER = 0x01, 0x02, 0x05, 0x06
#: Meta types that are the file's structure, not content to keep or drop.
_STRUCTURE = {0x00, 0x20, 0x21, 0x2F, 0x54}
_TEXT_NAMES = {
    0x01: "text events",
    0x02: "copyright notices",
    0x05: "lyrics",
    0x06: "markers",
    0x07: "cue points",
    0x08: "program names",
    0x09: "device names",
    0x7F: "sequencer-specific events",
}


@dataclass(slots=True)
class Take:
    """The notes and controller values of one channel of one track (ticks as in the file,
    moved by ``offset`` for Type 2 sections). Notes are in note-on order, in step lists."""

    track: int
    channel: int
    name: str | None = None
    program: int | None = None
    bank: int | None = None
    bend_range: Fraction = DEFAULT_BEND_RANGE
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    keys: list[int] = field(default_factory=list)
    velocities: list[int] = field(default_factory=list)
    note_channels: list[int] = field(default_factory=list)
    controls: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    wheel: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    pressure: list[tuple[int, int]] = field(default_factory=list)
    programs: list[tuple[int, int]] = field(default_factory=list)
    banks: list[tuple[int, int, int]] = field(default_factory=list)
    mpe: bool = False

    def settle(self, dropped: Counter[str]) -> None:
        """The program and bank in force at the first note (else the first given); later
        changes are counted in ``dropped`` (a part has one program)."""
        first = self.starts[0] if self.starts else None
        for tick, program in self.programs:
            if first is None or tick <= first or self.program is None:
                self.program = program
            elif program != self.program:
                dropped["program changes after the first note"] += 1
        bank = None
        for tick, number, value in self.banks:
            if first is not None and tick > first and bank is not None:
                dropped["bank changes after the first note"] += 1
                continue
            old = bank or 0
            bank = value << 7 | old & 0x7F if number == BANK_MSB else old & ~0x7F | value
        self.bank = bank


@dataclass(slots=True)
class Collected:
    """What the file holds: its takes in file order, the conductor's events as (tick, value),
    the title, the length in ticks, the kept meta texts and what was dropped (name -> count)."""

    ppq: int | None
    smpte: tuple[int, int] | None
    takes: list[Take]
    tempos: list[tuple[int, int]]
    meters: list[tuple[int, int, int]]
    keys: list[tuple[int, int, bool]]
    title: str = ""
    end: int = 0
    format: int = 1
    lyrics: list[tuple[int, int, str]] = field(default_factory=list)  # (group, tick, text)
    texts: list[tuple[int, int, str]] = field(default_factory=list)
    markers: list[tuple[int, str]] = field(default_factory=list)
    copyrights: list[str] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)


def collect(data: bytes) -> Collected:
    """The takes and the conductor's events of a file's bytes (see the module doc); the
    errors of :func:`~.scan.scan`."""
    raw = scan(data, notes=True)
    out = Collected(raw.ppq, raw.smpte, [], [], [], [], format=raw.format)
    shared: dict[int, Take] = {}  # Type 0 and 2: one take per channel for the whole file
    offset = 0
    for index, track in enumerate(raw.tracks):
        takes = {} if raw.format == 1 else shared
        tempo = index in tempo_tracks(raw.format, len(raw.tracks))
        _Track(out, index, track, offset, takes, tempo=tempo).read()
        length = track.last
        out.end = max(out.end, offset + length)
        if raw.format == 2:  # the next sequence follows this one
            offset += length
    out.takes.sort(key=lambda t: (t.track, t.channel))
    for take in out.takes:
        take.settle(out.dropped)
    out.tempos.sort(key=lambda c: c[0])
    out.meters.sort(key=lambda c: c[0])
    out.keys.sort(key=lambda c: c[0])
    return out


class _Track:
    """One pass over one track's items (the hot loop of an import)."""

    def __init__(
        self,
        out: Collected,
        index: int,
        track: RawTrack,
        offset: int,
        takes: dict[int, Take],
        *,
        tempo: bool,
    ) -> None:
        self.out, self.index, self.track, self.offset = out, index, track, offset
        self.takes, self.tempo = takes, tempo
        self.name: str | None = None
        self.rpn: dict[int, tuple[int, int]] = {}
        self.zone: dict[int, int] = {}  # member channel (0..15) -> manager channel

    def take(self, channel: int) -> Take:
        """The take of ``channel`` (0..15): an MPE member's goes to its manager's."""
        channel = self.zone.get(channel, channel)
        found = self.takes.get(channel)
        if found is None:
            found = self.takes[channel] = Take(self.index, channel + 1, self.name)
            self.out.takes.append(found)
        return found

    def read(self) -> None:
        """The notes (paired as the track was scanned) into takes, the rest by kind."""
        offset = self.offset
        for tick, item in zip(self.track.ticks, self.track.items, strict=True):
            if type(item) is int:
                self.channel_message(tick + offset, item >> 20, (item >> 16) & 0x0F, item)
            else:
                self.system(tick + offset, item)  # type: ignore[arg-type]
        played = self.track.played
        if played is None:
            raise TypeError("collect reads a track scanned with notes=True")
        if played.stray:
            self.out.fixed["note-offs with no note sounding (ignored)"] += played.stray
        self.close(played)
        self.split(played.starts, played.ends, played.codes)

    def close(self, played: Played) -> None:
        """Notes still sounding when the track ends end there."""
        last, ends = self.track.last, played.ends
        for i in played.sounding():
            ends[i] = last
            self.out.fixed["notes still sounding at the end of their track (ended there)"] += 1

    def split(self, starts: list[int], ends: list[int], codes: list[int]) -> None:
        """The track's notes into the takes of their channels (an MPE zone's into one)."""
        if self.offset:
            starts = [t + self.offset for t in starts]
            ends = [t + self.offset for t in ends]
        channels = [(c >> 16) & 0x0F for c in codes]
        zone = self.zone
        owners = [zone.get(c, c) for c in channels] if zone else channels
        found = set(owners)
        for owner in sorted(found):
            take = self.take(owner)
            if len(found) == 1:  # one channel: the lists as they are
                mine = codes
                take.starts += starts
                take.ends += ends
                take.note_channels += channels
            else:
                picked = [i for i, o in enumerate(owners) if o == owner]
                mine = [codes[i] for i in picked]
                take.starts += [starts[i] for i in picked]
                take.ends += [ends[i] for i in picked]
                take.note_channels += [channels[i] for i in picked]
            take.keys += [(c >> 8) & 0x7F for c in mine]
            take.velocities += [c & 0x7F for c in mine]

    def channel_message(self, tick: int, kind: int, channel: int, item: int) -> None:
        """Controllers, programs, the wheel, pressure (poly pressure is counted, not kept);
        the notes are paired as the track is scanned."""
        one, two = (item >> 8) & 0x7F, item & 0xFF
        if kind == 0xB:
            self.controller(tick, channel, one, two)
        elif kind == 0xC:
            self.take(channel).programs.append((tick, one + 1))
        elif kind == 0xE:
            self.take(channel).wheel.setdefault(channel, []).append((tick, one | two << 7))
        elif kind == 0xD:
            self.take(channel).pressure.append((tick, one))
        else:
            self.out.dropped["polyphonic key pressure"] += 1

    def controller(self, tick: int, channel: int, number: int, value: int) -> None:
        if number not in CONSUMED:
            self.take(channel).controls.setdefault(number, []).append((tick, value))
            return
        msb, lsb = self.rpn.get(channel, (127, 127))
        if number in (RPN_MSB, NRPN_MSB):
            self.rpn[channel] = (value if number == RPN_MSB else -1, lsb)
        elif number in (RPN_LSB, NRPN_LSB):
            self.rpn[channel] = (msb if number == RPN_LSB else -1, value)
        elif number in (BANK_MSB, BANK_LSB):
            self.take(channel).banks.append((tick, number, value))
        elif (msb, lsb) == (0, 0):  # data entry of the bend range
            take = self.take(channel)
            whole = int(take.bend_range) if number == DATA_LSB else value
            cents = value if number == DATA_LSB else 0
            take.bend_range = whole + Fraction(cents, 100)
        elif (msb, lsb) == (0, 6) and number == DATA_MSB:  # an MPE zone's configuration
            self.configure_zone(channel, value)
        elif number == DATA_MSB:
            self.out.dropped["other RPN and NRPN settings"] += 1

    def configure_zone(self, manager: int, members: int) -> None:
        """MPE: the zone's member channels (above the lower manager, below the upper one) play
        into the manager's take."""
        step = 1 if manager == 0 else -1
        for member in range(manager + step, manager + step * (members + 1), step):
            if 0 <= member < 16:
                self.zone[member] = manager
        self.take(manager).mpe = members > 0

    def system(self, tick: int, item: MetaMessage | SysEx) -> None:
        if isinstance(item, SysEx):
            self.out.dropped["system exclusive messages"] += 1
            return
        kind, fields = item.type_byte, item.fields
        if kind == 0x51 and fields:
            if self.tempo:  # the tracks timing.tempo_changes reads
                self.out.tempos.append((tick, int(fields["tempo"])))
        elif kind == 0x58 and fields:
            self.out.meters.append((tick, fields["numerator"], fields["denominator"]))
        elif kind == 0x59 and fields:
            self.out.keys.append((tick, fields["fifths"], bool(fields["minor"])))
        elif kind in (0x03, 0x04) and fields:
            text = _printable(str(fields["text"]))
            if text:
                self.named(kind, text)
        elif kind in (TEXT, COPYRIGHT, LYRIC, MARKER) and fields:
            self.keep(tick, kind, _printable(str(fields["text"])))
        elif kind not in _STRUCTURE:
            self.out.dropped[_TEXT_NAMES.get(kind, "unknown meta events")] += 1

    def keep(self, tick: int, kind: int, text: str) -> None:
        """A lyric, text, marker or copyright for :mod:`.marks` (an empty one is nothing)."""
        if not text:
            return
        out = self.out
        group = self.index if out.format == 1 else ANY_TRACK
        if kind == LYRIC:
            out.lyrics.append((group, tick, text))
        elif kind == TEXT:
            out.texts.append((group, tick, text))
        elif kind == MARKER:
            out.markers.append((tick, text))
        else:
            out.copyrights.append(text)

    def named(self, kind: int, text: str) -> None:
        """A track name names the track's takes; the first track's is the title."""
        if kind == 0x03 and self.index == 0 and self.name is None:
            self.out.title = text
        if self.name is None or kind == 0x03:
            self.name = text
            for take in self.takes.values():
                if take.track == self.index:
                    take.name = text


def _printable(text: str) -> str:
    """A name without the control characters some files pad theirs with (NUL, say), which
    no XML output could hold."""
    return "".join(c for c in text if c.isprintable()).strip()
