"""``SocketModeTransport``: the driver's payloads delivered as Socket Mode envelopes.

The driver builds the exact HTTP request Slack would send; this transport turns it into what
Slack sends over Socket Mode instead (no signature, the same payload) and turns the app's
acknowledgement back into a ``Reply``, so tests read the answer the same way in both modes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from bot.sandbox.socket_mode.endpoint import SocketModeServer
from bot.sandbox.socket_mode.protocol import Delivery
from bot.sandbox.transports import Reply

# docs.slack.dev/apis/events-api/using-socket-mode: interactions whose answer travels in the
# ack (view_submission's response_action, block_suggestion's options) accept a response payload.
ANSWERED_IN_ACK = ("view_submission", "block_suggestion")


def envelope_for(body: bytes, content_type: str) -> tuple[str, dict[str, Any], bool]:
    """(envelope type, payload, accepts_response_payload) for an HTTP request body."""
    text = body.decode("utf-8")
    if content_type.split(";")[0].strip() == "application/json":
        event = json.loads(text)
        if not isinstance(event, dict):
            raise ValueError("an Events API body is a JSON object")
        return "events_api", event, False
    form = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in form:
        interaction = json.loads(form["payload"])
        return "interactive", interaction, interaction.get("type") in ANSWERED_IN_ACK
    # docs.slack.dev/apis/events-api/using-socket-mode: a slash command's payload is the same
    # set of fields as the HTTP form, as strings, and its ack may carry the reply.
    return "slash_commands", form, True


class SocketModeTransport:
    """Delivers over a ``SocketModeServer`` link and waits (up to 3 s) for the ack.

    Every delivery is recorded on the server (``server.deliveries``); ``last`` is this
    transport's most recent one, with its ack latency.
    """

    def __init__(self, server: SocketModeServer, *, wait: float | None = None) -> None:
        self.server = server
        self.wait = wait
        self.last: Delivery | None = None

    def post(self, body: bytes, headers: dict[str, str]) -> Reply:
        content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
        kind, payload, accepts = envelope_for(body, content_type)
        delivery = self.server.deliver(
            kind, payload, accepts_response_payload=accepts, wait=self.wait
        )
        self.last = delivery
        return reply_for(delivery)


def reply_for(delivery: Delivery) -> Reply:
    """What the person would get: the ack's payload, or the error Slack shows instead."""
    if delivery.failure == "dispatch_failed":
        return Reply(503, "dispatch_failed", {})
    if delivery.failure is not None or delivery.acked_at is None:
        # Slack gives up after 3 s: "/command failed with the error operation_timeout".
        return Reply(504, "operation_timeout", {})
    if not delivery.ack_payload:
        return Reply(200, "", {})
    return Reply(200, json.dumps(delivery.ack_payload), {"content-type": "application/json"})
