"""Issue 16: two scheduler replicas reach a tiny lunch's sign-up close at the same moment
and race; the seats are drawn once, and each member who asked hears back once. CI runs this
on PostgreSQL (TEST_DATABASE_URL), where the two processes really contend for the claim."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.lunches.asking import sign_up
from bot.lunches.planning import plan_lunch
from bot.lunches.rules import Draft
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackSandbox
from storage.models import JobRun, LunchSignup
from tests.production.conftest import bot_env, posted_keys, start_worker

BERLIN = ZoneInfo("Europe/Berlin")
CLOSE = datetime(2026, 11, 27, 17, 0, tzinfo=BERLIN)  # a Friday: no other weekly job is due


def test_two_replicas_at_sign_up_close_draw_the_seats_once(
    live_sandbox: SlackSandbox, engine: Engine, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    sandbox = live_sandbox
    planned = CLOSE - timedelta(days=4)
    members = add_members(sandbox, sessions, ManualClock(planned), 9)
    channel = sandbox.add_channel("tiny-lunches", members=members)
    settings = Settings(
        _env_file=None,
        slack_bot_token=sandbox.bot_token,
        slack_signing_secret=sandbox.signing_secret,
        circlebot_timezone="Europe/Berlin",
    )
    draft = Draft(
        guest_user_id=None,
        guest_name="Priya Nair",
        guest_title="First PM",
        guest_company="Lumen",
        guest_bio=None,
        starts_at=CLOSE + timedelta(days=6),
        closes_at=CLOSE,
        place="Café Einstein",
        seats=6,
        tags=(),
        interests_only=False,
        level_min=None,
        level_max=None,
    )
    with sessions.begin() as session:
        lunch = plan_lunch(
            session, draft, by="UADMIN", channel=channel, now=planned, settings=settings
        ).lunch
        for uid in members:
            sign_up(session, lunch.id, uid, None, now=planned, settings=settings)
        lunch_id = lunch.id

    env = bot_env(sandbox, engine)
    replicas = [start_worker("replica", env, tmp_path) for _ in range(2)]
    try:
        for replica in replicas:  # both fire at once, then race
            replica.stdin.write(f"at {CLOSE.isoformat()}\n")  # type: ignore[union-attr]  # a PIPE
            replica.stdin.flush()  # type: ignore[union-attr]  # stdin is a PIPE
        for replica in replicas:
            line = replica.stdout.readline().strip()  # type: ignore[union-attr]  # a PIPE
            assert line == f"done {CLOSE.isoformat()}", (
                replica.stderr.read()  # type: ignore[union-attr]  # stderr is a PIPE
            )
        for replica in replicas:
            replica.stdin.write("quit\n")  # type: ignore[union-attr]  # stdin is a PIPE
            replica.stdin.flush()  # type: ignore[union-attr]  # stdin is a PIPE
            assert replica.wait(timeout=30) == 0, (
                replica.stderr.read()  # type: ignore[union-attr]  # stderr is a PIPE
            )
    finally:
        for replica in replicas:
            if replica.poll() is None:
                replica.kill()

    with sessions() as session:
        draws = session.scalars(select(JobRun).where(JobRun.job == "lunch_draw")).all()
        statuses = Counter(
            session.scalars(select(LunchSignup.status).where(LunchSignup.lunch_id == lunch_id))
        )
    assert [run.period_key for run in draws] == [str(lunch_id)]
    assert statuses == {"seated": 6, "waitlisted": 3}
    answers = posted_keys(sandbox, f"lunch:{lunch_id}:drawn:")
    assert len(answers) == 9 and set(answers.values()) == {1}
