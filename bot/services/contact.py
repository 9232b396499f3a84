"""Contact about a post through the bot: relayed messages, sharing details, reports.

Nobody sees the other side's phone or email until that side shares them. A sender is named
only when their entity is listed in the directory (the anonymity rule). Someone whose entity
the other side blocked (bot.services.blocks) is told before writing, again on sending, and
when sharing their details; at most `messages_per_minute` leave a person.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.buttons.posts import BlockSender, ReplyInThread, ReportMessage, ShareContact
from bot.domain.contacts import ContactThread
from bot.domain.members import Entity
from bot.domain.outbox import Button, Category, Rendered
from bot.domain.posts import InvalidInput, Post, PostStatus
from bot.domain.profile import phone_for_display
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = [
    "Addressee",
    "relay",
    "relay_buttons",
    "report",
    "share_details",
    "thread_replied_to",
    "to_author",
    "to_thread",
]


def relay_buttons(thread_id: int, message_id: int) -> list[list[Button]]:
    """Reply, Share my contact, Block and Report under a relayed message."""
    return [
        [
            Button(
                key="posts.contact.reply", callback_data=ReplyInThread(thread_id=thread_id).pack()
            ),
            Button(
                key="posts.contact.share", callback_data=ShareContact(thread_id=thread_id).pack()
            ),
        ],
        [
            Button(
                key="posts.contact.block", callback_data=BlockSender(thread_id=thread_id).pack()
            ),
            Button(
                key="posts.contact.report",
                callback_data=ReportMessage(message_id=message_id).pack(),
            ),
        ],
    ]


@dataclass(frozen=True, slots=True)
class Addressee:
    """Who the next message would go to: the post, the thread, and a name if it may be shown."""

    post: Post
    thread_id: int | None = None
    name: str | None = None  # None: not listed, so the handler says "the author" / "the member"


async def to_author(runtime: Runtime, post_id: int, sender_id: int, now: datetime) -> Addressee:
    """Whether sender may write to a listed post's author; raises InvalidInput if not."""
    async with runtime.store.read() as repos:
        post = await repos.posts.get(post_id)
        if post is None or not post.is_listed(now) or post.author_id == sender_id:
            raise InvalidInput(N_("posts.error.gone"))
        # Say it now, before the member writes a whole message that cannot be delivered.
        if await repos.contacts.blocks_sender(blocker_id=post.author_id, sender_id=sender_id):
            raise InvalidInput(N_("posts.contact.blocked_you"))
        return Addressee(post, name=await _listed_name(repos, post.author_id))


async def to_thread(runtime: Runtime, thread_id: int, sender_id: int) -> Addressee:
    """Whether sender may reply in a thread they take part in; raises InvalidInput if not."""
    async with runtime.store.read() as repos:
        found = await _thread_of(repos, thread_id, sender_id)
        other = found[0].other(sender_id) if found else None
        if found is None or other is None:
            raise InvalidInput(N_("posts.error.gone"))
        if await repos.contacts.blocks_sender(blocker_id=other, sender_id=sender_id):
            raise InvalidInput(N_("posts.contact.blocked_you"))
        thread, post = found
        return Addressee(post, thread_id=thread.id, name=await _listed_name(repos, other))


async def relay(
    runtime: Runtime,
    *,
    sender_id: int,
    text: str,
    now: datetime,
    post_id: int | None = None,
    thread_id: int | None = None,
) -> None:
    """Open (or continue) the thread, check limits and blocks, store the message, enqueue it.

    Raises InvalidInput ("posts.error.flood" with its limit, gone, unreachable, blocked).
    """
    async with runtime.store.write() as repos:
        if thread_id is not None:
            found = await _thread_of(repos, thread_id, sender_id)
            if found is None:
                raise InvalidInput("posts.error.gone")
            thread, post = found
        else:
            post_or_none = await repos.posts.get(post_id or 0)
            if post_or_none is None or not post_or_none.is_listed(now):
                raise InvalidInput("posts.error.gone")
            post = post_or_none
            thread = await repos.contacts.open_thread(
                post_id=post.id, asker_id=sender_id, author_id=post.author_id, now=now
            )
        limit = runtime.network.settings.messages_per_minute
        if await repos.contacts.count_sent_since(sender_id, now - timedelta(minutes=1)) >= limit:
            raise InvalidInput("posts.error.flood", limit=limit)
        recipient = await repos.members.member(thread.other(sender_id) or 0)
        if recipient is None:
            raise InvalidInput("posts.contact.unreachable")
        if await repos.contacts.blocks_sender(blocker_id=recipient.user_id, sender_id=sender_id):
            raise InvalidInput("posts.contact.blocked_you")
        sender = await repos.members.member_with_entity(sender_id)
        entity = sender[1] if sender else None
        stored = await repos.contacts.add_message(
            thread.id, sender_id=sender_id, text=text, now=now
        )
        params: dict[str, object] = {"title": post.title, "text": text}
        key = "posts.contact.relayed_anonymous"
        if entity is not None and entity.listed:
            key, params["sender"] = "posts.contact.relayed", entity.name
        await repos.outbox.enqueue(
            dedupe_key=f"contact:{stored.id}",
            chat_id=recipient.user_id,
            locale=runtime.locale_or_default(recipient.locale),
            message=Rendered(key=key, params=params, keyboard=relay_buttons(thread.id, stored.id)),
            category=Category.REPLY,
            now=now,
        )


async def thread_replied_to(runtime: Runtime, user_id: int, message_id: int) -> int | None:
    """The contact thread of the bot's message that user_id answered with Telegram's reply
    (a relayed message or an introduction: those carry a Reply button), or None."""
    async with runtime.store.read() as repos:
        item = await repos.outbox.sent_as(user_id, message_id)
    for row in (item.message.keyboard or []) if item is not None else []:
        for button in row:
            pressed = ReplyInThread.unpack(button.callback_data)
            if pressed is not None:
                return pressed.thread_id
    return None


async def share_details(
    runtime: Runtime, thread_id: int, *, user_id: int, entity: Entity, now: datetime
) -> bool:
    """Send one's entity contact details to the other side; False when the thread is gone.

    Raises InvalidInput("posts.contact.no_details") when the entity has none to share, and
    "posts.contact.blocked_you" when the other side blocked one's entity: details are a
    message too.
    """
    phone = phone_for_display(entity.phone) if entity.phone else None
    details = [value for value in (entity.email, phone, entity.website) if value]
    if not details:
        raise InvalidInput("posts.contact.no_details")
    async with runtime.store.write() as repos:
        found = await _thread_of(repos, thread_id, user_id)
        other = await repos.members.member(found[0].other(user_id) or 0) if found else None
        if found is None or other is None:
            return False
        thread, post = found
        if await repos.contacts.blocks_sender(blocker_id=other.user_id, sender_id=user_id):
            raise InvalidInput(N_("posts.contact.blocked_you"))
        await repos.contacts.mark_shared(thread, user_id, now)
        await repos.outbox.enqueue(
            dedupe_key=f"contact-share:{thread.id}:{user_id}",
            chat_id=other.user_id,
            locale=runtime.locale_or_default(other.locale),
            message=Rendered(
                key="posts.contact.shared",
                params={"title": post.title, "entity": entity.name, "details": "\n".join(details)},
                keyboard=relay_buttons(thread.id, 0)[:1],
            ),
            category=Category.REPLY,
            now=now,
        )
    return True


async def report(runtime: Runtime, message_id: int, *, user_id: int, now: datetime) -> bool:
    """Send a relayed message to the board for review; False unless user_id received it."""
    board = runtime.settings.board_chat_id
    async with runtime.store.write() as repos:
        params = await _report_params(repos, message_id, user_id)
        if params is None:
            return False
        await repos.contacts.record_report(message_id, reporter_id=user_id, now=now)
        if board is not None:
            await repos.outbox.enqueue(
                dedupe_key=f"contact-report:{params['message']}",
                chat_id=board,
                locale=runtime.settings.default_locale,
                message=Rendered(key="posts.contact.report_board", params=params),
                category=Category.REPLY,
                now=now,
            )
    return True


async def _listed_name(repos: Repos, user_id: int) -> str | None:
    found = await repos.members.member_with_entity(user_id)
    return found[1].name if found is not None and found[1].in_directory else None


async def _thread_of(
    repos: Repos, thread_id: int, user_id: int
) -> tuple[ContactThread, Post] | None:
    """A thread user_id takes part in, with its post, unless the board removed the post."""
    thread = await repos.contacts.thread(thread_id)
    if thread is None or thread.other(user_id) is None:
        return None
    post = await repos.posts.get(thread.post_id)
    if post is None or post.status == PostStatus.REMOVED:
        return None
    return thread, post


async def _report_params(repos: Repos, message_id: int, user_id: int) -> dict[str, object] | None:
    """What the board sees of a reported message; None unless user_id received it."""
    message = await repos.contacts.message(message_id)
    thread = await repos.contacts.thread(message.thread_id) if message else None
    post = await repos.posts.get(thread.post_id) if thread else None
    if message is None or thread is None or post is None:
        return None
    if thread.other(message.sender_id) != user_id:
        return None  # only the recipient of a message may report it
    reporter = await repos.members.member_with_entity(user_id)
    sender = await repos.members.member_with_entity(message.sender_id)
    return {
        "message": message.id,
        "number": post.id,
        "title": post.title,
        "reporter": reporter[1].name if reporter else "?",
        "sender": sender[1].name if sender else "?",
        "text": message.text,
    }
