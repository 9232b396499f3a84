"""How each profile question is asked: its text, its buttons, and the hint after a wrong input."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import pack
from bot.context import BotContext
from bot.domain.profile import DESCRIPTION_MAX, NAME_MAX, OFFER_NEED_MAX, Field
from bot.handlers.onboarding.session import FIELD_STEPS, OPTIONAL_STEPS, Mode, Session, Step, save
from bot.handlers.profile import field_value
from bot.i18n import N_

__all__ = ["MUNICIPALITY_MAX", "ask", "button", "hint", "limit", "prompt", "send", "step_keyboard"]

# A typed place name longer than this is not a place name.
MUNICIPALITY_MAX = 100
_LIMITS: dict[Step, int] = {
    Step.NAME: NAME_MAX,
    Step.MUNICIPALITY: MUNICIPALITY_MAX,
    Step.DESCRIPTION: DESCRIPTION_MAX,
    Step.OFFER: OFFER_NEED_MAX,
    Step.NEED: OFFER_NEED_MAX,
}
# Keys spelled out (not built from the step) so the catalog check sees every one of them.
_ASK: dict[Step, str] = {
    Step.NAME: N_("onboarding.ask.name"),
    Step.KIND: N_("onboarding.ask.kind"),
    Step.SECTORS: N_("onboarding.ask.sectors"),
    Step.MUNICIPALITY: N_("onboarding.ask.municipality"),
    Step.DESCRIPTION: N_("onboarding.ask.description"),
    Step.OFFER: N_("onboarding.ask.offer"),
    Step.NEED: N_("onboarding.ask.need"),
    Step.EMAIL: N_("onboarding.ask.email"),
    Step.PHONE: N_("onboarding.ask.phone"),
    Step.WEBSITE: N_("onboarding.ask.website"),
    Step.LISTED: N_("onboarding.ask.listed"),
}
# What to say when a typed answer was expected and something else came.
_PLEASE: dict[Step, str] = {
    Step.NAME: N_("onboarding.please.name"),
    Step.MUNICIPALITY: N_("onboarding.please.municipality"),
    Step.DESCRIPTION: N_("onboarding.please.description"),
    Step.OFFER: N_("onboarding.please.offer"),
    Step.NEED: N_("onboarding.please.need"),
    Step.EMAIL: N_("onboarding.please.email"),
    Step.PHONE: N_("onboarding.please.phone"),
    Step.WEBSITE: N_("onboarding.please.website"),
}


def limit(step: Step) -> int:
    """The length limit of a typed answer (0 for steps without one)."""
    return _LIMITS.get(step, 0)


def hint(context: BotContext, step: Step) -> str:
    """What to say when something other than the expected answer came."""
    key = _PLEASE.get(step, N_("onboarding.use_buttons"))
    return context.t(key, limit=limit(step))


async def send(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send a message in the chat of the update."""
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=keyboard)


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def step_keyboard(context: BotContext, session: Session) -> InlineKeyboardMarkup | None:
    """The buttons of the question the session is on."""
    t, network, step = context.t, context.network, session.step
    locale = t.locale
    rows: list[list[InlineKeyboardButton]] = []
    if step is Step.KIND:
        rows = [
            [button(kind.label.get(locale), pack("onb", "kind", kind.key))]
            for kind in network.entity_kinds
        ]
    elif step is Step.SECTORS:
        chosen = session.draft.sectors
        buttons = [
            button(
                ("✅ " if sector.key in chosen else "") + sector.label.get(locale),
                pack("onb", "sector", sector.key),
            )
            for sector in network.sectors
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([button(t("onboarding.sectors_done"), pack("onb", "sectors_done"))])
    elif step is Step.LISTED:
        rows = [
            [
                button(t("profile.yes"), pack("onb", "listed", "yes")),
                button(t("profile.no"), pack("onb", "listed", "no")),
            ]
        ]
    elif step in OPTIONAL_STEPS:
        rows = [[button(t("onboarding.skip"), pack("onb", "skip", step.value))]]
    return InlineKeyboardMarkup(rows) if rows else None


def prompt(context: BotContext, session: Session) -> str:
    """The question of the step, with progress or the current answer."""
    t, step = context.t, session.step
    parts: list[str] = []
    if session.mode is Mode.APPLY and not session.editing:
        number = FIELD_STEPS.index(step) + 1
        parts.append(t("onboarding.progress", number=number, total=len(FIELD_STEPS)))
    parts.append(t(_ASK[step], limit=limit(step)))
    if session.editing or session.mode is Mode.PROFILE:
        current = field_value(t, context.network, session.draft, Field(step.value))
        parts.append(t("onboarding.current", value=current))
    return "\n\n".join(parts)


async def ask(update: Update, context: BotContext, session: Session) -> Step:
    """Save the session and ask its current question."""
    save(context, session)
    await send(update, prompt(context, session), step_keyboard(context, session))
    return session.step
