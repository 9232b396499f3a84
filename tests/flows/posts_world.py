"""Helpers for the marketplace flow tests: approved members made directly, labels, posting."""

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.domain.members import EntityProfile
from tests.fakes import FakeTelegram, FakeUser
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings
from tests.seed import seed_entity


async def member(
    bot: BotHarness,
    user: FakeUser,
    name: str,
    *,
    municipality: str | None = "leon",
    listed: bool = True,
    email: str | None = "hola@example.org",
    phone: str | None = "987 000 111",
) -> int:
    """Make user an approved member of a new entity (skipping onboarding); return its id."""
    now = bot.clock()
    profile = EntityProfile(
        name=name,
        kind="cooperative",
        sectors=["education"],
        municipality=municipality,
        description="Una entidad de prueba.",
        email=email,
        phone=phone,
        listed=listed,
    )
    async with bot.store.write() as repos:
        return await seed_entity(
            repos,
            profile,
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            locale=user.language_code,
            now=now,
        )


def board_admin(fake: FakeTelegram, username: str = "junta_ana") -> FakeUser:
    """A user who administers the board group."""
    admin = fake.user(username, first_name="Ana")
    fake.set_member(BOARD_CHAT_ID, admin, "administrator")
    return admin


@dataclass(frozen=True)
class Labels:
    """Button labels of one language."""

    need: str
    offer: str
    skip: str
    publish: str
    days90: str
    province: str
    online: str
    urgent: str
    no_date: str
    contact: str
    reply: str
    share: str
    block: str
    report: str
    extend: str
    close: str
    sector: str
    another_town: str


ES = Labels(
    need="🙋 Necesidad",
    offer="🎁 Oferta",
    skip="Saltar",
    publish="✅ Publicar",
    days90="90 días",
    province="Toda la provincia",
    online="En línea",
    urgent="⚡ Es urgente",
    no_date="Sin fecha",
    contact="✉️ Contactar con quien lo publica",
    reply="↩️ Responder",
    share="📇 Compartir mi contacto",
    block="⛔ Bloquear",
    report="⚠️ Denunciar",
    extend="⏳ Ampliar",
    close="✔️ Cerrar",
    sector="Educación y formación",
    another_town="Otro municipio",
)
EN = Labels(
    need="🙋 Need",
    offer="🎁 Offer",
    skip="Skip",
    publish="✅ Publish",
    days90="90 days",
    province="The whole province",
    online="Online",
    urgent="⚡ It's urgent",
    no_date="No date",
    contact="✉️ Contact the author",
    reply="↩️ Reply",
    share="📇 Share my contact",
    block="⛔ Block",
    report="⚠️ Report",
    extend="⏳ Extend",
    close="✔️ Close",
    sector="Education and training",
    another_town="Another municipality",
)


async def post_offer(
    user: FakeUser,
    labels: Labels,
    title: str,
    description: str,
    *,
    where: str | None = None,
    conditions: str | None = None,
) -> None:
    """/post an offer from start to Publish; where: a button label or None for one's own."""
    await user.send("/post")
    await user.press(labels.offer)
    await user.press(labels.sector)
    await user.send(title)
    await user.send(description)
    await user.press(where or "📍")
    if conditions is None:
        await user.press(labels.skip)
    else:
        await user.send(conditions)
    await user.press(labels.skip)  # discount
    await user.press(labels.skip)  # attachment
    await user.press(labels.days90)
    await user.press(labels.publish)


async def post_need(
    user: FakeUser, labels: Labels, title: str, description: str, *, where: str | None = None
) -> None:
    """/post a need (urgent) from start to Publish."""
    await user.send("/post")
    await user.press(labels.need)
    await user.press(labels.sector)
    await user.send(title)
    await user.send(description)
    await user.press(where or "📍")
    await user.press(labels.urgent)
    await user.press(labels.skip)  # attachment
    await user.press(labels.days90)
    await user.press(labels.publish)


def network_file(tmp_path: Path, **values: object) -> Path:
    """The bundled network file with some [network] values changed, written to tmp_path."""
    text = (resources.files("bot") / "data" / "leon.toml").read_text(encoding="utf-8")
    for key, value in values.items():
        literal = json.dumps(value)  # true/false, numbers and "strings" read the same in TOML
        text, count = re.subn(rf"^{key} = .*$", f"{key} = {literal}", text, count=1, flags=re.M)
        assert count == 1, key
    path = tmp_path / "network.toml"
    path.write_text(text, encoding="utf-8")
    return path


@asynccontextmanager
async def running_bot(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, **network: object
) -> AsyncIterator[BotHarness]:
    """A bot whose network file differs from the bundled one (it survives restarts)."""
    settings = make_settings(tmp_path, network_config=network_file(tmp_path, **network))
    harness = BotHarness(fake=fake, clock=clock, settings=settings)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


def answer(user: FakeUser) -> str:
    """The text of the bot's answer to the user's last button press ("" when none)."""
    last = user.last_callback_answer
    return (last.text or "") if last is not None else ""
