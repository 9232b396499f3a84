"""Failure injection: scheduled error answers and timeouts for the next calls of a method."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ApiError
from .state import FakeState
from .wire import RequestParams


@dataclass
class Fault:
    """A scheduled failure (see ``FakeTelegram.inject`` and ``FakeTelegram.inject_timeout``)."""

    method: str
    chat_id: int | None
    error_code: int | None
    description: str | None
    retry_after: int | None
    remaining: int
    timeout: bool = False
    after_delivery: bool = True
    triggered: int = 0


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class FaultsMixin(FakeState):
    """The faults tests scheduled, taken one by one as matching calls arrive."""

    def __init__(self) -> None:
        super().__init__()
        self._faults: list[Fault] = []

    def inject(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> Fault:
        """Fail the next ``times`` calls of ``method`` (to ``chat_id`` if given).

        A 429 without ``retry_after`` gets ``retry_after=1`` (Telegram always sends one).
        """
        if error_code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after}"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
        fault = Fault(
            method=method.lower(),
            chat_id=chat_id,
            error_code=error_code,
            description=description,
            retry_after=retry_after,
            remaining=times,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    def inject_timeout(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        times: int = 1,
        after_delivery: bool = True,
    ) -> Fault:
        """Make the next ``times`` calls time out.

        With ``after_delivery=True`` the call is fully processed (the message exists) and only
        the response is lost: the ambiguous case. In-process the transport raises
        ``httpx.ReadTimeout``; over HTTP the server never answers, so the client's read timeout
        fires.
        """
        fault = Fault(
            method=method.lower(),
            chat_id=chat_id,
            error_code=None,
            description=None,
            retry_after=None,
            remaining=times,
            timeout=True,
            after_delivery=after_delivery,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    @property
    def pending_faults(self) -> list[Fault]:
        with self.lock:
            return [fault for fault in self._faults if fault.remaining > 0]

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def _take_fault(self, method: str, params: RequestParams) -> Fault | None:
        for fault in self._faults:
            if fault.remaining <= 0 or fault.method != method:
                continue
            if fault.chat_id is not None:
                try:
                    chat_id = self._resolve_chat_id(params, "chat_id")
                except ApiError:
                    continue
                if chat_id != fault.chat_id:
                    continue
            fault.remaining -= 1
            fault.triggered += 1
            return fault
        return None
