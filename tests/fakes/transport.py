"""Ways to reach a :class:`~tests.fakes.telegram.FakeTelegram` over HTTP.

* :class:`FakeTransport` — an ``httpx`` transport for in-process tests::

      request = HTTPXRequest(httpx_kwargs={"transport": FakeTransport(fake)})
      bot = Bot(fake.token, base_url="http://fake/bot", base_file_url="http://fake/file/bot",
                request=request)

* :func:`serve` — a real ``ThreadingHTTPServer`` on 127.0.0.1 for the bot process in e2e tests
  (``TELEGRAM_API_URL=handle.url``). Each connection gets its own thread, so a ``getUpdates``
  long poll never blocks other calls.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from .telegram import FakeTelegram, Outcome


class FakeTransport(httpx.AsyncBaseTransport):
    """Route httpx requests to a FakeTelegram without sockets.

    Injected timeouts raise ``httpx.ReadTimeout`` (PTB turns it into ``telegram.error.TimedOut``).
    ``getUpdates`` long polls wait asynchronously for new updates, never blocking the loop.
    """

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        outcome = self.fake.handle_http(
            request.method,
            request.url.path,
            request.url.query.decode("ascii"),
            request.headers.get("content-type"),
            body,
            blocking=False,
        )
        if outcome.poll is not None:
            outcome = await self.fake.complete_poll(outcome.poll)
        if outcome.timeout:
            raise httpx.ReadTimeout("fake Telegram: injected timeout", request=request)
        return httpx.Response(
            outcome.status,
            headers={"content-type": outcome.content_type},
            content=outcome.body,
            request=request,
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], fake: FakeTelegram, timeout_hold: float) -> None:
        super().__init__(address, _Handler)
        self.fake = fake
        self.timeout_hold = timeout_hold
        self.closing = threading.Event()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        self.active = 0  # requests being answered
        self.idle = threading.Condition(self.connections_lock)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle + delayed ACK
        # add ~40 ms to every response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        with self.server.idle:
            self.server.active += 1
        try:
            body = self._read_body()
            url = urlsplit(self.path)
            outcome = self.server.fake.handle_http(
                self.command,
                unquote(url.path),
                url.query,
                self.headers.get("Content-Type"),
                body,
                blocking=True,
            )
            if outcome.timeout:
                self._hold()
                self.close_connection = True
                return
            self._respond(outcome)
        except (ConnectionError, OSError):
            self.close_connection = True
        finally:
            with self.server.idle:
                self.server.active -= 1
                self.server.idle.notify_all()

    def _respond(self, outcome: Outcome) -> None:
        self.send_response(outcome.status)
        self.send_header("Content-Type", outcome.content_type)
        self.send_header("Content-Length", str(len(outcome.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(outcome.body)

    def _hold(self) -> None:
        """Never answer: wait until the client gives up (its read timeout) or the server stops."""
        deadline = time.monotonic() + self.server.timeout_hold
        while not self.server.closing.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                return  # the client closed the connection (or sent something unexpected)


@dataclass
class ServerHandle:
    """A running fake Bot API server. Use as a context manager or call :meth:`close`."""

    url: str
    host: str
    port: int
    fake: FakeTelegram
    _server: _Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def api_url(self) -> str:
        """PTB ``base_url`` (the token is appended by PTB)."""
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        """PTB ``base_file_url``."""
        return f"{self.url}/file/bot"

    def close(self) -> None:
        if self._server.closing.is_set():
            return
        self._server.closing.set()
        self.fake.interrupt_polls()
        self._server.shutdown()
        self._server.server_close()
        with self._server.idle:
            # Let interrupted long polls answer before cutting the idle keep-alive connections.
            self._server.idle.wait_for(lambda: self._server.active == 0, timeout=2)
            connections = list(self._server.connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def serve(
    fake: FakeTelegram, host: str = "127.0.0.1", *, port: int = 0, timeout_hold: float = 60.0
) -> ServerHandle:
    """Serve ``fake`` over HTTP from a daemon thread on a free port.

    ``timeout_hold``: how long an injected timeout keeps the connection unanswered at most
    (it ends earlier when the client disconnects after its own read timeout).
    """
    server = _Server((host, port), fake, timeout_hold)
    bound_port = int(server.server_address[1])
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"fake-telegram-{bound_port}",
        daemon=True,
    )
    thread.start()
    return ServerHandle(
        url=f"http://{host}:{bound_port}",
        host=host,
        port=bound_port,
        fake=fake,
        _server=server,
        _thread=thread,
    )
