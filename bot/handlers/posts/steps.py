"""The compose questions: how each is asked, and how its typed or pressed answer is kept."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.callbacks import CallbackData, pack
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
    "TEXT_STEPS",
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
_PDF = "application/pdf"


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


def _pc(action: str, *args: object) -> str:
    return pack("pc", action, *args)


def _keyboard(context: BotContext, session: Session, home: str | None) -> InlineKeyboardMarkup:
    t, network, step = context.t, context.network, session.step
    rows: list[list[InlineKeyboardButton]] = []
    if step is Step.KIND:
        rows = [[button(kind_label(kind, t), _pc("kind", kind.value)) for kind in PostKind]]
    elif step is Step.SECTOR:
        rows = pairs([button(s.label.get(t.locale), _pc("sector", s.key)) for s in network.sectors])
    elif step is Step.PLACE:
        if home is not None:
            rows.append([button(t("posts.place.home", place=home), _pc("place", "home"))])
        rows += [
            [
                button(t("posts.place.other_town"), _pc("place", "town")),
                button(t("posts.place.a_comarca"), _pc("place", "comarca")),
            ],
            [
                button(t("posts.place.province"), _pc("place", "province")),
                button(t("posts.place.online"), _pc("place", "online")),
            ],
        ]
    elif step is Step.PLACE_COMARCA:
        rows = pairs(
            [button(c.label.get(t.locale), _pc("comarca", c.key)) for c in network.comarcas]
        )
    elif step is Step.WHEN:
        rows = [
            [
                button(t("posts.when.urgent"), _pc("when", "urgent")),
                button(t("posts.when.none"), _pc("when", "none")),
            ]
        ]
    elif step in (Step.CONDITIONS, Step.DISCOUNT, Step.ATTACHMENT):
        rows = [[button(t("posts.compose.skip"), _pc("skip"))]]
        if step is Step.ATTACHMENT and session.file_id is not None:
            rows.append([button(t("posts.compose.remove_file"), _pc("nofile"))])
    elif step is Step.EXPIRY:
        rows = [
            [
                button(t("posts.expiry.days", days=days), _pc("expiry", days))
                for days in EXPIRY_CHOICES
            ]
        ]
    rows.append([button(t("posts.compose.cancel"), _pc("cancel"))])
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
    await send(update, prompt(context, session), _keyboard(context, session, home))
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


def keep_button(
    context: BotContext, session: Session, data: CallbackData, home: Place | None
) -> bool:
    """Keep a pressed answer; False when the button does not belong to this step."""
    network, step, arg = context.network, session.step, (data.args or ("",))[0]
    if step is Step.KIND and data.action == "kind" and arg in set(PostKind):
        if session.editing and session.kind != PostKind(arg):
            session.conditions = session.member_discount = session.needed_by = None
            session.urgent = False
        session.kind = PostKind(arg)
    elif step is Step.SECTOR and data.action == "sector" and network.sector(arg):
        session.sector = arg
    elif step is Step.PLACE and data.action == "place" and arg in _SIMPLE_PLACES:
        session.place = Place(kind=_SIMPLE_PLACES[arg])
    elif step is Step.PLACE and data.action == "place" and arg == "home" and home:
        session.place = home
    elif step is Step.PLACE_TOWN and data.action == "town" and network.municipality(arg):
        session.place = town(context, arg)
    elif step is Step.PLACE_COMARCA and data.action == "comarca" and network.comarca(arg):
        session.place = Place(kind=PlaceKind.COMARCA, key=arg, comarca=arg)
    elif step is Step.WHEN and data.action == "when" and arg in ("urgent", "none"):
        session.urgent, session.needed_by = arg == "urgent", None
    elif step in (Step.CONDITIONS, Step.DISCOUNT) and data.action == "skip":
        if not session.editing:
            setattr(session, "conditions" if step is Step.CONDITIONS else "member_discount", None)
    elif step is Step.ATTACHMENT and data.action in ("skip", "nofile"):
        if data.action == "nofile":
            session.file_id, session.file_kind = None, None
    elif step is Step.EXPIRY and data.action == "expiry" and arg.isdigit():
        if int(arg) not in EXPIRY_CHOICES:
            return False
        session.expiry_days = int(arg)
    else:
        return False
    return True


_SIMPLE_PLACES = {"province": PlaceKind.PROVINCE, "online": PlaceKind.ONLINE}


def town(context: BotContext, key: str) -> Place:
    """A municipality as a post's place, with its comarca for filtering."""
    municipality = context.network.municipality(key)
    comarca = municipality.comarca if municipality else None
    return Place(kind=PlaceKind.MUNICIPALITY, key=key, comarca=comarca)


def keep_file(session: Session, message: Message) -> None:
    """Keep a photo or PDF; raise InvalidInput for other files or over 10 MB."""
    if message.photo:
        largest = message.photo[-1]
        size, file_id, kind = largest.file_size, largest.file_id, FileKind.PHOTO
    elif message.document is not None and message.document.mime_type == _PDF:
        document = message.document
        size, file_id, kind = document.file_size, document.file_id, FileKind.DOCUMENT
    else:
        raise InvalidInput("posts.error.file_type")
    if size is not None and size > FILE_MAX_BYTES:
        raise InvalidInput("posts.error.file_size", max_mb=FILE_MAX_BYTES // (1024 * 1024))
    session.file_id, session.file_kind = file_id, kind
