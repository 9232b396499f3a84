"""Helpers for board flow tests: board members, pending applications and their cards."""

import time
from typing import Any

from bot.domain.members import EntityProfile, EntityStatus
from bot.handlers.board import application_markup
from bot.views.entities import application_notice_html
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.harness import BOARD_CHAT_ID, BotHarness
from tests.seed import seed_entity

BOARD = BOARD_CHAT_ID


def profile(name: str, **fields: object) -> EntityProfile:
    """A valid entity profile named name (other fields overridable)."""
    values: dict[str, object] = {
        "name": name,
        "kind": "cooperative",
        "sectors": ["agrifood"],
        "municipality": "leon",
        "description": "Hacemos pan.",
    }
    values.update(fields)
    return EntityProfile.model_validate(values)


def board_member(
    fake: FakeTelegram, username: str, first_name: str, status: str = "administrator"
) -> FakeUser:
    """A user who belongs to the board group."""
    user = fake.user(username, first_name=first_name, language_code="es")
    fake.set_member(BOARD, user, status)  # type: ignore[arg-type]
    return user


async def applicant(fake: FakeTelegram, username: str, language: str) -> FakeUser:
    """A user who has written to the bot (so the bot may write back)."""
    user = fake.user(username, language_code=language)
    await user.send("/help")
    return user


async def store_application(
    bot: BotHarness,
    user: FakeUser,
    *,
    name: str = "Panadería Común",
    status: EntityStatus = EntityStatus.PENDING,
    **fields: Any,
) -> int:
    """Store an entity applied for by user, with user as its owner; return its id."""
    async with bot.store.write() as repos:
        return await seed_entity(
            repos,
            profile(name, **fields),
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            locale=user.language_code,
            now=bot.clock(),
            status=status,
        )


async def post_notice(bot: BotHarness, entity_id: int) -> FakeMessage:
    """Post the application's card with Approve/Reject in the board group, as the bot."""
    assert bot.app is not None
    services = bot.app.services
    t = services.catalogs.translator("es")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
        assert entity is not None
        owner = await repos.members.member(entity.applied_by)
    sent = await bot.app.bot.send_message(
        BOARD,
        application_notice_html(
            entity, owner, t=t, network=services.network, tz=services.settings.tz
        ),
        reply_markup=application_markup(entity_id, t),
    )
    return bot.fake.message(BOARD, sent.message_id)


async def apply_and_notify(
    bot: BotHarness, user: FakeUser, name: str = "Panadería Común", **fields: Any
) -> tuple[int, FakeMessage]:
    """A pending application and its card in the board group."""
    entity_id = await store_application(bot, user, name=name, **fields)
    return entity_id, await post_notice(bot, entity_id)


async def leave_board(fake: FakeTelegram, user: FakeUser) -> None:
    """The user leaves the board group and Telegram tells the bot (a chat_member update)."""
    old = fake.member_status(BOARD, user)
    fake.set_member(BOARD, user, "left")
    await fake.deliver_update(
        {
            "chat_member": {
                "chat": fake.chat(BOARD).to_dict(),
                "from": user.to_dict(),
                "date": int(time.time()),
                "old_chat_member": {"status": old, "user": user.to_dict()},
                "new_chat_member": {"status": "left", "user": user.to_dict()},
            }
        }
    )


async def entity_status(bot: BotHarness, entity_id: int) -> EntityStatus:
    """The stored status of an entity."""
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None
    return entity.status
