"""Contact about a post through the bot: write a message, and the bot relays it.

Nobody sees the other side's phone or email until that side presses Share my contact; each
relayed message goes through the outbox with Reply, Share, Block and Report buttons.
"""

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.posts import ContactAuthor, ReplyInThread, SendAgain
from bot.context import BotContext
from bot.domain.posts import MESSAGE_MAX, InvalidInput, check_short_text
from bot.domain.text import shorten
from bot.handlers import prompts
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import button, send
from bot.i18n import N_, Safe, Translator
from bot.services import contact, held_text
from bot.services import prompts as slots
from bot.services.prompts import Flow, Prompt, minutes

__all__ = ["OWNER", "handlers"]

# How much of a kept text its Send button shows.
_LABEL_TEXT = 40
# Fix the text and send again.
_KEEP_WAITING = ("posts.error.too_long", "posts.error.empty", "posts.error.invisible")


async def _ask(update: Update, context: BotContext, key: str, recipient: str, title: str) -> None:
    """Say who the next message goes to, about what, and how to stop it."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    # The message's own count is the length limit; the wait is a second count, so a piece.
    waits = Safe(context.t("posts.contact.wait", minutes=minutes(Flow.CONTACT)))
    text = context.t(key, recipient=recipient, title=title, limit=MESSAGE_MAX, minutes_html=waits)
    # A text written before, as a reply the bot could not place: one tap sends it here.
    kept, slot = held_text.take(context), prompts.current(update, context, Flow.CONTACT)
    if kept is None or slot is None:
        await send(update, text)
        return
    slot.unsent = kept
    slots.update(context, slot)
    # Safe: a button's label is plain text, never parsed as HTML.
    label = context.t("posts.contact.send_kept", text=Safe(shorten(kept, _LABEL_TEXT)))
    await send(update, text, InlineKeyboardMarkup([[button(label, SendAgain().pack())]]))


def _recipient(t: Translator, addressee: contact.Addressee, unnamed: str) -> str:
    """Who the next message goes to: their entity if it is listed, else unnamed's text."""
    return addressee.name if addressee.name is not None else t(unnamed)


async def contact_author(update: Update, context: BotContext) -> None:
    """Contact the author of a listed post (not one's own): the next message goes to them."""
    query, user, t = update.callback_query, update.effective_user, context.t
    pressed = ContactAuthor.unpack(query.data if query else None)
    if query is None or user is None or not await current_member(update, context):
        return
    if pressed is None:
        await stale_button(update, context)
        return
    try:
        to = await contact.to_author(context.services, pressed.post_id, user.id, context.now())
    except InvalidInput as problem:
        await query.answer(t(problem.key), show_alert=True)
        return
    prompts.arm(update, context, Flow.CONTACT, subject_id=to.post.id)
    recipient = _recipient(t, to, N_("posts.contact.to_author"))
    await _ask(update, context, N_("posts.contact.ask"), recipient, to.post.title)


async def reply(update: Update, context: BotContext) -> None:
    """Reply in a thread one takes part in, while its post is not removed."""
    query, user, t = update.callback_query, update.effective_user, context.t
    pressed = ReplyInThread.unpack(query.data if query else None)
    if query is None or user is None or not await current_member(update, context):
        return
    if pressed is None:
        await stale_button(update, context)
        return
    try:
        to = await contact.to_thread(context.services, pressed.thread_id, user.id)
    except InvalidInput as problem:
        await query.answer(t(problem.key), show_alert=True)
        return
    prompts.arm(update, context, Flow.CONTACT, thread_id=to.thread_id)
    recipient = _recipient(t, to, N_("posts.contact.to_other"))
    await _ask(update, context, N_("posts.contact.ask_reply"), recipient, to.post.title)


async def arm_for_reply(update: Update, context: BotContext, replied_id: int) -> bool | None:
    """Telegram's own reply to a relayed message or an introduction: its thread's prompt, as
    the ↩️ Reply button would arm it (True: answer it now). None: not such a message; False:
    said why it cannot be answered."""
    user = update.effective_user
    if user is None:
        return None
    thread_id = await contact.thread_replied_to(context.services, user.id, replied_id)
    if thread_id is None:
        return None
    if not await current_member(update, context):
        return False
    try:
        to = await contact.to_thread(context.services, thread_id, user.id)
    except InvalidInput as problem:
        await send(update, context.t(problem.key))
        return False
    prompts.arm(update, context, Flow.CONTACT, thread_id=to.thread_id)
    return True


async def on_message(update: Update, context: BotContext) -> None:
    """The message to relay (anything but text: say only text is passed on)."""
    message, slot = update.effective_message, prompts.current(update, context, Flow.CONTACT)
    if message is None or slot is None:
        return
    if message.text is None:
        await send(update, context.t("posts.contact.text_only", limit=MESSAGE_MAX))
        return
    await _relay(update, context, slot, message.text)


async def send_again(update: Update, context: BotContext) -> None:
    """Send now the message that waited for the per-minute limit."""
    query, slot = update.callback_query, prompts.current(update, context, Flow.CONTACT)
    if query is None or slot is None or not slot.unsent:
        await stale_button(update, context)
        return
    await query.answer()
    await _relay(update, context, slot, slot.unsent)


async def _relay(update: Update, context: BotContext, slot: Prompt, raw: str) -> None:
    user, t = update.effective_user, context.t
    found = await current_member(update, context)
    if user is None or found is None:
        prompts.clear(update, context, Flow.CONTACT)
        return
    try:
        await contact.relay(
            context.services,
            sender_id=user.id,
            text=check_short_text(raw, MESSAGE_MAX),
            now=context.now(),
            post_id=slot.subject_id,
            thread_id=slot.thread_id,
        )
    except InvalidInput as problem:
        notice = t(problem.key, **problem.params)
        if problem.key == "posts.error.flood":
            prompts.arm(
                update,
                context,
                Flow.CONTACT,
                subject_id=slot.subject_id,
                thread_id=slot.thread_id,
                unsent=raw,
            )
            keyboard = InlineKeyboardMarkup(
                [[button(t("posts.contact.send_again"), SendAgain().pack())]]
            )
            await send(update, notice, keyboard)
            return
        if problem.key not in _KEEP_WAITING:
            prompts.clear(update, context, Flow.CONTACT)
        await send(update, notice)
        return
    prompts.clear(update, context, Flow.CONTACT)
    await send(update, t("posts.contact.sent"))


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without sending anything."""
    prompts.clear(update, context, Flow.CONTACT)
    await send(update, context.t("posts.contact.cancelled"))


OWNER = PromptOwner(answer=on_message, cancel=cancel, keeps_features=frozenset({SendAgain.FEATURE}))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Contact the author, Reply and Send now (the message itself comes via the router)."""
    return [
        CallbackQueryHandler(contact_author, pattern=ContactAuthor.pattern()),
        CallbackQueryHandler(reply, pattern=ReplyInThread.pattern()),
        CallbackQueryHandler(send_again, pattern=SendAgain.pattern()),
    ]
