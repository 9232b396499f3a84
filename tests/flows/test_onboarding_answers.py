"""Answers typed instead of pressed, and a language switch in the middle of the questions."""

import pytest

from tests.fakes import FakeTelegram, FakeUser
from tests.flows.onboarding_steps import (
    EN,
    ES,
    Labels,
    answer_all,
    fake_with_board,
    stored_user_data,
)
from tests.harness import BotHarness


@pytest.fixture
def fake() -> FakeTelegram:
    return fake_with_board()


async def up_to_description(user: FakeUser, labels: Labels) -> None:
    """/start, consent and the answers up to the description (buttons pressed)."""
    await user.send("/start")
    await user.press(labels.accept)
    await user.send("El Roble")
    await user.press(labels.kind)
    await user.press(labels.sector)
    await user.press(labels.done)
    await user.send("León")
    await user.send("Hacemos pan.")


@pytest.mark.parametrize(
    ("language", "labels", "typed"),
    [
        ("es", ES, ["saltar", "SALTAR", "Sáltar ", "¡Saltar!"]),
        ("en", EN, ["skip", "SKIP", "Skip.", "saltar"]),
    ],
)
async def test_typing_the_skip_word_skips(
    bot: BotHarness, fake: FakeTelegram, language: str, labels: Labels, typed: list[str]
) -> None:
    alice = fake.user("alice", language_code=language)
    await up_to_description(alice, labels)
    for word in typed:  # offer, need, email and phone
        await alice.send(word)
    await alice.press(labels.skip)  # website
    await alice.press(labels.yes)
    data = await stored_user_data(bot, alice)
    draft = data["onboarding"]["draft"]
    assert (draft["offer_text"], draft["need_text"]) == ("", "")
    assert (draft["email"], draft["phone"], draft["website"]) == (None, None, None)
    assert data["onboarding"]["step"] == "summary"
    assert "altar" not in alice.last_text().lower() and "skip" not in alice.last_text().lower()


@pytest.mark.parametrize(
    ("language", "labels", "kind", "sector", "done", "yes", "listed"),
    [
        ("es", ES, "cooperativa", "AGROALIMENTACION", "hecho", "si", "En el directorio: Sí"),
        ("en", EN, "Cooperative", "agrifood", "DONE", "yes", "In the directory: Yes"),
    ],
)
async def test_typing_a_button_label_chooses_it(
    bot: BotHarness,
    fake: FakeTelegram,
    language: str,
    labels: Labels,
    kind: str,
    sector: str,
    done: str,
    yes: str,
    listed: str,
) -> None:
    alice = fake.user("alice", language_code=language)
    await alice.send("/start")
    await alice.press(labels.accept)
    await alice.send("El Roble")
    await alice.send(kind)
    sectors_question = alice.last_message()
    assert "1 a 3" in sectors_question.text or "1 to 3" in sectors_question.text
    await alice.send(sector)  # toggles it: the question comes again, showing the choice
    marked = [label for label in alice.last_message().button_texts if label.startswith("✅")]
    assert marked == [f"✅ {labels.sector}"]
    await alice.send("Turismo y hostelería" if language == "es" else "tourism and hospitality")
    await alice.send(sector)  # typed again: taken off
    marked = [label for label in alice.last_message().button_texts if label.startswith("✅")]
    assert len(marked) == 1 and labels.sector not in marked[0]
    await alice.send(sector)
    await alice.send(done)
    await alice.send("León")
    await alice.send("Hacemos pan.")
    for _ in range(5):
        await alice.press(labels.skip)
    await alice.send(yes)
    summary = alice.last_text()
    assert listed in summary
    assert "Cooperativ" in summary
    data = await stored_user_data(bot, alice)
    draft = data["onboarding"]["draft"]
    assert draft["kind"] == "cooperative" and draft["listed"] is True
    assert sorted(draft["sectors"]) == ["agrifood", "tourism"]


async def test_typed_text_that_is_no_button_gets_the_hint(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.send("Una cooperativa de trabajo")
    assert "responde con los botones" in alice.last_text()
    await alice.press(ES.kind)
    await alice.send("Hecho")  # with no sector chosen: the same refusal as the button's
    assert "al menos un sector" in alice.last_text()
    data = await stored_user_data(bot, alice)
    assert data["onboarding"]["step"] == "sectors"


@pytest.mark.parametrize(
    ("language", "labels", "other", "other_labels", "question"),
    [
        ("es", ES, "English", EN, "Which sectors"),
        ("en", EN, "Español", ES, "¿En qué sectores"),
    ],
)
async def test_a_new_language_asks_the_open_question_again(
    bot: BotHarness,
    fake: FakeTelegram,
    language: str,
    labels: Labels,
    other: str,
    other_labels: Labels,
    question: str,
) -> None:
    alice = fake.user("alice", language_code=language)
    await alice.send("/start")
    await alice.press(labels.accept)
    await alice.send("El Roble")
    await alice.press(labels.kind)
    await alice.press(labels.sector)
    await alice.send("/language")
    await alice.press(other)
    again = alice.last_message()
    assert question in again.text
    assert f"✅ {other_labels.sector}" in again.button_texts  # the choice made is kept
    assert other_labels.done in again.button_texts
    await alice.press(other_labels.done)
    await alice.send("León")
    await alice.send("Pan.")
    for _ in range(5):
        await alice.press(other_labels.skip)
    await alice.press(other_labels.yes)
    assert other_labels.confirm in alice.last_message().button_texts

    await alice.send("/language")  # at the summary too
    await alice.press("Español" if language == "es" else "English")
    assert labels.confirm in alice.last_message().button_texts
    await alice.press(labels.confirm)
    assert labels.sent in alice.last_text()


@pytest.mark.parametrize(("language", "labels"), [("es", ES), ("en", EN)])
async def test_changing_an_answer_from_the_summary_can_keep_it(
    bot: BotHarness, fake: FakeTelegram, language: str, labels: Labels
) -> None:
    keep = "↩️ Dejar como está" if language == "es" else "↩️ Keep as it is"
    alice = fake.user("alice", language_code=language)
    await alice.send("/start")
    await alice.press(labels.accept)
    await answer_all(alice, labels)
    await alice.press("✏️ " + ("Sectores" if language == "es" else "Sectors"))
    await alice.press("Cultur")
    await alice.press(keep)  # the toggle is undone
    summary = alice.last_message()
    assert labels.confirm in summary.button_texts
    assert "Cultur" not in summary.text
    await alice.press("✏️ " + ("Correo" if language == "es" else "Email"))
    assert alice.last_message().button_texts[0] == keep
    await alice.send(labels.skip)  # the skip word, typed: keeps it too
    assert "hola@roble.es" in alice.last_text()
    data = await stored_user_data(bot, alice)
    draft = data["onboarding"]["draft"]
    assert draft["sectors"] == ["agrifood"] and draft["email"] == "hola@roble.es"
