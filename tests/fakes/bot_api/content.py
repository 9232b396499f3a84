"""What Telegram checks in text and keyboards before it accepts them: parse modes, lengths,
surrounding whitespace and reply markup."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .._html import HTMLParseError, parse_html, utf16_len
from .errors import bad_request
from .model import JSONDict
from .state import FakeState
from .wire import RequestParams

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024


_INLINE_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)


class ContentMixin(FakeState):
    """Validation of message text, captions and reply markup, as sending and editing need it."""

    def _render(
        self, source: str | None, parse_mode: str | None, p: RequestParams, *, caption: bool
    ) -> tuple[str | None, list[JSONDict]]:
        """Validate text/caption per ``parse_mode``; return (plain text, entities)."""
        if source is None:
            if caption:
                return None, []
            raise bad_request("message text is empty")
        mode = (parse_mode or "").lower()
        entities: list[JSONDict]
        if mode == "html":
            try:
                plain, entities = parse_html(source, strict=self.strict_html)
            except HTMLParseError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        elif mode in {"", "markdown", "markdownv2"}:
            plain = source
            given = p.get_json("caption_entities" if caption else "entities")
            entities = given if isinstance(given, list) else []
        else:
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        plain, entities = _strip(plain, entities)
        if not plain:
            if caption:
                return None, []
            raise bad_request("message text is empty")
        limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
        if len(plain) > limit:
            raise bad_request("message caption is too long" if caption else "message is too long")
        return plain, entities

    def _markup(self, p: RequestParams, *, inline_only: bool = False) -> JSONDict | None:
        markup = p.get_json("reply_markup")
        if markup is None:
            return None
        invalid = bad_request("can't parse reply keyboard markup JSON object")
        if not isinstance(markup, dict):
            raise invalid
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request('field "inline_keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            return markup
        if inline_only:
            raise bad_request("reply markup must be an InlineKeyboardMarkup")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request('field "keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    if not button_text(button):
                        raise bad_request("BUTTON_TEXT_INVALID")
            return markup
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return markup
        raise invalid


def button_text(button: Any) -> str:
    if isinstance(button, str):
        return button
    if isinstance(button, dict):
        return str(button.get("text", ""))
    return ""


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = _INLINE_ACTIONS.intersection(button)
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        scheme = urlsplit(url).scheme if isinstance(url, str) else ""
        if scheme not in {"http", "https", "tg"} or (scheme != "tg" and not urlsplit(url).netloc):
            raise bad_request("BUTTON_URL_INVALID")


def _strip(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Trim surrounding whitespace like Telegram does, shifting/clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    adjusted: list[JSONDict] = []
    for entity in entities:
        start = max(int(entity.get("offset", 0)) - lead, 0)
        end = min(int(entity.get("offset", 0)) + int(entity.get("length", 0)) - lead, total)
        if end > start:
            adjusted.append({**entity, "offset": start, "length": end - start})
    return stripped, adjusted
