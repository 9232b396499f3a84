"""HTTP entry points: route a request to its Bot API method, apply injected faults, record the
call, answer it, and finish long polls."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from .errors import ApiError, bad_request
from .faults import FaultsMixin
from .files import FilesMixin
from .updates import UpdatesMixin
from .wire import ApiCall, Outcome, Poll, RequestParams, UploadedFile, parse_request_body

_API_PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z0-9_]+)/?")
_FILE_PATH = re.compile(r"/file/bot(?P<token>[^/]+)/(?P<path>.+)")


class DispatchMixin(FaultsMixin, FilesMixin, UpdatesMixin):
    """Every call received (failed ones too) and the table that routes them."""

    #: Bot API methods by lower-case name, filled by ``FakeTelegram.__init__``.
    _methods: dict[str, Callable[[RequestParams], Any]]

    def __init__(self) -> None:
        super().__init__()
        self._calls: list[ApiCall] = []
        self.unknown_methods: list[str] = []
        #: Exceptions raised inside the fake itself (answered as HTTP 500).
        self.internal_errors: list[Exception] = []

    def handle_http(
        self,
        http_method: str,
        path: str,
        query: str,
        content_type: str | None,
        body: bytes,
        *,
        blocking: bool = True,
    ) -> Outcome:
        """Answer one HTTP request. ``blocking=False`` returns long polls as ``Outcome.poll``."""
        api = _API_PATH.fullmatch(path)
        if api is not None:
            try:
                fields, files = parse_request_body(content_type, body)
            except (ValueError, UnicodeDecodeError):
                return Outcome.json(400, bad_request("can't parse request body").payload())
            merged = dict(parse_qsl(query, keep_blank_values=True))
            merged.update(fields)
            return self.call(
                api.group("token"), api.group("method"), merged, files, blocking=blocking
            )
        download = _FILE_PATH.fullmatch(path)
        if download is not None and http_method.upper() in {"GET", "HEAD"}:
            return self._download(download.group("token"), download.group("path"))
        return Outcome.json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def call(
        self,
        token: str,
        method: str,
        raw: Mapping[str, str],
        files: Mapping[str, UploadedFile] | None = None,
        *,
        blocking: bool = True,
    ) -> Outcome:
        """Run one API method and return the HTTP outcome."""
        params = RequestParams(raw, files or {})
        name = method.lower()
        with self.lock:
            call = ApiCall(
                method=method, params=dict(raw), files=dict(files or {}), at=self.time_source()
            )
            self._calls.append(call)
            try:
                if token != self.token:
                    raise ApiError(401, "Unauthorized")
                fault = self._take_fault(name, params)
                if fault is not None and not fault.timeout:
                    raise ApiError(
                        fault.error_code or 500,
                        fault.description or "Internal Server Error",
                        retry_after=fault.retry_after,
                    )
                if fault is not None and not fault.after_delivery:
                    call.timed_out = True
                    return Outcome(timeout=True)
                handler = self._methods.get(name)
                if handler is None:
                    self.unknown_methods.append(method)
                    raise ApiError(404, "Not Found: method not found")
                result = handler(params)
                if isinstance(result, Poll):
                    result.call = call
                    if not blocking:
                        return Outcome(poll=result)
                    result = self._block_on_poll(result)
                outcome = self._finish(call, result)
                if fault is not None:  # timeout after delivery: processed, answer lost
                    call.timed_out = True
                    outcome = Outcome(timeout=True)
                return outcome
            except ApiError as error:
                return self._finish(call, error)
            except Exception as error:  # a bug in the fake or input it can't handle
                self.internal_errors.append(error)
                return self._finish(
                    call, ApiError(500, f"Internal Server Error: fake Telegram failed: {error!r}")
                )
            finally:
                self._changed()

    def _finish(self, call: ApiCall, result: Any) -> Outcome:
        if isinstance(result, ApiError):
            call.status = result.error_code
            call.description = result.description
            return Outcome.json(result.error_code, result.payload())
        call.status = 200
        return Outcome.json(200, {"ok": True, "result": result})

    def _block_on_poll(self, poll: Poll) -> Any:
        while True:
            ready = self._poll_ready(poll)
            if ready is not None:
                return ready
            self._cond.wait(max(0.0, poll.deadline - time.monotonic()))

    async def complete_poll(self, poll: Poll) -> Outcome:
        """Finish a long poll returned by ``handle_http(..., blocking=False)`` asynchronously."""
        ready = await self._await_change(
            lambda: self._poll_ready(poll), max(0.0, poll.deadline - time.monotonic())
        )
        with self.lock:
            if ready is None:
                ready = self._poll_ready(poll) or []
            return self._finish(poll.call, ready)

    @property
    def calls(self) -> list[ApiCall]:
        with self.lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[ApiCall]:
        with self.lock:
            return [call for call in self._calls if call.method.lower() == method.lower()]
