"""Profile answers are shown as people write them: a place outside León province by its name,
a phone number grouped the usual way (issue 9 item 5)."""

import pytest

from tests.fakes import FakeTelegram
from tests.flows.onboarding_steps import EN, ES, Labels
from tests.harness import BotHarness

OUTSIDE = {
    "es": ("Fuera de la provincia de León", "Madrid (fuera de la provincia)"),
    "en": ("Outside the province of León", "Madrid (outside the province)"),
}


@pytest.mark.parametrize(("language", "labels"), [("es", ES), ("en", EN)])
async def test_a_place_outside_the_province_is_kept_and_shown(
    bot: BotHarness, fake: FakeTelegram, language: str, labels: Labels
) -> None:
    button, shown = OUTSIDE[language]
    alice = fake.user("alice", language_code=language)
    await alice.send("/start")
    await alice.press(labels.accept)
    await alice.send("El Roble")
    await alice.press(labels.kind)
    await alice.press(labels.sector)
    await alice.press(labels.done)
    await alice.send("Madrid")
    await alice.press(button)
    await alice.send("Hacemos pan.")
    for _ in range(3):
        await alice.press(labels.skip)  # offer, need, email
    await alice.send("+34 600 11 22 33")
    await alice.press(labels.skip)  # website
    await alice.press(labels.yes)
    summary = alice.last_text()
    assert shown in summary
    assert "600 11 22 33" in summary and "+34600112233" not in summary
    await alice.press(labels.confirm)
    async with bot.store.read() as repos:
        entity = await repos.members.entity(1)
    assert entity is not None
    assert (entity.municipality, entity.place_outside) == (None, "Madrid")
    assert entity.phone == "+34600112233"  # stored in one form, shown as people write it
