"""Socket Mode's messages and records: the rules, the links, the envelopes and their fate."""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import ServerConnection

# docs.slack.dev/apis/events-api/using-socket-mode: "your app must acknowledge the receipt of
# each envelope within 3 seconds" — later, Slack shows the person an error (or retries events).
ACK_DEADLINE = 3.0
# docs.slack.dev/apis/events-api/using-socket-mode: after a `disconnect` message Slack keeps the
# old link open for a little while (about 10 s for `warning`) so the app can open a new one.
CLOSE_AFTER_DISCONNECT = 10.0
# docs.slack.dev/apis/events-api/using-socket-mode: the disconnect reasons Slack sends
# (`link_disabled`: Socket Mode was turned off for the app; clients must not reconnect).
DISCONNECT_REASONS = ("warning", "refresh_requested", "link_disabled")
ENVELOPE_TYPES = ("slash_commands", "interactive", "events_api")
DROP_MODES = ("reset", "fin", "silent")


@dataclass
class Link:
    """One WebSocket connection from the app."""

    id: int
    opened_at: float  # time.monotonic()
    connection: ServerConnection
    ready_at: float | None = None  # when `hello` went out: the link is usable from then
    retiring: bool = False  # told to reconnect: new envelopes go to a newer link
    dropped: bool = False  # the sandbox cut it: nothing is sent or read any more
    closed_at: float | None = None

    @property
    def ready(self) -> bool:
        return self.ready_at is not None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and not self.dropped


@dataclass
class Delivery:
    """One envelope sent to the app and what became of it."""

    envelope_id: str
    type: str
    payload: dict[str, Any]
    link_id: int | None
    sent_at: float
    acked_at: float | None = None
    ack_payload: dict[str, Any] | None = None
    failure: str | None = None  # "dispatch_failed" (no link) or "ack_timeout" (late or never)
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def latency(self) -> float | None:
        return None if self.acked_at is None else self.acked_at - self.sent_at


def hello(app_id: str, host: str, num_connections: int) -> dict[str, Any]:
    # docs.slack.dev/apis/events-api/using-socket-mode: the first message on every link.
    return {
        "type": "hello",
        "num_connections": num_connections,
        "debug_info": {"host": host, "build_number": 1, "approximate_connection_time": 18060},
        "connection_info": {"app_id": app_id},
    }


def disconnect(reason: str, host: str) -> dict[str, Any]:
    # docs.slack.dev/apis/events-api/using-socket-mode: {"type": "disconnect", "reason": …}
    if reason not in DISCONNECT_REASONS:
        raise ValueError(f"Slack sends no disconnect reason {reason!r}")
    return {"type": "disconnect", "reason": reason, "debug_info": {"host": host}}


def envelope(
    envelope_id: str, kind: str, payload: dict[str, Any], accepts_response_payload: bool
) -> dict[str, Any]:
    # docs.slack.dev/apis/events-api/using-socket-mode: what every payload travels in.
    if kind not in ENVELOPE_TYPES:
        raise ValueError(f"unknown envelope type {kind!r}")
    message: dict[str, Any] = {
        "envelope_id": envelope_id,
        "type": kind,
        "payload": payload,
        "accepts_response_payload": accepts_response_payload,
    }
    if kind == "events_api":
        message.update({"retry_attempt": 0, "retry_reason": ""})
    return message


def cut(connection: ServerConnection, how: str) -> None:
    """End the TCP connection under the WebSocket (no close frame) or make it go quiet."""
    transport = connection.transport
    if transport.is_closing():
        # The peer hung up first: its socket is already gone (fd -1), nothing left to cut.
        return
    if how == "silent":
        transport.pause_reading()
        return
    sock = transport.get_extra_info("socket")
    if how == "reset" and sock is not None and sock.fileno() != -1:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
