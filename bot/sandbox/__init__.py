"""A local Slack for tests and the demo: a Web API server, a request driver, and records.

``SlackSandbox`` serves Slack's Web API on 127.0.0.1; ``SlackDriver`` sends the app signed
requests the way Slack does; both record what happened so a test can assert who saw what.
"""

from bot.sandbox.driver import SlackDriver
from bot.sandbox.manifest import AppManifest, NotSentBySlack
from bot.sandbox.records import ApiCall, Refusal, ResponsePost, Seen
from bot.sandbox.server import SlackSandbox
from bot.sandbox.socket_mode import SocketModeTransport
from bot.sandbox.transports import HttpTransport, Reply, WsgiTransport

__all__ = [
    "ApiCall",
    "AppManifest",
    "HttpTransport",
    "NotSentBySlack",
    "Refusal",
    "Reply",
    "ResponsePost",
    "Seen",
    "SlackDriver",
    "SlackSandbox",
    "SocketModeTransport",
    "WsgiTransport",
]
