"""Variable-length quantities: the SMF 1.0 specification's own table, limits, errors, and mido's
encoder as a second opinion."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import MidiFileError, MidiMessageError
from scoreframe.midi.vlq import MAX, SMALL, SMALL_LIMIT, decode, encode
from tests.support import require_module

# The examples table of the SMF 1.0 specification ("Variable Length Quantity"), value: bytes.
SPEC_TABLE = [
    (0x00000000, "00"),
    (0x00000040, "40"),
    (0x0000007F, "7f"),
    (0x00000080, "81 00"),
    (0x00002000, "c0 00"),
    (0x00003FFF, "ff 7f"),
    (0x00004000, "81 80 00"),
    (0x00100000, "c0 80 00"),
    (0x001FFFFF, "ff ff 7f"),
    (0x00200000, "81 80 80 00"),
    (0x08000000, "c0 80 80 00"),
    (0x0FFFFFFF, "ff ff ff 7f"),
]


@pytest.mark.parametrize(("value", "dump"), SPEC_TABLE)
def test_the_specification_table_encodes_and_decodes(value: int, dump: str) -> None:
    data = bytes.fromhex(dump)
    assert encode(value) == data
    assert decode(data, 0) == (value, len(data))


def test_decode_reads_at_an_offset_and_returns_the_offset_after() -> None:
    data = bytes.fromhex(
        "90 3c"  # two bytes of something else
        "83 60"  # 480
        "00"  # 0
    )
    assert decode(data, 2) == (480, 4)
    assert decode(data, 4) == (0, 5)


def test_decode_stops_at_end_even_when_more_data_follows() -> None:
    data = bytes.fromhex(
        "81"  # a quantity that continues...
        "00"  # ...into a byte past `end`
    )
    with pytest.raises(MidiFileError, match=r"^byte 0x0: the data ends inside a variable"):
        decode(data, 0, end=1)
    assert decode(data, 0, end=2) == (128, 2)


@pytest.mark.parametrize(
    ("dump", "offset", "message"),
    [
        ("", 0, r"^byte 0x0: the data ends inside"),
        ("00 00 81", 2, r"^byte 0x2: the data ends inside"),
        ("ff ff ff", 0, r"^byte 0x0: the data ends inside"),
        ("ff ff ff ff 7f", 0, r"^byte 0x0: variable-length quantity longer than four bytes"),
        ("00 80 80 80 80 00", 1, r"^byte 0x1: variable-length quantity longer than four bytes"),
    ],
)
def test_decode_errors_name_the_byte_where_the_quantity_starts(
    dump: str, offset: int, message: str
) -> None:
    with pytest.raises(MidiFileError, match=message):
        decode(bytes.fromhex(dump), offset)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, r"^variable-length quantity -1 must be in 0\.\.0xfffffff$"),
        (MAX + 1, r"^variable-length quantity 268435456 must be in 0\.\.0xfffffff$"),
        (1.0, r"must be an int, not float \(1\.0\)"),
        (True, r"must be an int, not bool"),
        ("7", r"must be an int, not str"),
    ],
)
def test_encode_refuses_what_four_bytes_cannot_hold(value: Any, message: str) -> None:
    with pytest.raises(MidiMessageError, match=message):
        encode(value)


def test_the_small_table_is_every_one_and_two_byte_quantity() -> None:
    assert len(SMALL) == SMALL_LIMIT == 0x4000
    assert SMALL[0x7F] == b"\x7f" and SMALL[0x80] == b"\x81\x00" and SMALL[-1] == b"\xff\x7f"
    assert all(len(SMALL[v]) == (1 if v < 0x80 else 2) for v in range(SMALL_LIMIT))
    assert len(encode(SMALL_LIMIT)) == 3


@given(st.integers(0, MAX))
def test_every_quantity_round_trips_in_the_fewest_bytes(value: int) -> None:
    data = encode(value)
    assert decode(data, 0) == (value, len(data))
    assert len(data) == max(1, -(-value.bit_length() // 7))
    assert all(byte & 0x80 for byte in data[:-1]) and not data[-1] & 0x80


@given(st.integers(0, MAX))
def test_mido_encodes_quantities_the_same_way(value: int) -> None:
    require_module("mido")
    from mido.midifiles.meta import encode_variable_int

    assert encode(value) == bytes(encode_variable_int(value))
