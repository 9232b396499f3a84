"""Approved member entities for delivery tests, the e2e crash test and the bench."""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.members import CONSENT_VERSION, EntityProfile, EntityStatus, MemberRole
from bot.storage.repos import Store
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
            entity = await repos.members.create_application(profile, applied_by=user_id, now=now)
            await repos.members.decide(
                entity.id, status=EntityStatus.APPROVED, by=1, by_name="Junta", now=now
            )
            await repos.members.add_member(
                user_id=user_id,
                entity_id=entity.id,
                role=MemberRole.OWNER,
                first_name=f"Persona {index}",
                username=None,
                locale=locale,
                consent_version=CONSENT_VERSION,
                now=now,
            )
            seeded.append(Seeded(user_id, entity.id, profile.name, kind, sector, place, locale))
    return seeded
