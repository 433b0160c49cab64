"""Alerts for admins about errors members cannot cause and cannot fix.

An alert is a DM to each id in ``CIRCLEBOT_ADMINS``, sent through the outbox with the key
``alert:<kind>:<hour>:<admin>``: however many times an incident is noticed within the hour
(each dispatcher run, each replica, each failing request), each admin hears of it once.
Alerts name the kind of trouble, counts and Slack's error codes, never message content or
who a message was for.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from bot.outbox.queue import OutgoingMessage, enqueue

log = logging.getLogger(__name__)

# This many permanent failures in one dispatcher run is an incident, not one bad address.
MANY_FAILURES = 5
# The reason code of a message that may have been posted and could not be checked
# (bot/outbox/dispatcher.py): admins hear of every one, since nobody else will.
UNCERTAIN = "uncertain"

INSTALLATION_HELP = {
    "missing_scope": "the app lacks a permission it needs: reinstall it from the app's "
    "*OAuth & Permissions* page so Slack grants the scopes in manifest.yml",
    "invalid_auth": "Slack does not accept SLACK_BOT_TOKEN: copy the current Bot User OAuth "
    "Token into the bot's settings and restart it",
    "token_revoked": "the app was uninstalled or its token revoked: reinstall the app and "
    "update SLACK_BOT_TOKEN",
}


def hour_key(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H")


def alert_admins(
    session: Session, admins: Iterable[str], kind: str, text: str, *, now: datetime
) -> int:
    """Queue one DM per admin for this incident kind this hour; returns how many were new."""
    admins = tuple(admins)
    log.error("admin alert (%s): %s", kind, text)
    messages = [
        OutgoingMessage.dm(admin, key=f"alert:{kind}:{hour_key(now)}:{admin}", text=text)
        for admin in admins
    ]
    return enqueue(session, messages, now=now)


def installation_alert(error: str, where: str) -> str:
    advice = INSTALLATION_HELP.get(error, "check the app's installation and the bot's token")
    return (
        f":warning: circlebot: Slack refused the bot's token or permissions ({error}) "
        f"while {where}. Until this is fixed, {advice}. Nothing is lost: messages wait "
        "in the outbox and go out once Slack accepts them."
    )


def failures_alert(reasons: Iterable[str]) -> str | None:
    """The alert for one dispatcher run's undelivered messages, or None if there is
    nothing to say: many permanent failures, or any message whose delivery is uncertain."""
    counted = Counter(_code(reason) for reason in reasons)
    uncertain = counted.pop(UNCERTAIN, 0)
    total = sum(counted.values())
    parts = []
    if total >= MANY_FAILURES:
        detail = ", ".join(f"{code} ×{n}" for code, n in counted.most_common())
        parts.append(
            f":warning: circlebot: {total} messages could not be delivered ({detail}). "
            "Slack will not accept them as written (deactivated people, archived or missing "
            "channels…); they are recorded in the outbox and will not be retried."
        )
    if uncertain:
        parts.append(uncertain_alert(uncertain))
    return "\n".join(parts) or None


def uncertain_alert(count: int) -> str:
    """Counts only: which messages, and for whom, stays in the outbox."""
    some, they = ("1 message", "It is") if count == 1 else (f"{count} messages", "They are")
    return (
        f":warning: circlebot: {some} may or may not have reached Slack. Sending was cut "
        "off (a restart, a timeout or a dropped connection) and the bot could not check "
        "its own recent messages, so it did not send again rather than risk a duplicate. "
        f"{they} marked `uncertain` in the outbox. Granting the app's optional history "
        'scopes lets the bot check next time (README, "How messages are delivered '
        'exactly once").'
    )


def _code(reason: str) -> str:
    """Slack's error code from a recorded failure, without anything else it may say."""
    if reason.startswith("gave up after"):
        return "gave_up"
    return reason.split(":", 1)[0].split()[0][:40] if reason else "unknown"
