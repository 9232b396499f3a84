"""Route each chat's messages to its one armed prompt, and forget the prompt when people move on.

The one way a flow waits for typed input (``bot.services.prompts`` keeps the slot). app.py
runs ``prompt_step`` before every feature, with the ``PromptOwner`` each feature gives for its
flows. With a prompt armed in the chat of the update, for its person:

- in a private chat a new message that is not a command is the answer; in a group only a
  reply to one of the messages that asked is (ordinary chatter goes on to other handlers, and a
  reply to a prompt that is no longer open is told so);
- /cancel leaves it, through its owner;
- any other command, or a button that is not the flow's own, disarms it first (the owner says
  in one line what is lost, if anything), then the feature that owns the command or button
  runs, and may arm a prompt of its own: the newest prompt wins;
- a prompt past its lifetime is disarmed; a message meant for someone is then not sent, and
  the person is told why.

``resume_step`` runs after the features: in a private chat, once /help has been read or a new
language chosen with a prompt still armed, the owner asks its open question again (in the new
language), so the member sees what is still expected of them.
"""

import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import ForceReply, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler, filters

from bot.buttons.common import SetLanguage, ShowHelp
from bot.callbacks import parse
from bot.context import BotContext
from bot.handlers.ui import send
from bot.services import prompts
from bot.services.prompts import Flow, Prompt

__all__ = [
    "PromptOwner",
    "ReplyTarget",
    "arm",
    "ask_in_group",
    "asked_with_buttons",
    "clear",
    "current",
    "prompt_step",
    "reask_in_group",
    "resume_step",
    "was_closed",
]

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, object]]
_LOGGER = logging.getLogger(__name__)


def _never(_data: str, _prompt: Prompt) -> bool:
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptOwner:
    """What a flow does with its answer and with /cancel, and what it lets pass."""

    answer: Callback  # a new message that answers (text or not: the owner says what it takes)
    cancel: Callback  # /cancel while armed
    # The flow's own buttons beyond keeps_features (given the callback data).
    keeps: Callable[[str, Prompt], bool] = _never
    # Commands, and other features' buttons, that leave the prompt armed (reading the help,
    # say). None by default: after a command, the next text must not reach another member.
    keeps_commands: frozenset[str] = frozenset()
    keeps_features: frozenset[str] = frozenset()
    # Moved on (another command or flow): say in one line what is lost, if anything.
    set_aside: Callable[[Update, BotContext, Prompt], Awaitable[None]] | None = None
    # Ask the open question again, after /help or in a new language (see resume_step).
    resume: Callback | None = None


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat is not None else None


def arm(update: Update, context: BotContext, flow: Flow, **about: Any) -> Prompt | None:
    """Arm a prompt of flow in the update's chat (the newest prompt wins)."""
    chat_id = _chat_id(update)
    return prompts.arm(context, flow, chat_id, **about) if chat_id is not None else None


def current(update: Update, context: BotContext, flow: Flow | None = None) -> Prompt | None:
    """The prompt armed in the update's chat (of flow, if given)."""
    chat_id = _chat_id(update)
    return prompts.current(context, chat_id, flow) if chat_id is not None else None


def clear(update: Update, context: BotContext, flow: Flow | None = None) -> Prompt | None:
    """Disarm the prompt of the update's chat (only flow's, if given)."""
    chat_id = _chat_id(update)
    return prompts.clear(context, chat_id, flow) if chat_id is not None else None


def was_closed(update: Update, context: BotContext, message_id: int) -> bool:
    """Whether message_id, in the update's chat, asked for an answer no longer awaited."""
    chat_id = _chat_id(update)
    return chat_id is not None and prompts.was_closed(context, chat_id, message_id)


def asked_with_buttons(update: Update, context: BotContext, sent: Message | None) -> None:
    """The armed prompt's question was sent with buttons: take them off if the answer is
    typed instead, so that old buttons do not stay on screen."""
    prompt = current(update, context)
    if prompt is not None and sent is not None and sent.reply_markup is not None:
        prompts.shown_with_buttons(context, prompt, sent.message_id)


async def _take_buttons_off(context: BotContext, prompt: Prompt) -> None:
    for message_id in prompts.take_buttons_off(context, prompt):
        try:
            await context.bot.edit_message_reply_markup(prompt.chat_id, message_id)
        except TelegramError as problem:  # deleted meanwhile, or too old: nothing to take off
            _LOGGER.info("buttons not taken off message %s: %s", message_id, problem)


_FORCE = ForceReply(selective=True)


async def ask_in_group(context: BotContext, prompt: Prompt, text: str) -> None:
    """Send a prompt to its group (its text mentions the person); a reply to it answers."""
    sent = await context.bot.send_message(prompt.chat_id, text, reply_markup=_FORCE)
    prompts.asked(context, prompt, sent.message_id)


async def reask_in_group(context: BotContext, prompt: Prompt, text: str, message: Message) -> None:
    """Answer the person's message with a prompt; a reply to it answers too."""
    # Replying to the person's message is what lets a selective ForceReply reach them.
    sent = await message.reply_text(text, reply_markup=_FORCE)
    prompts.asked(context, prompt, sent.message_id)


def _command(message: Message | None) -> str | None:
    """The command of a new message ("cancel" for "/cancel@bot words"), or None."""
    text = message.text if message is not None else None
    if not text or not text.startswith("/"):
        return None
    return text.split(maxsplit=1)[0][1:].partition("@")[0].lower()


def _replied_id(message: Message) -> int | None:
    replied = message.reply_to_message
    if replied is None or replied.chat.id != message.chat.id:
        return None
    return replied.message_id


# Places Telegram's own reply (swipe to reply) to one of the bot's messages in a private chat:
# arms the prompt its button would have armed (True), says why not (False), or None.
ReplyTarget = Callable[[Update, BotContext, int], Coroutine[Any, Any, bool | None]]


class _Router:
    def __init__(
        self, owners: Mapping[Flow, PromptOwner], reply_targets: Sequence[ReplyTarget]
    ) -> None:
        missing = set(Flow) - set(owners)
        if missing:
            raise ValueError(f"no owner for the prompt flows {sorted(missing)}")
        self.owners = owners
        self.reply_targets = reply_targets

    async def __call__(self, update: Update, context: BotContext) -> None:
        chat = update.effective_chat
        if chat is None or update.effective_user is None:
            return
        if filters.StatusUpdate.ALL.check_update(update):
            return  # a service message is nobody's answer
        prompt = prompts.current(context, chat.id)
        message, query = update.message, update.callback_query
        private = chat.type == ChatType.PRIVATE
        if private and message is not None and _command(message) is None:
            replied = _replied_id(message)
            if replied is not None and await self._place_reply(update, context, replied, prompt):
                return
        if prompt is None:
            if message is not None and not private:
                await self._late_reply(message, context)
            return
        if prompts.expired(prompt, context.now()):
            await self._expired(update, context, prompt)
            return
        owner = self.owners[prompt.flow]
        if message is not None:
            await self._message(update, context, message, prompt, owner, private=private)
        elif query is not None:
            data = parse(query.data)
            if data is not None and (
                data.feature in owner.keeps_features or owner.keeps(query.data or "", prompt)
            ):
                return
            await self._move_on(update, context, prompt, owner)

    async def _message(
        self,
        update: Update,
        context: BotContext,
        message: Message,
        prompt: Prompt,
        owner: PromptOwner,
        *,
        private: bool,
    ) -> None:
        command = _command(message)
        if command == "cancel":
            await owner.cancel(update, context)
            prompts.clear(context, prompt.chat_id, prompt.flow)
            raise ApplicationHandlerStop
        if command is None:
            if private or _replied_id(message) in prompt.asked:
                if private:
                    await _take_buttons_off(context, prompt)
                await owner.answer(update, context)
                raise ApplicationHandlerStop
            await self._late_reply(message, context)
            return  # chatter in the group: not the answer
        if command in owner.keeps_commands:
            return
        await self._move_on(update, context, prompt, owner)

    async def _place_reply(
        self, update: Update, context: BotContext, replied: int, prompt: Prompt | None
    ) -> bool:
        """A swipe-reply to a message that says where it goes: as if its button was pressed
        (the prompt open before is set aside, like for any other flow's button)."""
        for target in self.reply_targets:
            placed = await target(update, context, replied)
            if placed is None:
                continue
            if prompt is not None and prompts.current(context, prompt.chat_id) != prompt:
                owner = self.owners[prompt.flow]
                if owner.set_aside is not None:
                    await owner.set_aside(update, context, prompt)
            chat = update.effective_chat
            armed = prompts.current(context, chat.id) if placed and chat is not None else None
            if armed is not None:
                await self.owners[armed.flow].answer(update, context)
            raise ApplicationHandlerStop
        return False

    @staticmethod
    async def _late_reply(message: Message, context: BotContext) -> None:
        """A reply in a group to a prompt that is no longer open: say so, once."""
        replied = _replied_id(message)
        if replied is None or _command(message) is not None:
            return
        if prompts.was_closed(context, message.chat.id, replied):
            # Everything in the board group is in the board's language.
            t = context.translator(context.settings.default_locale)
            await message.reply_text(t("prompts.closed"))
            raise ApplicationHandlerStop

    @staticmethod
    async def _move_on(
        update: Update, context: BotContext, prompt: Prompt, owner: PromptOwner
    ) -> None:
        prompts.clear(context, prompt.chat_id)
        if owner.set_aside is not None:
            await owner.set_aside(update, context, prompt)

    @staticmethod
    async def _expired(update: Update, context: BotContext, prompt: Prompt) -> None:
        prompts.clear(context, prompt.chat_id)
        message = update.message
        if prompt.flow is Flow.CONTACT and message is not None and _command(message) is None:
            # Not sent: a message typed long after pressing Contact may be meant for no one.
            minutes = prompts.minutes(prompt.flow)
            await send(update, context.t("posts.contact.expired", minutes=minutes))
            raise ApplicationHandlerStop


def prompt_step(
    owners: Mapping[Flow, PromptOwner], reply_targets: Sequence[ReplyTarget] = ()
) -> TypeHandler[Update, BotContext, None]:
    """The handler app.py runs before the features (see the module docstring)."""
    return TypeHandler(Update, _Router(owners, reply_targets))


class _Resumer:
    def __init__(self, owners: Mapping[Flow, PromptOwner]) -> None:
        self.owners = owners

    async def __call__(self, update: Update, context: BotContext) -> None:
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE or update.effective_user is None:
            return
        prompt = prompts.current(context, chat.id)
        if prompt is None or prompts.expired(prompt, context.now()):
            return
        resume = self.owners[prompt.flow].resume
        if resume is not None and _question_scrolled_away(update, context):
            await resume(update, context)


def _question_scrolled_away(update: Update, context: BotContext) -> bool:
    """/help was read, or a language chosen (and taken): the question is no longer in view."""
    if update.message is not None:
        return _command(update.message) == "help"
    query = update.callback_query
    if query is None:
        return False
    if ShowHelp.unpack(query.data) is not None:
        return True
    chosen = SetLanguage.unpack(query.data)
    return chosen is not None and chosen.locale == context.locale


def resume_step(owners: Mapping[Flow, PromptOwner]) -> TypeHandler[Update, BotContext, None]:
    """The handler app.py runs after the features (see the module docstring)."""
    return TypeHandler(Update, _Resumer(owners))
