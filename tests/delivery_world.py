"""Fixtures' building blocks for delivery tests: a paced fake and outbox helpers."""

from datetime import datetime

from bot.domain.outbox import Button, Category, OutboxItem, Rendered
from bot.storage.repos import Store
from tests.fakes import FakeTelegram, FakeUser
from tests.harness import BOARD_CHAT_ID, FakeClock

MENU = Rendered(
    key="menu.title", keyboard=[[Button(key="menu.help", callback_data="v1:help:show")]]
)


def paced_fake(clock: FakeClock) -> FakeTelegram:
    """A fake Bot API that checks rate windows on the fake clock, with the board group."""
    fake = FakeTelegram(time_source=lambda: clock().timestamp())
    board = fake.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    admin = fake.user("junta_ana", first_name="Ana")
    fake.set_member(board, admin, "administrator")
    return fake


def board_member(fake: FakeTelegram, username: str, language: str = "es") -> FakeUser:
    """A user in the board group who has also talked to the bot privately."""
    user = fake.user(username, language_code=language)
    fake.set_member(BOARD_CHAT_ID, user, "member")
    fake.user_state(user.id).started = True
    return user


async def enqueue(
    store: Store,
    key: str,
    chat_id: int,
    *,
    now: datetime,
    message: Rendered = MENU,
    category: Category = Category.REPLY,
    **options: object,
) -> None:
    """Queue one message in its own transaction."""
    async with store.write() as repos:
        await repos.outbox.enqueue(
            dedupe_key=key,
            chat_id=chat_id,
            locale="es",
            message=message,
            category=category,
            now=now,
            **options,  # type: ignore[arg-type]
        )


async def row(store: Store, key: str) -> OutboxItem:
    """The outbox row with that dedupe key."""
    async with store.read() as repos:
        item = await repos.outbox.by_key(key)
    assert item is not None, key
    return item
