"""Members made directly in the store, skipping onboarding: the one seeding helper.

Flow tests (posts, matching, board, onboarding), delivery tests, the e2e crash test and the
bench all seed through seed_entity(), so what "an approved member" is lives in one place.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.members import CONSENT_VERSION, EntityProfile, EntityStatus, MemberRole
from bot.storage.repos import Repos, Store
from tests.fakes.telegram import FakeTelegram

# A few real keys from the bundled León file, cycled through so audiences can be filtered.
KINDS = ("cooperative", "association", "self_employed", "company")
SECTORS = ("agrifood", "tourism", "digital", "care_social", "culture")
MUNICIPALITIES = ("leon", "ponferrada", "astorga", "sahagun", None)


@dataclass(frozen=True, slots=True)
class Seeded:
    """One seeded member and what their entity is."""

    user_id: int
    entity_id: int
    entity_name: str
    kind: str
    sector: str
    municipality: str | None
    locale: str


def started_users(fake: FakeTelegram, count: int, *, prefix: str = "member") -> list[int]:
    """Fake users who have talked to the bot, so it may write to them."""
    ids = []
    for index in range(count):
        user = fake.user(f"{prefix}{index}", language_code="es" if index % 2 == 0 else "en")
        fake.user_state(user.id).started = True
        ids.append(user.id)
    return ids


async def seed_entity(
    repos: Repos,
    profile: EntityProfile,
    *,
    user_id: int,
    first_name: str,
    username: str | None = None,
    locale: str | None = None,
    now: datetime,
    status: EntityStatus = EntityStatus.APPROVED,
) -> int:
    """An entity applied for by user_id, who owns it, in `status`; return its id.

    Approved and rejected entities are decided as the board would (by "Junta"); any other
    status is set as is.
    """
    entity = await repos.members.create_application(profile, applied_by=user_id, now=now)
    if status in (EntityStatus.APPROVED, EntityStatus.REJECTED):
        await repos.members.decide(entity.id, status=status, by=1, by_name="Junta", now=now)
    elif status is not EntityStatus.PENDING:
        await repos.members.set_entity_status(entity.id, status)
    await join_entity(
        repos,
        entity.id,
        user_id=user_id,
        first_name=first_name,
        username=username,
        locale=locale,
        now=now,
        role=MemberRole.OWNER,
    )
    return entity.id


async def join_entity(
    repos: Repos,
    entity_id: int,
    *,
    user_id: int,
    first_name: str,
    username: str | None,
    locale: str | None,
    now: datetime,
    role: MemberRole = MemberRole.COLLEAGUE,
) -> None:
    """user_id acts for the entity from now on (consent to the current version given)."""
    await repos.members.add_member(
        user_id=user_id,
        entity_id=entity_id,
        role=role,
        first_name=first_name,
        username=username,
        locale=locale,
        consent_version=CONSENT_VERSION,
        now=now,
    )


async def seed_members(
    store: Store, user_ids: list[int], *, now: datetime, name_prefix: str = "Entidad"
) -> list[Seeded]:
    """One approved entity per user, with kinds, sectors and places cycled; es/en alternate."""
    seeded: list[Seeded] = []
    async with store.write() as repos:
        for index, user_id in enumerate(user_ids):
            kind = KINDS[index % len(KINDS)]
            sector = SECTORS[index % len(SECTORS)]
            place = MUNICIPALITIES[index % len(MUNICIPALITIES)]
            locale = "es" if index % 2 == 0 else "en"
            profile = EntityProfile(
                name=f"{name_prefix} {index}",
                kind=kind,
                sectors=[sector],
                municipality=place,
                description="Una entidad de prueba.",
            )
            entity_id = await seed_entity(
                repos,
                profile,
                user_id=user_id,
                first_name=f"Persona {index}",
                locale=locale,
                now=now,
            )
            seeded.append(Seeded(user_id, entity_id, profile.name, kind, sector, place, locale))
    return seeded
