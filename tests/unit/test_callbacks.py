"""Typed callback data: one definition builds a button and selects its handler; what packing
would not produce (another version, a forged or oversized number, "007") is a stale press."""

import re
from typing import Literal

import pytest

from bot.buttons.posts import ExtendPost, MyPost, MyPosts, RemovePost
from bot.callbacks import CallbackData, parse, patterns, unpack_any


class Sample(CallbackData, feature="sample", action="go"):
    """A button for these tests."""

    number: int
    word: Literal["a", "b"]
    tail: str | None = None


def test_pack_and_unpack_round_trip() -> None:
    data = ExtendPost(post_id=12, days=30).pack()
    assert data == "v1:mine:extend:12:30"
    assert ExtendPost.unpack(data) == ExtendPost(post_id=12, days=30)
    assert ExtendPost.unpack("v1:mine:extend:12") == ExtendPost(post_id=12)
    assert ExtendPost(post_id=12).pack() == "v1:mine:extend:12"


def test_the_pattern_selects_exactly_the_kind() -> None:
    selects = re.compile(MyPost.pattern())
    assert selects.match(MyPost(post_id=3).pack())
    assert not selects.match(MyPosts(page=3).pack())
    assert not selects.match("v1:mine:viewer:3")
    both = re.compile(patterns(MyPost, MyPosts))
    assert both.match("v1:mine:list") and both.match("v1:mine:view:1")
    assert re.compile(MyPost.feature_pattern()).match("v1:mine:anything")


@pytest.mark.parametrize("raw", ["9" * 19, "9" * 40, "1_000", "+5", "007", "x1", "١٢", "-"])
def test_numbers_out_of_range_or_oddly_written_are_stale(raw: str) -> None:
    assert MyPost.unpack(f"v1:mine:view:{raw}") is None


def test_the_largest_accepted_number_fits_sqlite() -> None:
    largest = 2**63 - 1
    assert MyPost.unpack(f"v1:mine:view:{largest}") == MyPost(post_id=largest)
    assert MyPost.unpack(f"v1:mine:view:{largest + 1}") is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "v2:mine:view:1",
        "v1:mine:view",  # its argument is missing
        "v1:mine:view:1:2",  # one argument too many
        "v1:mine:list:1",  # another kind
        "v1:mine:view:a b",
        "v1:" + "x" * 70,
    ],
)
def test_other_versions_kinds_and_malformed_data_are_stale(data: str | None) -> None:
    assert MyPost.unpack(data) is None


def test_values_outside_a_fields_choices_are_stale() -> None:
    assert Sample.unpack("v1:sample:go:1:a") == Sample(number=1, word="a")
    assert Sample.unpack("v1:sample:go:1:c") is None
    assert RemovePost.unpack("v1:pmod:remove:5:list") == RemovePost(post_id=5, origin="list")
    assert RemovePost.unpack("v1:pmod:remove:5:card") is None


def test_packing_refuses_what_unpacking_would_refuse() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Sample(number=1, word="a", tail="x" * 60).pack()
    with pytest.raises(ValueError, match="bad callback part"):
        Sample(number=1, word="a", tail="a:b").pack()
    with pytest.raises(ValueError, match="does not fit SQLite"):
        MyPost(post_id=2**63).pack()


def test_unpack_any_gives_the_first_kind_that_fits() -> None:
    assert unpack_any("v1:mine:list:2", MyPost, MyPosts) == MyPosts(page=2)
    assert unpack_any("v1:mine:close:2", MyPost, MyPosts) is None


def test_parse_gives_the_head_for_routing() -> None:
    raw = parse("v1:mine:extend:12:30")
    assert raw is not None and (raw.feature, raw.action, raw.args) == (
        "mine",
        "extend",
        ("12", "30"),
    )
    assert parse("v2:mine:view:1") is None


def test_two_kinds_cannot_share_a_feature_and_action() -> None:
    with pytest.raises(TypeError, match="MyPost"):

        class Twin(CallbackData, feature="mine", action="view"):
            post_id: int
