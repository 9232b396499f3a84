"""Browse needs and offers: filters, five to a page, and one post's card."""

from pydantic import BaseModel, ValidationError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    filters,
)

from bot.buttons.posts import (
    BrowseByPlace,
    BrowseBySector,
    BrowseByTown,
    BrowseComarca,
    BrowseKind,
    BrowseMenu,
    BrowsePage,
    BrowseSearch,
    BrowseSector,
    BrowseTown,
    ContactAuthor,
    ViewPost,
)
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.posts import ListingFilter, PostKind
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.posts.cards import send_card
from bot.handlers.ui import button, edit_or_send, pairs, send
from bot.services.posts import browsing
from bot.views.posts import author_label, card_html, list_line_html, sector_label

__all__ = ["Browse", "handlers", "is_member", "show", "view_post"]

_STATE_KEY = "post_browse"


class Browse(BaseModel):
    """What a member is looking at; kept in user_data so the page buttons stay short."""

    kind: PostKind | None = None
    sector: str | None = None
    comarca: str | None = None
    municipality: str | None = None
    words: str | None = None

    def listing_filter(self) -> ListingFilter:
        """The kind, sector and place of this view (its words go to the search)."""
        return ListingFilter(
            kind=self.kind, sector=self.sector, comarca=self.comarca, municipality=self.municipality
        )


def _load(context: BotContext) -> Browse:
    try:
        return Browse.model_validate((context.user_data or {}).get(_STATE_KEY) or {})
    except ValidationError:
        return Browse()


def _save(context: BotContext, browse: Browse) -> None:
    if context.user_data is not None:
        context.user_data[_STATE_KEY] = browse.model_dump(mode="json")


async def _listing(
    context: BotContext, browse: Browse, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    t, network = context.t, context.network
    found = await browsing.listing(
        context.services,
        browse.listing_filter(),
        words=browse.words,
        locale=t.locale,
        page=page,
        now=context.now(),
    )
    current, posts = found.page, found.posts
    what = {None: "posts.list.all", PostKind.NEED: "posts.list.needs"}.get(
        browse.kind, "posts.list.offers"
    )
    lines = [
        t(
            "posts.list.header",
            what=t(what),
            count=found.total,
            page=current.number,
            pages=current.count,
        )
    ]
    if browse.sector:
        lines.append(t("posts.list.sector", sector=sector_label(browse.sector, t, network)))
    if browse.municipality or browse.comarca:
        place = network.municipality(browse.municipality or "")
        comarca = network.comarca(browse.comarca or "")
        name = place.name if place else (comarca.label.get(t.locale) if comarca else "?")
        lines.append(t("posts.list.place", place=name))
    if browse.words:
        lines.append(t("posts.list.words", words=browse.words))
    lines.append("")
    lines += [
        list_line_html(
            current.offset + i, post, t=t, network=network, found_by=found.found_by.get(post.id)
        )
        for i, post in enumerate(posts, start=1)
    ] or [t("posts.list.empty")]
    rows = [
        [
            button(str(current.offset + i), ViewPost(post_id=post.id).pack())
            for i, post in enumerate(posts, start=1)
        ]
    ]
    paging = []
    if current.has_previous:
        paging.append(button("«", BrowsePage(page=current.number - 1).pack()))
    if current.has_next:
        paging.append(button("»", BrowsePage(page=current.number + 1).pack()))
    rows += [
        paging,
        [
            button(t("posts.list.by_sector"), BrowseBySector().pack()),
            button(t("posts.list.by_place"), BrowseByPlace().pack()),
        ],
    ]
    if browse.comarca and not browse.municipality:
        rows.append([button(t("posts.list.by_town"), BrowseByTown().pack())])
    rows.append([button(t("posts.list.search"), BrowseSearch().pack())])
    return "\n".join(lines), InlineKeyboardMarkup([row for row in rows if row])


async def show(update: Update, context: BotContext, browse: Browse, page: int = 1) -> None:
    """Send the listing, or replace the message whose button was pressed."""
    _save(context, browse)
    text, keyboard = await _listing(context, browse, page)
    query = update.callback_query
    if query is not None:
        await query.answer()
        await edit_or_send(update, text, keyboard)
        return
    await send(update, text, keyboard)


async def is_member(update: Update, context: BotContext) -> bool:
    """Whether an approved member is asking (if not, they were told why)."""
    return await current_member(update, context) is not None


async def needs(update: Update, context: BotContext) -> None:
    """/needs: every listed need, newest first."""
    if await is_member(update, context):
        await show(update, context, Browse(kind=PostKind.NEED))


async def offers(update: Update, context: BotContext) -> None:
    """/offers: every listed offer, newest first."""
    if await is_member(update, context):
        await show(update, context, Browse(kind=PostKind.OFFER))


async def menu(update: Update, context: BotContext) -> None:
    """The menu's Search: needs, offers, or words."""
    if not await is_member(update, context):
        return
    t = context.t
    if update.callback_query is not None:
        await update.callback_query.answer()
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(t("posts.list.needs"), BrowseKind(kind=PostKind.NEED).pack()),
                button(t("posts.list.offers"), BrowseKind(kind=PostKind.OFFER).pack()),
            ],
            [button(t("posts.list.search"), BrowseSearch().pack())],
        ]
    )
    await send(update, t("posts.browse.choose"), keyboard)


_ANY = "all"  # a sector or comarca button's value for "any"
_LISTING_BUTTONS = (
    BrowseKind,
    BrowsePage,
    BrowseBySector,
    BrowseSector,
    BrowseByPlace,
    BrowseComarca,
    BrowseByTown,
    BrowseTown,
)


async def press(update: Update, context: BotContext) -> None:
    """Kind, page and filter buttons of a listing."""
    query = update.callback_query
    if query is None or not await is_member(update, context):
        return
    t, network, browse = context.t, context.network, _load(context)
    match unpack_any(query.data, *_LISTING_BUTTONS):
        case BrowseKind(kind=kind):
            await show(update, context, Browse(kind=kind))
        case BrowsePage(page=page) if page >= 0:
            await show(update, context, browse, page)
        case BrowseBySector():
            sectors = [
                button(s.label.get(t.locale), BrowseSector(sector=s.key).pack())
                for s in network.sectors
            ]
            any_sector = button(t("posts.list.any_sector"), BrowseSector(sector=_ANY).pack())
            await _choose(update, t("posts.list.choose_sector"), [[any_sector], *pairs(sectors)])
        case BrowseSector(sector=sector) if sector == _ANY or network.sector(sector):
            browse.sector = None if sector == _ANY else sector
            await show(update, context, browse)
        case BrowseByPlace():
            comarcas = [
                button(c.label.get(t.locale), BrowseComarca(comarca=c.key).pack())
                for c in network.comarcas
            ]
            anywhere = button(t("posts.list.any_place"), BrowseComarca(comarca=_ANY).pack())
            await _choose(update, t("posts.list.choose_place"), [[anywhere], *pairs(comarcas)])
        case BrowseComarca(comarca=comarca) if comarca == _ANY or network.comarca(comarca):
            browse.comarca = None if comarca == _ANY else comarca
            browse.municipality = None
            await show(update, context, browse)
        case BrowseByTown() if browse.comarca:
            places = network.municipalities_in(browse.comarca)
            rows = pairs([button(p.name, BrowseTown(municipality=p.key).pack()) for p in places])
            await _choose(update, t("posts.list.choose_town"), rows)
        case BrowseTown(municipality=key) if (place := network.municipality(key)) is not None:
            browse.municipality, browse.comarca = place.key, place.comarca
            await show(update, context, browse)
        case _:
            await stale_button(update, context)


async def _choose(update: Update, text: str, rows: list[list[InlineKeyboardButton]]) -> None:
    query = update.callback_query
    assert query is not None  # noqa: S101 - only called for button presses
    await query.answer()
    await send(update, text, InlineKeyboardMarkup(rows))


async def view_post(update: Update, context: BotContext) -> None:
    """One post's card, with Contact the author (unless it is one's own)."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    pressed = ViewPost.unpack(query.data if query else None)
    if query is None or user is None or chat is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    if not await is_member(update, context):
        return
    t = context.t
    async with context.store.read() as repos:
        post = await repos.posts.get(pressed.post_id)
        entity = await repos.members.entity(post.entity_id) if post else None
    if post is None or not post.is_listed(context.now()):
        await query.answer(t("posts.error.gone"), show_alert=True)
        return
    await query.answer()
    card = card_html(
        post,
        t=t,
        network=context.network,
        tz=context.settings.tz,
        author=author_label(entity, t),
        post=post,
        attachment_below=True,
    )
    rows = []
    if post.author_id != user.id:
        rows.append([button(t("posts.contact.button"), ContactAuthor(post_id=post.id).pack())])
    await send_card(chat, post, card, InlineKeyboardMarkup(rows) if rows else None, t)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/needs, /offers, the menu's Search, listing buttons and a post's card."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("needs", needs, filters=private),
        CommandHandler("offers", offers, filters=private),
        CallbackQueryHandler(menu, pattern=BrowseMenu.pattern()),
        CallbackQueryHandler(view_post, pattern=ViewPost.pattern()),
        CallbackQueryHandler(press, pattern=patterns(*_LISTING_BUTTONS)),
    ]
