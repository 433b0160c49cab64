"""A tiny lunch as people make one through Slack: the admin's form, members asking for a
seat from the channel post, and finding what each person was sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.members.sync import apply_slack_user
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.records import Seen

# Planned on Mon 23 Nov 2026; sign-up closes Fri 27 Nov 17:00 Berlin (16:00 UTC); the
# lunch is Thu 3 Dec 12:30 Berlin (11:30 UTC).
PLANNED_AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CLOSES_AT = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
STARTS_AT = datetime(2026, 12, 3, 11, 30, tzinfo=UTC)
FORM = {
    "date": "2026-12-03",
    "time": "12:30",
    "place": "Café Einstein, Unter den Linden 42",
    "seats": "6",
    "tags": ["pricing"],
    "close_date": "2026-11-27",
    "close_time": "17:00",
    "guest_bio": "Led pricing at two marketplaces.\nAsks more questions than she answers.",
}


@pytest.fixture
def dana(sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock) -> str:
    """Dana Reyes, VP of Product, the guest: a member of the workspace, in Berlin."""
    user = sandbox.add_user("dana", real_name="Dana Reyes", tz="Europe/Berlin")
    with sessions.begin() as session:
        apply_slack_user(session, user, now=clock.now())
    return user["id"]


@pytest.fixture
def diners(sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock) -> list[str]:
    """Nine members with profiles (companies, levels, zones vary)."""
    clock.set(PLANNED_AT)
    return add_members(sandbox, sessions, clock, 9, seed=16)


@pytest.fixture
def lunch_channel(sandbox: SlackSandbox, diners: list[str], circlebot_admin: str) -> str:
    return sandbox.add_channel("tiny-lunches", members=[*diners, circlebot_admin])


def plan(
    driver: SlackDriver, sandbox: SlackSandbox, admin: str, channel: str, **answers: Any
) -> Any:
    """`/lunch new` in the channel, and the form submitted with these answers."""
    reply = driver.slash_command(admin, "/lunch", "new", channel_id=channel)
    assert reply.status == 200
    modal = sandbox.open_modals(admin)[-1]
    return driver.submit_view(admin, modal["id"], {**FORM, **answers})


def ask_for_seat(
    driver: SlackDriver, sandbox: SlackSandbox, uid: str, post: tuple[str, str], question: str
) -> Any:
    driver.click(uid, "lunch_ask", message=post)
    modal = sandbox.open_modals(uid)[-1]
    return driver.submit_view(uid, modal["id"], {"question": question})


def messages_to(sandbox: SlackSandbox, uid: str, words: str) -> list[Seen]:
    return [s for s in sandbox.seen_by(uid) if s.kind == "message" and words in s.text]


def everything(seen: Seen) -> str:
    """The fallback text and every block's text of a message."""
    parts = [seen.text]
    for block in seen.blocks or []:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(text.get("text", ""))
        for element in block.get("elements") or []:
            inner = element.get("text")
            parts.append(inner.get("text", "") if isinstance(inner, dict) else str(inner or ""))
    return "\n".join(parts)
