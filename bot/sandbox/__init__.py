"""A local Slack for tests and the demo: a Web API server, a request driver, and records.

``SlackSandbox`` serves Slack's Web API on 127.0.0.1; ``SlackDriver`` sends the app signed
requests the way Slack does; both record what happened so a test can assert who saw what.
"""

from bot.sandbox.driver import SlackDriver
from bot.sandbox.records import ApiCall, ResponsePost, Seen
from bot.sandbox.server import SlackSandbox
from bot.sandbox.transports import HttpTransport, Reply, WsgiTransport

__all__ = [
    "ApiCall",
    "HttpTransport",
    "Reply",
    "ResponsePost",
    "Seen",
    "SlackDriver",
    "SlackSandbox",
    "WsgiTransport",
]
