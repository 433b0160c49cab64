"""What the sandbox remembers so tests and the demo can tell the story afterwards.

Every Web API request becomes an ``ApiCall``; everything a person could have seen on screen
becomes a ``Seen``; every post to a ``response_url`` becomes a ``ResponsePost``; every Block Kit
payload refused, wherever the app sent it, becomes a ``Refusal``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SEEN_KINDS = frozenset({"message", "ephemeral", "modal", "home", "response"})


class ApiError(Exception):
    """A Slack error answer: ``{"ok": false, "error": ...}`` plus any extra fields."""

    def __init__(self, error: str, *, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"ok": False, "error": self.error, **self.extra}


@dataclass
class ApiCall:
    """One Web API request as the sandbox received and answered it.

    ``status`` is 0 when the sandbox dropped the connection instead of answering.
    ``early_retry`` is True when the request came before the ``Retry-After`` the sandbox last
    gave for this method had elapsed.
    """

    method: str
    args: dict[str, Any]
    at: datetime
    token_ok: bool = False
    status: int = 200
    ok: bool = False
    error: str | None = None
    response: dict[str, Any] | None = None
    early_retry: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class Seen:
    """One thing a person saw: a message, an ephemeral, a modal, their Home tab, or a response.

    ``kind`` is one of ``SEEN_KINDS``. ``ts`` identifies messages (an edit shows up again with
    the same ts); ``view`` is set for modals and Home tabs.
    """

    kind: str
    at: datetime
    channel: str | None = None
    text: str = ""
    blocks: list[dict[str, Any]] | None = None
    view: dict[str, Any] | None = None
    ts: str | None = None

    @property
    def message(self) -> tuple[str, str]:
        """(channel, ts) of a message, as a click on it names it; only messages have one."""
        if self.channel is None or self.ts is None:
            raise ValueError(f"a {self.kind} is not a message")
        return self.channel, self.ts


@dataclass
class ResponsePost:
    """One POST to a ``response_url``; ``status`` is what the sandbox answered."""

    user_id: str
    channel_id: str
    payload: dict[str, Any]
    at: datetime
    status: int
    outcome: str


@dataclass
class Refusal:
    """Block Kit the sandbox refused, wherever the app sent it.

    ``where`` is the Web API method (``chat.postMessage``, ``views.open``…), ``response_url``,
    ``/command ack`` for a slash command's HTTP answer, or ``view_submission ack``; ``error``
    is what Slack answers or shows; ``messages`` are Slack's ``[ERROR] …`` explanations.
    """

    where: str
    error: str
    messages: list[str]
    at: datetime
