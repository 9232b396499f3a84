"""How each profile question is asked: its text, its buttons, and the hint after a wrong input."""

from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.buttons.onboarding import (
    EntityKindChosen,
    KeepAnswer,
    Listed,
    RemoveAnswer,
    SectorsDone,
    SkipQuestion,
    ToggleSector,
)
from bot.context import BotContext
from bot.domain.profile import DESCRIPTION_MAX, NAME_MAX, OFFER_NEED_MAX, Field, answer_key
from bot.handlers import prompts
from bot.handlers.profile import field_value
from bot.handlers.ui import button, send
from bot.i18n import N_, Translator
from bot.services.onboarding.session import FIELD_STEPS, OPTIONAL_STEPS, Mode, Session, Step, save

__all__ = [
    "END",
    "MUNICIPALITY_MAX",
    "ask",
    "has_value",
    "hint",
    "keep_row",
    "limit",
    "prompt",
    "step_keyboard",
    "typed_choice",
]

# What a handler returns when the flow is over (its prompt is then disarmed); a Step means the
# flow waits at that step, and None that nothing changed (a stale button, say).
END: Final = "end"

# A typed place name longer than this is not a place name.
MUNICIPALITY_MAX = 100
_LIMITS: dict[Step, int] = {
    Field.NAME: NAME_MAX,
    Field.MUNICIPALITY: MUNICIPALITY_MAX,
    Field.DESCRIPTION: DESCRIPTION_MAX,
    Field.OFFER: OFFER_NEED_MAX,
    Field.NEED: OFFER_NEED_MAX,
}
# Keys spelled out (not built from the step) so the catalog check sees every one of them.
_ASK: dict[Step, str] = {
    Field.NAME: N_("onboarding.ask.name"),
    Field.KIND: N_("onboarding.ask.kind"),
    Field.SECTORS: N_("onboarding.ask.sectors"),
    Field.MUNICIPALITY: N_("onboarding.ask.municipality"),
    Field.DESCRIPTION: N_("onboarding.ask.description"),
    Field.OFFER: N_("onboarding.ask.offer"),
    Field.NEED: N_("onboarding.ask.need"),
    Field.EMAIL: N_("onboarding.ask.email"),
    Field.PHONE: N_("onboarding.ask.phone"),
    Field.WEBSITE: N_("onboarding.ask.website"),
    Field.LISTED: N_("onboarding.ask.listed"),
}
# What to say when a typed answer was expected and something else came.
_PLEASE: dict[Step, str] = {
    Field.NAME: N_("onboarding.please.name"),
    Field.MUNICIPALITY: N_("onboarding.please.municipality"),
    Field.DESCRIPTION: N_("onboarding.please.description"),
    Field.OFFER: N_("onboarding.please.offer"),
    Field.NEED: N_("onboarding.please.need"),
    Field.EMAIL: N_("onboarding.please.email"),
    Field.PHONE: N_("onboarding.please.phone"),
    Field.WEBSITE: N_("onboarding.please.website"),
}


def limit(step: Step) -> int:
    """The length limit of a typed answer (0 for steps without one)."""
    return _LIMITS.get(step, 0)


def hint(context: BotContext, step: Step) -> str:
    """What to say when something other than the expected answer came."""
    key = _PLEASE.get(step, N_("onboarding.use_buttons"))
    return context.t(key, limit=limit(step))


def has_value(session: Session) -> bool:
    """Whether the step's question already has an answer that «Remove» could clear."""
    draft, step = session.draft, session.step
    return (
        isinstance(step, Field)
        and step in OPTIONAL_STEPS
        and bool(
            {
                Field.OFFER: draft.offer_text,
                Field.NEED: draft.need_text,
                Field.EMAIL: draft.email,
                Field.PHONE: draft.phone,
                Field.WEBSITE: draft.website,
            }[step]
        )
    )


def keep_row(t: Translator, session: Session) -> list[InlineKeyboardButton]:
    """«Keep as it is» and, for an optional answer that has a value, «Remove»."""
    row = [button(t("onboarding.keep"), KeepAnswer(step=session.step.value).pack())]
    if has_value(session):
        row.append(button(t("onboarding.remove"), RemoveAnswer(step=session.step.value).pack()))
    return row


def step_keyboard(
    context: BotContext, session: Session, t: Translator | None = None
) -> InlineKeyboardMarkup | None:
    """The buttons of the question the session is on (labels in t's language)."""
    t = t or context.t
    network, step = context.network, session.step
    locale = t.locale
    rows: list[list[InlineKeyboardButton]] = []
    if step is Field.KIND:
        rows = [
            [button(kind.label.get(locale), EntityKindChosen(kind=kind.key).pack())]
            for kind in network.entity_kinds
        ]
    elif step is Field.SECTORS:
        chosen = session.draft.sectors
        buttons = [
            button(
                ("✅ " if sector.key in chosen else "") + sector.label.get(locale),
                ToggleSector(sector=sector.key).pack(),
            )
            for sector in network.sectors
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([button(t("onboarding.sectors_done"), SectorsDone().pack())])
    elif step is Field.LISTED:
        rows = [
            [
                button(t("profile.yes"), Listed(answer="yes").pack()),
                button(t("profile.no"), Listed(answer="no").pack()),
            ]
        ]
    if session.changing:
        # Changing an answer given before: skipping would silently erase it, so keeping and
        # removing are separate, explicit buttons.
        rows.append(keep_row(t, session))
    elif step in OPTIONAL_STEPS:
        rows = [[button(t("onboarding.skip"), SkipQuestion(step=step.value).pack())]]
    return InlineKeyboardMarkup(rows) if rows else None


def typed_choice(context: BotContext, session: Session, text: str) -> str | None:
    """The callback data of the button whose label was typed instead of pressed, if any."""
    typed = answer_key(text)
    if not typed:
        return None
    catalogs = context.services.catalogs
    # The person's language first; a label of another language (say, after /language) too.
    locales = [context.t.locale, *(x for x in catalogs.locales if x != context.t.locale)]
    for locale in locales:
        t = catalogs.translator(locale)
        keyboard = step_keyboard(context, session, t)
        for row in keyboard.inline_keyboard if keyboard is not None else ():
            for key in row:
                if answer_key(key.text) == typed and isinstance(key.callback_data, str):
                    return key.callback_data
        # The word for skipping, typed where there is nothing to skip, keeps the answer.
        if typed == answer_key(t("onboarding.skip")) and session.changing:
            return KeepAnswer(step=session.step.value).pack()
    return None


def prompt(context: BotContext, session: Session) -> str:
    """The question of the step, with progress or the current answer."""
    t, step = context.t, session.step
    parts: list[str] = []
    if session.mode is Mode.APPLY and not session.editing:
        number = FIELD_STEPS.index(step) + 1
        parts.append(t("onboarding.progress", number=number, total=len(FIELD_STEPS)))
    parts.append(t(_ASK[step], limit=limit(step)))
    if session.changing:
        current = field_value(t, context.network, session.draft, Field(step.value))
        parts.append(t("onboarding.current", value=current))
        hints = [t("onboarding.hint.keep")]
        if has_value(session):
            hints.append(t("onboarding.hint.remove"))
        parts.append(" ".join(hints))
    elif step in OPTIONAL_STEPS:
        parts.append(t("onboarding.hint.skip"))
    return "\n\n".join(parts)


async def ask(update: Update, context: BotContext, session: Session) -> Step:
    """Save the session and ask its current question."""
    save(context, session)
    sent = await send(update, prompt(context, session), step_keyboard(context, session))
    prompts.asked_with_buttons(update, context, sent)
    return session.step
