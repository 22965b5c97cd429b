"""What the MIDI importer builds keeps every rule of the model by construction, so it runs
:func:`~scoreframe.validation.validate_settings` (no note rules): here the full
:func:`~scoreframe.validation.validate` agrees, on played streams under hypothesis (notes that
overlap on a key, end where they start, chords, velocity-0 note-offs, stray note-offs, several
channels and tracks, quantized or not) and on every MIDI file the installed packages ship.
And the scanner's note pairing (the importer's fast path) agrees with a plain pairing over
the reader's items."""

from __future__ import annotations

import warnings
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.midi.scan import scan, unpack
from scoreframe.midi.smf import encode_file
from scoreframe.validation import validate
from tests.midi.test_import import shipped_files

Event = tuple[int, bytes]


@st.composite
def played_tracks(draw: st.DrawFn) -> list[list[Event]]:
    """Tracks of note-ons and -offs (velocity 0 too) at absolute ticks, at random steps, in
    few keys (so that notes overlap on one key) and few channels."""
    tracks = []
    for _ in range(draw(st.integers(1, 3))):
        events: list[Event] = []
        tick = 0
        for _ in range(draw(st.integers(0, 40))):
            tick += draw(st.sampled_from([0, 0, 0, 1, 5, 24, 48, 96, 200]))
            channel = draw(st.integers(0, 2))
            key = draw(st.integers(58, 63))
            kind = draw(st.sampled_from(["on", "on", "off", "zero"]))
            if kind == "on":
                message = bytes((0x90 | channel, key, draw(st.integers(1, 127))))
            elif kind == "off":
                message = bytes((0x80 | channel, key, draw(st.integers(0, 127))))
            else:
                message = bytes((0x90 | channel, key, 0))
            events.append((tick, message))
        tracks.append(events)
    return tracks


def imported(data: bytes, quantize: object = None) -> sf.Score:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sf.midi.to_score(data, quantize=quantize)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(played_tracks(), st.sampled_from([0, 1]), st.sampled_from([None, "1/16", [4, 3]]))
def test_what_import_builds_passes_the_full_validation(
    tracks: list[list[Event]], format: int, quantize: object
) -> None:
    if format == 0:
        tracks = [sorted((e for events in tracks for e in events), key=lambda e: e[0])]
    score = imported(encode_file(tracks, ppq=96, format=format), quantize)
    validate(score)


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.rsplit("/", 1)[-1])
def test_every_shipped_file_imports_into_a_score_the_full_validation_passes(path: str) -> None:
    data = Path(path).read_bytes()
    validate(imported(data))
    validate(imported(data, "1/16"))


@settings(max_examples=150, deadline=None)
@given(played_tracks())
def test_scan_pairs_the_notes_as_a_plain_first_in_first_out_over_its_items_does(
    tracks: list[list[Event]],
) -> None:
    data = encode_file(tracks, ppq=96, format=1)
    for paired, plain in zip(scan(data, notes=True).tracks, scan(data).tracks, strict=True):
        starts: list[int] = []
        ends: list[int] = []
        codes: list[int] = []
        sounding: dict[tuple[int, int], list[int]] = defaultdict(list)
        rest = []
        for tick, item in zip(plain.ticks, plain.items, strict=True):
            if type(item) is not int or item >> 20 not in (0x8, 0x9):
                rest.append((tick, item))
                continue
            status, key, velocity = unpack(item)
            waiting = sounding[(status & 0x0F, key)]
            if status >> 4 == 0x9 and velocity:
                waiting.append(len(starts))
                starts.append(tick)
                ends.append(tick)
                codes.append(item)
            elif waiting:
                ends[waiting.pop(0)] = tick
        played = paired.played
        assert played is not None
        assert (played.starts, played.ends, played.codes) == (starts, ends, codes)
        assert sorted(played.sounding()) == sorted(i for w in sounding.values() for i in w)
        assert list(zip(paired.ticks, paired.items, strict=True)) == rest
        assert paired.last == (plain.ticks[-1] if plain.ticks else 0) == plain.last
