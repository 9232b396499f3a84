"""Blocks: a member stops messages from a whole organisation, sees whom they blocked, undoes it.

A block is against the entity the other side acts for, because that is how they were shown
(by its name, or as "a member organisation"): it holds for every colleague, people who join
the entity later included. It is one person's choice and goes one way. The blocked side is
only told, when they try to write, that this person does not take their messages
(``posts.contact.blocked_you``, checked in bot.services.contact). The list names an
organisation only while it is in the directory (the anonymity rule); one that is not is
recognised by the post the conversation was about.
"""

from datetime import datetime

from bot.domain.contacts import BlockedEntity, ContactThread
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["block_sender", "blocked_by", "unblock"]


async def block_sender(runtime: Runtime, thread_id: int, *, user_id: int, now: datetime) -> bool:
    """Stop relays to user_id from the entity of the thread's other side; False when user_id
    is not a party of the thread or nobody is known to act for the other side."""
    async with runtime.store.write() as repos:
        thread = await repos.contacts.thread(thread_id)
        other = thread.other(user_id) if thread is not None else None
        if thread is None or other is None:
            return False
        entity_id = await _entity_of(repos, thread, other)
        if entity_id is None:
            return False
        await repos.contacts.block_entity(
            blocker_id=user_id, entity_id=entity_id, post_id=thread.post_id, now=now
        )
    return True


async def unblock(runtime: Runtime, entity_id: int, *, user_id: int) -> bool:
    """Let the entity's messages reach user_id again; False when it was not blocked by them."""
    async with runtime.store.write() as repos:
        return await repos.contacts.unblock_entity(blocker_id=user_id, entity_id=entity_id)


async def blocked_by(runtime: Runtime, user_id: int) -> list[BlockedEntity]:
    """The organisations user_id blocked, oldest block first."""
    async with runtime.store.read() as repos:
        found = []
        for block in await repos.contacts.blocks_by(user_id):
            entity = await repos.members.entity(block.entity_id)
            post = await repos.posts.get(block.post_id) if block.post_id is not None else None
            found.append(
                BlockedEntity(
                    entity_id=block.entity_id,
                    name=entity.name if entity is not None and entity.in_directory else None,
                    post_title=post.title if post is not None else None,
                )
            )
    return found


async def _entity_of(repos: Repos, thread: ContactThread, user_id: int) -> int | None:
    """The entity user_id acts for; if they left it, the post's entity when they wrote it."""
    member = await repos.members.member(user_id)
    if member is not None:
        return member.entity_id
    post = await repos.posts.get(thread.post_id) if user_id == thread.author_id else None
    return post.entity_id if post is not None else None
