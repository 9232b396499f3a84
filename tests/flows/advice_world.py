"""Helpers for the advice flow tests: labels per language, asking for advice, the board."""

from dataclasses import dataclass

from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.fakes.driver import SAMPLE_PDF
from tests.harness import BOARD_CHAT_ID

BOARD = BOARD_CHAT_ID


@dataclass(frozen=True)
class Labels:
    """Button labels and a few words of one language."""

    business_plan: str
    done: str
    in_the_bot: str
    send: str
    edit: str
    answer: str
    sent: str
    waiting: str
    claimed: str


ES = Labels(
    business_plan="Revisar mi plan de empresa",
    done="✅ Listo",
    in_the_bot="Por aquí, en el bot",
    send="📨 Enviar",
    edit="✏️ Editar",
    answer="↩️ Responder",
    sent="Enviada: es el caso #",
    waiting="esperando a la entidad",
    claimed="lo lleva",
)
EN = Labels(
    business_plan="Review my business plan",
    done="✅ Done",
    in_the_bot="Here, in the bot",
    send="📨 Send",
    edit="✏️ Edit",
    answer="↩️ Answer",
    sent="Sent: it is case #",
    waiting="waiting for the member",
    claimed="held by",
)
LABELS = {"es": ES, "en": EN}
# The board group speaks the bot's default language (es).
CLAIM, UNCLAIM, CLOSE = "🙋 Me lo quedo", "↩️ Devolver", "✔️ Cerrar"


def board_member(fake: FakeTelegram, username: str, first_name: str) -> FakeUser:
    """A user who belongs to the board group."""
    user = fake.user(username, first_name=first_name, language_code="es")
    fake.set_member(BOARD, user, "administrator")
    return user


async def ask_for_plan_review(
    user: FakeUser, labels: Labels, text: str, *, pdf: bytes | None = SAMPLE_PDF
) -> int:
    """/advice for a business-plan review with one PDF, sent; returns the case number."""
    await user.send("/advice")
    await user.press(labels.business_plan)
    await user.send(text)
    if pdf is not None:
        await user.send_document("plan.pdf", pdf)
    await user.press(labels.done)
    await user.press(labels.in_the_bot)
    await user.press(labels.send)
    last = user.last_text()
    assert labels.sent in last, last
    return int(last.split("#", 1)[1].split(".")[0].split(" ")[0])


def card_of(fake: FakeTelegram, case: int) -> FakeMessage:
    """The case's card in the board group."""
    cards = [m for m in fake.messages_to(BOARD) if m.text.startswith(f"🧭 Caso #{case} ")]
    assert cards, [m.text for m in fake.messages_to(BOARD)]
    return cards[-1]
