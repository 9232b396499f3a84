"""The fake Bot API, driven through a real ``telegram.Bot`` so PTB's wire format is exercised."""

import asyncio
import datetime as dtm
import html
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler
from telegram.request import HTTPXRequest

from tests.fakes import BOT_ID, BOT_USERNAME, FakeTelegram, FakeTransport, ServerHandle, serve
from tests.fakes.driver import SAMPLE_PNG

BASE_URL = "http://fake/bot"
FILE_URL = "http://fake/file/bot"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without it, constructing RetryAfter emits a PTBDeprecationWarning (an error here).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def make_bot(fake: FakeTelegram, token: str | None = None) -> Bot:
    transport = FakeTransport(fake)
    return Bot(
        token or fake.token,
        base_url=BASE_URL,
        base_file_url=FILE_URL,
        request=HTTPXRequest(httpx_kwargs={"transport": transport}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"transport": transport}),
    )


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram(private_per_second=None)


@pytest.fixture
async def tg(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with make_bot(fake) as bot:
        yield bot


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


# --------------------------------------------------------------------------- basics


async def test_get_me_and_bad_token(fake: FakeTelegram, tg: Bot) -> None:
    assert (tg.id, tg.username, tg.first_name) == (BOT_ID, BOT_USERNAME, "Cooperactivas")
    with pytest.raises(InvalidToken):
        await make_bot(fake, token="999:WRONG").get_me()
    assert fake.calls[-1].status == 401


async def test_unknown_method_is_404(fake: FakeTelegram, tg: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await tg.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    assert fake.calls[-1].status == 404
    assert fake.calls[-1].description == "Not Found: method not found"
    assert fake.unknown_methods == ["sendTelepathy"]


async def test_send_edit_and_not_modified(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice", first_name="Alice")
    await alice.send("/start")  # makes the private chat reachable
    sent = await tg.send_message(alice.id, "¿Aceptas?", reply_markup=keyboard([("Sí", "v1:y")]))

    view = alice.last_message()
    assert (view.message_id, view.text) == (sent.message_id, "¿Aceptas?")
    assert view.buttons == [[("Sí", "v1:y")]]
    assert sent.reply_markup == keyboard([("Sí", "v1:y")])

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await tg.edit_message_text(
            "¿Aceptas?", alice.id, sent.message_id, reply_markup=keyboard([("Sí", "v1:y")])
        )

    # Like Telegram, editing the text without reply_markup drops the keyboard.
    edited = await tg.edit_message_text("Hecho", alice.id, sent.message_id)
    assert isinstance(edited, Message) and edited.text == "Hecho"
    assert edited.edit_date is not None
    view = alice.last_message()
    assert (view.text, view.buttons, len(view.edit_history)) == ("Hecho", [], 1)
    assert view.edit_history[0].text == "¿Aceptas?"

    await tg.edit_message_reply_markup(
        alice.id, sent.message_id, reply_markup=keyboard([("Ok", "k")])
    )
    assert alice.last_message().buttons == [[("Ok", "k")]]
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await tg.edit_message_reply_markup(
            alice.id, sent.message_id, reply_markup=keyboard([("Ok", "k")])
        )

    assert await tg.delete_message(alice.id, sent.message_id)
    assert alice.messages() == []
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await tg.edit_message_text("x", alice.id, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await tg.delete_message(alice.id, sent.message_id)
    # The user's own /start is not editable by the bot.
    with pytest.raises(BadRequest, match=r"(?i)can't be edited"):
        await tg.edit_message_text("x", alice.id, 1)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<b>sin cerrar", "end tag corresponding"),
        ("a < b", "Unsupported start tag"),
        ("línea<br>otra", 'Unsupported start tag "br"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("Tom & Jerry", "unescaped HTML entity"),
        ("5 > 3", 'Unescaped ">"'),
        ("&nbsp;", "&nbsp;"),
        ('<span class="x">y</span>', "tg-spoiler"),
    ],
)
async def test_html_is_validated(fake: FakeTelegram, tg: Bot, text: str, detail: str) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as caught:
        await tg.send_message(alice.id, text, parse_mode="HTML")
    assert detail.lower() in caught.value.message.lower()
    assert alice.messages() == []
    # The same text is fine without parse_mode.
    await tg.send_message(alice.id, text)
    assert alice.last_text() == text.strip()


async def test_html_renders_text_and_entities(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    name = "Tom & <Jerry>"
    sent = await tg.send_message(
        alice.id,
        f'\n<b>Hola</b> {html.escape(name)} <a href="https://coop.es/?a=1&amp;b=2">web</a>'
        '<pre><code class="language-python">x</code></pre> &#128512;\n',
        parse_mode="HTML",
    )
    assert sent.text == "Hola Tom & <Jerry> webx 😀"
    kinds = [(e.type, e.offset, e.length) for e in sent.entities]
    assert kinds == [("bold", 0, 4), ("text_link", 19, 3), ("pre", 22, 1)]
    assert sent.entities[1].url == "https://coop.es/?a=1&b=2"
    assert sent.entities[2].language == "python"
    view = alice.last_message()
    assert view.parse_mode == "HTML"
    assert view.source is not None and view.source.startswith("\n<b>Hola</b>")

    lenient = FakeTelegram(strict_html=False)
    bob = lenient.user("bob")
    await bob.send("hola")
    async with make_bot(lenient) as bot:
        assert (await bot.send_message(bob.id, "Tom & Jerry > Tweety", parse_mode="HTML")).text
        with pytest.raises(BadRequest):
            await bot.send_message(bob.id, "a < b", parse_mode="HTML")


async def test_unreachable_chats(fake: FakeTelegram, tg: Bot) -> None:
    alice, bob = fake.user("alice"), fake.user("bob")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await tg.send_message(bob.id, "hola")
    await alice.send("hola")
    alice.block_bot()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await tg.send_message(alice.id, "hola")
    with pytest.raises(Forbidden):
        await tg.send_chat_action(alice.id, "typing")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await tg.send_message(424242, "hola")
    await alice.send("/start")  # writing again unblocks
    await tg.send_message(alice.id, "de nuevo")
    assert alice.texts() == ["de nuevo"]

    board = fake.group("Junta", chat_id=-1001234)
    fake.set_member(board, BOT_ID, "kicked")
    with pytest.raises(Forbidden, match="kicked from the supergroup"):
        await tg.send_message(board.id, "hola")


async def test_size_and_button_limits(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    await tg.send_message(alice.id, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await tg.send_message(alice.id, "x" * 4097)
    # The limit applies after entity parsing.
    await tg.send_message(alice.id, f"<b>{'x' * 4096}</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)text is empty"):
        await tg.send_message(alice.id, "  \n ")
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await tg.send_message(alice.id, "x", reply_markup=keyboard([("a", "é" * 33)]))
    await tg.send_message(alice.id, "x", reply_markup=keyboard([("a", "é" * 32)]))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_URL_INVALID"):
        await tg.send_message(
            alice.id,
            "x",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("web", url="coop.es")]]),
        )


# --------------------------------------------------------------------------- faults & rates


async def test_retry_after_and_gateway_errors(fake: FakeTelegram, tg: Bot) -> None:
    alice, bob = fake.user("alice"), fake.user("bob")
    await alice.send("hola")
    await bob.send("hola")
    fault = fake.inject("sendMessage", chat_id=alice.id, error_code=429, retry_after=7)

    await tg.send_message(bob.id, "other chat is not affected")
    with pytest.raises(RetryAfter) as caught:
        await tg.send_message(alice.id, "hola")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert fault.remaining == 0 and fault.triggered == 1
    assert alice.messages() == []
    await tg.send_message(alice.id, "hola")
    assert alice.texts() == ["hola"]

    fake.inject("sendMessage", error_code=502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await tg.send_message(alice.id, "x")
    assert fake.pending_faults == []
    assert alice.texts() == ["hola"]


async def test_timeout_after_delivery_is_ambiguous(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    fake.inject_timeout("sendMessage", chat_id=alice.id)
    with pytest.raises(TimedOut):
        await tg.send_message(alice.id, "¿llegó?")
    assert alice.texts() == ["¿llegó?"]  # delivered although the bot saw a timeout
    assert fake.calls_to("sendMessage")[-1].timed_out

    fake.inject_timeout("sendMessage", after_delivery=False)
    with pytest.raises(TimedOut):
        await tg.send_message(alice.id, "perdido")
    assert alice.texts() == ["¿llegó?"]


async def test_rate_violations_use_the_time_source() -> None:
    now = [100.0]
    fake = FakeTelegram(time_source=lambda: now[0])
    alice, bob = fake.user("alice"), fake.user("bob")
    board = fake.group("Junta")
    await alice.send("hola")
    await bob.send("hola")
    async with make_bot(fake) as bot:
        await bot.send_message(alice.id, "1")
        now[0] += 1.0
        await bot.send_message(alice.id, "2")  # exactly 1 s later: fine
        fake.assert_no_rate_violations()
        now[0] += 0.5
        await bot.send_message(alice.id, "3")
        assert [(v.kind, v.chat_id, v.count) for v in fake.rate_violations] == [
            ("private", alice.id, 2)
        ]
        with pytest.raises(AssertionError, match="1 rate-limit violation"):
            fake.assert_no_rate_violations()

        fake.private_per_second = None  # Telegram tolerates short bursts per chat
        for _ in range(29):
            await bot.send_message(bob.id, "burst")
        assert [v.kind for v in fake.rate_violations] == ["private", "global"]

        now[0] += 100
        for _ in range(20):
            now[0] += 2.0
            await bot.send_message(board.id, "tablón")
        assert len(fake.rate_violations) == 2
        now[0] += 2.0
        await bot.send_message(board.id, "one too many")
        violation = fake.rate_violations[-1]
        assert (violation.kind, violation.chat_id, violation.count) == ("group", board.id, 21)
        # Edits are not sends.
        await bot.edit_message_text("editado", board.id, 1)
        assert len(fake.send_log) == 3 + 29 + 21


# --------------------------------------------------------------------------- in-process app


async def test_callback_round_trip_through_application(fake: FakeTelegram) -> None:
    transport = FakeTransport(fake)
    app: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(BASE_URL)
        .base_file_url(FILE_URL)
        .request(HTTPXRequest(httpx_kwargs={"transport": transport}))
        .get_updates_request(HTTPXRequest(httpx_kwargs={"transport": transport}))
        .updater(None)
        .job_queue(None)
        .build()
    )
    errors: list[object] = []

    async def on_start(update: Update, context: Any) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            "¿Te apuntas?", reply_markup=keyboard([("Aceptar", "v1:yes"), ("Rechazar", "v1:no")])
        )

    async def on_button(update: Update, context: Any) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer("¡Hecho!", show_alert=True)
        await query.edit_message_text(
            f"Elegiste <b>{html.escape(query.data)}</b>", parse_mode="HTML"
        )

    async def on_error(update: object, context: Any) -> None:
        errors.append(context.error)

    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_error_handler(on_error)

    async def dispatch(payload: dict[str, Any]) -> None:
        await app.process_update(Update.de_json(payload, app.bot))

    await app.initialize()
    fake.on_update = dispatch
    try:
        alice = fake.user("alice", first_name="Alice")
        board = fake.group("Junta", chat_id=-1001234)
        await alice.send("/start")
        assert alice.last_text() == "¿Te apuntas?"  # no waiting: handled when send returns

        await alice.press("Acept")  # unique substring
        assert alice.last_text() == "Elegiste v1:yes"
        answer = alice.last_callback_answer
        assert answer is not None
        assert (answer.text, answer.show_alert, answer.data) == ("¡Hecho!", True, "v1:yes")

        await alice.send(f"/start@{BOT_USERNAME}", chat=board)
        assert alice.last_text(chat=board) == "¿Te apuntas?"
        await alice.press_data("v1:<forged>", chat=board)
        assert alice.last_text(chat=board) == "Elegiste v1:<forged>"
        # An older message can be targeted explicitly; its chat is taken from it.
        await alice.send("/start")
        older = alice.last_message()
        await alice.send("/start")
        await alice.press("Rechazar", message=older)
        assert alice.texts()[-2:] == ["Elegiste v1:no", "¿Te apuntas?"]
        assert fake.pending_updates == []  # in-process: nothing queued
        assert errors == []
    finally:
        fake.on_update = None
        await app.shutdown()


async def test_driver_buttons_and_keyboards(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice", phone="+34600111222")
    await alice.send("hola")
    await tg.send_message(
        alice.id,
        "Comparte tu teléfono",
        reply_markup=ReplyKeyboardMarkup(
            [[KeyboardButton("📱 Compartir", request_contact=True)], ["Ahora no"]]
        ),
    )
    await tg.send_message(
        alice.id,
        "Elige",
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Ver perfil", callback_data="p"),
                    InlineKeyboardButton("Ver web", url="https://coop.es"),
                ],
            ]
        ),
    )
    assert alice.last_message().reply_keyboard is None
    assert fake.messages_to(alice)[0].reply_keyboard == [["📱 Compartir"], ["Ahora no"]]

    with pytest.raises(AssertionError, match="several buttons") as caught:
        await alice.press("Ver")
    with pytest.raises(AssertionError, match="no button 'Borrar'") as caught:
        await alice.press("Borrar")
    assert "['Ver perfil', 'Ver web']" in str(caught.value)
    assert "['📱 Compartir', 'Ahora no']" in str(caught.value)
    with pytest.raises(AssertionError, match="url button"):
        await alice.press("Ver web")

    query = await alice.press("Ver perfil")
    assert query["data"] == "p" and query["message"]["text"] == "Elige"
    sent = await alice.press("Compartir")  # reply keyboard, request_contact
    assert sent["contact"] == {
        "phone_number": "+34600111222",
        "first_name": "Alice",
        "user_id": alice.id,
    }
    sent = await alice.press("Ahora no")
    assert sent["text"] == "Ahora no"
    update_kinds = [next(k for k in u if k != "update_id") for u in fake.pending_updates]
    assert update_kinds == ["message", "callback_query", "message", "message"]

    await tg.send_message(alice.id, "Listo", reply_markup=ForceReply())
    await tg.send_message(alice.id, "Quitado", reply_markup={"remove_keyboard": True})  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="no reply keyboard shown"):
        await alice.press("Ahora no")

    # The bot may answer a query once.
    await tg.answer_callback_query(query["id"], "ok")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await tg.answer_callback_query(query["id"], "again")
    assert [a.text for a in alice.callback_answers] == ["ok"]


async def test_group_messages_commands_and_privacy_mode() -> None:
    fake = FakeTelegram(privacy_mode=True)
    alice = fake.user("alice")
    board = fake.group("Junta", chat_id=-1001234)
    command = await alice.send(f"/alta@{BOT_USERNAME} Bar", chat=board)
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 28}]
    await alice.send("charla sin el bot", chat=board)
    await alice.send("/otro@another_bot", chat=board)
    await alice.send(f"oye @{BOT_USERNAME}", chat=board)
    assert [u["message"]["text"] for u in fake.pending_updates] == [
        f"/alta@{BOT_USERNAME} Bar",
        f"oye @{BOT_USERNAME}",
    ]
    assert fake.member_status(board, alice) == "member"  # joined by writing
    fake.set_member(board, alice, "left")
    with pytest.raises(AssertionError, match="not a member"):
        await alice.send("hola", chat=board)


# --------------------------------------------------------------------------- files


async def test_document_upload_get_file_and_download(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    pdf = b"%PDF-1.4\r\n\x00\xffbinary\r\n--not-a-boundary\r\n"
    sent = await tg.send_document(
        alice.id, pdf, filename="acta.pdf", caption="<i>Acta</i>", parse_mode="HTML"
    )
    assert sent.document is not None
    assert (sent.document.file_name, sent.document.mime_type) == ("acta.pdf", "application/pdf")
    assert sent.caption == "Acta"
    view = alice.last_message()
    assert view.document is not None and view.document.content == pdf
    assert view.text == "Acta"

    file = await tg.get_file(sent.document.file_id)
    assert file.file_path is not None and file.file_path.startswith(f"{FILE_URL}{fake.token}/")
    assert bytes(await file.download_as_bytearray()) == pdf

    # Re-sending by file_id reuses the stored bytes.
    again = await tg.send_document(alice.id, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await tg.send_document(alice.id, "no-such-file")
    with pytest.raises(BadRequest, match=r"(?i)non-empty"):
        await tg.send_document(alice.id, b"", filename="vacío.txt")

    photo = await tg.send_photo(alice.id, SAMPLE_PNG, caption="foto")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (4, 3)
    assert alice.last_message().photo is not None

    # What a user uploads can be fetched by the bot.
    await alice.send_document(name="estatutos.pdf", content=b"%PDF user", mime="application/pdf")
    user_doc = fake.messages_in(alice)[-1].document
    assert user_doc is not None
    user_file = await tg.get_file(user_doc.file_id)
    assert bytes(await user_file.download_as_bytearray()) == b"%PDF user"
    await alice.send_photo(caption="mi logo")
    await alice.send_sticker()
    kinds = [set(u["message"]) & {"document", "photo", "sticker"} for u in fake.pending_updates]
    assert kinds[-3:] == [{"document"}, {"photo"}, {"sticker"}]
    for update in fake.pending_updates:
        assert Update.de_json(update, tg) is not None  # every payload parses in PTB


# --------------------------------------------------------------------------- chat state


async def test_members_chat_commands_and_webhook(fake: FakeTelegram, tg: Bot) -> None:
    alice, bob = fake.user("alice"), fake.user("bob")
    board = fake.group("Junta", chat_id=-1001234)
    fake.set_member(board, alice, "administrator")
    fake.set_member(board, bob, "kicked")
    assert (await tg.get_chat_member(board.id, alice.id)).status == "administrator"
    assert (await tg.get_chat_member(board.id, bob.id)).status == "kicked"
    assert (await tg.get_chat_member(board.id, BOT_ID)).status == "member"
    fake.set_member(board, bob, "restricted")
    assert (await tg.get_chat_member(board.id, bob.id)).status == "restricted"
    fake.set_member(board, bob, "creator")
    admins = await tg.get_chat_administrators(board.id)
    assert {a.user.id for a in admins} == {alice.id, bob.id}
    chat = await tg.get_chat(board.id)
    assert (chat.type, chat.title) == ("supergroup", "Junta")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await tg.get_chat(alice.id)  # never talked to the bot

    await tg.set_my_commands([BotCommand("start", "Empezar")], language_code="es")
    await tg.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await tg.set_my_commands(
        [BotCommand("alta", "Alta en el tablón")], scope=BotCommandScopeAllGroupChats()
    )
    await tg.set_my_commands(
        [BotCommand("junta", "Junta")], scope=BotCommandScopeChat(board.id), language_code="es"
    )
    assert [c.command for c in await tg.get_my_commands(language_code="es")] == ["start"]
    assert await tg.get_my_commands() == ()  # no fallback between languages
    assert fake.commands(language_code="en") == [("start", "Start")]
    assert fake.commands({"type": "all_group_chats"}) == [("alta", "Alta en el tablón")]
    assert fake.commands({"type": "chat", "chat_id": board.id}, "es") == [("junta", "Junta")]
    await tg.delete_my_commands(language_code="en")
    assert fake.commands(language_code="en") == []
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await tg.set_my_commands([BotCommand("Mal-Comando", "x")])

    await alice.send("hola")
    assert await tg.set_webhook("https://coop.example/hook")
    assert (await tg.get_webhook_info()).pending_update_count == 1
    with pytest.raises(Conflict, match="webhook is active"):
        await tg.get_updates()
    assert await tg.delete_webhook(drop_pending_updates=True)
    assert await tg.get_updates() == ()
    assert await tg.log_out() and fake.logged_out
    assert await tg.close() and fake.closed


async def test_copy_forward_and_chat_actions(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    board = fake.group("Junta", chat_id=-1001234)
    note = await alice.send("Propuesta: <café> & pastas")
    await tg.send_chat_action(alice.id, "typing")
    copied = await tg.copy_message(board.id, alice.id, note["message_id"])
    forwarded = await tg.forward_message(board.id, alice.id, note["message_id"])
    texts = [m.text for m in fake.messages_to(board)]
    assert texts == ["Propuesta: <café> & pastas"] * 2
    assert fake.message(board, copied.message_id).copied_from == (alice.id, note["message_id"])
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.type == "user"
    with pytest.raises(BadRequest, match=r"(?i)message to copy not found"):
        await tg.copy_message(board.id, alice.id, 999)
    with pytest.raises(BadRequest, match=r"(?i)wrong type of action"):
        await tg.send_chat_action(alice.id, "dancing")
    assert [(a.chat_id, a.action) for a in fake.chat_actions] == [(alice.id, "typing")]
    assert [r.method for r in fake.send_log] == ["copyMessage", "forwardMessage"]
    # Deleting a user's message in a group needs admin rights.
    await alice.send("spam", chat=board)
    with pytest.raises(BadRequest, match=r"(?i)can't be deleted"):
        await tg.delete_message(board.id, 3)
    fake.set_member(board, BOT_ID, "administrator")
    assert await tg.delete_message(board.id, 3)


async def test_in_process_long_poll_waits_without_blocking_the_loop(
    fake: FakeTelegram, tg: Bot
) -> None:
    alice = fake.user("alice")
    poll = asyncio.create_task(tg.get_updates(timeout=5))
    await asyncio.sleep(0.01)
    assert not poll.done()
    assert (await tg.get_me()).id == BOT_ID  # the loop is free meanwhile
    await alice.send("/start")
    updates = await asyncio.wait_for(poll, 1)
    assert [u.message.text for u in updates if u.message] == ["/start"]
    # A poll that times out returns an empty list.
    started = time.monotonic()
    assert (
        await tg.get_updates(offset=updates[0].update_id + 1, timeout=dtm.timedelta(seconds=0.1))
        == ()
    )
    assert 0.08 < time.monotonic() - started < 1


# --------------------------------------------------------------------------- over real HTTP


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[ServerHandle]:
    with serve(fake) as handle:
        yield handle


def http_bot(fake: FakeTelegram, url: str, read_timeout: float = 5.0) -> Bot:
    return Bot(
        fake.token,
        base_url=f"{url}/bot",
        base_file_url=f"{url}/file/bot",
        request=HTTPXRequest(read_timeout=read_timeout),
        get_updates_request=HTTPXRequest(),
    )


async def test_http_server_long_poll_does_not_block(
    fake: FakeTelegram, server: ServerHandle
) -> None:
    alice = fake.user("alice")
    async with http_bot(fake, server.url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        assert (await bot.get_me()).id == BOT_ID  # served while the poll is pending
        assert time.monotonic() - started < 1
        assert not poll.done()

        count = alice.reply_count()
        await alice.send("/start")  # e2e mode: queued for getUpdates
        updates = await asyncio.wait_for(poll, 2)
        assert [u.message.text for u in updates if u.message] == ["/start"]

        async def reply_later() -> None:
            await asyncio.sleep(0.05)
            await bot.send_message(alice.id, "¡Bienvenida!")

        replier = asyncio.create_task(reply_later())
        reply = await alice.wait_reply(count, timeout=2)
        await replier
        assert reply.text == "¡Bienvenida!"

        # Confirming by offset empties the queue.
        assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
        assert fake.pending_updates == []

        upload = await bot.send_document(alice.id, b"a,b\n1,2\n", filename="socias.csv")
        assert upload.document is not None
        file = await bot.get_file(upload.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"


async def test_http_server_injected_timeout(fake: FakeTelegram, server: ServerHandle) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    async with http_bot(fake, server.url, read_timeout=0.3) as bot:
        fake.inject_timeout("sendMessage")
        with pytest.raises(TimedOut):
            await bot.send_message(alice.id, "¿llegó?")
        assert alice.texts() == ["¿llegó?"]
        await bot.send_message(alice.id, "sí")
        assert alice.texts() == ["¿llegó?", "sí"]
        with pytest.raises(AssertionError, match="no new bot message"):
            await alice.wait_reply(timeout=0.05)


async def test_second_poller_conflicts(fake: FakeTelegram, server: ServerHandle) -> None:
    async with http_bot(fake, server.url) as first, http_bot(fake, server.url) as second:
        older = asyncio.create_task(first.get_updates(timeout=5))
        await asyncio.sleep(0.05)
        newer = asyncio.create_task(second.get_updates(timeout=5))
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await asyncio.wait_for(older, 2)
        server.close()  # interrupts the remaining long poll
        assert await asyncio.wait_for(newer, 2) == ()


async def test_fake_internal_errors_become_500(fake: FakeTelegram, tg: Bot) -> None:
    alice = fake.user("alice")
    await alice.send("hola")
    with pytest.raises(NetworkError, match="fake Telegram failed"):
        await tg.send_message(alice.id, "x", api_kwargs={"reply_parameters": {"message_id": "?"}})
    assert len(fake.internal_errors) == 1


def test_request_body_parsing_matches_ptb() -> None:
    """Form fields are raw strings for str values and JSON for everything else."""
    fake = FakeTelegram()
    alice = fake.user("alice")
    fake.incoming_message(alice, alice, text="hola")
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    body = httpx.Request(
        "POST",
        f"http://fake/bot{fake.token}/sendMessage",
        data={"chat_id": str(alice.id), "text": "x", "reply_markup": markup},
    )
    outcome = fake.handle_http("POST", body.url.path, "", body.headers["content-type"], body.read())
    assert outcome.status == 200
    assert (
        json.loads(outcome.body)["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    )
