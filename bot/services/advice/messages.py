"""The outbox messages of a case: its card and files in the board group, and each side's
answers relayed to the other.

Every message about a case carries the case's number as its ``case`` parameter and a key
under ``advice.``, so a Telegram reply to any of them finds its case again (``case_of``),
after a restart too: the outbox row is the record of what was sent where.
"""

from bot.buttons.advice import AnswerCase, ClaimCase, CloseCase, RateCase, ReopenCase, UnclaimCase
from bot.domain.advice import Case, CaseEntry, CaseStatus
from bot.domain.outbox import Button, Media, OutboxItem, Rendered
from bot.i18n import Translator

__all__ = [
    "board_file",
    "card",
    "card_key",
    "case_keyboard",
    "case_of",
    "is_about_cases",
    "member_answer",
    "rating_request",
    "reminder",
    "status_label",
    "to_member",
]

_PREFIX = "advice."
CARD = "advice.board.card"


def card_key(case_id: int) -> str:
    """The dedupe key of a case's card in the board group (what its thread replies to)."""
    return f"case:{case_id}:card"


def is_about_cases(item: OutboxItem) -> bool:
    """Whether a sent message is one of this feature's (its case may be gone)."""
    return item.message.key.startswith(_PREFIX)


def case_of(item: OutboxItem | None) -> int | None:
    """The case a sent message is about, or None for any other message."""
    if item is None or not is_about_cases(item):
        return None
    number = item.message.params.get("case")
    return number if isinstance(number, int) else None


def status_label(t: Translator, case: Case) -> str:
    """Where the case stands, naming its holder."""
    if case.status in (CaseStatus.CLAIMED, CaseStatus.WAITING) and case.holder_name:
        return t(f"advice.status.{case.status.value}_by", name=case.holder_name)
    return t(f"advice.status.{case.status.value}")


def case_keyboard(case: Case) -> list[list[Button]]:
    """The board's buttons for the case's status."""
    if case.status is CaseStatus.CLOSED:
        return [
            [Button(key="advice.board.reopen", callback_data=ReopenCase(case_id=case.id).pack())]
        ]
    if case.holder_id is None:
        claim = Button(key="advice.board.claim", callback_data=ClaimCase(case_id=case.id).pack())
        close = Button(key="advice.board.close", callback_data=CloseCase(case_id=case.id).pack())
        return [[claim, close]]
    return [
        [
            Button(key="advice.board.unclaim", callback_data=UnclaimCase(case_id=case.id).pack()),
            Button(key="advice.board.close", callback_data=CloseCase(case_id=case.id).pack()),
        ]
    ]


def card(t: Translator, case: Case, entity: str, files: int) -> Rendered:
    """The case's card for the board group, in the board's language (t)."""
    return Rendered(
        key=CARD,
        params={
            "case": case.id,
            "type": t(f"advice.type.{case.type.value}"),
            "entity": entity,
            "text": case.description,
            "contact": t(f"advice.contact.{case.contact.value}"),
            "files": files,
            "status": status_label(t, case),
        },
        keyboard=case_keyboard(case),
    )


def _media(entry: CaseEntry, *, reply_to_key: str | None = None) -> Media | None:
    file = entry.attachment
    if file is None:
        return None if reply_to_key is None else Media(reply_to_key=reply_to_key)
    return Media(file_id=file.file_id, as_photo=file.as_photo, reply_to_key=reply_to_key)


def board_file(entry: CaseEntry, entity: str) -> Rendered:
    """A file sent with the request, under the card in the board group."""
    return Rendered(
        key="advice.board.file",
        params={"case": entry.case_id, "entity": entity},
        media=_media(entry, reply_to_key=card_key(entry.case_id)),
    )


def member_answer(entry: CaseEntry) -> Rendered:
    """The member's answer, as a reply to the case's card in the board group."""
    return Rendered(
        key="advice.board.member_answer",
        params={"case": entry.case_id, "entity": entry.author_name, "text": entry.text},
        media=_media(entry, reply_to_key=card_key(entry.case_id)),
    )


def to_member(entry: CaseEntry) -> Rendered:
    """A board answer for the member: the board member's first name only, and Answer."""
    return Rendered(
        key="advice.member.board_answer",
        params={"case": entry.case_id, "name": entry.author_name, "text": entry.text},
        keyboard=[
            [
                Button(
                    key="advice.member.answer",
                    callback_data=AnswerCase(case_id=entry.case_id).pack(),
                )
            ]
        ],
        media=_media(entry),
    )


def rating_request(case: Case) -> Rendered:
    """The case is closed: how was the help, from 1 to 5."""
    return Rendered(
        key="advice.member.closed",
        params={"case": case.id},
        keyboard=[
            [
                Button(
                    key="advice.member.stars",
                    params={"stars": stars},
                    callback_data=RateCase(case_id=case.id, stars=stars).pack(),
                )
                for stars in range(1, 6)
            ]
        ],
    )


def reminder(case: Case, days: int) -> Rendered:
    """The board has not answered the member for days, as a reply to the card."""
    params: dict[str, object] = {"case": case.id, "days": days}
    key = "advice.board.reminder"
    if case.holder_name:
        key, params["holder"] = "advice.board.reminder_held", case.holder_name
    return Rendered(
        key=key,
        params=params,
        media=Media(reply_to_key=card_key(case.id)),
    )
