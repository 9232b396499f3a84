"""Who stands behind each post of a pair: the post, its entity and its author."""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.members import Entity, EntityStatus, Member
from bot.domain.posts import Post, PostStatus
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["Party", "load_party"]


@dataclass(frozen=True, slots=True)
class Party:
    """A post with its approved entity and its author, who still acts for that entity."""

    post: Post
    entity: Entity
    member: Member

    @property
    def takes_proposals(self) -> bool:
        """Whether the author wants match alerts and can be reached."""
        return not self.member.match_alerts_paused and self.member.unreachable_at is None

    def locale(self, services: Runtime) -> str:
        """The author's language."""
        return self.member.locale or services.settings.default_locale


async def load_party(repos: Repos, post_id: int, *, now: datetime, listed: bool) -> Party | None:
    """The party behind a post; None if the post is gone (or unlisted, when `listed`)."""
    post = await repos.posts.get(post_id)
    if post is None or post.status is PostStatus.REMOVED:
        return None
    if listed and not post.is_listed(now):
        return None
    entity = await repos.members.entity(post.entity_id)
    member = await repos.members.member(post.author_id)
    if entity is None or entity.status is not EntityStatus.APPROVED:
        return None
    if member is None or member.entity_id != entity.id:
        return None  # the author left the entity: nobody to talk to
    return Party(post=post, entity=entity, member=member)
