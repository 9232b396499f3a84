"""The organisations a member blocked, as /settings lists them: numbered lines and the labels
of their Unblock buttons. An organisation outside the directory is never named; it is told
apart by the post the conversation was about."""

import html

from bot.domain.contacts import BlockedEntity
from bot.domain.text import shorten
from bot.i18n import Safe, Translator

__all__ = ["BLOCKS_SHOWN", "blocked_section_html", "unblock_labels"]

# Keeps the settings screen under Telegram's 4096 characters and its keyboard small; nobody is
# expected to block this many, and the rest show once some are unblocked.
BLOCKS_SHOWN = 30
_LINE_MAX = 60  # a name or a post title in the list
_BUTTON_MAX = 32  # the same on a button, where space is short


def _line_label_html(t: Translator, block: BlockedEntity) -> str:
    if block.name is not None:
        return html.escape(shorten(block.name, _LINE_MAX), quote=False)
    if block.post_title is not None:
        return t("settings.blocked_unlisted_about", title=shorten(block.post_title, _LINE_MAX))
    return t("settings.blocked_unlisted")


def blocked_section_html(t: Translator, blocks: list[BlockedEntity]) -> str:
    """The settings screen's part about blocks: each one numbered, or that there are none."""
    if not blocks:
        return t("settings.blocked_none")
    lines = [
        t("settings.blocked_line", number=number, label=Safe(_line_label_html(t, block)))
        for number, block in enumerate(blocks[:BLOCKS_SHOWN], start=1)
    ]
    if len(blocks) > BLOCKS_SHOWN:
        lines.append(t("settings.blocked_more"))
    return "\n".join([t("settings.blocked_header"), *lines])


def unblock_labels(t: Translator, blocks: list[BlockedEntity]) -> list[tuple[int, str]]:
    """(entity id, button text) for each listed block, numbered as in the list; plain text."""
    labels = []
    for number, block in enumerate(blocks[:BLOCKS_SHOWN], start=1):
        if block.name is not None:
            label = shorten(block.name, _BUTTON_MAX)
        elif block.post_title is not None:
            label = t("settings.unblock_about", title=Safe(shorten(block.post_title, _BUTTON_MAX)))
        else:
            label = t("settings.unblock_unlisted")
        labels.append((block.entity_id, t("settings.unblock", number=number, label=Safe(label))))
    return labels
