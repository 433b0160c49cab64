"""How a delivery attempt can fail, in the outbox's terms rather than Slack's.

The transport raises these and the dispatcher decides what each means for the row, so
neither the dispatcher nor the store needs to know Slack's error codes.
"""

from __future__ import annotations


class InstallationError(Exception):
    """The token or its scopes are wrong; nothing can be sent until an admin fixes it."""


class PermanentError(Exception):
    """This message can never be delivered as written."""


class TransientError(Exception):
    """Try this message again later."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class WaitingForParent(TransientError):
    """A reply or an edit whose message is not sent yet: not a failed attempt."""


class MaybeSent(TransientError):
    """The request reached Slack but no answer came back (a timeout, a dropped connection):
    the message may be posted, so it must not simply be sent again."""


class LookupPostponed(TransientError):
    """Slack asked us to hold off history look-ups (its rate limit): not a failed attempt."""
