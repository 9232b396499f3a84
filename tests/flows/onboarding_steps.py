"""Helpers for onboarding and invite flow tests: the board group, labels, a full application."""

from dataclasses import dataclass
from typing import Any

from bot.domain.members import EntityProfile, EntityStatus
from bot.storage.repos import Repos
from tests.fakes import FakeTelegram, FakeUser
from tests.harness import BOARD_CHAT_ID, BotHarness
from tests.seed import seed_entity


def fake_with_board() -> FakeTelegram:
    """A fake Bot API where the board group exists, with one administrator."""
    fake = FakeTelegram()
    board = fake.group("Junta", chat_id=BOARD_CHAT_ID)
    admin = fake.user("junta_ana", first_name="Ana")
    fake.set_member(board, admin, "administrator")
    return fake


@dataclass(frozen=True)
class Labels:
    """Button labels and reply fragments of one language."""

    accept: str
    decline: str
    kind: str
    sector: str
    done: str
    skip: str
    yes: str
    confirm: str
    sent: str
    ask_name: str


ES = Labels(
    accept="✅ Acepto",
    decline="No acepto",
    kind="Cooperativa",
    sector="Agroalimentación",
    done="Hecho",
    skip="Saltar",
    yes="Sí",
    confirm="📨 Enviar solicitud",
    sent="Solicitud enviada",
    ask_name="¿Cómo se llama tu entidad?",
)
EN = Labels(
    accept="✅ I accept",
    decline="I do not accept",
    kind="Cooperative",
    sector="Agrifood",
    done="Done",
    skip="Skip",
    yes="Yes",
    confirm="📨 Send application",
    sent="Application sent",
    ask_name="What is your organisation called?",
)


async def answer_all(user: FakeUser, labels: Labels, *, name: str = "El Roble") -> None:
    """From the first question to the summary, with the optional answers partly skipped."""
    await user.send(name)
    await user.press(labels.kind)
    await user.press(labels.sector)
    await user.press(labels.done)
    await user.send("Leon")
    await user.send("Hacemos pan y queso.")
    await user.send("Formación en panadería")
    await user.press(labels.skip)  # need
    await user.send("hola@roble.es")
    await user.send("987 123 456")
    await user.press(labels.skip)  # website
    await user.press(labels.yes)


async def apply(user: FakeUser, labels: Labels, *, name: str = "El Roble") -> None:
    """/start, consent, every answer and Confirm."""
    await user.send("/start")
    await user.press(labels.accept)
    await answer_all(user, labels, name=name)
    await user.press(labels.confirm)


PROFILE = EntityProfile(
    name="Huerta Común",
    kind="association",
    sectors=["agrifood"],
    municipality="leon",
    description="Huerta comunitaria.",
)


async def make_member(
    bot: BotHarness,
    user: FakeUser,
    *,
    status: EntityStatus = EntityStatus.APPROVED,
    profile: EntityProfile = PROFILE,
) -> int:
    """Store an entity in that status with user as its owner; return the entity id."""
    async with bot.store.write() as repos:
        return await seed_entity(
            repos,
            profile,
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            locale=user.language_code,
            now=bot.clock(),
            status=status,
        )


async def count_rows(repos: Repos) -> tuple[int, int]:
    """How many entities (any status) and members are stored."""
    entities = await repos.members.count_entities(statuses=tuple(EntityStatus))
    async with repos.conn.execute("SELECT COUNT(*) FROM members") as cursor:
        row = await cursor.fetchone()
    return entities, int(row[0]) if row else 0


async def stored_user_data(bot: BotHarness, user: FakeUser) -> dict[str, Any]:
    """What the persistence holds for user after a flush."""
    assert bot.app is not None and bot.app.persistence is not None
    await bot.app.update_persistence()
    data = await bot.app.persistence.get_user_data()
    return dict(data.get(user.id, {}))
