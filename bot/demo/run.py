"""`circlebot demo`: the real app and the real jobs against the local Slack sandbox.

Nothing here is mocked but Slack itself: requests are signed and go through Bolt's
verification and routing, data lands in a fresh SQLite file through the Alembic schema,
messages go through the outbox and the dispatcher job. The story is told on a manual
clock, so a week of community life takes a second. Each feature adds its chapter.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select

from bot.app import build_app
from bot.demo.circles import circle_chapter
from bot.demo.first_week import first_week_chapter
from bot.demo.intake import intake_chapter
from bot.demo.pairings import add_more_people, pairing_chapter
from bot.demo.privacy import privacy_chapter
from bot.demo.story import Story
from bot.outbox.queue import counts
from bot.platform.clock import ManualClock
from bot.platform.runtime import build_services
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.platform.web import make_wsgi_app
from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport
from jobs.outbox import make_dispatcher
from storage.models import Member

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
COMMUNITY_TZ = "Europe/London"

PEOPLE = [
    # name, real name, time zone, workspace admin
    ("ana", "Ana Okafor", "Europe/London", True),
    ("ben", "Ben Schulz", "Europe/Berlin", False),
    ("chen", "Chen Wei", "Asia/Singapore", False),
    ("eli", "Eli Novak", "America/New_York", False),
]


def run_demo(db_path: str = "circlebot-demo.db") -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    path = Path(db_path)
    for stale in (path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)
    tz = ZoneInfo(COMMUNITY_TZ)
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=tz))
    scopes = yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"]
    story = Story(clock, tz)

    with SlackSandbox(clock=clock, scopes=scopes, team_name="Product Circle") as sandbox:
        ids = {
            name: sandbox.add_user(name, real_name=real, tz=zone, is_admin=admin)["id"]
            for name, real, zone, admin in PEOPLE
        }
        others = add_more_people(sandbox)
        settings = Settings(
            _env_file=None,
            slack_bot_token=sandbox.bot_token,
            slack_signing_secret=sandbox.signing_secret,
            slack_api_url=sandbox.api_url,
            database_url=f"sqlite:///{path}",
            circlebot_timezone=COMMUNITY_TZ,
        )
        services = build_services(settings, clock)
        app = build_app(services)
        driver = SlackDriver(sandbox, WsgiTransport(make_wsgi_app(app)))
        dispatcher = make_dispatcher(services, app.client)

        print("circlebot demo: the real app and jobs against the local Slack sandbox")
        print(f"(SQLite file {path}, Slack Web API at {sandbox.api_url}, community time {tz})\n")

        first_week_chapter(story, services, sandbox, driver, dispatcher, app.client, ids, others)

        print("\nWeekly pairings")
        pairing_chapter(story, services, sandbox, driver, dispatcher, {**ids, **others})

        print("\nAdmissions: the first cohort")
        intake_chapter(story, services, sandbox, driver, dispatcher, ids["ana"], {**ids, **others})

        print("\nCircles: forming them, and one circle's week")
        circle_chapter(story, services, sandbox, driver, dispatcher, app.client, {**ids, **others})

        print("\nPrivacy: a member takes their data and leaves")
        privacy_chapter(story, services, sandbox, driver, dispatcher, ids["ana"])

        _where_things_stand(services, sandbox)
    return 0


def _where_things_stand(services: Services, sandbox: SlackSandbox) -> None:
    print("\nWhere things stand")
    with services.sessions() as session:
        statuses = dict(
            session.execute(select(Member.status, func.count()).group_by(Member.status)).all()
        )
        profiles = session.scalar(
            select(func.count()).where(Member.profile_updated_at.is_not(None))
        )
        outbox = counts(session)
    calls = Counter(call.method for call in sandbox.calls)
    print(f"  members by status: {statuses}; with a profile: {profiles}")
    print(f"  outbox: {outbox}")
    print(f"  Slack API calls: {dict(sorted(calls.items()))}")
