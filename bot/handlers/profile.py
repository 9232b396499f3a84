"""The member's entity profile: how it is shown, and /profile with its Edit buttons."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.common import OpenMenu, ShowProfile
from bot.buttons.onboarding import EditAnswer, EditProfileField
from bot.context import BotContext
from bot.domain.members import Entity, EntityProfile, Member
from bot.domain.network import Network
from bot.domain.profile import FIELDS, Field, ProfileDraft, phone_for_display
from bot.handlers.guards import current_member
from bot.i18n import N_, Safe, Translator
from bot.views.entities import place_name, role_label

__all__ = [
    "edit_keyboard",
    "field_label",
    "field_value",
    "handlers",
    "render_profile",
    "send_profile",
    "show_profile",
]

_LABELS: dict[Field, str] = {
    Field.NAME: N_("profile.label.name"),
    Field.KIND: N_("profile.label.kind"),
    Field.SECTORS: N_("profile.label.sectors"),
    Field.MUNICIPALITY: N_("profile.label.municipality"),
    Field.DESCRIPTION: N_("profile.label.description"),
    Field.OFFER: N_("profile.label.offer"),
    Field.NEED: N_("profile.label.need"),
    Field.EMAIL: N_("profile.label.email"),
    Field.PHONE: N_("profile.label.phone"),
    Field.WEBSITE: N_("profile.label.website"),
    Field.LISTED: N_("profile.label.listed"),
}
# A profile lists who acts for the entity; beyond this many, it says how many more.
_PEOPLE_SHOWN = 20


def field_label(t: Translator, field: Field) -> str:
    """The name of a profile question ("Nombre", "Sectores"…)."""
    return t(_LABELS[field])


def field_value(
    t: Translator, network: Network, profile: EntityProfile | ProfileDraft, field: Field
) -> str:
    """A profile answer as plain text in t's language ("—" when empty); not yet escaped."""
    locale = t.locale
    value: str | None
    if field is Field.KIND:
        kind = network.kind(profile.kind or "")
        value = kind.label.get(locale) if kind else profile.kind
    elif field is Field.SECTORS:
        labels = []
        for key in profile.sectors:
            sector = network.sector(key)
            labels.append(sector.label.get(locale) if sector else key)
        value = ", ".join(labels)
    elif field is Field.MUNICIPALITY and profile.municipality is None and profile.place_outside:
        # Safe: kept plain here, the caller escapes the whole line once.
        value = t("entity.outside_province_named", name=Safe(profile.place_outside))
    elif field is Field.MUNICIPALITY:
        value = municipality_label(t, network, profile.municipality)
    elif field is Field.LISTED:
        answer = N_("profile.yes") if profile.listed else N_("profile.no")
        value = None if profile.listed is None else t(answer)
    else:
        value = {
            Field.NAME: profile.name,
            Field.DESCRIPTION: profile.description,
            Field.OFFER: profile.offer_text,
            Field.NEED: profile.need_text,
            Field.EMAIL: profile.email,
            Field.PHONE: phone_for_display(profile.phone) if profile.phone else None,
            Field.WEBSITE: profile.website,
        }[field]
    return value or t("profile.empty")


def municipality_label(t: Translator, network: Network, key: str | None) -> str:
    """ "León · Tierras de León (León y alfoz)", or "outside the province" for None."""
    if key is None:
        return t("profile.outside_province")
    # Plain text: the caller's translator escapes it when it is shown.
    return place_name(key, t=t, network=network)


def render_profile(t: Translator, network: Network, profile: EntityProfile | ProfileDraft) -> str:
    """Every profile answer on its own line, as Telegram HTML with user text escaped."""
    return "\n".join(
        t(
            "profile.line",
            label=field_label(t, field),
            value=field_value(t, network, profile, field),
        )
        for field in FIELDS
    )


def edit_keyboard(t: Translator, kind: type[EditAnswer]) -> list[list[InlineKeyboardButton]]:
    """One Edit button per question, two per row, each a kind(field=...) press."""
    buttons = [
        InlineKeyboardButton(
            t("profile.edit_button", label=field_label(t, field)),
            callback_data=kind(field=field.value).pack(),
        )
        for field in FIELDS
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def _people(t: Translator, entity: Entity, people: list[Member]) -> str:
    lines = [t("profile.people_title")]
    for person in people[:_PEOPLE_SHOWN]:
        name = person.first_name + (f" @{person.username}" if person.username else "")
        role = role_label(t, person.role, entity.status)
        lines.append(t("profile.person", name=name, role=role))
    if len(people) > _PEOPLE_SHOWN:
        lines.append(t("profile.people_more", count=len(people) - _PEOPLE_SHOWN))
    return "\n".join(lines)


async def send_profile(update: Update, context: BotContext, entity: Entity) -> None:
    """Send the entity's profile, the people acting for it and the Edit buttons."""
    async with context.store.read() as repos:
        people = await repos.members.members_of(entity.id)
    t = context.t
    text = "\n\n".join(
        (
            t("profile.title"),
            render_profile(t, context.network, entity),
            _people(t, entity, people),
            t("profile.edit_hint"),
        )
    )
    rows = edit_keyboard(t, EditProfileField)
    rows.append([InlineKeyboardButton(t("profile.back_to_menu"), callback_data=OpenMenu().pack())])
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=InlineKeyboardMarkup(rows))


async def show_profile(update: Update, context: BotContext) -> None:
    """Show an approved member their entity's profile."""
    found = await current_member(update, context)
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send_profile(update, context, found[1])


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/profile and the menu's profile button (its Edit buttons belong to onboarding)."""
    return [
        CommandHandler("profile", show_profile),
        CallbackQueryHandler(show_profile, pattern=ShowProfile.pattern()),
    ]
