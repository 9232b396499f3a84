"""How entities and their people read everywhere (bot/handlers/entity_render.py)."""

import pytest

from bot.domain.members import EntityProfile, EntityStatus, MemberRole
from bot.domain.network import Network, load_network
from bot.i18n import Catalogs
from bot.views.entities import place_label, place_name, role_label


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
