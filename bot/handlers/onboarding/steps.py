"""The answers to the profile questions: how each one is checked and kept."""

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from telegram import InlineKeyboardMarkup, Update

from bot.buttons.onboarding import (
    EntityKindChosen,
    KeepAnswer,
    Listed,
    MunicipalityChosen,
    OutsideProvince,
    RemoveAnswer,
    RetryMunicipality,
    SectorsDone,
    SkipQuestion,
    ToggleSector,
)
from bot.callbacks import unpack_any
from bot.context import BotContext
from bot.domain.profile import (
    ATTRIBUTES,
    DESCRIPTION_MAX,
    NAME_MAX,
    OFFER_NEED_MAX,
    Field,
    InvalidField,
    clean_block,
    clean_line,
    normalize_email,
    normalize_phone,
    normalize_website,
    shown_length,
    toggle_sector,
)
from bot.domain.text import clean_text, has_visible
from bot.handlers.common import stale_button
from bot.handlers.onboarding.questions import (
    END,
    MUNICIPALITY_MAX,
    ask,
    hint,
    keep_row,
    step_keyboard,
    typed_choice,
)
from bot.handlers.profile import municipality_label
from bot.handlers.ui import answered, button, send
from bot.i18n import N_
from bot.services.onboarding.session import (
    OPTIONAL_STEPS,
    TEXT_STEPS,
    Session,
    Step,
    load,
    save,
)

__all__ = ["Advance", "Answer", "button_answer", "text_answer", "wrong_input"]

Answer = Callable[[Update, BotContext], Coroutine[Any, Any, object]]


class Advance(Protocol):
    """What comes after an answer: the next question, the summary or the saved profile."""

    # Set by the package so this module need not import the summary. kept=True: «Keep as it
    # is» was chosen, the answer given before stays.

    def __call__(
        self, update: Update, context: BotContext, session: Session, *, kept: bool = False
    ) -> Awaitable[object]: ...


# InvalidField.reason -> message.
_ERRORS: dict[str, str] = {
    "empty": N_("onboarding.error.empty"),
    "invisible": N_("onboarding.error.invisible"),
    "too_long": N_("onboarding.error.too_long"),
    "email": N_("onboarding.error.email"),
    "phone": N_("onboarding.error.phone"),
    "website": N_("onboarding.error.website"),
    "too_many_sectors": N_("onboarding.error.too_many_sectors"),
}
_TEXT_RULES: dict[Step, Callable[[str], str]] = {
    Field.NAME: lambda text: clean_line(text, NAME_MAX),
    Field.DESCRIPTION: lambda text: clean_block(text, DESCRIPTION_MAX),
    Field.OFFER: lambda text: clean_block(text, OFFER_NEED_MAX),
    Field.NEED: lambda text: clean_block(text, OFFER_NEED_MAX),
    Field.EMAIL: normalize_email,
    Field.PHONE: normalize_phone,
    Field.WEBSITE: normalize_website,
}


def _store(session: Session, step: Step, value: object) -> None:
    # The first attribute is the answer; the municipality's second (the name typed outside
    # the province) is set by the Outside-the-province button, and cleared by a real key.
    attribute = ATTRIBUTES[Field(step.value)][0]
    update: dict[str, object] = {attribute: value}
    if step is Field.MUNICIPALITY and value is not None:
        update["place_outside"] = None
    session.draft = session.draft.model_copy(update=update)


def _error(context: BotContext, problem: InvalidField) -> str:
    return context.t(_ERRORS[problem.reason], **problem.params)


def _session_at(context: BotContext, step: Step) -> Session | None:
    # The step the answer was routed to; the draft follows it.
    session = load(context)
    if session is not None:
        session.step = step
    return session


async def _lost(update: Update, context: BotContext) -> str:
    """The flow waits at a step but the draft is gone: start over."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, context.t("onboarding.lost"))
    return END


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
        await answered(update)


async def _refuse(update: Update, context: BotContext, session: Session, text: str) -> None:
    """Say why a choice is refused: an alert on a button, a message after typing."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await send(update, text, step_keyboard(context, session))


def text_answer(step: Step, advance: Advance) -> Answer:
    """The handler of a typed answer to step (or of a button's label typed instead)."""

    async def answer(update: Update, context: BotContext) -> object:
        session = _session_at(context, step)
        message = update.effective_message
        if session is None:
            return await _lost(update, context)
        if message is None or message.text is None:
            return None
        choice = _choice(typed_choice(context, session, message.text))
        if choice is not None:
            return await _choose(update, context, session, choice, advance)
        if step not in TEXT_STEPS:
            await send(update, hint(context, step), step_keyboard(context, session))
            return None
        if step is Field.MUNICIPALITY:
            return await _municipality(update, context, session, message.text, advance)
        try:
            value = _TEXT_RULES[step](message.text)
        except InvalidField as problem:
            if problem.reason == "invisible":  # what they see is a blank bubble: ask again
                await send(update, _error(context, problem))
                await ask(update, context, session)
                return None
            await send(update, _error(context, problem), step_keyboard(context, session))
            return None
        _store(session, step, value)
        return await advance(update, context, session)

    return answer


async def _municipality(
    update: Update, context: BotContext, session: Session, text: str, advance: Advance
) -> object:
    t, network = context.t, context.network
    text = clean_text(text)
    if not has_visible(text):
        await send(update, t("onboarding.error.invisible"))
        await ask(update, context, session)
        return None
    if shown_length(text) > MUNICIPALITY_MAX:
        length = shown_length(text)
        await send(update, t("onboarding.error.too_long", length=length, limit=MUNICIPALITY_MAX))
        return None
    lookup = network.find_municipality(text)
    if lookup.exact is not None:
        session.draft = session.draft.model_copy(
            update={
                "municipality": lookup.exact.key,
                "municipality_answered": True,
                "place_outside": None,
            }
        )
        return await advance(update, context, session)
    # Kept for "Outside the province": the place is then shown as typed ("Madrid").
    session.draft = session.draft.model_copy(update={"municipality_typed": " ".join(text.split())})
    save(context, session)
    rows = [
        [
            button(
                municipality_label(t, network, place.key),
                MunicipalityChosen(municipality=place.key).pack(),
            )
        ]
        for place in lookup.suggestions
    ]
    rows.append([button(t("profile.outside_province"), OutsideProvince().pack())])
    rows.append([button(t("onboarding.municipality_retry"), RetryMunicipality().pack())])
    if session.changing:
        rows.append(keep_row(t, session))
    key = (
        "onboarding.municipality_suggest"
        if lookup.suggestions
        else "onboarding.municipality_unknown"
    )
    await send(update, t(key, text=" ".join(text.split())), InlineKeyboardMarkup(rows))
    return None


# The buttons of the profile's questions (the consent and summary ones are handled apart).
Choice = (
    EntityKindChosen
    | ToggleSector
    | SectorsDone
    | MunicipalityChosen
    | OutsideProvince
    | RetryMunicipality
    | KeepAnswer
    | SkipQuestion
    | RemoveAnswer
    | Listed
)
_CHOICES: tuple[type[Choice], ...] = (
    EntityKindChosen,
    ToggleSector,
    SectorsDone,
    MunicipalityChosen,
    OutsideProvince,
    RetryMunicipality,
    KeepAnswer,
    SkipQuestion,
    RemoveAnswer,
    Listed,
)


def _choice(data: str | None) -> Choice | None:
    return unpack_any(data, *_CHOICES)


def button_answer(step: Step, advance: Advance) -> Answer:
    """The handler of every button of step's question (other steps' buttons are stale)."""

    async def answer(update: Update, context: BotContext) -> object:
        query = update.callback_query
        session = _session_at(context, step)
        choice = _choice(query.data if query else None)
        if query is None:
            return None
        if session is None:
            return await _lost(update, context)
        if choice is None:
            await stale_button(update, context)
            return None
        return await _choose(update, context, session, choice, advance)

    return answer


async def _choose(
    update: Update, context: BotContext, session: Session, choice: Choice, advance: Advance
) -> object:
    """A choice of the current question, pressed or typed as the button's label."""
    step, network = session.step, context.network
    value: object
    match choice:
        case EntityKindChosen(kind=kind) if step is Field.KIND and network.kind(kind):
            value = kind
        case ToggleSector(sector=sector) if step is Field.SECTORS and network.sector(sector):
            await _toggle(update, context, session, sector)
            return None
        case SectorsDone() if step is Field.SECTORS:
            if not session.draft.sectors:
                await _refuse(update, context, session, context.t("onboarding.error.no_sectors"))
                return None
            value = session.draft.sectors
        case MunicipalityChosen(municipality=key) if (
            step is Field.MUNICIPALITY and network.municipality(key)
        ):
            value = key
        case OutsideProvince() if step is Field.MUNICIPALITY:
            value = None
            session.draft = session.draft.model_copy(
                update={"place_outside": session.draft.municipality_typed or None}
            )
        case RetryMunicipality() if step is Field.MUNICIPALITY:
            await _ack(update)
            return await ask(update, context, session)
        case KeepAnswer() | SkipQuestion() if choice.step == step.value and session.changing:
            # «Skip» from a keyboard sent before keep/remove existed means the same: no change.
            await _ack(update)
            return await advance(update, context, session, kept=True)
        case SkipQuestion() | RemoveAnswer() if (
            choice.step == step.value and step in OPTIONAL_STEPS
        ):
            value = "" if step in (Field.OFFER, Field.NEED) else None
        case Listed(answer=answer) if step is Field.LISTED:
            value = answer == "yes"
        case _:
            await stale_button(update, context)
            return None
    await _ack(update)
    _store(session, step, value)
    if step is Field.MUNICIPALITY:
        session.draft = session.draft.model_copy(update={"municipality_answered": True})
    return await advance(update, context, session)


async def _toggle(update: Update, context: BotContext, session: Session, key: str) -> None:
    try:
        chosen = toggle_sector(session.draft.sectors, key)
    except InvalidField as problem:
        await _refuse(update, context, session, _error(context, problem))
        return
    session.draft = session.draft.model_copy(update={"sectors": chosen})
    query = update.callback_query
    if query is None:  # typed: ask again, showing the choice made
        await ask(update, context, session)
        return
    await query.answer()
    save(context, session)
    await query.edit_message_reply_markup(step_keyboard(context, session))


def wrong_input(step: Step) -> Answer:
    """The handler of anything but the expected answer: say what is expected, stay."""

    async def answer(update: Update, context: BotContext) -> None:
        session = _session_at(context, step)
        text = hint(context, step)
        keyboard = step_keyboard(context, session) if session is not None else None
        await send(update, text, keyboard)

    return answer
