"""The board's view of the network: /board, the paginated /members list and /member profiles."""

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.board import MembersPage, ViewMember
from bot.commands import BOARD_COMMANDS
from bot.context import BotContext
from bot.domain.board import match_names, page_of, parse_entity_ref
from bot.domain.members import Entity, EntityStatus
from bot.domain.text import clean_text, has_visible, shorten
from bot.handlers.board.ui import board_t
from bot.handlers.common import help_text, stale_button
from bot.handlers.ui import edit_or_send
from bot.views.entities import entity_line_html, entity_profile_html, status_label

__all__ = ["handlers"]

_ALL_STATUSES = tuple(EntityStatus)
_QUERY_ECHO_MAX = 60  # how much of a search to repeat back
_BUTTON_NAME_MAX = 40


async def show_board_help(update: Update, context: BotContext) -> None:
    """List the board's commands in the board's language."""
    chat = update.effective_chat
    if chat is None:
        return
    t = board_t(context)
    await chat.send_message(t("board.help_title") + "\n" + help_text(t, BOARD_COMMANDS))


async def _members_page(
    context: BotContext, requested: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    t = board_t(context)
    async with context.store.read() as repos:
        total = await repos.members.count_entities(statuses=_ALL_STATUSES)
        page = page_of(total, requested)
        entities = await repos.members.list_entities(
            statuses=_ALL_STATUSES, limit=page.size, offset=page.offset
        )
        counts = await repos.members.member_counts([entity.id for entity in entities])
    if total == 0:
        return t("board.members_none"), None
    lines = [t("board.members_title", total=total, page=page.number, pages=page.count)]
    lines += [
        entity_line_html(entity, members=counts.get(entity.id, 0), t=t, network=context.network)
        for entity in entities
    ]
    lines.append(t("board.members_hint"))
    nav = []
    if page.has_previous:
        nav.append(
            InlineKeyboardButton(
                t("board.page_previous"), callback_data=MembersPage(page=page.number - 1).pack()
            )
        )
    if page.has_next:
        nav.append(
            InlineKeyboardButton(
                t("board.page_next"), callback_data=MembersPage(page=page.number + 1).pack()
            )
        )
    return "\n".join(lines), InlineKeyboardMarkup([nav]) if nav else None


async def list_members(update: Update, context: BotContext) -> None:
    """Post the first page of entities with status, people and place."""
    chat = update.effective_chat
    if chat is None:
        return
    text, markup = await _members_page(context, 1)
    await chat.send_message(text, reply_markup=markup)


async def turn_page(update: Update, context: BotContext) -> None:
    """Show another page of the list in the same message."""
    query = update.callback_query
    if query is None:
        return
    pressed = MembersPage.unpack(query.data)
    number = pressed.page if pressed else None
    if number is None or not isinstance(query.message, Message):
        await stale_button(update, context)
        return
    await query.answer()
    text, markup = await _members_page(context, number)
    await edit_or_send(update, text, markup)


async def find_member(update: Update, context: BotContext) -> None:
    """/member <name or number>: the profile, or a list to choose from when several match."""
    chat = update.effective_chat
    if chat is None:
        return
    t = board_t(context)
    wanted = clean_text(" ".join(context.args or [])).strip()
    if not has_visible(wanted):
        await chat.send_message(t("board.member_usage"))
        return
    ref = parse_entity_ref(wanted)
    async with context.store.read() as repos:
        by_id = await repos.members.entity(ref) if ref is not None else None
        if by_id is not None:
            found = [by_id]
        else:
            ids = match_names(wanted, await repos.members.entity_names())
            found = await repos.members.entities_by_ids(ids)
    echo = wanted[:_QUERY_ECHO_MAX]
    if not found:
        await chat.send_message(t("board.member_not_found", query=echo))
    elif len(found) == 1:
        await chat.send_message(await _profile(context, found[0]))
    else:
        await chat.send_message(
            t("board.member_choose", query=echo, count=len(found)),
            reply_markup=_choices(context, found),
        )


async def view_member(update: Update, context: BotContext) -> None:
    """Show the profile picked from a list of matches."""
    query = update.callback_query
    if query is None:
        return
    pressed = ViewMember.unpack(query.data)
    entity_id = pressed.entity_id if pressed else None
    entity = None
    if entity_id is not None:
        async with context.store.read() as repos:
            entity = await repos.members.entity(entity_id)
    if entity is None or update.effective_chat is None:
        await stale_button(update, context)
        return
    await query.answer()
    await update.effective_chat.send_message(await _profile(context, entity))


async def _profile(context: BotContext, entity: Entity) -> str:
    async with context.store.read() as repos:
        members = await repos.members.members_of(entity.id)
    return entity_profile_html(
        entity, members, t=board_t(context), network=context.network, tz=context.settings.tz
    )


def _choices(context: BotContext, entities: list[Entity]) -> InlineKeyboardMarkup:
    t = board_t(context)
    rows = []
    for entity in entities:
        name = shorten(entity.name, _BUTTON_NAME_MAX)
        # Button labels are plain text: the name is shown as typed, never parsed as HTML.
        label = f"#{entity.id} {name} · {status_label(t, entity.status)}"
        rows.append(
            [InlineKeyboardButton(label, callback_data=ViewMember(entity_id=entity.id).pack())]
        )
    return InlineKeyboardMarkup(rows)


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/board, /members and its pages, /member and its choices."""
    return [
        CommandHandler("board", show_board_help),
        CommandHandler("members", list_members),
        CommandHandler("member", find_member),
        CallbackQueryHandler(turn_page, pattern=MembersPage.pattern()),
        CallbackQueryHandler(view_member, pattern=ViewMember.pattern()),
    ]
