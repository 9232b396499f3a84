"""Choosing an announcement's recipients and previewing it, with buttons on the draft.

Buttons carry the draft's id and, for a choice, the position of the sector, kind, comarca or
municipality in the network file; the chosen key is stored on the draft and the preview names
it, so what the board confirms is exactly what it saw.
"""

from typing import Any, Literal, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.announce import (
    AnnounceBack,
    AnnounceConfirm,
    AnnounceDiscard,
    AnnouncePick,
    AnnounceTo,
    OnAnnouncement,
)
from bot.context import BotContext
from bot.domain.announcements import Announcement, AnnouncementStatus, Audience, AudienceKind
from bot.domain.network import Network
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.ui import edit_or_send
from bot.i18n import N_, Safe, Translator
from bot.views.announcements import audience_label, message_html

__all__ = [
    "audience_menu",
    "choose_audience_text",
    "draft_of",
    "handlers",
    "recipients_of",
]

Pressed = TypeVar("Pressed", bound=OnAnnouncement)

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

    def button(key: str, pressed: OnAnnouncement) -> InlineKeyboardButton:
        return InlineKeyboardButton(t(key), callback_data=pressed.pack())

    def pick(what: Literal["s", "k", "c", "mc"]) -> AnnouncePick:
        return AnnouncePick(announcement_id=announcement_id, what=what)

    return InlineKeyboardMarkup(
        [
            [
                button(
                    N_("announce.to_all"),
                    AnnounceTo(announcement_id=announcement_id, audience="all"),
                )
            ],
            [
                button(N_("announce.by_sector"), pick("s")),
                button(N_("announce.by_kind"), pick("k")),
            ],
            [
                button(N_("announce.by_comarca"), pick("c")),
                button(N_("announce.by_municipality"), pick("mc")),
            ],
            [button(N_("announce.discard"), AnnounceDiscard(announcement_id=announcement_id))],
        ]
    )


async def draft_of(
    update: Update, context: BotContext, kind: type[Pressed]
) -> tuple[CallbackQuery, Pressed, Announcement] | None:
    """The draft a button of kind refers to; a stale or forged button is answered as such."""
    query = update.callback_query
    data = kind.unpack(query.data if query else None)
    announcement = None
    if data is not None:
        async with context.store.read() as repos:
            announcement = await repos.announcements.get(data.announcement_id)
    if (
        query is None
        or data is None
        or announcement is None
        or announcement.status is not AnnouncementStatus.DRAFT
    ):
        await stale_button(update, context)
        return None
    return query, data, announcement


async def pick(update: Update, context: BotContext) -> None:
    """List the sectors, kinds, comarcas, or a comarca's municipalities to choose from."""
    found = await draft_of(update, context, AnnouncePick)
    if found is None:
        return
    query, data, draft = found
    t = board_t(context)
    options = _options(context.network, t.locale, data)
    if options is None:
        await stale_button(update, context)
        return
    title_key, choices = options
    buttons = [
        InlineKeyboardButton(label, callback_data=pressed.pack()) for label, pressed in choices
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    back = AnnounceBack(announcement_id=draft.id)
    rows.append([InlineKeyboardButton(t("announce.back"), callback_data=back.pack())])
    await query.answer()
    await edit_or_send(update, t(title_key, id=draft.id), InlineKeyboardMarkup(rows))


def _options(
    network: Network, locale: str, pick: AnnouncePick
) -> tuple[str, list[tuple[str, OnAnnouncement]]] | None:
    """The title and the choices a pick button lists."""
    draft, index = pick.announcement_id, pick.index

    def to(audience: Literal["s", "k", "c", "m"], index: int) -> AnnounceTo:
        return AnnounceTo(announcement_id=draft, audience=audience, index=index)

    match pick.what:
        case "s":
            sectors = enumerate(network.sectors)
            return N_("announce.pick_sector"), [
                (s.label.get(locale), to("s", i)) for i, s in sectors
            ]
        case "k":
            kinds = enumerate(network.entity_kinds)
            return N_("announce.pick_kind"), [(k.label.get(locale), to("k", i)) for i, k in kinds]
        case "c":
            comarcas = enumerate(network.comarcas)
            return N_("announce.pick_comarca"), [
                (c.label.get(locale), to("c", i)) for i, c in comarcas
            ]
        case "mc":
            comarcas = enumerate(network.comarcas)
            return N_("announce.pick_comarca"), [
                (c.label.get(locale), AnnouncePick(announcement_id=draft, what="m", index=i))
                for i, c in comarcas
            ]
        case "m" if index is not None and 0 <= index < len(network.comarcas):
            comarca = network.comarcas[index].key
            return N_("announce.pick_municipality"), [
                (place.name, to("m", i))
                for i, place in enumerate(network.municipalities)
                if place.comarca == comarca
            ]
    return None


def _audience(network: Network, data: AnnounceTo) -> Audience | None:
    """The audience a 'to' button selects, or None if it points nowhere (stale file)."""
    if data.audience == "all":
        return Audience() if data.index is None else None
    kind, index = _CODES[data.audience], data.index
    if index is None or index < 0:
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


async def choose(update: Update, context: BotContext) -> None:
    """Store the chosen audience and show the preview with the number of recipients."""
    found = await draft_of(update, context, AnnounceTo)
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
    people_html = Safe(t("announce.people", count=people))  # two counts: a piece each
    entities_html = Safe(t("announce.entities", count=entities))
    text = t(
        key,
        id=draft.id,
        audience=audience_label(t, context.network, audience),
        people_html=people_html,
        entities_html=entities_html,
        message_html=Safe(message_html(t, draft.text_html)),
    )
    rows = []
    if people:
        rows.append(
            [
                InlineKeyboardButton(
                    t("announce.confirm", people=people),
                    callback_data=AnnounceConfirm(announcement_id=draft.id).pack(),
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                t("announce.change_audience"),
                callback_data=AnnounceBack(announcement_id=draft.id).pack(),
            ),
            InlineKeyboardButton(
                t("announce.discard"),
                callback_data=AnnounceDiscard(announcement_id=draft.id).pack(),
            ),
        ]
    )
    await query.answer()
    await edit_or_send(update, text, InlineKeyboardMarkup(rows))


async def back(update: Update, context: BotContext) -> None:
    """Back to the audience menu."""
    found = await draft_of(update, context, AnnounceBack)
    if found is None:
        return
    query, _, draft = found
    t = board_t(context)
    await query.answer()
    await edit_or_send(update, choose_audience_text(t, draft.id), audience_menu(t, draft.id))


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The audience menu's buttons."""
    return [
        CallbackQueryHandler(pick, pattern=AnnouncePick.pattern()),
        CallbackQueryHandler(choose, pattern=AnnounceTo.pattern()),
        CallbackQueryHandler(back, pattern=AnnounceBack.pattern()),
    ]
