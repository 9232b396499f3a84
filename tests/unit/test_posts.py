"""Posts domain: input rules, limits, expiry and the compose order."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.posts import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    InvalidInput,
    Limits,
    Place,
    PlaceKind,
    Post,
    PostKind,
    PostStatus,
    check_description,
    check_limits,
    check_title,
    expiry_warning_key,
    extended_expiry,
    parse_needed_by,
    partner_matches,
)
from bot.services.posts.drafts import Session, Step, following

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def post(**changes: object) -> Post:
    values: dict[str, object] = {
        "id": 1,
        "kind": PostKind.OFFER,
        "sector": "education",
        "title": "Cursos",
        "description": "De cocina",
        "place": Place(kind=PlaceKind.PROVINCE),
        "author_id": 7,
        "entity_id": 3,
        "status": PostStatus.ACTIVE,
        "created_at": NOW,
        "updated_at": NOW,
        "published_at": NOW,
        "expires_at": NOW + timedelta(days=90),
    }
    values.update(changes)
    return Post.model_validate(values)


def test_title_is_one_trimmed_line() -> None:
    assert check_title("  Cursos \n de   cocina\x00 ") == "Cursos de cocina"


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_title_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_title(text)
    assert caught.value.key == "posts.error.empty"


def test_overlong_title_says_limit_and_length() -> None:
    assert check_title("x" * TITLE_MAX) == "x" * TITLE_MAX
    with pytest.raises(InvalidInput) as caught:
        check_title("x" * (TITLE_MAX + 1))
    assert caught.value.key == "posts.error.too_long"
    assert caught.value.params == {"limit": TITLE_MAX, "length": TITLE_MAX + 1}


def test_description_keeps_line_breaks() -> None:
    assert check_description("Uno\nDos") == "Uno\nDos"
    with pytest.raises(InvalidInput):
        check_description("y" * (DESCRIPTION_MAX + 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2027", date(2027, 3, 15)),
        (" 1/2/2027 ", date(2027, 2, 1)),
        ("28-11-2026", date(2026, 11, 28)),
    ],
)
def test_needed_by_dates(text: str, expected: date) -> None:
    assert parse_needed_by(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("mañana", "posts.error.date_format"),
        ("31/02/2027", "posts.error.date_format"),
        ("27/11/2026", "posts.error.date_past"),
        ("01/01/2020", "posts.error.date_past"),
        ("01/01/2099", "posts.error.date_far"),
    ],
)
def test_bad_needed_by_dates(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_needed_by(text, TODAY)
    assert caught.value.key == key


def test_limits() -> None:
    limits = Limits(max_active_posts=10, posts_per_day=5)
    check_limits(limits, active=9, created_last_day=4)
    with pytest.raises(InvalidInput) as caught:
        check_limits(limits, active=10, created_last_day=0)
    assert caught.value.key == "posts.error.max_active"
    with pytest.raises(InvalidInput) as caught:
        check_limits(limits, active=0, created_last_day=5)
    assert caught.value.key == "posts.error.per_day"


def test_extension_adds_days_to_the_current_expiry() -> None:
    # "How many more days?": 30 more days after the 5 still left, not "30 from today".
    assert extended_expiry(NOW + timedelta(days=5), NOW, 30) == NOW + timedelta(days=35)
    far = NOW + timedelta(days=170)
    assert extended_expiry(far, NOW, 30) == far + timedelta(days=30)
    # An expired post (or one never published) counts from now: no days in the past.
    assert extended_expiry(NOW - timedelta(days=10), NOW, 30) == NOW + timedelta(days=30)
    assert extended_expiry(None, NOW, 90) == NOW + timedelta(days=90)
    with pytest.raises(InvalidInput):
        extended_expiry(None, NOW, 45)


def test_partner_names_tolerate_case_accents_and_typos() -> None:
    names = [(1, "Green Bakers"), (2, "Panadería Ñandú"), (3, "Cocina Viva"), (4, "Verde Vivo")]
    assert partner_matches("green bakers", names) == [1]
    assert partner_matches("Grean Bakrs", names) == [1]  # two typos
    assert partner_matches("panaderia", names) == [2]  # part of the name, no accents
    assert partner_matches("PANADERIA NANDU", names) == [2]
    assert partner_matches("queso", names) == []
    assert partner_matches("   ", names) == []
    assert partner_matches("x" * 10_000, names) == []  # a pasted novel is no name


def test_listing_status_counts_a_passed_expiry() -> None:
    live = post()
    assert live.is_listed(NOW)
    assert not live.is_listed(NOW + timedelta(days=90))
    assert live.current_status(NOW + timedelta(days=91)) is PostStatus.EXPIRED
    assert not post(status=PostStatus.PAUSED).is_listed(NOW)
    assert not post(status=PostStatus.PENDING, expires_at=None).is_listed(NOW)


def test_expiry_warning_key_changes_with_the_date() -> None:
    first = expiry_warning_key(4, NOW)
    assert first == "post-expiry:4:2026-11-27"
    assert expiry_warning_key(4, NOW + timedelta(days=30)) != first


def test_compose_order_for_needs_and_offers() -> None:
    need = Session(kind=PostKind.NEED)
    offer = Session(kind=PostKind.OFFER)
    assert following(need, Step.PLACE_TOWN) is Step.WHEN
    assert following(need, Step.WHEN) is Step.ATTACHMENT
    assert following(offer, Step.PLACE_COMARCA) is Step.CONDITIONS
    assert following(offer, Step.CONDITIONS) is Step.DISCOUNT
    assert following(offer, Step.EXPIRY) is Step.PREVIEW


def test_editing_goes_back_to_the_preview() -> None:
    editing = Session.of_post(post(), Step.TITLE)
    assert editing.editing
    assert following(editing, Step.TITLE) is Step.PREVIEW
    assert following(editing, Step.CONDITIONS) is Step.DISCOUNT
    editing.kind = PostKind.NEED
    assert following(editing, Step.KIND) is Step.WHEN
    assert editing.to_draft() is not None
