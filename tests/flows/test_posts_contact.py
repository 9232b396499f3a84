"""Contact through the bot: relayed both ways, details only when shared, block and report."""

from pathlib import Path

from bot.domain.posts import PostStatus
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import EN, ES, answer, member, post_offer, running_bot
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock

ALICE_EMAIL, ALICE_PHONE = "alice@cocina.example", "600 111 222"
BOB_EMAIL, BOB_PHONE = "bob@bakers.example", "611 333 444"


async def two_members(bot: BotHarness, fake: FakeTelegram) -> tuple[FakeUser, FakeUser]:
    """Alice (es) offers a course; Bob (en) is about to write to her."""
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva", email=ALICE_EMAIL, phone=ALICE_PHONE)
    await member(bot, bob, "Green Bakers", email=BOB_EMAIL, phone=BOB_PHONE)
    await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
    return alice, bob


async def open_card(bob: FakeUser) -> None:
    await bob.send("/offers")
    await bob.press("1")


def no_details(*texts: str) -> bool:
    secrets = (ALICE_EMAIL, ALICE_PHONE, BOB_EMAIL, BOB_PHONE)
    return not any(secret in text for text in texts for secret in secrets)


async def test_messages_go_both_ways_without_details(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send("Hello! Is there a course in English?")
    assert "Sent" in bob.last_text()
    await bot.deliver()
    relayed = alice.last_message()
    assert "Mensaje sobre «Cursos de cocina» de Green Bakers" in relayed.text
    assert "Is there a course in English?" in relayed.text
    assert relayed.button_texts == [ES.reply, ES.share, ES.block, ES.report]
    await alice.press(ES.reply)
    await alice.send("¡Sí! Los martes.")
    await bot.deliver()
    reply = bob.last_message()
    assert 'Message about "Cursos de cocina"' in reply.text and "Los martes" in reply.text
    assert reply.button_texts == [EN.reply, EN.share, EN.block, EN.report]
    await bob.press(EN.reply)
    await bob.send("Great, thanks")
    await bot.deliver()
    assert "Great, thanks" in alice.last_text()
    assert no_details(*alice.texts(), *bob.texts())

    await bob.press(EN.share)
    assert "sent to the other person" in answer(bob)
    await bot.deliver()
    shared = alice.last_text()
    assert BOB_EMAIL in shared and BOB_PHONE in shared and "Green Bakers" in shared
    assert no_details(*bob.texts())  # Alice has not shared hers
    await alice.press(ES.share)
    await bot.deliver()
    assert ALICE_EMAIL in bob.last_text()


async def test_block_stops_relays(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send("Buy my stuff")
    await bot.deliver()
    relayed = alice.last_message()
    await alice.press(ES.reply)
    await alice.send("¿Qué vendes?")
    await bot.deliver()
    bobs_reply_button = bob.last_message()
    await alice.press(ES.block, message=relayed)
    assert "Entidad bloqueada" in answer(alice)
    before = len(alice.messages())
    # Bob is told when he presses Contact or Reply, before he writes a whole message.
    await open_card(bob)
    await bob.press(EN.contact)
    assert answer(bob) == "This person does not accept messages from your organisation."
    assert "Write your message" not in bob.last_text()
    await bob.press(EN.reply, message=bobs_reply_button)
    assert answer(bob) == "This person does not accept messages from your organisation."
    await bob.send("Buy it now")
    assert "wasn't expecting anything" in bob.last_text()
    await bot.deliver()
    assert len(alice.messages()) == before
    # Alice can still write to Bob.
    await alice.press(ES.reply, message=relayed)
    await alice.send("No, gracias")
    await bot.deliver()
    assert "No, gracias" in bob.last_text()


async def test_report_goes_to_the_board(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send("Something rude")
    await bot.deliver()
    await alice.press(ES.report)
    assert "La junta revisará" in answer(alice)
    await alice.press(ES.report)  # twice: reported once
    await bot.deliver()
    reports = [m for m in fake.messages_to(BOARD_CHAT_ID) if "Mensaje denunciado" in m.text]
    assert len(reports) == 1
    assert "Something rude" in reports[0].text and "Green Bakers" in reports[0].text
    # Bob cannot report his own message (a forged press).
    await bob.press_data("v1:contact:report:1")
    assert "expired" in answer(bob)


async def test_flood_limit_keeps_the_message(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, messages_per_minute=2) as bot:
        alice, bob = await two_members(bot, fake)
        await open_card(bob)
        for text in ("one", "two"):
            await bob.press(EN.contact, message=bob.messages()[-1] if text == "two" else None)
            await bob.send(text)
            await open_card(bob)
        await bob.press(EN.contact)
        await bob.send("three")
        assert "at most 2 a minute" in bob.last_text()
        await bob.press("Send now")
        assert "at most 2 a minute" in bob.last_text()
        clock.advance(seconds=61)
        await bob.press("Send now")
        assert "Sent" in bob.last_text()
        await bot.deliver()
        assert [t for t in alice.texts() if "Mensaje sobre" in t][-1].endswith("three")


async def test_own_post_and_wrong_input(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await alice.send("/offers")
    await alice.press("1")
    assert ES.contact not in alice.last_message().button_texts
    await alice.press_data("v1:post:contact:1")
    assert "ya no está disponible" in answer(alice)
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send_photo()
    assert "only pass on text" in bob.last_text()
    await bob.send("z" * 2001)
    assert "2001 characters, and the maximum is 2000" in bob.last_text()
    await bot.restart()
    await bob.send("After a restart")
    assert "Sent" in bob.last_text()
    await bot.deliver()
    assert "After a restart" in alice.last_text()


async def test_cancel_sends_nothing(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await bot.deliver()
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send("/cancel")
    assert "Nothing was sent" in bob.last_text()
    assert await bot.deliver() == 0
    assert not any("Mensaje sobre" in text for text in alice.texts())


async def test_removed_post_threads_end(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake)
    await open_card(bob)
    await bob.press(EN.contact)
    await bob.send("Hi")
    await bot.deliver()
    async with bot.store.write() as repos:
        await repos.posts.decide(
            1,
            status=PostStatus.REMOVED,
            reason="x",
            by=1,
            now=bot.clock(),
            from_statuses=(PostStatus.ACTIVE,),
        )
    await alice.press(ES.reply)
    assert "ya no está disponible" in answer(alice)
    await alice.press(ES.share)
    assert "ya no está disponible" in answer(alice)


async def test_contact_is_for_members(bot: BotHarness, fake: FakeTelegram) -> None:
    await two_members(bot, fake)
    stranger = fake.user("stranger", language_code="en")
    await stranger.send("/help")
    await stranger.press_data("v1:post:contact:1")
    assert "for member organisations only" in answer(stranger)
    await stranger.press_data("v1:contact:share:1")
    assert "for member organisations only" in answer(stranger)
