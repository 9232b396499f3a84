"""After a summit: the board shares a file or links (a reply to the bot's prompt); members
ask for a past summit's materials; those who came answer 1 to 5 and may add a comment."""

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.summits import FeedbackScore, ShareMaterials, SkipComment, SummitMaterials
from bot.context import BotContext
from bot.domain.board import Actor
from bot.domain.summits import COMMENT_MAX, MaterialKind
from bot.handlers import prompts
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only, current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import button, edit_or_send, send
from bot.i18n import Safe
from bot.services.prompts import Flow
from bot.services.summits import after

__all__ = [
    "COMMENT_OWNER",
    "MATERIALS_OWNER",
    "board_handlers",
    "member_handlers",
]

_TEXT_MAX = 3000


async def on_share(update: Update, context: BotContext) -> None:
    """Ask the board member for the file or the links, as a reply."""
    query = update.callback_query
    pressed = ShareMaterials.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or pressed is None or user is None:
        return
    await query.answer()
    prompt = prompts.arm(update, context, Flow.SUMMIT_MATERIALS, subject_id=pressed.summit_id)
    if prompt is not None:
        text = board_t(context)("summits.materials.ask", who=Safe(user.mention_html()))
        await prompts.ask_in_group(context, prompt, text)


@board_only
async def _take_material(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    user = update.effective_user
    prompt = prompts.current(update, context, Flow.SUMMIT_MATERIALS)
    if message is None or user is None or prompt is None or prompt.subject_id is None:
        return False
    t = board_t(context)
    actor = Actor.named(user.id, user.full_name, user.username)
    if message.document is not None:
        document = message.document
        shared = await after.share(
            context.services,
            prompt.subject_id,
            MaterialKind.DOCUMENT,
            file_id=document.file_id,
            file_name=document.file_name,
            actor=actor,
            now=context.now(),
        )
    elif message.text and len(message.text) <= _TEXT_MAX:
        shared = await after.share(
            context.services,
            prompt.subject_id,
            MaterialKind.TEXT,
            text=message.text_html,
            actor=actor,
            now=context.now(),
        )
    else:
        await prompts.reask_in_group(
            context, prompt, t("summits.materials.file_or_text", max=_TEXT_MAX), message
        )
        return True
    prompts.clear(update, context, Flow.SUMMIT_MATERIALS)
    if shared.material is None:
        await message.reply_text(t(shared.problem or "summits.materials.gone"))
        return True
    await message.reply_text(t("summits.materials.shared", told=shared.told))
    return True


async def take_material(update: Update, context: BotContext) -> None:
    """A reply to the prompt: the file or the links (its sender must still be board)."""
    if await _take_material(update, context) is None:
        prompts.clear(update, context, Flow.SUMMIT_MATERIALS)


async def cancel_material(update: Update, context: BotContext) -> None:
    """Leave without sharing anything."""
    prompts.clear(update, context, Flow.SUMMIT_MATERIALS)
    message = update.effective_message
    if message is not None:
        await message.reply_text(board_t(context)("summits.form.cancelled"))


MATERIALS_OWNER = PromptOwner(
    answer=take_material, cancel=cancel_material, keeps_commands=frozenset({"help"})
)


async def on_materials(update: Update, context: BotContext) -> None:
    """A past summit's materials, sent to the member who asks."""
    query = update.callback_query
    pressed = SummitMaterials.unpack(query.data if query else None)
    chat = update.effective_chat
    if query is None or pressed is None or chat is None:
        return
    if await current_member(update, context) is None:
        return
    found = await after.materials_for(context.services, pressed.summit_id, context.now())
    if found is None:
        await query.answer(context.t("summits.materials.none"), show_alert=True)
        return
    await query.answer()
    summit, materials = found
    await send(update, context.t("summits.materials.title", title=summit.title(context.t.locale)))
    for material in materials:
        if material.kind is MaterialKind.DOCUMENT and material.file_id:
            await chat.send_document(material.file_id)
        elif material.text:
            await chat.send_message(material.text)


async def on_score(update: Update, context: BotContext) -> None:
    """A score of 1 to 5, once; then a comment may follow."""
    query = update.callback_query
    pressed = FeedbackScore.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    found = await current_member(update, context)
    if found is None:
        return
    t = context.t
    problem = await after.score(
        context.services, pressed.summit_id, found[0].user_id, pressed.score, context.now()
    )
    if problem is not None:
        await query.answer(t(problem), show_alert=True)
        return
    await query.answer()
    prompts.arm(update, context, Flow.SUMMIT_FEEDBACK, subject_id=pressed.summit_id)
    skip = SkipComment(summit_id=pressed.summit_id).pack()
    markup = InlineKeyboardMarkup([[button(t("summits.feedback.skip"), skip)]])
    await edit_or_send(update, t("summits.feedback.thanks", score=pressed.score), markup)


async def take_comment(update: Update, context: BotContext) -> None:
    """The optional comment, typed after the score."""
    message = update.effective_message
    prompt = prompts.current(update, context, Flow.SUMMIT_FEEDBACK)
    found = await current_member(update, context)
    if message is None or prompt is None or prompt.subject_id is None or found is None:
        prompts.clear(update, context, Flow.SUMMIT_FEEDBACK)
        return
    t = context.t
    if message.text is None:
        await send(update, t("summits.feedback.comment_text_only"))
        return
    problem = await after.comment(
        context.services, prompt.subject_id, found[0].user_id, message.text
    )
    if problem == "summits.feedback.comment_too_long":
        await send(update, t(problem, max=COMMENT_MAX))
        return
    prompts.clear(update, context, Flow.SUMMIT_FEEDBACK)
    await send(update, t(problem or "summits.feedback.comment_saved"))


async def on_skip(update: Update, context: BotContext) -> None:
    """No comment."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    prompts.clear(update, context, Flow.SUMMIT_FEEDBACK)
    await edit_or_send(update, context.t("summits.feedback.comment_skipped"))


async def cancel_comment(update: Update, context: BotContext) -> None:
    """/cancel instead of a comment."""
    prompts.clear(update, context, Flow.SUMMIT_FEEDBACK)
    await send(update, context.t("summits.feedback.comment_skipped"))


COMMENT_OWNER = PromptOwner(
    answer=take_comment,
    cancel=cancel_comment,
    keeps=lambda data, _prompt: SkipComment.unpack(data) is not None,
    keeps_commands=frozenset({"help"}),
)


def board_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Share materials (the file or links come through the prompt router)."""
    return [CallbackQueryHandler(on_share, pattern=ShareMaterials.pattern())]


def member_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Ask for materials; score, comment or skip."""
    return [
        CallbackQueryHandler(on_materials, pattern=SummitMaterials.pattern()),
        CallbackQueryHandler(on_score, pattern=FeedbackScore.pattern()),
        CallbackQueryHandler(on_skip, pattern=SkipComment.pattern()),
    ]
