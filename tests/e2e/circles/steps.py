"""A circle to check in with, shared by the circle tests and the production tests: Otter,
with peers in three time zones and a guide, and a check-in as a member types it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import member
from bot.members.sync import apply_slack_user
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import Circle, CircleMember

WIN = "Shipped the pricing page after three rewrites"
TUESDAY = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)


@pytest.fixture
def circle(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> tuple[dict[str, str], str]:
    """Otter: peers in Tokyo, Berlin and New York, and a guide in Berlin."""
    people = {
        "tomo": "Asia/Tokyo",
        "bea": "Europe/Berlin",
        "nora": "America/New_York",
        "gil": "Europe/Berlin",
    }
    ids = {}
    clock.set(TUESDAY)
    with sessions.begin() as s:
        for name, tz in people.items():
            user = sandbox.add_user(name, real_name=name.capitalize(), tz=tz)
            apply_slack_user(s, user, now=clock.now())
            ids[name] = user["id"]
    channel = sandbox.add_channel("circle-otter", is_private=True, members=list(ids.values()))
    with sessions.begin() as s:
        otter = Circle(name="Otter", channel_id=channel, created_by="UADMIN", created_at=TUESDAY)
        s.add(otter)
        s.flush()
        for name, uid in ids.items():
            s.add(
                CircleMember(
                    member_id=member(sessions, uid).id,
                    circle_id=otter.id,
                    role="guide" if name == "gil" else "peer",
                    joined_at=TUESDAY,
                )
            )
    return ids, channel


def check_in(driver: SlackDriver, sandbox: SlackSandbox, uid: str, **answers: Any) -> object:
    driver.slash_command(uid, "/circle", "checkin")
    modal = sandbox.open_modals(uid)[-1]
    values = {"win": "", "challenge": "", "help_wanted": "", "mood": None, "ticks": []}
    return driver.submit_view(uid, modal["id"], {**values, **answers})
