"""/mydata hands over everything stored about a person, typed, without anyone else's secrets;
/forgetme then leaves nothing tied to them but the board's own record.

The viewer is the cheese dairy (the need side of a match, in es or en). Píxel Coop (the offer
side) says "not relevant" after the dairy said "interested", which the double opt-in keeps
from the dairy. An unlisted workshop writes about the need anonymously; the dairy replies,
shares its contact, reports the message and blocks the workshop.
"""

import json
from dataclasses import dataclass
from typing import Any

import pytest

from bot.storage.personal_data import PERSONAL_TABLES, Keep, Kind
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.matching_world import LABELS, NEED_TITLE, pair_of_members, publish_pair
from tests.flows.posts_world import member
from tests.harness import BotHarness

CAPTION = {
    "es": ("formato JSON", "«another member» es otra persona de la red"),
    "en": ("as JSON", "“another member” is someone else in the network"),
}
OTHER = {"es": "en", "en": "es"}
WORKSHOP = "Taller Secreto"
WORKSHOP_DETAILS = ("secreto@taller.example", "600 999 888")
ASKED = "¿Os ayudo con la web?"
REPLIED = "Sí, gracias, hablamos"
ERASE = {"es": "🗑 Sí, borrar mis datos", "en": "🗑 Yes, erase my data"}


@dataclass(frozen=True)
class World:
    cheese: FakeUser
    pixel: FakeUser
    workshop: FakeUser


async def copy_of(user: FakeUser) -> tuple[dict[str, Any], str, FakeMessage]:
    """Send /mydata; the parsed document, its raw text and the message."""
    await user.send("/mydata")
    message = user.last_message()
    assert message.document is not None, message.text
    raw = message.document.content.decode()
    return json.loads(raw), raw, message


async def world(bot: BotHarness, fake: FakeTelegram, lang: str) -> World:
    other = OTHER[lang]
    cheese, pixel = await pair_of_members(bot, fake, need_lang=lang, offer_lang=other)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    await cheese.press(LABELS[lang].interested)
    await pixel.press(LABELS[other].not_relevant)
    await bot.deliver()
    workshop = fake.user("taller", language_code=other)
    email, phone = WORKSHOP_DETAILS
    await member(bot, workshop, WORKSHOP, listed=False, email=email, phone=phone)
    await workshop.send("/needs")
    await workshop.press("1")
    await workshop.press(LABELS[other].posts.contact)
    await workshop.send(ASKED)
    await bot.deliver()
    relayed = cheese.last_message()
    assert ASKED in relayed.text and WORKSHOP not in relayed.text
    own = LABELS[lang].posts
    await cheese.press(own.reply, message=relayed)
    await cheese.send(REPLIED)
    await cheese.press(own.share, message=relayed)
    await cheese.press(own.report, message=relayed)
    await cheese.press(own.block, message=relayed)
    await bot.deliver()
    return World(cheese, pixel, workshop)


def values(node: Any) -> list[Any]:
    """Every scalar in a JSON document."""
    if isinstance(node, dict):
        return [v for value in node.values() for v in values(value)]
    if isinstance(node, list):
        return [v for value in node for v in values(value)]
    return [node]


def never_identifies(document: dict[str, Any], raw: str, *people: FakeUser) -> None:
    """None of these people's Telegram ids is anywhere in the copy."""
    for person in people:
        assert person.id not in values(document)
        assert str(person.id) not in raw


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_mydata_has_every_section_typed_with_a_localized_caption(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    w = await world(bot, fake, lang)
    data, raw, message = await copy_of(w.cheese)
    assert all(part in message.text for part in CAPTION[lang])
    assert message.document is not None
    assert (message.document.file_name or "").endswith(".json")
    assert {table.key for table in PERSONAL_TABLES} <= set(data)
    assert data["telegram_user_id"] == w.cheese.id and data["language"] == lang

    profile = data["member"]
    assert profile["user_id"] == w.cheese.id and profile["match_alerts_paused"] is False
    assert profile["consent_at"].endswith("+00:00") and profile["unreachable_at"] is None
    (entity,) = data["entities"]
    assert entity["name"] == "Quesería La Vega" and entity["listed"] is True
    assert entity["sectors"] == ["education"] and entity["applied_by"] == "you"
    assert "decided_by" not in entity and "decided_by_name" not in entity
    (post,) = data["posts"]
    assert post["title"] == NEED_TITLE and post["urgent"] is True and post["author"] == "you"
    assert post["needed_by"] is None and post["conditions"] is None
    assert "search_terms" not in post and "file_id" not in post

    # The match: one's own answer, never the other side's, nor the status that would tell it.
    (pair,) = data["match_pairs"]
    assert isinstance(pair["shared_terms"], list) and pair["shared_terms"]
    assert isinstance(pair["same_municipality"], bool)
    assert "status" not in pair and "ended_at" not in pair and "score" not in pair
    (side,) = data["match_sides"]
    assert side == side | {"side": "need", "user": "you", "answer": "interested"}
    assert isinstance(side["name_notice"], bool)
    assert '"not_relevant"' not in raw and "declined" not in raw

    # The thread with the anonymous workshop: what was written both ways, and the sharing.
    (thread,) = data["contact_threads"]
    assert thread["author"] == "you" and thread["asker"] == "another member"
    assert thread["author_shared_at"] is not None and thread["asker_shared_at"] is None
    texts = [(m["sender"], m["text"]) for m in data["contact_messages"]]
    assert texts == [("another member", ASKED), ("you", REPLIED)]
    (block,) = data["entity_blocks"]
    assert block["blocker"] == "you" and block["entity"] == "another organisation"
    assert block["created_at"].endswith("+00:00")
    (report,) = data["contact_reports"]
    assert report["message_id"] == data["contact_messages"][0]["id"]
    assert report["reporter"] == "you"
    # What the bot sent: the proposal and the relayed message, rendered parameters as JSON.
    sent = {row["message_key"]: row for row in data["messages_from_the_bot"]}
    assert sent["posts.contact.relayed_anonymous"]["params"]["text"] == ASKED
    assert all(isinstance(row["params"], dict) for row in data["messages_from_the_bot"])
    assert all(
        "keyboard" not in row and "dedupe_key" not in row for row in data["messages_from_the_bot"]
    )

    never_identifies(data, raw, w.pixel, w.workshop)
    assert WORKSHOP not in raw
    assert not any(detail in raw for detail in WORKSHOP_DETAILS)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_other_sides_copies_keep_the_viewer_hidden(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    w = await world(bot, fake, lang)
    # The workshop: its own messages and the reply, the block of it, no report of it.
    data, raw, _ = await copy_of(w.workshop)
    (thread,) = data["contact_threads"]
    assert thread["asker"] == "you" and thread["author"] == "another member"
    texts = [(m["sender"], m["text"]) for m in data["contact_messages"]]
    assert texts == [("you", ASKED), ("another member", REPLIED)]
    (block,) = data["entity_blocks"]
    assert block["blocker"] == "another member" and block["entity"] == "your organisation"
    assert data["contact_reports"] == []
    assert data["match_sides"] == [] and data["match_pairs"] == []
    never_identifies(data, raw, w.cheese, w.pixel)
    # Píxel Coop: its own "not relevant", nothing of the dairy's answer or its thread.
    data, raw, _ = await copy_of(w.pixel)
    (side,) = data["match_sides"]
    assert side["answer"] == "not_relevant" and side["user"] == "you"
    assert [s["answer"] for s in data["match_sides"]] == ["not_relevant"]
    assert data["contact_threads"] == [] and data["contact_messages"] == []
    never_identifies(data, raw, w.cheese, w.workshop)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_forgetme_leaves_nothing_that_mydata_would_show(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    w = await world(bot, fake, lang)
    await w.cheese.send("/forgetme")
    await w.cheese.press(ERASE[lang])
    data, _, _ = await copy_of(w.cheese)
    kept = {table.key for table in PERSONAL_TABLES if isinstance(table.erase[0], Keep)}
    left = {
        key: data[key]
        for key in {table.key for table in PERSONAL_TABLES} - kept
        if data[key] not in (None, [])
    }
    assert left == {}
    assert [row["action"] for row in data["audit_log"]] == ["member.erase"]
    # Nothing the erasure does not keep names the person's id any more.
    async with bot.store.read() as repos:
        for table in PERSONAL_TABLES:
            if isinstance(table.erase[0], Keep):
                continue
            for column, kind in table.columns.items():
                if kind is Kind.PERSON:
                    async with repos.conn.execute(
                        f"SELECT COUNT(*) FROM {table.name} WHERE {column} = ?",  # noqa: S608
                        (w.cheese.id,),
                    ) as cursor:
                        row = await cursor.fetchone()
                    assert row is not None and row[0] == 0, f"{table.name}.{column}"
    # The workshop keeps its own side: its messages, the dairy's reply blanked, no block.
    data, raw, _ = await copy_of(w.workshop)
    texts = [(m["sender"], m["text"]) for m in data["contact_messages"]]
    assert texts == [("you", ASKED), ("another member", None)]
    assert data["entity_blocks"] == []
    assert REPLIED not in raw
    never_identifies(data, raw, w.cheese)
