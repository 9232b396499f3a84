"""Follows running announcements: edits their progress message, queues the final report.

The relay calls it every few seconds while it sends and after every pass. Edits are best
effort and paced by the relay's limiter (a board group gets 20 messages a minute); the
report is a normal outbox row, queued in the same transaction that records the final
counts, so it is sent exactly once even across restarts.
"""

import logging
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.context import Services
from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Progress,
    batch_of,
    report_key,
)
from bot.domain.outbox import Category, OutboxStatus, Rendered
from bot.domain.pacing import FloodLimiter
from bot.i18n import N_
from bot.jobs.outcomes import retry_after
from bot.keyboards import stop_markup
from bot.views.announcements import entity_list_html, progress_text

__all__ = ["AnnouncementProgress"]

_LOGGER = logging.getLogger(__name__)


class AnnouncementProgress:
    """An observer of the relay that keeps the board informed."""

    def __init__(
        self,
        services: Services,
        bot: Bot,
        limiter: FloodLimiter,
        send_kwargs: dict[str, Any] | None = None,
    ) -> None:
        self._services = services
        self._bot = bot
        self._limiter = limiter
        self._send_kwargs = send_kwargs or {}
        # Text last shown per announcement, and edits still owed (e.g. the final one when
        # the group's window was full).
        self._shown: dict[int, str] = {}
        self._owed: dict[int, tuple[Announcement, str, bool]] = {}

    async def __call__(self) -> None:
        """Update every unreported announcement; report the ones that have settled."""
        store = self._services.store
        async with store.read() as repos:
            current = [
                (announcement, await repos.outbox.count_by_status(batch_of(announcement.id)))
                for announcement in await repos.announcements.unreported()
            ]
        t = self._services.catalogs.translator(self._services.settings.default_locale)
        for announcement, counts in current:
            progress = Progress.of(announcement.total, counts)
            if progress.settled:
                await self._report(announcement, progress)
            running = announcement.status is AnnouncementStatus.RUNNING and not progress.settled
            text = progress_text(t, self._services.network, announcement, progress)
            self._owed[announcement.id] = (announcement, text, running)
        for announcement_id, (announcement, text, running) in list(self._owed.items()):
            if await self._edit(announcement, text, running, t("announce.stop")):
                del self._owed[announcement_id]

    async def _report(self, announcement: Announcement, progress: Progress) -> None:
        now = self._services.clock()
        batch = batch_of(announcement.id)
        async with self._services.store.write() as repos:
            if not await repos.announcements.finish(announcement.id, progress, now):
                return
            failed = await repos.announcements.entities_with(batch, OutboxStatus.FAILED.value)
            returned = await repos.announcements.returned_entities(announcement.id, batch)
            await repos.outbox.enqueue(
                dedupe_key=report_key(announcement.id),
                chat_id=announcement.board_chat_id,
                locale=self._services.settings.default_locale,
                message=Rendered(
                    key=N_("announce.report"),
                    params={
                        "id": announcement.id,
                        "total": progress.total,
                        "sent": progress.sent,
                        "failed": progress.failed,
                        "failed_html": entity_list_html(failed),
                        "returned": len(returned),
                        "returned_html": entity_list_html(returned),
                        "ambiguous": progress.ambiguous,
                        "cancelled": progress.cancelled,
                    },
                ),
                category=Category.REPLY,
                now=now,
            )
        _LOGGER.info(
            "announcement %d settled: %d sent, %d failed, %d ambiguous, %d cancelled",
            announcement.id,
            progress.sent,
            progress.failed,
            progress.ambiguous,
            progress.cancelled,
        )

    async def _edit(self, announcement: Announcement, text: str, running: bool, stop: str) -> bool:
        """Show text on the progress message; False when it must wait for the group's window."""
        message_id = announcement.progress_message_id
        if message_id is None or self._shown.get(announcement.id) == text:
            return True
        chat_id = announcement.board_chat_id
        now = self._services.clock().timestamp()
        if self._limiter.wait(chat_id, now) > 0:
            return False
        self._limiter.begin(chat_id)
        try:
            await self._bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=stop_markup(announcement.id, stop) if running else None,
                **self._send_kwargs,
            )
        except RetryAfter as exc:
            self._limiter.pause(now + retry_after(exc).total_seconds())
            return False
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                _LOGGER.warning("progress of announcement %d not shown: %s", announcement.id, exc)
        except TelegramError as exc:
            _LOGGER.warning("progress of announcement %d not shown: %s", announcement.id, exc)
            return False
        finally:
            self._limiter.end(chat_id, self._services.clock().timestamp())
        self._shown[announcement.id] = text
        return True
