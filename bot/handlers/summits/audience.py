"""Who a draft summit is announced to: every member, or one sector, kind or comarca, as
/announce offers; the preview then says how many people that is."""

from typing import Any, Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.summits import (
    DiscardSummit,
    PublishSummit,
    SummitAudience,
    SummitAudienceTo,
)
from bot.context import BotContext
from bot.domain.announcements import Audience, AudienceKind
from bot.domain.network import Network
from bot.domain.summits import Summit
from bot.handlers.board.ui import board_t
from bot.handlers.ui import button, edit_or_send, pairs
from bot.i18n import Safe, Translator
from bot.services.summits import board as summits
from bot.views.summits import card_html

__all__ = ["draft_markup", "handlers", "preview_text"]

_KINDS: dict[str, AudienceKind] = {
    "s": AudienceKind.SECTOR,
    "k": AudienceKind.KIND,
    "c": AudienceKind.COMARCA,
}


def _items(network: Network, what: Literal["s", "k", "c"]) -> tuple[Any, ...]:
    return {"s": network.sectors, "k": network.entity_kinds, "c": network.comarcas}[what]


def audience_label(t: Translator, network: Network, audience: Audience) -> str:
    """'Todos los miembros', or the sector's, kind's or comarca's label."""
    if audience.kind is AudienceKind.ALL or audience.key is None:
        return t("summits.audience.all")
    items: dict[AudienceKind, tuple[Any, ...]] = {
        AudienceKind.SECTOR: network.sectors,
        AudienceKind.KIND: network.entity_kinds,
        AudienceKind.COMARCA: network.comarcas,
    }
    for item in items.get(audience.kind, ()):
        if item.key == audience.key:
            return str(item.label.get(t.locale))
    return audience.key


def draft_markup(t: Translator, summit_id: int) -> InlineKeyboardMarkup:
    """Publish / Discard, and the audience to choose."""

    def pick(what: Literal["all", "s", "k", "c"], key: str) -> Any:
        return button(t(key), SummitAudience(summit_id=summit_id, what=what).pack())

    return InlineKeyboardMarkup(
        [
            [
                button(t("summits.board.publish"), PublishSummit(summit_id=summit_id).pack()),
                button(t("summits.board.discard"), DiscardSummit(summit_id=summit_id).pack()),
            ],
            [pick("all", "announce.to_all"), pick("s", "announce.by_sector")],
            [pick("k", "announce.by_kind"), pick("c", "announce.by_comarca")],
        ]
    )


def preview_text(context: BotContext, summit: Summit, count: int | None = None) -> str:
    """The draft's card, and who it will be announced to."""
    t = board_t(context)
    card = card_html(summit, t, context.settings.tz)
    text = t("summits.board.preview", card_html=Safe(card))
    if count is not None:
        label = audience_label(t, context.network, summit.audience)
        text += "\n\n" + t("summits.board.audience", audience=label, count=count)
    return text


async def _chosen(update: Update, context: BotContext, summit_id: int, audience: Audience) -> None:
    query = update.callback_query
    assert query is not None  # noqa: S101 - only buttons call this
    t = board_t(context)
    summit, count = await summits.choose_audience(context.services, summit_id, audience)
    if summit is None:
        await query.answer(t("summits.board.not_draft"), show_alert=True)
        return
    await query.answer()
    await edit_or_send(update, preview_text(context, summit, count), draft_markup(t, summit_id))


async def on_audience(update: Update, context: BotContext) -> None:
    """Every member, or the list of sectors, kinds or comarcas to choose from."""
    query = update.callback_query
    pressed = SummitAudience.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    if pressed.what == "all":
        await _chosen(update, context, pressed.summit_id, Audience())
        return
    await query.answer()
    t = board_t(context)
    what = pressed.what
    options = [
        button(
            str(item.label.get(t.locale)),
            SummitAudienceTo(summit_id=pressed.summit_id, what=what, index=index).pack(),
        )
        for index, item in enumerate(_items(context.network, what))
    ]
    await query.edit_message_reply_markup(InlineKeyboardMarkup(pairs(options)))


async def on_audience_to(update: Update, context: BotContext) -> None:
    """One sector, kind or comarca chosen."""
    query = update.callback_query
    pressed = SummitAudienceTo.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    items = _items(context.network, pressed.what)
    if not 0 <= pressed.index < len(items):
        await query.answer(board_t(context)("board.button_expired"), show_alert=True)
        return
    audience = Audience(kind=_KINDS[pressed.what], key=items[pressed.index].key)
    await _chosen(update, context, pressed.summit_id, audience)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The audience buttons under a draft's preview."""
    return [
        CallbackQueryHandler(on_audience, pattern=SummitAudience.pattern()),
        CallbackQueryHandler(on_audience_to, pattern=SummitAudienceTo.pattern()),
    ]
