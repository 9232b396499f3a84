"""A decision the board explains: the reason is a reply, in the group, to the bot's prompt.

Rejecting an application, and rejecting or removing a post, ask the board member who pressed
the button for a reason and wait for it as the group chat's prompt (bot/handlers/prompts.py):
only a reply to the prompt is the reason. ``ReasonFlow`` holds what the two share: checking the
text, asking again, /cancel, and the board check at the time of the answer.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import MaybeInaccessibleMessage, Message, Update

from bot.context import BotContext
from bot.domain.board import REASON_MAX, ReasonError, clean_reason
from bot.handlers import prompts
from bot.handlers.board.ui import board_t, card_html
from bot.handlers.guards import board_only
from bot.handlers.prompts import PromptOwner
from bot.i18n import Safe
from bot.services.prompts import Flow, Prompt

__all__ = ["ReasonFlow"]

Decide = Callable[[Message, BotContext, Prompt, str], Awaitable[None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasonFlow:
    """One decision with a reason: its prompt's flow, its messages, and what deciding does."""

    flow: Flow
    too_long: str  # message key, with length and max
    text_only: str  # message key, with max
    cancelled: str  # message key
    decide: Decide  # the reason is clean and the prompt disarmed: decide and say so

    async def ask(
        self,
        update: Update,
        context: BotContext,
        text_key: str,
        *,
        subject_id: int,
        action: str | None = None,
        card: Message | MaybeInaccessibleMessage | None = None,
        **params: object,
    ) -> None:
        """Ask the board member who pressed the button; card shows the decision afterwards."""
        user = update.effective_user
        prompt = prompts.arm(
            update,
            context,
            self.flow,
            subject_id=subject_id,
            action=action,
            card_message_id=card.message_id if card is not None else None,
            card=card_html(card),
        )
        if prompt is None or user is None:
            return
        text = board_t(context)(text_key, who=Safe(user.mention_html()), max=REASON_MAX, **params)
        await prompts.ask_in_group(context, prompt, text)

    async def answer(self, update: Update, context: BotContext) -> None:
        """A reply to the prompt: the reason, if it is text and its writer is still board."""
        if await self._answer(update, context) is None:
            prompts.clear(update, context, self.flow)  # turned away: nothing is awaited

    async def _take(self, update: Update, context: BotContext) -> bool:
        message, prompt = update.effective_message, prompts.current(update, context, self.flow)
        if message is None or prompt is None:
            return False
        t = board_t(context)
        if message.text is None:
            text = t(self.text_only, max=REASON_MAX)
            await prompts.reask_in_group(context, prompt, text, message)
            return True
        try:
            reason = clean_reason(message.text)
        except ReasonError as exc:
            if exc.invisible:
                text = t("board.reason_invisible", max=REASON_MAX)
            else:
                text = t(self.too_long, length=exc.length, max=REASON_MAX)
            await prompts.reask_in_group(context, prompt, text, message)
            return True
        prompts.clear(update, context, self.flow)
        await self.decide(message, context, prompt, reason)
        return True

    @property
    def _answer(self) -> Callable[[Update, BotContext], Awaitable[bool | None]]:
        return board_only(self._take)

    async def cancel(self, update: Update, context: BotContext) -> None:
        """Leave without deciding."""
        prompts.clear(update, context, self.flow)
        message = update.effective_message
        if message is not None:
            await message.reply_text(board_t(context)(self.cancelled))

    def owner(self) -> PromptOwner:
        """What the prompt router does with this flow's replies and /cancel."""
        return PromptOwner(
            answer=self.answer, cancel=self.cancel, keeps_commands=frozenset({"help"})
        )
