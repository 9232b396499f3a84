"""How entities and their people read everywhere (bot/handlers/entity_render.py)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.members import (
    CONSENT_VERSION,
    Entity,
    EntityProfile,
    EntityStatus,
    Member,
    MemberRole,
)
from bot.domain.network import Network, load_network
from bot.i18n import Catalogs
from bot.views.entities import applicant_line_html, place_label, place_name, role_label


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs.load(default_locale="es")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network(None)


@pytest.mark.parametrize(
    ("locale", "applicant", "owner", "colleague"),
    [
        ("es", "solicitante", "persona responsable", "colega"),
        ("en", "applicant", "owner", "colleague"),
    ],
)
def test_the_owner_is_the_applicant_only_until_approved(
    catalogs: Catalogs, locale: str, applicant: str, owner: str, colleague: str
) -> None:
    t = catalogs.translator(locale)
    assert role_label(t, MemberRole.OWNER, EntityStatus.PENDING) == applicant
    assert role_label(t, MemberRole.OWNER, EntityStatus.REJECTED) == applicant
    assert role_label(t, MemberRole.OWNER, EntityStatus.APPROVED) == owner
    assert role_label(t, MemberRole.OWNER, EntityStatus.SUSPENDED) == owner
    assert role_label(t, MemberRole.COLLEAGUE, EntityStatus.APPROVED) == colleague


@pytest.mark.parametrize(
    ("locale", "leon"),
    [("es", "León · Tierras de León (León y alfoz)"), ("en", "León · León and surroundings")],
)
def test_places_never_nest_parentheses(
    catalogs: Catalogs, network: Network, locale: str, leon: str
) -> None:
    t = catalogs.translator(locale)
    assert place_name("leon", t=t, network=network) == leon
    assert place_name("gone_from_the_file", t=t, network=network) == "gone_from_the_file"
    profile = EntityProfile(
        name="X", kind="cooperative", sectors=["agrifood"], municipality=None, description="d"
    )
    assert place_label(profile, t=t, network=network) == t("entity.outside_province")


@pytest.mark.parametrize("locale", ["es", "en"])
def test_the_applicant_is_a_link_only_while_they_are_a_member(
    catalogs: Catalogs, locale: str
) -> None:
    t, tz, now = catalogs.translator(locale), ZoneInfo("Europe/Madrid"), datetime.now(UTC)
    entity = Entity(
        name="X",
        kind="cooperative",
        sectors=["agrifood"],
        municipality=None,
        description="d",
        id=1,
        status=EntityStatus.PENDING,
        applied_by=4242,
        applied_at=now,
    )
    applicant = Member.model_validate(
        {
            "user_id": 4242,
            "entity_id": 1,
            "role": MemberRole.OWNER,
            "first_name": "Ana",
            "username": "ana",
            "locale": locale,
            "consent_version": CONSENT_VERSION,
            "consent_at": now,
            "joined_at": now,
        }
    )
    line = applicant_line_html(applicant, entity=entity, t=t, tz=tz)
    assert '<a href="tg://user?id=4242">Ana</a> (@ana)' in line
    # Erasure leaves a pseudonym where their id was: nothing to link to.
    gone = entity.model_copy(update={"applied_by": -(2**62) - 5})
    line = applicant_line_html(None, entity=gone, t=t, tz=tz)
    assert "tg://user" not in line and "?" in line
