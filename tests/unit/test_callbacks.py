"""The callback-data codec: version prefix, 64 bytes, and numbers that fit SQLite."""

import pytest

from bot.callbacks import pack, parse, pattern


def test_pack_and_parse_round_trip() -> None:
    data = pack("mine", "extend", 12, 30)
    assert data == "v1:mine:extend:12:30"
    parsed = parse(data)
    assert parsed is not None
    assert (parsed.feature, parsed.action, parsed.int_arg(0), parsed.int_arg(1)) == (
        "mine",
        "extend",
        12,
        30,
    )


@pytest.mark.parametrize("raw", ["9" * 19, "9" * 40, "1_000", "+5", "", "x1", "١٢"])
def test_numbers_out_of_range_or_oddly_written_are_not_numbers(raw: str) -> None:
    parsed = parse(f"v1:mine:view:{raw}" if raw else "v1:mine:view")
    assert parsed is None or parsed.int_arg(0) is None


def test_the_largest_accepted_number_fits_sqlite() -> None:
    parsed = parse("v1:mine:view:" + "9" * 18)
    assert parsed is not None and parsed.int_arg(0) == 10**18 - 1 < 2**63
    assert parsed.int_arg(5) is None


@pytest.mark.parametrize(
    "data", [None, "", "v2:mine:view:1", "v1:mine", "v1:mine:view:a b", "v1:" + "x" * 70]
)
def test_other_versions_and_malformed_data_are_stale(data: str | None) -> None:
    assert parse(data) is None


def test_pack_refuses_what_parse_would_refuse() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        pack("mine", "view", "x" * 60)
    with pytest.raises(ValueError, match="bad callback part"):
        pack("mine", "view", "a:b")
    assert pattern("mine", "view") == "^v1:mine:view(:|$)"
