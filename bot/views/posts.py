"""Posts as Telegram HTML: labels, the card and a listing line (every user text escaped)."""

import html
from zoneinfo import ZoneInfo

from bot.domain.members import Entity
from bot.domain.network import Network
from bot.domain.posts import FileKind, Place, PlaceKind, Post, PostDraft, PostKind, PostStatus
from bot.i18n import N_, Translator
from bot.views.entities import local_moment

__all__ = [
    "author_label",
    "card_html",
    "kind_label",
    "list_line_html",
    "place_label",
    "sector_label",
    "status_label",
]

_KIND_KEYS = {PostKind.NEED: N_("posts.kind.need"), PostKind.OFFER: N_("posts.kind.offer")}
_STATUS_KEYS = {
    PostStatus.PENDING: N_("posts.status.pending"),
    PostStatus.ACTIVE: N_("posts.status.active"),
    PostStatus.PAUSED: N_("posts.status.paused"),
    PostStatus.CLOSED: N_("posts.status.closed"),
    PostStatus.REMOVED: N_("posts.status.removed"),
    PostStatus.REJECTED: N_("posts.status.rejected"),
    PostStatus.EXPIRED: N_("posts.status.expired"),
}


def kind_label(kind: PostKind, t: Translator) -> str:
    """'Necesidad' / 'Offer', with its emoji."""
    return t(_KIND_KEYS[kind])


def status_label(status: PostStatus, t: Translator) -> str:
    """A post status with its emoji."""
    return t(_STATUS_KEYS[status])


def sector_label(key: str, t: Translator, network: Network) -> str:
    """The sector's label in t's language (the key itself if the file dropped it)."""
    sector = network.sector(key)
    return sector.label.get(t.locale) if sector else key


def place_label(place: Place, t: Translator, network: Network) -> str:
    """Where a post applies, as plain text."""
    if place.kind is PlaceKind.PROVINCE:
        return t("posts.place.province")
    if place.kind is PlaceKind.ONLINE:
        return t("posts.place.online")
    if place.kind is PlaceKind.COMARCA:
        comarca = network.comarca(place.key or "")
        return comarca.label.get(t.locale) if comarca else (place.key or "?")
    municipality = network.municipality(place.key or "")
    return municipality.name if municipality else (place.key or "?")


def author_label(entity: Entity | None, t: Translator) -> str:
    """The author's entity if it is listed in the directory, otherwise 'a member'."""
    if entity is not None and entity.in_directory:
        return entity.name
    return t("posts.card.a_member")


def card_html(
    draft: PostDraft,
    *,
    t: Translator,
    network: Network,
    tz: ZoneInfo,
    author: str | None = None,
    post: Post | None = None,
    attachment_below: bool = False,
) -> str:
    """The whole post: kind and sector, title, description, place, extras, author.

    attachment_below: the PDF is sent right after this card (send_card), so say where it is.
    """
    lines = [
        t(
            "posts.card.head",
            kind=kind_label(draft.kind, t),
            sector=sector_label(draft.sector, t, network),
        ),
        f"<b>{html.escape(draft.title, quote=False)}</b>",
        html.escape(draft.description, quote=False),
        "",
        t("posts.card.place", place=place_label(draft.place, t, network)),
    ]
    if draft.urgent:
        lines.append(t("posts.card.urgent"))
    elif draft.needed_by is not None:
        lines.append(t("posts.card.needed_by", date=draft.needed_by.strftime("%d/%m/%Y")))
    if draft.conditions:
        lines.append(t("posts.card.conditions", conditions=draft.conditions))
    if draft.member_discount:
        lines.append(t("posts.card.discount", discount=draft.member_discount))
    if draft.file_kind is FileKind.DOCUMENT:
        lines.append(
            t("posts.card.document_below") if attachment_below else t("posts.card.document")
        )
    if author is not None:
        lines.append(t("posts.card.author", author=author))
    if post is not None and post.expires_at is not None:
        lines.append(t("posts.card.expires", date=local_moment(post.expires_at, tz, year=True)))
    return "\n".join(lines)


def list_line_html(
    number: int,
    post: Post,
    *,
    t: Translator,
    network: Network,
    found_by: list[str] | None = None,
) -> str:
    """One line of a listing: number, kind, title and place (and a search's words found)."""
    line = t(
        "posts.list.line",
        number=number,
        kind=kind_label(post.kind, t),
        title=post.title,
        place=place_label(post.place, t, network),
    )
    if found_by:
        line += "\n" + t("posts.list.found_by", words=", ".join(found_by))
    return line
