"""Building a community for pairing tests: Slack users in the sandbox and members with
profiles in the database, quickly and reproducibly."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.members.profile_options import INTERESTS, LEVELS
from bot.members.profiles import ProfileUpdate
from bot.members.sync import apply_slack_user, get_member, save_profile
from bot.platform.clock import Clock, ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackSandbox
from storage.models import Member

COMPANIES = ["Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Acme"]
ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Singapore"]


def add_members(
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: Clock,
    count: int,
    *,
    seed: int = 7,
    admin: bool = False,
) -> list[str]:
    """``count`` members with varied companies, interests and zones; returns Slack ids."""
    rng = random.Random(seed)
    ids: list[str] = []
    with sessions.begin() as session:
        for i in range(count):
            user = sandbox.add_user(
                f"pm{len(sandbox.calls)}_{i}_{rng.randrange(10**6)}",
                real_name=f"Member {i}",
                tz=rng.choice(ZONES),
                is_admin=admin and i == 0,
            )
            apply_slack_user(session, user, now=clock.now())
            update = ProfileUpdate(
                company=rng.choice(COMPANIES),
                level=rng.choice(list(LEVELS)),
                interests=tuple(rng.sample(sorted(INTERESTS), 3)),
                tags=(),
                goals=f"Goal of member {i}",
                tz_override=None,
            )
            save_profile(session, user["id"], update, now=clock.now())
            ids.append(user["id"])
    return ids


def member(sessions: sessionmaker[Session], slack_id: str) -> Member | None:
    with sessions() as session:
        return get_member(session, slack_id)


def next_monday_nine(clock: ManualClock, settings: Settings) -> None:
    """Move the clock to the next Monday 09:00 in the community's time zone."""
    local = clock.now().astimezone(settings.timezone)
    days = (7 - local.weekday()) % 7 or 7
    target = (local + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    clock.set(target)
