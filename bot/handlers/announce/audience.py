"""Choosing an announcement's recipients and previewing it, with buttons on the draft.

Buttons carry the draft's id and, for a choice, the position of the sector, kind, comarca or
municipality in the network file; the chosen key is stored on the draft and the preview names
it, so what the board confirms is exactly what it saw.
"""

from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import CallbackData, pack, parse, pattern
from bot.context import BotContext
from bot.domain.announcements import Announcement, AnnouncementStatus, Audience, AudienceKind
from bot.domain.network import Network
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.guards import board_only
from bot.i18n import N_, Safe, Translator
from bot.views.announcements import audience_label, message_html

__all__ = [
    "audience_menu",
    "choose_audience_text",
    "draft_of",
    "handlers",
    "recipients_of",
]

# Button argument -> what it selects.
_CODES = {
    "s": AudienceKind.SECTOR,
    "k": AudienceKind.KIND,
    "c": AudienceKind.COMARCA,
    "m": AudienceKind.MUNICIPALITY,
}


def choose_audience_text(t: Translator, announcement_id: int) -> str:
    """The question above the audience menu."""
    return t("announce.choose_audience", id=announcement_id)


def audience_menu(t: Translator, announcement_id: int) -> InlineKeyboardMarkup:
    """All members, or pick by sector, kind, comarca or municipality; or discard."""

    def button(key: str, action: str, *args: object) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            t(key), callback_data=pack("ann", action, announcement_id, *args)
        )

    return InlineKeyboardMarkup(
        [
            [button(N_("announce.to_all"), "to", "all")],
            [
                button(N_("announce.by_sector"), "pick", "s"),
                button(N_("announce.by_kind"), "pick", "k"),
            ],
            [
                button(N_("announce.by_comarca"), "pick", "c"),
                button(N_("announce.by_municipality"), "pick", "mc"),
            ],
            [button(N_("announce.discard"), "discard")],
        ]
    )


async def draft_of(
    update: Update, context: BotContext
) -> tuple[CallbackQuery, CallbackData, Announcement] | None:
    """The draft a button refers to; a stale or forged button is answered as such."""
    query = update.callback_query
    data = parse(query.data if query else None)
    announcement_id = data.int_arg(0) if data else None
    announcement = None
    if announcement_id is not None:
        async with context.store.read() as repos:
            announcement = await repos.announcements.get(announcement_id)
    if (
        query is None
        or data is None
        or announcement is None
        or announcement.status is not AnnouncementStatus.DRAFT
    ):
        await stale_button(update, context)
        return None
    return query, data, announcement


@board_only
async def pick(update: Update, context: BotContext) -> None:
    """List the sectors, kinds, comarcas, or a comarca's municipalities to choose from."""
    found = await draft_of(update, context)
    if found is None:
        return
    query, data, draft = found
    t = board_t(context)
    network = context.network
    what = data.args[1] if len(data.args) > 1 else ""
    options = _options(network, t.locale, what, data.int_arg(2))
    if options is None:
        await stale_button(update, context)
        return
    title_key, choices = options
    buttons = [
        InlineKeyboardButton(label, callback_data=pack("ann", action, draft.id, *args))
        for label, action, args in choices
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append(
        [InlineKeyboardButton(t("announce.back"), callback_data=pack("ann", "edit", draft.id))]
    )
    await query.answer()
    await query.edit_message_text(
        t(title_key, id=draft.id), reply_markup=InlineKeyboardMarkup(rows)
    )


def _options(
    network: Network, locale: str, what: str, comarca_index: int | None
) -> tuple[str, list[tuple[str, str, tuple[object, ...]]]] | None:
    if what == "s":
        return N_("announce.pick_sector"), [
            (sector.label.get(locale), "to", ("s", index))
            for index, sector in enumerate(network.sectors)
        ]
    if what == "k":
        return N_("announce.pick_kind"), [
            (kind.label.get(locale), "to", ("k", index))
            for index, kind in enumerate(network.entity_kinds)
        ]
    if what in ("c", "mc"):
        action = "to" if what == "c" else "pick"
        code = "c" if what == "c" else "m"
        return N_("announce.pick_comarca"), [
            (comarca.label.get(locale), action, (code, index))
            for index, comarca in enumerate(network.comarcas)
        ]
    if what == "m" and comarca_index is not None and 0 <= comarca_index < len(network.comarcas):
        comarca = network.comarcas[comarca_index].key
        return N_("announce.pick_municipality"), [
            (place.name, "to", ("m", index))
            for index, place in enumerate(network.municipalities)
            if place.comarca == comarca
        ]
    return None


def _audience(network: Network, data: CallbackData) -> Audience | None:
    """The audience a 'to' button selects, or None if it points nowhere (stale file)."""
    if data.args[1:2] == ("all",):
        return Audience()
    kind = _CODES.get(data.args[1]) if len(data.args) > 1 else None
    index = data.int_arg(2)
    if kind is None or index is None or index < 0:
        return None
    items: tuple[Any, ...] = {
        AudienceKind.SECTOR: network.sectors,
        AudienceKind.KIND: network.entity_kinds,
        AudienceKind.COMARCA: network.comarcas,
        AudienceKind.MUNICIPALITY: network.municipalities,
    }[kind]
    return Audience(kind=kind, key=items[index].key) if index < len(items) else None


async def recipients_of(context: BotContext, audience: Audience) -> tuple[int, int]:
    """How many people, and of how many entities, an audience reaches now."""
    async with context.store.read() as repos:
        everyone = await repos.announcements.recipients()
    chosen = [r for r in everyone if audience.includes(r, context.network)]
    return len(chosen), len({r.entity_id for r in chosen})


@board_only
async def choose(update: Update, context: BotContext) -> None:
    """Store the chosen audience and show the preview with the number of recipients."""
    found = await draft_of(update, context)
    if found is None:
        return
    query, data, draft = found
    audience = _audience(context.network, data)
    if audience is None:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        stored = await repos.announcements.set_audience(draft.id, audience)
    if not stored:
        await stale_button(update, context)
        return
    t = board_t(context)
    people, entities = await recipients_of(context, audience)
    key = N_("announce.preview") if people else N_("announce.preview_nobody")
    text = t(
        key,
        id=draft.id,
        audience=audience_label(t, context.network, audience),
        people=people,
        entities=entities,
        message_html=Safe(message_html(t, draft.text_html)),
    )
    rows = []
    if people:
        rows.append(
            [
                InlineKeyboardButton(
                    t("announce.confirm", people=people),
                    callback_data=pack("ann", "confirm", draft.id),
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                t("announce.change_audience"), callback_data=pack("ann", "edit", draft.id)
            ),
            InlineKeyboardButton(
                t("announce.discard"), callback_data=pack("ann", "discard", draft.id)
            ),
        ]
    )
    await query.answer()
    await query.edit_message_text(text, reply_markup=InlineKeyboardMarkup(rows))


@board_only
async def back(update: Update, context: BotContext) -> None:
    """Back to the audience menu."""
    found = await draft_of(update, context)
    if found is None:
        return
    query, _, draft = found
    t = board_t(context)
    await query.answer()
    await query.edit_message_text(
        choose_audience_text(t, draft.id), reply_markup=audience_menu(t, draft.id)
    )


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The audience menu's buttons."""
    return [
        CallbackQueryHandler(pick, pattern=pattern("ann", "pick")),
        CallbackQueryHandler(choose, pattern=pattern("ann", "to")),
        CallbackQueryHandler(back, pattern=pattern("ann", "edit")),
    ]
