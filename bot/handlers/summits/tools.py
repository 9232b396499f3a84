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


_PAGE = 20  # people per page of the check-in list (a keyboard holds at most 100 buttons)


async def _checkin_markup(
    context: BotContext, summit_id: int, page: int
) -> InlineKeyboardMarkup | None:
    summit, people = await listing.attendance(context.services, summit_id)
    if summit is None or not people:
        return None
    pages = (len(people) + _PAGE - 1) // _PAGE
    page = min(max(page, 0), pages - 1)
    rows = []
    for person in people[page * _PAGE : (page + 1) * _PAGE]:
        mark = "✅" if person.attended else "⬜"
        name = person.first_name + (f" · {person.entity_name}" if person.entity_name else "")
        data = TickAttendee(summit_id=summit_id, user_id=person.user_id, page=page or None)
        rows.append([button(f"{mark} {name}"[:60], data.pack())])
    turn = []
    if page > 0:
        turn.append(button("◀️", CheckIn(summit_id=summit_id, page=page - 1).pack()))
    if page + 1 < pages:
        turn.append(button("▶️", CheckIn(summit_id=summit_id, page=page + 1).pack()))
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)


async def on_checkin(update: Update, context: BotContext) -> None:
    """The check-in list: one button per person who said they would come, a page at a time."""
    query = update.callback_query
    pressed = CheckIn.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    await query.answer()
    t = board_t(context)
    markup = await _checkin_markup(context, pressed.summit_id, pressed.page or 0)
    if markup is None:
        await send(update, t("summits.board.checkin_empty"))
    elif pressed.page is None:
        await send(update, t("summits.board.checkin_title"), markup)
    else:  # turning the page of the list on screen
        await query.edit_message_reply_markup(markup)


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
    markup = await _checkin_markup(context, pressed.summit_id, pressed.page or 0)
    await query.edit_message_reply_markup(markup)


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
