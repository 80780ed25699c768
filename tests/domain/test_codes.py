from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua_desktop.domain.codes import (
    BadScan,
    SequenceBlock,
    SequenceExhausted,
    agency_digit,
    barcode_key,
    compact_code,
    damm_digit,
    format_code,
    next_in_block,
    normalise_agency_id,
    parse_code,
    parse_lookup,
    sequence_block,
    unmangle_digits,
)
from motcua_desktop.domain.errors import ValidationError

CODE = "000.00.12.H56-261122-0001"
# What the Windows "Vietnamese" keyboard layout types for the keys 1 2 3 4 5 6 7 8 9 0.
LAYOUT = {
    "1": "ă",
    "2": "â",
    "3": "ê",
    "4": "ô",
    "5": "\u0300",
    "6": "\u0309",
    "7": "\u0303",
    "8": "\u0301",
    "9": "\u0323",
    "0": "đ",
}


def test_format_and_parse() -> None:
    assert format_code("000.00.12.H56", date(2026, 11, 22), 1) == CODE
    parsed = parse_code(" 000.00.12.h56-261122-0001 ")
    assert parsed is not None and (parsed.agency_id, parsed.day, parsed.seq) == ("000.00.12.H56", date(2026, 11, 22), 1)
    assert parse_code("000.00.12.H56-261341-0001") is None  # month 13
    assert parse_code("H56-261122-0001") is None
    assert compact_code("000.00.12.H56-261122-0001") == "0000012H562611220001"


@pytest.mark.parametrize("raw", ["000.00.12.H56", "000.17.22.h56", "G01.01.01"])
def test_agency_ids(raw: str) -> None:
    assert normalise_agency_id(raw) == raw.upper()


@pytest.mark.parametrize("raw", ["", "000-00-12-H56", "000.00", "UBND XA"])
def test_bad_agency_ids(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalise_agency_id(raw)


def test_blocks_partition_the_daily_sequence_between_counters() -> None:
    blocks = [sequence_block(c) for c in range(1, 11)]
    numbers = [set(range(b.first, b.last + 1)) for b in blocks]
    assert blocks[0] == SequenceBlock(1, 999) and blocks[1] == SequenceBlock(1000, 1999) and blocks[9].last == 9999
    for i, a in enumerate(numbers):
        for b in numbers[i + 1 :]:
            assert not a & b
    assert set().union(*numbers) == set(range(1, 10000))
    assert sequence_block(3, sole_issuer=True) == SequenceBlock(1, 9999)
    with pytest.raises(ValidationError):
        sequence_block(11)


def test_exhausted_block_is_refused_cleanly() -> None:
    block = sequence_block(2)
    assert next_in_block(None, block, date(2026, 11, 22)) == 1000
    assert next_in_block(1998, block, date(2026, 11, 22)) == 1999
    with pytest.raises(SequenceExhausted, match="1000–1999"):
        next_in_block(1999, block, date(2026, 11, 22))


def test_barcode_key_is_twelve_digits_with_valid_check_digit() -> None:
    key = barcode_key(CODE)
    assert len(key) == 12 and key.isdigit() and key.startswith("2611220001")
    assert key[10] == str(agency_digit("000.00.12.H56"))
    assert damm_digit(key) == 0
    lookup = parse_lookup(key)
    assert lookup.barcode is not None and lookup.barcode.seq == 1 and lookup.barcode.day == date(2026, 11, 22)


@given(st.integers(0, 11), st.integers(1, 9))
def test_any_single_digit_error_is_detected(position: int, shift: int) -> None:
    key = barcode_key(CODE)
    wrong = key[:position] + str((int(key[position]) + shift) % 10) + key[position + 1 :]
    assert damm_digit(wrong) != 0
    with pytest.raises(BadScan):
        parse_lookup(wrong)


@given(st.integers(0, 10))
def test_adjacent_transpositions_are_detected(position: int) -> None:
    key = barcode_key("000.00.12.H56-261122-0347")
    swapped = key[:position] + key[position + 1] + key[position] + key[position + 2 :]
    if swapped != key:
        assert damm_digit(swapped) != 0


def as_vietnamese_layout(digits: str, *, normalise: str | None = None) -> str:
    typed = "".join(LAYOUT[d] for d in digits)
    return unicodedata.normalize(normalise, typed) if normalise else typed


@pytest.mark.parametrize("form", [None, "NFC", "NFD"])
def test_scan_through_the_windows_vietnamese_layout_is_repaired(form: str | None) -> None:
    key = barcode_key(CODE)
    mangled = as_vietnamese_layout(key, normalise=form)
    assert mangled != key
    assert unmangle_digits(mangled) == key
    assert parse_lookup(mangled + "\n").barcode == parse_lookup(key).barcode


def test_telex_and_vni_leave_digit_payloads_alone() -> None:
    # Telex rewrites vowels followed by s f r x j w / dd; VNI rewrites a vowel followed by a digit.
    # A digits-only payload has no vowel, so both pass it through unchanged.
    key = barcode_key(CODE)
    assert parse_lookup(key).barcode is not None


def test_typed_codes_are_accepted_with_or_without_separators() -> None:
    assert parse_lookup(" 000.00.12.h56-261122-0001").code == CODE
    assert parse_lookup("0000012H562611220001").compact == "0000012H562611220001"
    with pytest.raises(BadScan, match="không phải mã hồ sơ"):
        parse_lookup("xin chào")


@pytest.mark.parametrize("pair", [f"{a}{b}" for a in "0123456789" for b in "0123456789"])
def test_every_digit_pair_survives_the_windows_vietnamese_layout(pair: str) -> None:
    # Regression: the whole string used to be NFD-normalised first, which puts the dot below
    # (key 9) before the other marks, so "19", "59", "89"… came back scrambled.
    assert unmangle_digits(as_vietnamese_layout(pair)) == pair
    assert unmangle_digits(as_vietnamese_layout(pair, normalise="NFC")) in (pair, pair[::-1])


def test_many_barcode_keys_through_the_layout_resolve() -> None:
    for seq in range(1, 1000, 7):
        key = barcode_key(f"000.00.12.H56-261129-{seq:04d}")
        assert parse_lookup(as_vietnamese_layout(key)).barcode == parse_lookup(key).barcode
