"""The one prompt a person's next message answers, per chat: the newest prompt wins.

Every flow that waits for typed input (an application or a profile edit, a post being
composed, a message to relay, search words, the partner of a fulfilled post, and in the board
group a reason or an announcement's text) arms ONE slot for that chat in the person's
user_data. It is persisted with the rest of user_data, so a restart resumes it, and since there
is one slot, after a restart one flow cannot take another's answer.

Arming replaces the chat's previous prompt. In a group the prompt also records the ids of the
messages that asked (``asked``): only a reply to one of them is the answer, and the ids of a
replaced or finished prompt are remembered for a while (``closed``), so a late reply to it is
told the question is closed instead of being dropped without a word.
``bot.handlers.prompts`` routes the updates.
"""

from collections.abc import Mapping, MutableMapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.services.state import Person
from bot.storage.persistence import UNSTORED_PREFIX

__all__ = [
    "SLOT_KEY",
    "Flow",
    "Prompt",
    "arm",
    "asked",
    "clear",
    "current",
    "expired",
    "migrate_legacy",
    "minutes",
    "update",
    "was_closed",
]

SLOT_KEY = "prompts"  # user_data: {chat id (str): Prompt as a dict}
# The same, for prompts of someone who has not consented to anything yet: never written.
_UNSTORED_KEY = UNSTORED_PREFIX + "prompts"
_CLOSED_KEY = "prompts_closed"  # user_data: {chat id (str): [message ids of closed prompts]}
_CLOSED_KEPT = 20


class Flow(StrEnum):
    """Who the next message is for; values are stored, so never rename them."""

    ONBOARDING = "onboarding"  # an application or a profile edit, at the session's step
    COMPOSE = "compose"  # a new post or an edit, at the draft's step
    CONTACT = "contact"  # a message to relay about a post or in a thread
    SEARCH = "search"  # words to look for
    PARTNER = "partner"  # the name of the entity a fulfilled post was resolved with
    REJECT_APPLICATION = "reject_application"  # board: the reason an application is rejected
    MODERATE_POST = "moderate_post"  # board: the reason a post is rejected or removed
    ANNOUNCE = "announce"  # board: the text of an announcement
    FEE_REFERENCE = "fee_reference"  # "I've paid": the bank reference (optional)
    ADVICE = "advice"  # a request for advice, at the draft's step
    CASE_ANSWER = "case_answer"  # the member's answer in a case's thread
    SUMMIT_FORM = "summit_form"  # board: a new summit's form, or the fields to change of one
    PROPOSE_EVENT = "propose_event"  # a member's own event, in the same form
    REJECT_EVENT = "reject_event"  # board: the reason a member's event is rejected
    SUMMIT_MATERIALS = "summit_materials"  # board: a file or links for those who came
    SUMMIT_FEEDBACK = "summit_feedback"  # an attendee's optional comment after the score


# A message to someone must not leave hours after the button was pressed; a draft waits.
_LIFETIME = {
    Flow.CONTACT: timedelta(minutes=30),
    Flow.SEARCH: timedelta(minutes=30),
    Flow.PARTNER: timedelta(minutes=30),
    Flow.FEE_REFERENCE: timedelta(minutes=30),
}


class Prompt(BaseModel):
    """The armed prompt of one chat and what it is about."""

    flow: Flow
    chat_id: int
    armed_at: datetime
    asked: list[int] = []  # the messages that asked; in a group only a reply to one counts
    # Questions on screen with buttons, to take off once the answer is typed instead.
    with_buttons: list[int] = []
    subject_id: int | None = None  # the post or entity the answer is about
    thread_id: int | None = None  # a contact thread
    action: str | None = None  # which decision a board reason is for ("reject", "remove")
    card_message_id: int | None = None  # the board card to update once decided
    card: str | None = None  # that card's HTML, to append the decision to
    unsent: str | None = None  # a message held back by the per-minute limit
    stored: bool = True  # False: in memory only, never written (before consent)


def minutes(flow: Flow) -> int:
    """How long a prompt of flow waits, in minutes (0: until answered or replaced)."""
    lifetime = _LIFETIME.get(flow)
    return int(lifetime.total_seconds() // 60) if lifetime else 0


def expired(prompt: Prompt, now: datetime) -> bool:
    """Whether the prompt waited longer than its flow allows."""
    lifetime = _LIFETIME.get(prompt.flow)
    return lifetime is not None and now - prompt.armed_at > lifetime


def _slots(person: Person, key: str, *, create: bool = True) -> dict[str, Any]:
    data = person.user_data
    slots = data.get(key) if data is not None else None
    if isinstance(slots, dict):
        return slots
    slots = {}
    if data is not None and create:
        data[key] = slots
    return slots


def current(person: Person, chat_id: int, flow: Flow | None = None) -> Prompt | None:
    """The prompt armed in chat_id (of flow, if given), or None."""
    for key in (SLOT_KEY, _UNSTORED_KEY):
        stored = _slots(person, key, create=False).get(str(chat_id))
        if not isinstance(stored, dict):
            continue
        try:
            prompt = Prompt.model_validate(stored)
        except ValidationError:  # written by an older version that no longer fits: start over
            _slots(person, key).pop(str(chat_id), None)
            return None
        return prompt if flow is None or prompt.flow is flow else None
    return None


def _save(person: Person, prompt: Prompt) -> None:
    key = SLOT_KEY if prompt.stored else _UNSTORED_KEY
    _slots(person, key)[str(prompt.chat_id)] = prompt.model_dump(mode="json")


def arm(person: Person, flow: Flow, chat_id: int, **about: Any) -> Prompt:
    """Make a prompt of flow the one chat_id's next message answers (replacing any other).

    stored=False keeps it in memory only (before consent: a restart forgets it).
    """
    clear(person, chat_id)
    prompt = Prompt(flow=flow, chat_id=chat_id, armed_at=person.now(), **about)
    _save(person, prompt)
    return prompt


def asked(person: Person, prompt: Prompt, message_id: int) -> None:
    """Record that message_id asked for prompt's answer (a reply to it counts)."""
    prompt.asked.append(message_id)
    if current(person, prompt.chat_id, prompt.flow) is not None:
        _save(person, prompt)


def shown_with_buttons(person: Person, prompt: Prompt, message_id: int) -> None:
    """Record that message_id asks prompt's question with buttons on it."""
    prompt.with_buttons.append(message_id)
    if current(person, prompt.chat_id, prompt.flow) is not None:
        _save(person, prompt)


def take_buttons_off(person: Person, prompt: Prompt) -> list[int]:
    """The questions whose buttons should go now (each is returned once)."""
    ids, prompt.with_buttons = prompt.with_buttons, []
    if ids and current(person, prompt.chat_id, prompt.flow) is not None:
        _save(person, prompt)
    return ids


def update(person: Person, prompt: Prompt) -> None:
    """Store a change to the armed prompt (such as a message held back)."""
    if current(person, prompt.chat_id, prompt.flow) is not None:
        _save(person, prompt)


def clear(person: Person, chat_id: int, flow: Flow | None = None) -> Prompt | None:
    """Disarm chat_id's prompt (only if it is flow's, when given); return what was disarmed."""
    prompt = current(person, chat_id, flow)
    if prompt is None:
        return None
    for key in (SLOT_KEY, _UNSTORED_KEY):
        slots = _slots(person, key, create=False)
        slots.pop(str(chat_id), None)
        if not slots and person.user_data is not None:
            person.user_data.pop(key, None)  # nothing left: keep user_data as it was
    if prompt.asked:
        closed = _slots(person, _CLOSED_KEY)
        ids = [*closed.get(str(chat_id), []), *prompt.asked]
        closed[str(chat_id)] = ids[-_CLOSED_KEPT:]
    return prompt


def was_closed(person: Person, chat_id: int, message_id: int) -> bool:
    """Whether message_id asked for an answer that is no longer awaited."""
    ids = _slots(person, _CLOSED_KEY, create=False).get(str(chat_id))
    return isinstance(ids, list) and message_id in ids


# user_data keys of the prompts before this module (never reuse them).
_LEGACY_PRIVATE = "posts_pending"  # {"owner", "armed_at", "post_id", "thread_id", "unsent"}
_LEGACY_GROUP = {
    "board_rejecting": Flow.REJECT_APPLICATION,  # {"entity_id", "message_id", "card", "prompts"}
    "post_moderating": Flow.MODERATE_POST,  # {"post_id", "action", "message_id", "card", ...}
    "announce_prompts": Flow.ANNOUNCE,  # [prompt ids]
}
_LEGACY_KEYS = (_LEGACY_PRIVATE, *_LEGACY_GROUP)


def _legacy_group(flow: Flow, value: object) -> dict[str, Any]:
    if isinstance(value, list):
        return {"asked": [i for i in value if isinstance(i, int)]}
    if not isinstance(value, dict):
        return {}
    return {
        "asked": [i for i in value.get("prompts", []) if isinstance(i, int)],
        "subject_id": value.get("entity_id", value.get("post_id")),
        "action": value.get("action"),
        "card_message_id": value.get("message_id"),
        "card": value.get("card"),
    }


def migrate_legacy(
    everyone: Mapping[int, MutableMapping[str, Any]],
    *,
    board_chat_id: int | None,
    onboarding: frozenset[int],
    now: datetime,
) -> list[int]:
    """Move prompts stored by earlier versions into the one slot; return whose data changed.

    onboarding: who was in the middle of an application or a profile edit (then kept by a
    conversation); they wait again in their private chat, whose id is theirs.
    """
    changed: list[int] = []
    for user_id, data in everyone.items():
        slots: dict[str, Any] = {}
        touched = user_id in onboarding or any(key in data for key in _LEGACY_KEYS)
        old = data.pop(_LEGACY_PRIVATE, None)
        if isinstance(old, dict) and old.get("owner") in {f.value for f in Flow}:
            slots[str(user_id)] = {
                "flow": old["owner"],
                "chat_id": user_id,
                "armed_at": old.get("armed_at", now),
                "subject_id": old.get("post_id"),
                "thread_id": old.get("thread_id"),
                "unsent": old.get("unsent"),
            }
        elif user_id in onboarding:
            slots[str(user_id)] = {"flow": Flow.ONBOARDING, "chat_id": user_id, "armed_at": now}
        for key, flow in _LEGACY_GROUP.items():
            value = data.pop(key, None)
            if value is not None and board_chat_id is not None:
                about = _legacy_group(flow, value)
                slots[str(board_chat_id)] = {
                    "flow": flow,
                    "chat_id": board_chat_id,
                    "armed_at": now,
                    **about,
                }
        if touched:
            changed.append(user_id)
        if slots:
            stored = data.get(SLOT_KEY)
            data[SLOT_KEY] = {**slots, **(stored if isinstance(stored, dict) else {})}
            for chat, raw in list(data[SLOT_KEY].items()):
                try:
                    data[SLOT_KEY][chat] = Prompt.model_validate(raw).model_dump(mode="json")
                except ValidationError:
                    del data[SLOT_KEY][chat]
    return changed
