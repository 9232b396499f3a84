"""Advice, as cases the board handles: members ask and answer in private (ask, thread), the
board claims, answers and closes in its group (board).

``prompt_owners`` says what each flow does with the answer to its prompt; ``reply_targets``
lets a member answer a case with Telegram's own reply.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.advice import ask, board, thread
from bot.handlers.prompts import PromptOwner, ReplyTarget
from bot.services.prompts import Flow

__all__ = ["board_handlers", "member_handlers", "prompt_owners", "reply_targets"]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The advice flows that wait for typed input (bot/handlers/prompts.py)."""
    return {Flow.ADVICE: ask.OWNER, Flow.CASE_ANSWER: thread.OWNER}


def reply_targets() -> list[ReplyTarget]:
    """Bot messages of a case that a swipe-reply answers."""
    return [thread.arm_for_reply]


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/advice and its steps, /requests, Answer and ratings (app.py: private chats only)."""
    return [*ask.handlers(), *thread.handlers()]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The card's buttons, replies to cases, /cases and /case (app.py: board only)."""
    return board.handlers()
