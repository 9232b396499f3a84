"""/matches in the board group: counts, and the latest proposals, introductions and outcomes."""

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.domain.matches import MatchPair, PairStatus
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only
from bot.i18n import N_, Translator
from bot.storage.repos import Repos
from bot.views.entities import local_moment

__all__ = ["handlers"]

RECENT = 5  # lines per section
_NAME_MAX = 40  # keeps 15 lines well under Telegram's 4096 characters
_STATUS_KEYS = {
    PairStatus.PROPOSED: N_("matching.board.status.proposed"),
    PairStatus.DECLINED: N_("matching.board.status.declined"),
    PairStatus.INTRODUCED: N_("matching.board.status.introduced"),
    PairStatus.WITHDRAWN: N_("matching.board.status.withdrawn"),
}


def _short(text: str) -> str:
    return text if len(text) <= _NAME_MAX else text[: _NAME_MAX - 1] + "…"


async def _lines(
    repos: Repos, context: BotContext, t: Translator, pairs: list[MatchPair], *, introduced: bool
) -> list[str]:
    """One line per pair: when, the need and its entity, the offer and its entity, status."""
    lines = []
    for pair in pairs:
        need = await repos.posts.get(pair.need_post_id)
        offer = await repos.posts.get(pair.offer_post_id)
        entities = {
            e.id: e.name
            for e in await repos.members.entities_by_ids(
                [pair.need.entity_id, pair.offer.entity_id]
            )
        }
        moment = pair.introduced_at if introduced and pair.introduced_at else pair.proposed_at
        lines.append(
            t(
                "matching.board.line",
                when=local_moment(moment, context.settings.tz),
                need=_short(need.title if need else "?"),
                need_entity=_short(entities.get(pair.need.entity_id, "?")),
                offer=_short(offer.title if offer else "?"),
                offer_entity=_short(entities.get(pair.offer.entity_id, "?")),
                status=t(_STATUS_KEYS[pair.status]),
            )
        )
    return lines or [t("matching.board.none")]


@board_only
async def show_matches(update: Update, context: BotContext) -> None:
    """Post the matching summary in the board group."""
    chat = update.effective_chat
    if chat is None:
        return
    t = board_t(context)
    async with context.store.read() as repos:
        counts = await repos.matches.counts()
        last_rescan = await repos.matches.last_rescan()
        sections = []
        for title, pairs, introduced in (
            (
                N_("matching.board.recent_proposals"),
                await repos.matches.recent_pairs(limit=RECENT),
                False,
            ),
            (
                N_("matching.board.recent_introductions"),
                await repos.matches.recent_introductions(limit=RECENT),
                True,
            ),
            (
                N_("matching.board.recent_collaborations"),
                await repos.matches.recent_collaborations(limit=RECENT),
                True,
            ),
        ):
            lines = await _lines(repos, context, t, pairs, introduced=introduced)
            sections.append(t(title) + "\n" + "\n".join(lines))
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
