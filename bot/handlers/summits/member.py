"""Members and summits: /summits, a summit's card, Going / Maybe / Not going, .ics files.

Every press is checked again: the summit must still be open (not cancelled, not started, the
RSVP deadline not passed) and the person an approved member; a stale or forged button changes
nothing and says why.
"""

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.summits import (
    ListSummits,
    MyCalendar,
    ProposeEvent,
    Rsvp,
    ShowSummit,
    SummitCalendar,
    SummitMaterials,
)
from bot.context import BotContext
from bot.handlers.guards import current_member
from bot.handlers.ui import button, edit_or_send, send
from bot.keyboards import inline_keyboard
from bot.services.summits import after, listing, proposals, rsvp
from bot.services.summits.notices import answer_buttons
from bot.views.summits import STATE_KEYS, card_html, list_line_html, own_line_html

__all__ = ["handlers", "show_from_link", "summit_id_of_link", "summit_link"]

_LINK_PREFIX = "summit_"


def summit_link(bot_username: str, summit_id: int) -> str:
    """The deep link that opens a summit in the bot (for posters and sharing)."""
    return f"https://t.me/{bot_username}?start={_LINK_PREFIX}{summit_id}"


def summit_id_of_link(args: list[str] | None) -> int | None:
    """The summit of a /start summit_<id> deep link, or None."""
    if not args or not args[0].startswith(_LINK_PREFIX):
        return None
    digits = args[0][len(_LINK_PREFIX) :]
    return int(digits) if digits.isdigit() and len(digits) < 12 else None


def _markup(context: BotContext, summit_id: int) -> InlineKeyboardMarkup:
    t = context.t
    return inline_keyboard(answer_buttons(summit_id), lambda b: t(b.key, **b.params))


async def show_list(update: Update, context: BotContext) -> None:
    """What is coming, with the member's own answer, and one button per summit."""
    found = await current_member(update, context)
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    t = context.t
    member, entity = found
    now = context.now()
    coming = await listing.coming(context.services, member.user_id, now)
    tz = context.settings.tz
    lines = [t("summits.list.title")] if coming else [t("summits.list.none")]
    lines += [list_line_html(item.summit, t, tz, item.state) for item in coming]
    own = await proposals.organised(context.services, entity.id, now)
    if own:
        lines += ["", t("summits.list.own_title", entity=entity.name)]
        lines += [own_line_html(summit, counts, t, tz) for summit, counts in own]
    rows = [
        [button(item.summit.title(t.locale)[:60], ShowSummit(summit_id=item.summit.id).pack())]
        for item in coming
    ]
    if coming:
        rows.append([button(t("summits.button.my_calendar"), MyCalendar().pack())])
    for past in await after.past_with_materials(context.services, now):
        label = t("summits.button.materials", title=past.title(t.locale)[:40])
        rows.append([button(label, SummitMaterials(summit_id=past.id).pack())])
    rows.append([button(t("summits.button.propose"), ProposeEvent().pack())])
    await send(update, "\n".join(lines), InlineKeyboardMarkup(rows))


async def _show(update: Update, context: BotContext, summit_id: int, *, edit: bool) -> None:
    found = await current_member(update, context)
    if found is None:
        return
    seen = await listing.seen(context.services, summit_id, found[0].user_id)
    query = update.callback_query
    if seen is None:
        if query is not None:
            await query.answer(context.t("summits.rsvp.unknown"), show_alert=True)
        else:
            await send(update, context.t("summits.rsvp.unknown"))
        return
    if query is not None:
        await query.answer()
    text = card_html(
        seen.summit, context.t, context.settings.tz, state=seen.state, going=seen.going
    )
    open_ = seen.summit.open_problem(context.now()) is None
    markup = _markup(context, summit_id) if open_ else None
    if edit:
        await edit_or_send(update, text, markup)
    else:
        await send(update, text, markup)


async def on_show(update: Update, context: BotContext) -> None:
    """One summit's card, with the answer buttons while it is open."""
    query = update.callback_query
    pressed = ShowSummit.unpack(query.data if query else None)
    if pressed is not None:
        await _show(update, context, pressed.summit_id, edit=False)


async def show_from_link(update: Update, context: BotContext, summit_id: int) -> None:
    """/start summit_<id>: the summit's card."""
    await _show(update, context, summit_id, edit=False)


async def on_rsvp(update: Update, context: BotContext) -> None:
    """Going, Maybe or Not going; the card shows the new answer."""
    query = update.callback_query
    pressed = Rsvp.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    found = await current_member(update, context)
    if found is None:
        return
    t = context.t
    result = await rsvp.answer(
        context.services, pressed.summit_id, found[0].user_id, pressed.answer, context.now()
    )
    if result.problem is not None or result.state is None or result.summit is None:
        await query.answer(t(result.problem or "summits.rsvp.unknown"), show_alert=True)
        return
    await query.answer(t("summits.rsvp.recorded", answer=t(STATE_KEYS[result.state])))
    text = card_html(result.summit, t, context.settings.tz, state=result.state, going=result.going)
    await edit_or_send(update, text, _markup(context, pressed.summit_id))


async def on_calendar(update: Update, context: BotContext) -> None:
    """The summit's .ics (a cancelling one when it was cancelled)."""
    query = update.callback_query
    pressed = SummitCalendar.unpack(query.data if query else None)
    chat = update.effective_chat
    if query is None or pressed is None or chat is None:
        return
    if await current_member(update, context) is None:
        return
    made = await listing.calendar_of(context.services, pressed.summit_id, context.t.locale)
    if made is None:
        await query.answer(context.t("summits.rsvp.unknown"), show_alert=True)
        return
    await query.answer()
    summit, data = made
    name = f"summit-{summit.id}.ics"
    caption = context.t("summits.calendar.caption", title=summit.title(context.t.locale))
    await chat.send_document(InputFile(data, filename=name), caption=caption)


async def on_my_calendar(update: Update, context: BotContext) -> None:
    """One .ics with every summit the member is going to."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    found = await current_member(update, context)
    if found is None:
        return
    data = await listing.my_calendar(context.services, found[0].user_id, context.t.locale)
    if data is None:
        await query.answer(context.t("summits.calendar.none"), show_alert=True)
        return
    await query.answer()
    caption = context.t("summits.calendar.all_caption")
    await chat.send_document(InputFile(data, filename="summits.ics"), caption=caption)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/summits in private, the list's and the cards' buttons."""
    return [
        CommandHandler("summits", show_list, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(show_list, pattern=ListSummits.pattern()),
        CallbackQueryHandler(on_show, pattern=ShowSummit.pattern()),
        CallbackQueryHandler(on_rsvp, pattern=Rsvp.pattern()),
        CallbackQueryHandler(on_calendar, pattern=SummitCalendar.pattern()),
        CallbackQueryHandler(on_my_calendar, pattern=MyCalendar.pattern()),
    ]
