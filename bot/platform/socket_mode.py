"""The Socket Mode connection `circlebot run` uses when SLACK_APP_TOKEN is set.

slack_bolt's Socket Mode adapters for the sync App are "builtin" and "websocket_client" (its
aiohttp and websockets adapters need an AsyncApp). ``python -m bench.socket_mode`` runs the
real app against the sandbox's Socket Mode endpoint; worst of 3 rounds (2026-12):

- builtin (Bolt's ping_interval=10): after ``disconnect`` it reconnects at once but every
  envelope on the new link waits ~3 s (closing the old link waits out a 3 s socket read) and
  misses Slack's deadline, as does one sent at the moment of ``disconnect``; a reset link
  takes 10-50 s, a closed (FIN) one 60 s, a silent one 51 s (its "4 missed pings" rule).
  With ping_interval=2: 10 s, 12 s, 12 s, and the same 3 s stall after ``disconnect``.
- websocket_client (Bolt's): a reset or closed link is back in 0.5 s, but after
  ``disconnect`` 0.5-10.5 s (the new link waits for the old one's read loop to notice it was
  closed), the command sent at ``disconnect`` is lost (the old link is closed unread), and a
  silent link (a NAT that forgot the connection) is never noticed: no ping timeout.
- steady (``SteadyClient`` below, ping 3 s / timeout 2 s): ``disconnect`` 0.0 s and the
  command sent at that moment acknowledged in 7 ms; reset and closed links 0.0 s; a silent
  one 8 s; the first command on a new link acknowledged in ≤ 1.1 ms; p50 ack 0.5 ms.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.base_handler import BaseSocketModeHandler
from slack_bolt.adapter.socket_mode.builtin import SocketModeHandler as BuiltinHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_bolt.adapter.socket_mode.websocket_client import (
    SocketModeHandler as WebSocketClientHandler,
)
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.websocket_client import SocketModeClient
from websocket import WebSocketApp, WebSocketTimeoutException

ADAPTERS = ("steady", "builtin", "websocket_client")
ADAPTER = "steady"
PING_INTERVAL = 3.0  # seconds between pings
PING_TIMEOUT = 2.0  # no pong within this: the link is dead, reconnect
ACK_HOLD = 1.0  # how long an ack waits for the new link during a refresh
RETIRE_AFTER = 5.0  # at most this long for the new link before closing the old one anyway
RETIRE_GRACE = 1.0  # then this long for envelopes already sent on the old link


class SteadyClient(SocketModeClient):
    """slack_sdk's websocket-client Socket Mode client with its own link handling.

    It keeps the SDK's message queue, workers, listeners, acks and ``apps.connections.open``
    calls, and replaces how links are run: one thread per link, started at once; a ping
    timeout; the old link kept open for a moment after a refresh so envelopes already on it
    are still read (Slack may deliver there until the new link says hello); a link's close
    taken for a lost connection only when it is the current link.
    """

    def __init__(self, *, ping_timeout: float, **kwargs: Any) -> None:
        # Set before the SDK's __init__, which starts threads that call back into this class.
        self.ping_timeout = ping_timeout
        self.closed = False
        self.current_session = None
        self.current_app_monitor_started = False
        self._started: weakref.WeakSet[WebSocketApp] = weakref.WeakSet()
        self._ended: weakref.WeakSet[WebSocketApp] = weakref.WeakSet()
        self._opened_links: weakref.WeakSet[WebSocketApp] = weakref.WeakSet()
        self._start_lock = threading.Lock()
        super().__init__(**kwargs)

    # links -------------------------------------------------------------------------------

    def connect(self) -> None:
        old = self.current_session
        if self.wss_uri is None:
            self.wss_uri = self.issue_new_wss_url()
        session = WebSocketApp(
            self.wss_uri,
            on_open=self._opened,
            on_message=self._received,
            on_error=self._failed,
            on_close=self._closed,
        )
        self.current_session = session
        self.auto_reconnect_enabled = self.default_auto_reconnect_enabled
        self._start(session)
        if not self.current_app_monitor_started:
            self.current_app_monitor_started = True
            self.current_app_monitor.start()
        if old is not None:
            threading.Thread(target=self._retire, args=(old,), daemon=True).start()
        self.logger.info("A new Socket Mode link is starting")

    def _start(self, session: WebSocketApp | None) -> None:
        with self._start_lock:
            if session is None or self.closed or session in self._started:
                return
            self._started.add(session)
        threading.Thread(
            target=self._run, args=(session,), name="socket-mode-link", daemon=True
        ).start()

    def _run(self, session: WebSocketApp) -> None:
        try:
            session.run_forever(ping_interval=self.ping_interval, ping_timeout=self.ping_timeout)
        except Exception as exc:
            self.logger.error(f"Socket Mode link ended: {exc!r}")
            session.close()
        finally:
            self._ended.add(session)

    def _retire(self, old: WebSocketApp) -> None:
        """Close a replaced link once the new one is up and envelopes in flight are read."""
        deadline = time.monotonic() + RETIRE_AFTER
        while not self._link_up() and not self.closed and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0 if self.closed else RETIRE_GRACE)
        old.close(timeout=1)

    def _run_current_session(self) -> None:
        # The SDK's runner, every 0.5 s: only a fallback now that connect() starts links.
        self._start(self.current_session)

    def _monitor_current_session(self) -> None:
        # The SDK's monitor, every ping_interval: reconnect only when the current link has
        # ended and nothing replaced it (a failed reconnect), never while it is starting.
        session = self.current_session
        if self.closed or not self.auto_reconnect_enabled:
            return
        if session is None or session in self._ended:
            try:
                self.connect_to_new_endpoint()
            except Exception as exc:
                self.logger.error(f"Failed to reconnect over Socket Mode: {exc!r}")

    def _link_up(self) -> bool:
        session = self.current_session
        sock = session.sock if session is not None else None
        return bool(sock is not None and sock.connected)

    def close(self) -> None:
        super().close()
        for session in list(self._started):
            session.close(timeout=0)

    # websocket-client callbacks ----------------------------------------------------------

    def _opened(self, session: WebSocketApp) -> None:
        self._opened_links.add(session)
        for listener in self.on_open_listeners:
            listener(session)

    def _received(self, session: WebSocketApp, message: str) -> None:
        self.enqueue_message(message)
        for listener in self.on_message_listeners:
            listener(session, message)

    def _failed(self, session: WebSocketApp, error: Exception) -> None:
        self.logger.error(f"Socket Mode link error: {type(error).__name__}: {error}")
        if isinstance(error, WebSocketTimeoutException) and session.sock is not None:
            # No pong: the peer is gone. Cut the socket rather than wait 3 s for the close
            # frame websocket-client waits for when it closes a link.
            session.sock.abort()
        for listener in self.on_error_listeners:
            listener(session, error)

    def _closed(self, session: WebSocketApp, *_: Any) -> None:
        # Only the current link's loss means reconnecting; one that never opened is left to
        # the monitor, so a refused connection is retried every ping_interval, not in a loop.
        current = session is self.current_session and session in self._opened_links
        if current and self.auto_reconnect_enabled and not self.closed:
            self.logger.info("Socket Mode link lost; reconnecting")
            self.connect_to_new_endpoint()
        for listener in self.on_close_listeners:
            listener(session)

    # acks --------------------------------------------------------------------------------

    def send_message(self, message: str) -> None:
        # Mid-refresh the new link may still be connecting: hold the ack briefly.
        deadline = time.monotonic() + ACK_HOLD
        while not self._link_up() and not self.closed and time.monotonic() < deadline:
            time.sleep(0.005)
        super().send_message(message)


class SteadyHandler(BaseSocketModeHandler):
    """Bolt's websocket-client Socket Mode handler, on ``SteadyClient``."""

    def __init__(
        self, app: App, app_token: str, *, ping_interval: float, ping_timeout: float
    ) -> None:
        self.app = app
        client = SteadyClient(
            ping_timeout=ping_timeout,
            app_token=app_token,
            logger=app.logger,
            web_client=app.client,
            ping_interval=ping_interval,
        )
        client.socket_mode_request_listeners.append(self.handle)
        self.client = client

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        send_response(client, req, run_bolt_app(self.app, req), time.time())


def socket_mode_handler(
    app: App,
    app_token: str,
    *,
    adapter: str = ADAPTER,
    ping_interval: float = PING_INTERVAL,
    ping_timeout: float = PING_TIMEOUT,
) -> BaseSocketModeHandler:
    """A Socket Mode handler for the sync ``App``, not connected yet.

    "steady" is ``SteadyHandler``; "builtin" and "websocket_client" are Bolt's own, kept so
    the bench can compare (``ping_timeout`` applies to "steady" only).
    """
    if adapter == "steady":
        return SteadyHandler(app, app_token, ping_interval=ping_interval, ping_timeout=ping_timeout)
    if adapter == "builtin":
        return BuiltinHandler(app, app_token, ping_interval=ping_interval)
    if adapter == "websocket_client":
        return WebSocketClientHandler(app, app_token, ping_interval=ping_interval)
    raise ValueError(f"unknown Socket Mode adapter {adapter!r}: one of {ADAPTERS}")
