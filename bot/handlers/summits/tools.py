"""The board's tools: /summits with the numbers, the check-in list, CSV, the poster's QR."""

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.summits import CheckIn, ExportAttendees, SummitPoster, TickAttendee
from bot.context import BotContext
from bot.handlers.board.ui import board_t
from bot.handlers.summits.board import tools_markup
from bot.handlers.summits.member import summit_link
from bot.handlers.ui import button, send
from bot.i18n import Safe
from bot.services.summits import listing
from bot.views.summits import card_html, counts_line

__all__ = ["handlers"]


async def board_list(update: Update, context: BotContext) -> None:
    """Each coming summit with its numbers and tools."""
    t = board_t(context)
    found = await listing.coming_with_counts(context.services, context.now())
    if not found:
        await send(update, t("summits.board.none"))
        return
    for row in found:
        summit, counts = row.summit, row.counts
        line = counts_line(
            t,
            going=counts.going,
            maybe=counts.maybe,
            waitlisted=counts.waitlisted,
            came=counts.came,
            capacity=summit.capacity,
        )
        if row.average is not None:
            line += "\n" + t(
                "summits.board.feedback", average=f"{row.average:.1f}", count=row.scores
            )
        card = card_html(summit, t, context.settings.tz)
        await send(update, f"{card}\n\n{line}", tools_markup(t, summit))


async def _checkin_markup(context: BotContext, summit_id: int) -> InlineKeyboardMarkup | None:
    summit, people = await listing.attendance(context.services, summit_id)
    if summit is None:
        return None
    rows = []
    for person in people:
        mark = "✅" if person.attended else "⬜"
        name = person.first_name + (f" · {person.entity_name}" if person.entity_name else "")
        data = TickAttendee(summit_id=summit_id, user_id=person.user_id).pack()
        rows.append([button(f"{mark} {name}"[:60], data)])
    return InlineKeyboardMarkup(rows)


async def on_checkin(update: Update, context: BotContext) -> None:
    """The check-in list: one button per person who said they would come."""
    query = update.callback_query
    pressed = CheckIn.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    await query.answer()
    t = board_t(context)
    markup = await _checkin_markup(context, pressed.summit_id)
    if markup is None or not markup.inline_keyboard:
        await send(update, t("summits.board.checkin_empty"))
        return
    await send(update, t("summits.board.checkin_title"), markup)


async def on_tick(update: Update, context: BotContext) -> None:
    """Tick or untick one person; the list shows the new marks."""
    query = update.callback_query
    pressed = TickAttendee.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    marked = await listing.tick(context.services, pressed.summit_id, pressed.user_id)
    if marked is None:
        await query.answer(board_t(context)("board.button_expired"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(await _checkin_markup(context, pressed.summit_id))


async def on_export(update: Update, context: BotContext) -> None:
    """The attendee list as CSV."""
    query = update.callback_query
    pressed = ExportAttendees.unpack(query.data if query else None)
    chat = update.effective_chat
    if query is None or pressed is None or chat is None:
        return
    await query.answer()
    data = await listing.attendees_csv(context.services, pressed.summit_id)
    if data is None:
        return
    name = f"summit-{pressed.summit_id}-attendees.csv"
    await chat.send_document(
        InputFile(data, filename=name), caption=board_t(context)("summits.board.export_caption")
    )


async def on_poster(update: Update, context: BotContext) -> None:
    """The summit's link, and its QR code for posters."""
    query = update.callback_query
    pressed = SummitPoster.unpack(query.data if query else None)
    chat = update.effective_chat
    if query is None or pressed is None or chat is None:
        return
    await query.answer()
    link = summit_link(context.bot.username, pressed.summit_id)
    caption = board_t(context)("summits.board.poster_caption", link=Safe(link))
    await chat.send_photo(listing.poster(link), caption=caption)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/summits in the board group and the tools under each summit."""
    return [
        CommandHandler("summits", board_list),
        CallbackQueryHandler(on_checkin, pattern=CheckIn.pattern()),
        CallbackQueryHandler(on_tick, pattern=TickAttendee.pattern()),
        CallbackQueryHandler(on_export, pattern=ExportAttendees.pattern()),
        CallbackQueryHandler(on_poster, pattern=SummitPoster.pattern()),
    ]
