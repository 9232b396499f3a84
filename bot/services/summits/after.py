"""After a summit: the board shares materials with those who came, members who missed it ask
for them from /summits, and those who came are asked for feedback once (1 to 5, a comment)."""

from dataclasses import dataclass
from datetime import datetime

from bot.buttons.summits import FeedbackScore
from bot.domain.board import Actor
from bot.domain.outbox import Attachment, Button, Category, Rendered
from bot.domain.summits import (
    COMMENT_MAX,
    MATERIALS_KEPT,
    Material,
    MaterialKind,
    Summit,
)
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.services.summits.board import audit

__all__ = [
    "SUMMIT_MATERIAL",
    "Shared",
    "comment",
    "feedback_question",
    "material_of",
    "materials_for",
    "past_with_materials",
    "score",
    "share",
]

SUMMIT_MATERIAL = "summit_material"  # outbox attachment: a shared file, by its material id


@dataclass(frozen=True, slots=True)
class Shared:
    """A material stored and sent to those who came, or why not (problem, a catalog key)."""

    material: Material | None
    told: int = 0
    problem: str | None = None


def _notice(summit: Summit, material: Material, locale: str) -> Rendered:
    if material.kind is MaterialKind.DOCUMENT:
        return Rendered(
            key=N_("summits.notice.material_file"),
            params={"title": summit.title(locale)},
            attachment=Attachment(kind=SUMMIT_MATERIAL, ref=material.id),
        )
    return Rendered(
        key=N_("summits.notice.material_text"),
        params={"title": summit.title(locale), "text_html": material.text or ""},
    )


async def share(
    runtime: Runtime,
    summit_id: int,
    kind: MaterialKind,
    *,
    actor: Actor,
    now: datetime,
    file_id: str | None = None,
    file_name: str | None = None,
    text: str | None = None,
) -> Shared:
    """Store a file or text shared after the summit and send it to each one who came."""
    async with runtime.store.write() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None or not summit.visible:
            return Shared(None, problem="summits.materials.gone")
        if now < summit.starts_at:
            return Shared(None, problem="summits.materials.not_yet")
        material = await repos.summits.add_material(
            summit_id,
            kind,
            by=actor.user_id,
            now=now,
            file_id=file_id,
            file_name=file_name,
            text=text,
        )
        people = await repos.summits.came(summit_id)
        for person in people:
            locale = runtime.locale_or_default(person.locale)
            await repos.outbox.enqueue(
                dedupe_key=f"summit:{summit_id}:material:{material.id}:{person.user_id}",
                chat_id=person.user_id,
                locale=locale,
                message=_notice(summit, material, locale),
                category=Category.REPLY,
                now=now,
            )
        await audit(repos, actor, "summit.materials", summit_id, now)
    return Shared(material, told=len(people))


async def material_of(runtime: Runtime, material_id: int) -> Material | None:
    """One shared material (for the relay to send its file)."""
    async with runtime.store.read() as repos:
        return await repos.summits.material(material_id)


async def materials_for(
    runtime: Runtime, summit_id: int, now: datetime
) -> tuple[Summit, list[Material]] | None:
    """A past summit's materials, for a member who asks; None when there are none to give."""
    async with runtime.store.read() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None or not summit.visible or now - summit.ends_at > MATERIALS_KEPT:
            return None
        materials = await repos.summits.materials(summit_id)
    return (summit, materials) if materials else None


async def past_with_materials(runtime: Runtime, now: datetime) -> list[Summit]:
    """Summits of the last months that have materials, most recent first."""
    async with runtime.store.read() as repos:
        ended = await repos.summits.ended_between(now - MATERIALS_KEPT, now)
        return [s for s in ended if await repos.summits.materials(s.id)]


def feedback_question(summit: Summit, locale: str) -> Rendered:
    """How was it? 1 to 5."""
    return Rendered(
        key=N_("summits.feedback.ask"),
        params={"title": summit.title(locale)},
        keyboard=[
            [
                Button(
                    key=N_("summits.feedback.score"),
                    params={"score": value},
                    callback_data=FeedbackScore(summit_id=summit.id, score=value).pack(),
                )
                for value in range(1, 6)
            ]
        ],
    )


async def score(
    runtime: Runtime, summit_id: int, user_id: int, value: int, now: datetime
) -> str | None:
    """Record a score once; None when recorded, else why not (a catalog key)."""
    if not 1 <= value <= 5:
        return "summits.feedback.not_asked"
    async with runtime.store.write() as repos:
        came = {p.user_id for p in await repos.summits.came(summit_id)}
        if user_id not in came:
            return "summits.feedback.not_asked"
        if not await repos.summits.record_score(summit_id, user_id, value, now):
            return "summits.feedback.already"
    return None


async def comment(runtime: Runtime, summit_id: int, user_id: int, text: str) -> str | None:
    """Add the optional comment once; None when stored, else why not (a catalog key)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return "summits.feedback.comment_empty"
    if len(cleaned) > COMMENT_MAX:
        return "summits.feedback.comment_too_long"
    async with runtime.store.write() as repos:
        if not await repos.summits.set_comment(summit_id, user_id, cleaned):
            return "summits.feedback.already"
    return None
