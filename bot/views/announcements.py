"""What the board reads about an announcement: its audience, preview and progress."""

import html

from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Audience,
    AudienceKind,
    Progress,
)
from bot.domain.network import Network
from bot.i18n import N_, Safe, Translator

__all__ = ["LIST_MAX", "audience_label", "entity_list_html", "message_html", "progress_text"]

# Entity names listed in a report before "+N" stands for the rest (keeps it under 4096).
LIST_MAX = 40

_AUDIENCE_KEYS = {
    AudienceKind.ALL: N_("announce.audience.all"),
    AudienceKind.SECTOR: N_("announce.audience.sector"),
    AudienceKind.KIND: N_("announce.audience.kind"),
    AudienceKind.COMARCA: N_("announce.audience.comarca"),
    AudienceKind.MUNICIPALITY: N_("announce.audience.municipality"),
}


def audience_label(t: Translator, network: Network, audience: Audience) -> str:
    """'sector Agroalimentario', in the translator's language (plain text, not escaped)."""
    key = audience.key or ""
    name = key
    if audience.kind is AudienceKind.SECTOR and (sector := network.sector(key)):
        name = sector.label.get(t.locale)
    elif audience.kind is AudienceKind.KIND and (kind := network.kind(key)):
        name = kind.label.get(t.locale)
    elif audience.kind is AudienceKind.COMARCA and (comarca := network.comarca(key)):
        name = comarca.label.get(t.locale)
    elif audience.kind is AudienceKind.MUNICIPALITY and (place := network.municipality(key)):
        name = place.name
    return t(_AUDIENCE_KEYS[audience.kind], name=name)


def message_html(t: Translator, text_html: str) -> str:
    """The announcement as a member receives it, in the translator's language."""
    return t("announce.message", text_html=Safe(text_html))


def progress_text(
    t: Translator, network: Network, announcement: Announcement, progress: Progress
) -> str:
    """The board's progress line: running, done, or stopped."""
    key = N_("announce.progress")
    if progress.settled:
        stopped = announcement.status is AnnouncementStatus.CANCELLED
        key = N_("announce.stopped") if stopped else N_("announce.done")
    # Three counts in one line: each is a piece with its own plural forms (bot/i18n.py).
    failed = Safe(t("announce.failed", count=progress.failed))
    ambiguous = Safe(t("announce.ambiguous", count=progress.ambiguous))
    cancelled = Safe(t("announce.unsent", count=progress.cancelled))
    return t(
        key,
        id=announcement.id,
        audience=audience_label(t, network, announcement.audience),
        sent=progress.sent,
        total=progress.total,
        failed_html=failed,
        ambiguous_html=ambiguous,
        cancelled_html=cancelled,
    )


def entity_list_html(names: list[str]) -> str:
    """A bulleted list of entity names (escaped), the tail summarised as +N."""
    if not names:
        return ""
    shown = [f"\n• {html.escape(name, quote=False)}" for name in names[:LIST_MAX]]
    rest = len(names) - LIST_MAX
    return "".join(shown) + (f"\n• … +{rest}" if rest > 0 else "")
