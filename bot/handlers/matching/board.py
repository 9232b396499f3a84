"""/matches in the board group: counts, and the latest proposals, introductions and outcomes."""

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.domain.matches import PairStatus
from bot.domain.text import shorten
from bot.handlers.board.ui import board_t
from bot.i18n import N_, Translator
from bot.services.matching.report import PairLine, board_report
from bot.views.entities import local_moment

__all__ = ["handlers"]

_NAME_MAX = 40  # keeps 15 lines well under Telegram's 4096 characters
_STATUS_KEYS = {
    PairStatus.PROPOSED: N_("matching.board.status.proposed"),
    PairStatus.DECLINED: N_("matching.board.status.declined"),
    PairStatus.INTRODUCED: N_("matching.board.status.introduced"),
    PairStatus.WITHDRAWN: N_("matching.board.status.withdrawn"),
}


_SECTION_KEYS = {
    "proposals": N_("matching.board.recent_proposals"),
    "introductions": N_("matching.board.recent_introductions"),
    "collaborations": N_("matching.board.recent_collaborations"),
}


def _line(t: Translator, context: BotContext, line: PairLine) -> str:
    """One line per pair: when, the need and its entity, the offer and its entity, status."""
    return t(
        "matching.board.line",
        when=local_moment(line.moment, context.settings.tz),
        need=shorten(line.need, _NAME_MAX),
        need_entity=shorten(line.need_entity, _NAME_MAX),
        offer=shorten(line.offer, _NAME_MAX),
        offer_entity=shorten(line.offer_entity, _NAME_MAX),
        status=t(_STATUS_KEYS[line.status]),
    )


async def show_matches(update: Update, context: BotContext) -> None:
    """Post the matching summary in the board group."""
    chat = update.effective_chat
    if chat is None:
        return
    t = board_t(context)
    report = await board_report(context.services)
    counts, last_rescan = report.counts, report.last_rescan
    sections = [
        t(_SECTION_KEYS[section.name])
        + "\n"
        + "\n".join(
            [_line(t, context, line) for line in section.lines] or [t("matching.board.none")]
        )
        for section in report.sections
    ]
    rescan = (
        local_moment(last_rescan, context.settings.tz, year=True)
        if last_rescan
        else t("matching.board.never")
    )
    summary = t(
        "matching.board.summary",
        proposed=counts.proposed,
        waiting=counts.waiting,
        declined=counts.declined,
        withdrawn=counts.withdrawn,
        introduced=counts.introduced,
        collaborations=counts.collaborations,
        rescan=rescan,
    )
    await chat.send_message("\n\n".join([summary, *sections]))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/matches."""
    return [CommandHandler("matches", show_matches)]
