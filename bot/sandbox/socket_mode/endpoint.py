"""Slack's Socket Mode server on loopback: WebSocket links, envelopes, acks, disconnects, drops.

The app asks ``apps.connections.open`` for a URL (see ``bot.sandbox.api.apps``), connects,
gets ``hello``, and from then on receives envelopes it must acknowledge within 3 s. Tests and
the bench deliver envelopes with ``deliver`` and play Slack's connection churn with
``disconnect`` (a polite refresh) and ``drop`` (the network gives way).

The server runs its own asyncio loop in one thread; everything public here is thread-safe and
called from test threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from bot.sandbox.socket_mode import protocol
from bot.sandbox.socket_mode.protocol import ACK_DEADLINE, CLOSE_AFTER_DISCONNECT, Delivery, Link


class SocketModeServer:
    """The Socket Mode side of one Slack app; starts its thread on first use."""

    def __init__(
        self, *, app_id: str, host_name: str = "applink-sandbox", ack_deadline: float = ACK_DEADLINE
    ) -> None:
        self.app_id = app_id
        self.ack_deadline = ack_deadline  # Slack's 3 s; tests of lateness may shorten it
        self.host_name = host_name
        self.deliveries: list[Delivery] = []
        self.protocol_errors: list[str] = []  # frames from the app Slack would not accept
        self._links: list[Link] = []
        self._tickets: set[str] = set()
        self._pending: dict[str, Delivery] = {}
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self._start_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: Server | None = None
        self._closing: set[asyncio.Task[None]] = set()
        self._port = 0

    # lifecycle ---------------------------------------------------------------------------

    def start(self) -> SocketModeServer:
        with self._start_lock:
            if self._server is not None:
                return self
            loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=loop.run_forever, name="slack-socket-mode", daemon=True
            )
            self._thread.start()
            self._loop = loop
            server = self._call(self._open_server())
            self._port = server.sockets[0].getsockname()[1]
            self._server = server
        return self

    async def _open_server(self) -> Server:
        return await serve(
            self._serve,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            ping_interval=None,  # the app pings; a dropped link must stay silent
            compression=None,
        )

    def stop(self) -> None:
        with self._start_lock:
            self._stop()

    def _stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None:
            return
        try:
            self._call(self._shutdown(), timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(timeout=5)
            loop.close()
            self._loop = self._thread = self._server = None
            with self._cond:
                for delivery in self._pending.values():
                    delivery.done.set()
                self._pending.clear()

    async def _shutdown(self) -> None:
        for link in self.links():
            if link.closed_at is None:
                protocol.cut(link.connection, "reset")
        if self._server is not None:
            self._server.close(close_connections=False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 5)
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def _call(self, coro: Any, timeout: float = 5) -> Any:
        """Run a coroutine on the server's loop and wait for its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _run(self, action: Callable[[], None]) -> None:
        """Run a plain callable on the server's loop (transports are not thread-safe)."""
        assert self._loop is not None
        done = threading.Event()

        def step() -> None:
            try:
                action()
            finally:
                done.set()

        self._loop.call_soon_threadsafe(step)
        done.wait(5)

    # apps.connections.open ---------------------------------------------------------------

    def issue_url(self) -> str:
        """A fresh WebSocket URL for ``apps.connections.open``, good for one connection."""
        self.start()
        ticket = secrets.token_hex(16)
        with self._cond:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self._port}/link/?ticket={ticket}&app_id={self.app_id}"

    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        url = urlsplit(request.path)
        ticket = (parse_qs(url.query).get("ticket") or [""])[0]
        with self._cond:
            # docs.slack.dev/reference/methods/apps.connections.open: the URL is temporary and
            # comes from that method; the sandbox lets each ticket open exactly one link.
            if url.path.rstrip("/") != "/link" or ticket not in self._tickets:
                self.protocol_errors.append(f"connection refused: {request.path}")
                return connection.respond(HTTPStatus.UNAUTHORIZED, "invalid ticket\n")
            self._tickets.discard(ticket)
        return None

    # the link ----------------------------------------------------------------------------

    async def _serve(self, connection: ServerConnection) -> None:
        with self._cond:
            link = Link(id=next(self._ids), opened_at=time.monotonic(), connection=connection)
            self._links.append(link)
            count = sum(1 for one in self._links if one.is_open)
        try:
            hello = json.dumps(protocol.hello(self.app_id, self.host_name, count))
            with self._cond:  # ready as hello goes out: the app may answer before send returns
                link.ready_at = time.monotonic()
                self._cond.notify_all()
            await connection.send(hello)
            async for frame in connection:
                self._on_frame(link, frame)
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                link.closed_at = time.monotonic()
                self._cond.notify_all()

    def _on_frame(self, link: Link, frame: str | bytes) -> None:
        now = time.monotonic()
        try:
            message = json.loads(frame)
        except (TypeError, ValueError):
            message = None
        with self._cond:
            # docs.slack.dev/apis/events-api/using-socket-mode: an ack is a JSON object with
            # the envelope_id and, where the envelope accepts one, a response payload. It is
            # matched on any of the app's links: slack_sdk acks on its current link, which
            # mid-refresh is not always the one the envelope came on.
            if not isinstance(message, dict) or not isinstance(message.get("envelope_id"), str):
                self.protocol_errors.append(f"link {link.id}: not an acknowledgement: {frame!r}")
                return
            delivery = self._pending.pop(message["envelope_id"], None)
            if delivery is None:
                self.protocol_errors.append(f"link {link.id}: ack for no envelope: {frame!r}")
                return
            payload = message.get("payload")
            if payload is not None and not isinstance(payload, dict):
                self.protocol_errors.append(f"link {link.id}: ack payload not an object")
                payload = None
            delivery.acked_at = now
            delivery.ack_payload = payload
            if now - delivery.sent_at > self.ack_deadline:
                delivery.failure = "ack_timeout"
            delivery.done.set()
            self._cond.notify_all()

    # what tests see ----------------------------------------------------------------------

    def links(self) -> list[Link]:
        with self._cond:
            return list(self._links)

    def open_links(self) -> list[Link]:
        """Links that said hello and are still up (dropped ones do not count)."""
        with self._cond:
            return [link for link in self._links if link.ready_at is not None and link.is_open]

    @property
    def failures(self) -> list[Delivery]:
        """Envelopes the app did not acknowledge in time (or had no link to go to)."""
        with self._cond:
            return [d for d in self.deliveries if d.failure is not None]

    def wait_for_link(self, *, newer_than: int = 0, timeout: float = 15) -> Link | None:
        """The first link newer than ``newer_than`` to get its hello, or None at the deadline."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                fresh = [
                    link
                    for link in self._links
                    if link.id > newer_than and link.ready_at is not None and link.is_open
                ]
                if fresh:
                    return fresh[0]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)

    def wait_for(self, check: Callable[[], bool], *, timeout: float) -> bool:
        """Wait until ``check()`` holds (re-checked on every link change and ack)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not check():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def newest_link_id(self) -> int:
        with self._cond:
            return max((link.id for link in self._links), default=0)

    # delivering --------------------------------------------------------------------------

    def _route(self) -> Link | None:
        """Slack spreads envelopes over the app's links; the sandbox uses the newest one
        that was not told to go away, else one that was but is still up."""
        live = [link for link in self._links if link.ready_at is not None and link.is_open]
        settled = [link for link in live if not link.retiring]
        chosen = settled or live
        return chosen[-1] if chosen else None

    def deliver(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool,
        wait: float | None = None,
    ) -> Delivery:
        """Send an envelope and wait (up to ``wait`` s, default the ack deadline) for the ack."""
        envelope = protocol.envelope(str(uuid.uuid4()), kind, payload, accepts_response_payload)
        with self._cond:
            link = self._route() if self._loop is not None else None
            delivery = Delivery(
                envelope_id=envelope["envelope_id"],
                type=kind,
                payload=payload,
                link_id=link.id if link else None,
                sent_at=time.monotonic(),
            )
            self.deliveries.append(delivery)
            if link is None:
                # No link: Slack cannot reach the app (a slash command shows dispatch_failed).
                delivery.failure = "dispatch_failed"
                delivery.done.set()
                return delivery
            self._pending[delivery.envelope_id] = delivery
        try:
            self._call(link.connection.send(json.dumps(envelope)))
        except (ConnectionClosed, OSError, TimeoutError):
            with self._cond:
                self._pending.pop(delivery.envelope_id, None)
                delivery.failure = "dispatch_failed"
                delivery.done.set()
            return delivery
        delivery.done.wait(self.ack_deadline if wait is None else wait)
        with self._cond:
            if (
                delivery.acked_at is None
                and time.monotonic() - delivery.sent_at >= self.ack_deadline
            ):
                delivery.failure = "ack_timeout"  # a later ack still records its time
        return delivery

    # connection churn --------------------------------------------------------------------

    def disconnect(
        self, reason: str = "refresh_requested", *, close_after: float = CLOSE_AFTER_DISCONNECT
    ) -> int:
        """Tell the newest link to reconnect, then close it ``close_after`` seconds later.

        Returns the id of the link told, so a test can wait for a newer one.
        """
        message = protocol.disconnect(reason, self.host_name)
        with self._cond:
            link = self._route()
            if link is None:
                raise RuntimeError("no open Socket Mode link to disconnect")
            link.retiring = True
        self._call(link.connection.send(json.dumps(message)))
        assert self._loop is not None
        self._loop.call_soon_threadsafe(
            self._loop.call_later, close_after, self._close_soon, link.connection
        )
        return link.id

    def _close_soon(self, connection: ServerConnection) -> None:
        """On the loop: close a link that was told to reconnect (with a close frame)."""
        task = asyncio.ensure_future(connection.close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def drop(self, how: str = "reset") -> list[int]:
        """Cut every open link without a WebSocket close frame; returns their ids.

        ``reset``: the TCP connection is reset (RST), as when a load balancer goes away;
        ``fin``: the socket is just closed (FIN), as when a server process dies;
        ``silent``: nothing more is read or written, not even pongs, as when a NAT forgets
        the connection; only the app's own ping timeout can notice.
        """
        if how not in protocol.DROP_MODES:
            raise ValueError(f"drop how? one of {protocol.DROP_MODES}")
        with self._cond:
            cut = [link for link in self._links if link.is_open]
            for link in cut:
                link.dropped = True
            self._cond.notify_all()
        for link in cut:
            self._run(functools.partial(protocol.cut, link.connection, how))
        return [link.id for link in cut]
