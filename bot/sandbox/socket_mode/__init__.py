"""Slack's Socket Mode in the sandbox: the WebSocket endpoint and the driver's transport.

``SocketModeServer`` hands out URLs for ``apps.connections.open``, greets each link with
``hello``, delivers envelopes and times their acknowledgements, and can send ``disconnect`` or
drop a link; ``SocketModeTransport`` lets ``SlackDriver`` deliver its payloads that way.
"""

from bot.sandbox.socket_mode.endpoint import SocketModeServer
from bot.sandbox.socket_mode.protocol import ACK_DEADLINE, CLOSE_AFTER_DISCONNECT, Delivery, Link
from bot.sandbox.socket_mode.transport import SocketModeTransport, envelope_for

__all__ = [
    "ACK_DEADLINE",
    "CLOSE_AFTER_DISCONNECT",
    "Delivery",
    "Link",
    "SocketModeServer",
    "SocketModeTransport",
    "envelope_for",
]
