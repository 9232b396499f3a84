"""Invites: a member's one-time link attaches a colleague to the same entity without approval."""

import re

import pytest

from bot.domain.members import INVITE_DAYS, EntityStatus, MemberRole
from tests.fakes import BOT_USERNAME, FakeTelegram, FakeUser
from tests.flows.onboarding_steps import (
    EN,
    ES,
    PROFILE,
    count_rows,
    fake_with_board,
    make_member,
    stored_user_data,
)
from tests.harness import BotHarness

_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=join_([A-Za-z0-9_-]+)")


@pytest.fixture
def fake() -> FakeTelegram:
    return fake_with_board()


async def invite_token(member: FakeUser, *, via_menu: bool = False) -> str:
    """Ask the bot for an invite link and return its token."""
    if via_menu:
        await member.send("/menu")
        await member.press("Invitar a alguien de tu entidad")
    else:
        await member.send("/invite")
    found = _LINK.search(member.last_text())
    assert found is not None, member.last_text()
    return found.group(1)


@pytest.mark.parametrize("via_menu", [False, True])
async def test_colleague_joins_through_the_link(
    bot: BotHarness, fake: FakeTelegram, via_menu: bool
) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    token = await invite_token(alice, via_menu=via_menu)
    assert len(token) >= 20 and f"{INVITE_DAYS} días" in alice.last_text()

    bob = fake.user("bob", language_code="en")
    await bob.send(f"/start join_{token}")
    invited, notice = bob.messages()[-2:]
    assert "invited to join Huerta Común" in invited.text
    assert "AEPD" in notice.text
    # Nothing about bob is stored before he agrees.
    async with bot.store.read() as repos:
        assert await repos.members.member(bob.id) is None
    assert await stored_user_data(bot, bob) == {}

    await bob.press(EN.accept)
    assert "Main menu" in bob.last_text()
    assert "You are now part of Huerta Común" in bob.messages()[-2].text
    async with bot.store.read() as repos:
        member = await repos.members.member(bob.id)
        invite = await repos.members.invite(token)
        entity = await repos.members.entity(entity_id)
    assert member is not None and member.entity_id == entity_id
    assert member.role is MemberRole.COLLEAGUE and member.locale == "en"
    assert invite is not None and invite.used_by == bob.id
    assert entity is not None and entity.status is EntityStatus.APPROVED  # no new approval

    assert await bot.deliver() == 1
    assert "Bob ha usado tu invitación" in alice.last_text()
    await bob.send("/profile")
    assert "Alice" in bob.last_text() and "Bob" in bob.last_text()


async def test_a_link_works_once(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await make_member(bot, alice)
    token = await invite_token(alice)
    bob, carol = fake.user("bob"), fake.user("carol")
    await bob.send(f"/start join_{token}")
    await bob.press(ES.accept)
    assert "¡Te damos la bienvenida! Ya formas parte de Huerta Común" in bob.messages()[-2].text
    await carol.send(f"/start join_{token}")
    assert "ya se ha usado" in carol.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(carol.id) is None


async def test_a_link_used_while_the_notice_was_open(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await make_member(bot, alice)
    token = await invite_token(alice)
    bob, carol = fake.user("bob"), fake.user("carol")
    await bob.send(f"/start join_{token}")
    await carol.send(f"/start join_{token}")
    await bob.press(ES.accept)
    await carol.press(ES.accept)
    assert "ya se ha usado" in carol.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(carol.id) is None


async def test_a_link_expires_after_seven_days(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await make_member(bot, alice)
    token = await invite_token(alice)
    bot.clock.advance(days=INVITE_DAYS, seconds=1)
    bob = fake.user("bob", language_code="en")
    await bob.send(f"/start join_{token}")
    assert "expired" in bob.last_text()


async def test_unknown_token(bot: BotHarness, fake: FakeTelegram) -> None:
    bob = fake.user("bob")
    await bob.send("/start join_not-a-real-token")
    assert "no es válido" in bob.last_text()
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (0, 0)


async def test_member_of_another_entity_cannot_join(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, dora = fake.user("alice"), fake.user("dora")
    await make_member(bot, alice)
    other = await make_member(bot, dora, profile=PROFILE.model_copy(update={"name": "Otra"}))
    token = await invite_token(alice)
    await dora.send(f"/start join_{token}")
    assert "Ya formas parte de una entidad" in dora.last_text()
    async with bot.store.read() as repos:
        member = await repos.members.member(dora.id)
        invite = await repos.members.invite(token)
    assert member is not None and member.entity_id == other
    assert invite is not None and invite.used_by is None


async def test_declining_an_invite_keeps_the_link_usable(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    await make_member(bot, alice)
    token = await invite_token(alice)
    bob = fake.user("bob")
    await bob.send(f"/start join_{token}")
    await bob.press(ES.decline)
    assert "no he guardado ningún dato" in bob.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(bob.id) is None
        invite = await repos.members.invite(token)
    assert invite is not None and invite.used_by is None
    await bob.send(f"/start join_{token}")
    await bob.press(ES.accept)
    assert "Menú principal" in bob.last_text()


async def test_only_approved_members_invite(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = fake.user("alice"), fake.user("bob")
    await make_member(bot, alice, status=EntityStatus.PENDING)
    await alice.send("/invite")
    assert "pendiente de revisión" in alice.last_text()
    await bob.send("/invite")
    assert "join_" not in bob.last_text()
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (1, 1)


async def test_a_suspended_entity_link_no_longer_works(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    token = await invite_token(alice)
    async with bot.store.write() as repos:
        await repos.members.set_entity_status(entity_id, EntityStatus.SUSPENDED)
    bob = fake.user("bob")
    await bob.send(f"/start join_{token}")
    assert "no está activa" in bob.last_text()


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("es", "➕ Invitar a alguien de tu entidad"),
        ("en", "➕ Invite someone from your organisation"),
    ],
)
async def test_the_menu_invites_anyone_of_the_entity(
    bot: BotHarness, fake: FakeTelegram, language: str, label: str
) -> None:
    alice = fake.user("alice", language_code=language)
    await make_member(bot, alice)
    await alice.send("/menu")
    assert label in alice.last_message().button_texts
    await alice.press(label)
    assert _LINK.search(alice.last_text()) is not None
