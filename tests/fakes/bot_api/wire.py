"""The fake's side of HTTP: decoding requests, recording calls, and what to answer.

Requests arrive the way python-telegram-bot sends them: ``POST {base_url}{token}/{method}`` with
``application/x-www-form-urlencoded`` fields, or ``multipart/form-data`` when files are uploaded.
Every field is a string: ``str`` values are sent raw, everything else (ints, bools, dicts, lists)
JSON-encoded, so ``chat_id`` arrives as ``"123"``, ``disable_notification`` as ``"true"`` and
``reply_markup`` as a JSON document. Uploaded files are multipart parts named after the parameter
(``document``) or, for ``attach://<name>`` references, after ``<name>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .errors import bad_request

_DISPOSITION_PARAM = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;\s]+))')


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class ApiCall:
    """One request received by the fake (also failed ones)."""

    method: str
    params: dict[str, str]
    files: dict[str, UploadedFile]
    at: float
    status: int | None = None
    description: str | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Poll:
    call: ApiCall
    offset: int | None
    limit: int
    deadline: float
    epoch: int
    interrupt: int


@dataclass
class Outcome:
    """What the HTTP layer must answer: a response, a timeout, or a pending long poll."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    timeout: bool = False
    poll: Poll | None = None

    @classmethod
    def json(cls, status: int, payload: Any) -> Outcome:
        try:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (the user's text echoed in reply_to_message) has no UTF-8
            # form; JSON's \uXXXX escape carries it, as Telegram's own answers would.
            body = json.dumps(payload).encode("ascii")
        return cls(status=status, body=body)


class RequestParams:
    """Parameters of one API call as PTB sends them (all values are strings)."""

    def __init__(self, raw: Mapping[str, str], files: Mapping[str, UploadedFile]) -> None:
        self.raw = dict(raw)
        self.files = dict(files)

    def has(self, name: str) -> bool:
        return name in self.raw or name in self.files

    def get_str(self, name: str) -> str | None:
        return self.raw.get(name)

    def require_str(self, name: str, *, error: str | None = None) -> str:
        value = self.raw.get(name)
        if value is None or value == "":
            raise bad_request(error or f"{name} is empty")
        return value

    def get_int(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return int(value)
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def require_int(self, name: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        return value.strip().lower() in {"true", "1", "yes"}

    def get_json(self, name: str) -> Any:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def upload(self, name: str) -> UploadedFile | None:
        if name in self.files:
            return self.files[name]
        value = self.raw.get(name)
        if value is not None and value.startswith("attach://"):
            attached = self.files.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request(f"file {value} not found in the request")
            return attached
        return None


def _stringify(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def parse_request_body(
    content_type: str | None, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Decode a Bot API request body (form, multipart or JSON) into fields and files."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if not body:
        return {}, {}
    if media_type == "multipart/form-data":
        return _parse_multipart(content_type or "", body)
    if media_type == "application/json":
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return {str(key): _stringify(value) for key, value in data.items()}, {}
    text = body.decode("utf-8")
    return dict(parse_qsl(text, keep_blank_values=True)), {}


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    match = re.search(r'boundary=(?:"([^"]+)"|([^;\s]+))', content_type)
    if match is None:
        raise ValueError("multipart body without boundary")
    boundary = (match.group(1) or match.group(2)).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for part in body.split(b"--" + boundary)[1:]:
        if part.startswith(b"--"):
            break
        part = part.removeprefix(b"\r\n")
        head, separator, content = part.partition(b"\r\n\r\n")
        if not separator:
            raise ValueError("malformed multipart part")
        content = content.removesuffix(b"\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = {
            key.lower(): (quoted if quoted is not None else bare).replace('\\"', '"')
            for key, quoted, bare in (
                (m.group(1), m.group(2), m.group(3))
                for m in _DISPOSITION_PARAM.finditer(headers.get("content-disposition", ""))
            )
        }
        field_name = params.get("name", "").replace("%22", '"')
        if "filename" in params:
            files[field_name] = UploadedFile(
                field_name=field_name,
                filename=params["filename"].replace("%22", '"'),
                content_type=headers.get("content-type"),
                content=content,
            )
        else:
            fields[field_name] = content.decode("utf-8")
    return fields, files
