"""The composer's whole path, measured end to end: build the music through each library's own
API and write a Standard MIDI File, or MusicXML (bench/path_musicxml.py: music21, partitura,
pymusicxml); write the file from an already built model; save and load the native format; read
a file back (parse only). Each contender and size runs in its own process (bench/isolated.py),
so the peak memory is its own.

The music is the same for everyone (bench/generate.py's material: 4 voices in 2 tracks of
rhythmic cells, some per-note velocities): scoreframe builds it with ``voice.note`` (a call per
note) and with the bulk ``voice.notes(pitches, periods, velocities=...)``; mido, MIDIUtil,
pretty_midi and symusic from a ready note table (what their users would hold); the pure-Python
floor is a bare bytearray SMF writer over the same note table.

    python bench/bench_path.py [--sizes 10000 100000 1000000] [--tables MusicXML native]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import isolated, path_musicxml  # noqa: E402
from bench.generate import build_with_api, material, note_rows  # noqa: E402

PPQ = 480
TEMPO_US = 625_000  # 96 quarter BPM, as the material's score holds it


def _scoreframe_build(n: int, bulk: bool) -> float:
    import scoreframe as sf

    voices = material(n)
    to_bytes = sf.midi.to_bytes
    start = time.perf_counter()
    score = build_with_api(voices, bulk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        to_bytes(score)
    return time.perf_counter() - start


def build_scoreframe(n: int) -> float:
    return _scoreframe_build(n, bulk=False)


def build_scoreframe_bulk(n: int) -> float:
    return _scoreframe_build(n, bulk=True)


def build_mido(n: int) -> float:
    import mido

    rows = note_rows(material(n))
    start = time.perf_counter()
    midi = mido.MidiFile(type=1, ticks_per_beat=PPQ)
    midi.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=TEMPO_US)]))
    for track in (0, 1):
        events = []
        for _, channel, key, velocity, on, off in (r for r in rows if r[0] == track):
            events.append(
                (on, 1, mido.Message("note_on", channel=channel, note=key, velocity=velocity))
            )
            events.append((off, 0, mido.Message("note_off", channel=channel, note=key)))
        events.sort(key=lambda e: (e[0], e[1]))
        out, last = mido.MidiTrack(), 0
        for tick, _, message in events:
            out.append(message.copy(time=tick - last))
            last = tick
        midi.tracks.append(out)
    midi.save(file=io.BytesIO())
    return time.perf_counter() - start


def build_midiutil(n: int) -> float:
    from midiutil import MIDIFile

    rows = note_rows(material(n))
    start = time.perf_counter()
    midi = MIDIFile(2, ticks_per_quarternote=PPQ, deinterleave=False)
    midi.addTempo(0, 0, 96)
    for track, channel, key, velocity, on, off in rows:
        midi.addNote(track, channel, key, on / PPQ, (off - on) / PPQ, velocity)
    midi.writeFile(io.BytesIO())
    return time.perf_counter() - start


def build_pretty_midi(n: int) -> float:
    import pretty_midi

    rows = note_rows(material(n))
    start = time.perf_counter()
    midi = pretty_midi.PrettyMIDI(resolution=PPQ, initial_tempo=96)
    seconds = TEMPO_US / 1e6 / PPQ
    for track in (0, 1):
        instrument = pretty_midi.Instrument(program=0)
        instrument.notes = [
            pretty_midi.Note(velocity, key, on * seconds, off * seconds)
            for t, _, key, velocity, on, off in rows
            if t == track
        ]
        midi.instruments.append(instrument)
    with tempfile.TemporaryDirectory() as folder:
        midi.write(os.path.join(folder, "x.mid"))
    return time.perf_counter() - start


def build_symusic(n: int) -> float:
    import symusic

    rows = note_rows(material(n))
    start = time.perf_counter()
    score = symusic.Score(PPQ)
    score.tempos.append(symusic.Tempo(0, qpm=96.0))
    for track in (0, 1):
        part = symusic.Track(program=0)
        part.notes.extend(
            symusic.Note(on, off - on, key, velocity)
            for t, _, key, velocity, on, off in rows
            if t == track
        )
        score.tracks.append(part)
    with tempfile.TemporaryDirectory() as folder:
        score.dump_midi(os.path.join(folder, "x.mid"))
    return time.perf_counter() - start


def write_scoreframe(n: int) -> float:
    import scoreframe as sf

    score = _built(n)
    to_bytes = sf.midi.to_bytes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        to_bytes(score)
    return time.perf_counter() - start


def write_floor(n: int) -> float:
    """A bare pure-Python SMF writer: note rows -> sorted events -> delta VLQs in a bytearray."""
    rows = note_rows(material(n))
    start = time.perf_counter()
    chunks = [
        b"MThd"
        + (6).to_bytes(4, "big")
        + (1).to_bytes(2, "big")
        + (3).to_bytes(2, "big")
        + PPQ.to_bytes(2, "big")
    ]
    chunks.append(_floor_track([(0, b"\xff\x51\x03" + TEMPO_US.to_bytes(3, "big"))]))
    for track in (0, 1):
        events = []
        for _, channel, key, velocity, on, off in (r for r in rows if r[0] == track):
            events.append((on, 1, bytes((0x90 | channel, key, velocity))))
            events.append((off, 0, bytes((0x80 | channel, key, 0))))
        events.sort(key=lambda e: (e[0], e[1]))
        chunks.append(_floor_track([(tick, data) for tick, _, data in events]))
    b"".join(chunks)
    return time.perf_counter() - start


def _floor_track(events: list[tuple[int, bytes]]) -> bytes:
    body, last = bytearray(), 0
    for tick, data in events:
        delta = tick - last
        last = tick
        out = [delta & 0x7F]
        delta >>= 7
        while delta:
            out.append(0x80 | (delta & 0x7F))
            delta >>= 7
        body += bytes(reversed(out))
        body += data
    body += b"\x00\xff\x2f\x00"
    return b"MTrk" + len(body).to_bytes(4, "big") + bytes(body)


def _built(n: int) -> object:
    import scoreframe as sf

    voices = material(n)
    score = sf.Score(title="path")
    score.tempo.hold(96)
    for track in range(2):
        part = score.part(f"P{track}", program=1)
        for keys, periods, velocities in voices[2 * track : 2 * track + 2]:
            part.voice().notes(keys, periods, velocities=velocities)
    return score


def _file(n: int) -> bytes:
    import scoreframe as sf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sf.midi.to_bytes(_built(n))  # type: ignore[arg-type]


def read_scoreframe(n: int) -> float:
    import scoreframe as sf

    data = _file(n)
    read = sf.midi.read
    start = time.perf_counter()
    read(data)
    return time.perf_counter() - start


def read_mido(n: int) -> float:
    import mido

    data = _file(n)
    start = time.perf_counter()
    mido.MidiFile(file=io.BytesIO(data))
    return time.perf_counter() - start


def read_pretty_midi(n: int) -> float:
    import pretty_midi

    data = _file(n)
    pretty_midi.pretty_midi.MAX_TICK = 1 << 40  # it refuses files past tick 1e7 ("corrupt")
    start = time.perf_counter()
    pretty_midi.PrettyMIDI(io.BytesIO(data))
    return time.perf_counter() - start


def read_symusic(n: int) -> float:
    import symusic

    data = _file(n)
    start = time.perf_counter()
    symusic.Score.from_midi(data)
    return time.perf_counter() - start


def save_document(n: int) -> float:
    from scoreframe.document import to_bytes

    score = _built(n)
    start = time.perf_counter()
    to_bytes(score)  # type: ignore[arg-type]
    return time.perf_counter() - start


def load_document(n: int) -> float:
    from scoreframe.document import loads, to_bytes

    data = to_bytes(_built(n))  # type: ignore[arg-type]
    start = time.perf_counter()
    loads(data)
    return time.perf_counter() - start


def save_pickle(n: int) -> float:
    import pickle

    score = _built(n)
    start = time.perf_counter()
    pickle.dumps(score, protocol=pickle.HIGHEST_PROTOCOL)
    return time.perf_counter() - start


def load_pickle(n: int) -> float:
    import pickle

    data = pickle.dumps(_built(n), protocol=pickle.HIGHEST_PROTOCOL)
    start = time.perf_counter()
    pickle.loads(data)
    return time.perf_counter() - start


TABLES: dict[str, dict[str, Callable[[int], float]]] = {
    "build through the API + write the SMF": {
        "scoreframe note()": build_scoreframe,
        "scoreframe notes()": build_scoreframe_bulk,
        "mido": build_mido,
        "MIDIUtil": build_midiutil,
        "pretty_midi": build_pretty_midi,
        "symusic": build_symusic,
    },
    "write the SMF from a built model": {
        "scoreframe": write_scoreframe,
        "bare floor": write_floor,
    },
    "build through the API + write MusicXML": path_musicxml.BUILD,
    "write MusicXML from a built model": path_musicxml.WRITE,
    "the native format (.score.xml, schema-checked) against pickle": {
        "save .score.xml": save_document,
        "load .score.xml": load_document,
        "pickle.dumps": save_pickle,
        "pickle.loads": load_pickle,
    },
    "read an SMF (parse only)": {
        "scoreframe": read_scoreframe,
        "mido": read_mido,
        "pretty_midi": read_pretty_midi,
        "symusic": read_symusic,
    },
}
RUNNERS = {f"{table}|{name}": run for table, row in TABLES.items() for name, run in row.items()}
#: Contenders left out above this many notes (minutes a run otherwise).
SLOW = {"mido", "MIDIUtil", "pretty_midi"}
#: MusicXML contenders left out above --xml-slow-max notes (music21 takes a minute at 10k).
XML_SLOW = {"music21", "partitura", "pymusicxml"}


def _limit(args: argparse.Namespace, table: str, name: str) -> int | None:
    """The most notes ``name`` runs in ``table`` (None: no limit)."""
    if "MusicXML" in table and name in XML_SLOW:
        return int(args.xml_slow_max)
    if name in (SLOW if args.slow is None else set(args.slow)):
        return int(args.slow_max)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--slow-max", type=int, default=1_000_000)
    parser.add_argument("--xml-slow-max", type=int, default=10_000)
    parser.add_argument("--tables", nargs="*", help="only the tables whose title has a word")
    parser.add_argument(
        "--slow",
        nargs="*",
        help="the contenders --slow-max applies to (default: mido MIDIUtil pretty_midi)",
    )
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        isolated.run_one(RUNNERS, args.one[0], int(args.one[1]))
        return
    for table, row in TABLES.items():
        if args.tables and not any(word in table for word in args.tables):
            continue
        print(f"\n{table}: seconds (peak MB), same notes, same run")
        print(f"{'notes':>9} " + " ".join(f"{name:>20}" for name in row))
        for n in args.sizes:
            cells = []
            for name in row:
                limit = _limit(args, table, name)
                if limit is not None and n > limit:
                    cells.append(f"{'-':>20}")
                    continue
                got = isolated.measure(__file__, f"{table}|{name}", n)
                cells.append(f"{got['seconds']:10.3f} ({got['rss_mb']:5.0f})")
            print(f"{n:>9} " + " ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
