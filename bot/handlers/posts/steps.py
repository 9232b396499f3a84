"""The compose questions: how each is asked, and how its typed or pressed answer is kept."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot.buttons.posts import (
    ComposeCancel,
    ComposeComarca,
    ComposeExpiry,
    ComposeKind,
    ComposeNoFile,
    ComposePlace,
    ComposeSector,
    ComposeSkip,
    ComposeTown,
    ComposeWhen,
)
from bot.context import BotContext
from bot.domain.posts import (
    CONDITIONS_MAX,
    DESCRIPTION_MAX,
    DISCOUNT_MAX,
    EXPIRY_CHOICES,
    FILE_MAX_BYTES,
    TITLE_MAX,
    FileKind,
    InvalidInput,
    Place,
    PlaceKind,
    PostKind,
    check_description,
    check_document,
    check_short_text,
    check_title,
    parse_needed_by,
)
from bot.handlers import prompts
from bot.handlers.ui import button, pairs, send
from bot.services.posts import drafts
from bot.services.posts.drafts import Session, Step, load
from bot.services.prompts import Flow
from bot.views.posts import kind_label

__all__ = [
    "ANSWERS",
    "TEXT_STEPS",
    "Answer",
    "ask",
    "keep_button",
    "keep_file",
    "keep_text",
    "lost",
    "prompt",
    "session_at",
    "town",
]

# Steps answered by typing (PLACE also takes a typed municipality as a shortcut).
TEXT_STEPS = frozenset(
    {
        Step.TITLE,
        Step.DESCRIPTION,
        Step.PLACE,
        Step.PLACE_TOWN,
        Step.WHEN,
        Step.CONDITIONS,
        Step.DISCOUNT,
    }
)
_LIMITS = {
    Step.TITLE: TITLE_MAX,
    Step.DESCRIPTION: DESCRIPTION_MAX,
    Step.CONDITIONS: CONDITIONS_MAX,
    Step.DISCOUNT: DISCOUNT_MAX,
}
_LOGGER = logging.getLogger(__name__)


def keep(update: Update, context: BotContext, session: Session) -> None:
    """Keep the draft; its question is now the chat's prompt."""
    drafts.save(context, session)
    prompts.arm(update, context, Flow.COMPOSE)


def forget(update: Update, context: BotContext) -> None:
    """Forget the draft, and stop waiting for its answers."""
    drafts.discard(context)
    prompts.clear(update, context, Flow.COMPOSE)


def session_at(context: BotContext, step: Step) -> Session | None:
    """The saved session, at step (the step of the question being answered)."""
    session = load(context)
    if session is not None:
        session.step = step
    return session


async def lost(update: Update, context: BotContext) -> None:
    """An answer arrived but the draft is gone (or unreadable): start over."""
    forget(update, context)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, context.t("posts.compose.lost"))


def _keyboard(context: BotContext, session: Session, home: str | None) -> InlineKeyboardMarkup:
    t, network, step = context.t, context.network, session.step
    rows: list[list[InlineKeyboardButton]] = []
    if step is Step.KIND:
        rows = [[button(kind_label(kind, t), ComposeKind(kind=kind).pack()) for kind in PostKind]]
    elif step is Step.SECTOR:
        rows = pairs(
            [
                button(s.label.get(t.locale), ComposeSector(sector=s.key).pack())
                for s in network.sectors
            ]
        )
    elif step is Step.PLACE:
        if home is not None:
            rows.append(
                [button(t("posts.place.home", place=home), ComposePlace(place="home").pack())]
            )
        rows += [
            [
                button(t("posts.place.other_town"), ComposePlace(place="town").pack()),
                button(t("posts.place.a_comarca"), ComposePlace(place="comarca").pack()),
            ],
            [
                button(t("posts.place.province"), ComposePlace(place="province").pack()),
                button(t("posts.place.online"), ComposePlace(place="online").pack()),
            ],
        ]
    elif step is Step.PLACE_COMARCA:
        rows = pairs(
            [
                button(c.label.get(t.locale), ComposeComarca(comarca=c.key).pack())
                for c in network.comarcas
            ]
        )
    elif step is Step.WHEN:
        rows = [
            [
                button(t("posts.when.urgent"), ComposeWhen(when="urgent").pack()),
                button(t("posts.when.none"), ComposeWhen(when="none").pack()),
            ]
        ]
    elif step in (Step.CONDITIONS, Step.DISCOUNT, Step.ATTACHMENT):
        rows = [[button(t("posts.compose.skip"), ComposeSkip().pack())]]
        if step is Step.ATTACHMENT and session.file_id is not None:
            rows.append([button(t("posts.compose.remove_file"), ComposeNoFile().pack())])
    elif step is Step.EXPIRY:
        rows = [
            [
                button(t("posts.expiry.days", days=days), ComposeExpiry(days=days).pack())
                for days in EXPIRY_CHOICES
            ]
        ]
    rows.append([button(t("posts.compose.cancel"), ComposeCancel().pack())])
    return InlineKeyboardMarkup(rows)


def prompt(context: BotContext, session: Session) -> str:
    """The question of the step, with the current answer when editing."""
    t, step = context.t, session.step
    key = f"posts.ask.{step.value}"
    if step is Step.TITLE or step is Step.DESCRIPTION:
        kind = session.kind or PostKind.OFFER
        key = f"posts.ask.{step.value}.{kind.value}"
    text = t(key, limit=_LIMITS.get(step, 0), max_mb=FILE_MAX_BYTES // (1024 * 1024))
    current = {
        Step.TITLE: session.title,
        Step.DESCRIPTION: session.description,
        Step.CONDITIONS: session.conditions,
        Step.DISCOUNT: session.member_discount,
    }.get(step)
    if session.editing and current:
        text += "\n\n" + t("posts.compose.current", value=current)
    return text


async def ask(update: Update, context: BotContext, session: Session, home: str | None) -> Step:
    """Save the session and ask its current question."""
    keep(update, context, session)
    sent = await send(update, prompt(context, session), _keyboard(context, session, home))
    prompts.asked_with_buttons(update, context, sent)
    return session.step


def keep_text(context: BotContext, session: Session, text: str) -> None:
    """Check and keep a typed answer; raise InvalidInput when it breaks a rule."""
    step = session.step
    if step is Step.TITLE:
        session.title = check_title(text)
    elif step is Step.DESCRIPTION:
        session.description = check_description(text)
    elif step is Step.WHEN:
        today = context.now().astimezone(context.settings.tz).date()
        session.needed_by, session.urgent = parse_needed_by(text, today), False
    elif step is Step.CONDITIONS:
        session.conditions = check_short_text(text, CONDITIONS_MAX)
    elif step is Step.DISCOUNT:
        session.member_discount = check_short_text(text, DISCOUNT_MAX)


# The buttons that answer the question a draft is on (Edit, Cancel and Publish are apart).
Answer = (
    ComposeKind
    | ComposeSector
    | ComposePlace
    | ComposeTown
    | ComposeComarca
    | ComposeWhen
    | ComposeSkip
    | ComposeNoFile
    | ComposeExpiry
)
ANSWERS: tuple[type[Answer], ...] = (
    ComposeKind,
    ComposeSector,
    ComposePlace,
    ComposeTown,
    ComposeComarca,
    ComposeWhen,
    ComposeSkip,
    ComposeNoFile,
    ComposeExpiry,
)


def keep_button(context: BotContext, session: Session, answer: Answer, home: Place | None) -> bool:
    """Keep a pressed answer; False when the button does not belong to this step."""
    network, step = context.network, session.step
    match answer:
        case ComposeKind(kind=kind) if step is Step.KIND:
            if session.editing and session.kind != kind:
                session.conditions = session.member_discount = session.needed_by = None
                session.urgent = False
            session.kind = kind
        case ComposeSector(sector=sector) if step is Step.SECTOR and network.sector(sector):
            session.sector = sector
        case ComposePlace(place="province" | "online" as place) if step is Step.PLACE:
            session.place = Place(kind=_SIMPLE_PLACES[place])
        case ComposePlace(place="home") if step is Step.PLACE and home:
            session.place = home
        case ComposeTown(municipality=key) if step is Step.PLACE_TOWN and network.municipality(key):
            session.place = town(context, key)
        case ComposeComarca(comarca=key) if step is Step.PLACE_COMARCA and network.comarca(key):
            session.place = Place(kind=PlaceKind.COMARCA, key=key, comarca=key)
        case ComposeWhen(when=when) if step is Step.WHEN:
            session.urgent, session.needed_by = when == "urgent", None
        case ComposeSkip() if step in (Step.CONDITIONS, Step.DISCOUNT):
            if not session.editing:
                field = "conditions" if step is Step.CONDITIONS else "member_discount"
                setattr(session, field, None)
        case ComposeSkip() if step is Step.ATTACHMENT:
            pass
        case ComposeNoFile() if step is Step.ATTACHMENT:
            session.file_id, session.file_kind = None, None
        case ComposeExpiry(days=days) if step is Step.EXPIRY and days in EXPIRY_CHOICES:
            session.expiry_days = days
        case _:
            return False
    return True


_SIMPLE_PLACES = {"province": PlaceKind.PROVINCE, "online": PlaceKind.ONLINE}


def town(context: BotContext, key: str) -> Place:
    """A municipality as a post's place, with its comarca for filtering."""
    municipality = context.network.municipality(key)
    comarca = municipality.comarca if municipality else None
    return Place(kind=PlaceKind.MUNICIPALITY, key=key, comarca=comarca)


async def keep_file(context: BotContext, session: Session, message: Message) -> None:
    """Keep a photo, or a file whose content is a PDF; raise InvalidInput for other files,
    over 10 MB, or when the file cannot be fetched to be read."""
    if message.photo:
        # Telegram makes every photo a JPEG of its own: there is nothing else to check.
        largest = message.photo[-1]
        size, file_id, kind = largest.file_size, largest.file_id, FileKind.PHOTO
    elif message.document is not None:
        document = message.document
        size, file_id, kind = document.file_size, document.file_id, FileKind.DOCUMENT
    else:
        raise InvalidInput("posts.error.file_type")
    if size is not None and size > FILE_MAX_BYTES:
        raise InvalidInput("posts.error.file_size", max_mb=FILE_MAX_BYTES // (1024 * 1024))
    if kind is FileKind.DOCUMENT:
        # Its name and MIME type are whatever the sender says; only the bytes tell.
        check_document(await _download(context, file_id))
    session.file_id, session.file_kind = file_id, kind


async def _download(context: BotContext, file_id: str) -> bytes:
    try:
        found = await context.bot.get_file(file_id)
        return bytes(await found.download_as_bytearray())
    except TelegramError as problem:
        _LOGGER.warning("could not fetch a post's file to read it: %s", problem)
        raise InvalidInput("posts.error.file_unreadable") from None
