"""`circlebot demo`: the real app and the real jobs against the local Slack sandbox.

Nothing here is mocked but Slack itself: requests are signed and go through Bolt's
verification and routing, data lands in a fresh SQLite file through the Alembic schema,
messages go through the outbox and the dispatcher job. The story is told on a manual
clock, so a week of community life takes a second. Each feature adds its chapter.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select

from bot.app import build_app
from bot.demo.circles import circle_chapter
from bot.demo.first_week import first_week_chapter
from bot.demo.intake import intake_chapter
from bot.demo.lunches import lunch_chapter
from bot.demo.mentors import mentors_chapter
from bot.demo.pairings import add_more_people, pairing_chapter
from bot.demo.privacy import privacy_chapter
from bot.demo.pulse import pulse_chapter
from bot.demo.story import Story
from bot.outbox.queue import counts
from bot.platform.clock import ManualClock
from bot.platform.runtime import build_services
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.platform.web import make_wsgi_app
from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport
from bot.slack.words import and_list, plural
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


def run_demo(
    db_path: str = "circlebot-demo.db",
    *,
    inspect: Callable[[SlackSandbox], None] | None = None,
    verbose: bool = False,
) -> int:
    """Tell the story; ``inspect`` reads the sandbox at the end (the copy test uses it);
    ``verbose`` adds what developers want to see (ids, seeds, statistics, API calls)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    path = Path(db_path)
    for stale in (path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)
    tz = ZoneInfo(COMMUNITY_TZ)
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=tz))
    scopes = yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"]
    story = Story(clock, tz, verbose=verbose)

    with SlackSandbox(clock=clock, scopes=scopes, team_name="Product Circle") as sandbox:
        ids = {
            name: sandbox.add_user(name, real_name=real, tz=zone, is_admin=admin)["id"]
            for name, real, zone, admin in PEOPLE
        }
        others = add_more_people(sandbox)
        story.sandbox = sandbox
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

        print("Product Circle, a demo: a few months of a small PM community, told as it happened")
        print("(the real bot and its jobs, on a pretend Slack; times are London time)\n")
        story.dev(f"SQLite file {path}, Slack Web API at {sandbox.api_url}, community time {tz}")

        first_week_chapter(story, services, sandbox, driver, dispatcher, app.client, ids, others)

        print("\nWeekly pairings")
        pairing_chapter(story, services, sandbox, driver, dispatcher, {**ids, **others})

        print("\nAdmissions: the first cohort")
        intake_chapter(story, services, sandbox, driver, dispatcher, ids["ana"], {**ids, **others})

        print("\nCircles: forming them, and one circle's week")
        circle_chapter(story, services, sandbox, driver, dispatcher, app.client, {**ids, **others})

        print("\nMentors: two levels up, met monthly, prepared for")
        mentors_chapter(story, services, sandbox, driver, dispatcher, {**ids, **others})

        print("\nTiny lunches: six seats, shared fairly")
        lunch_chapter(
            story, services, sandbox, driver, dispatcher, clock, ids["ana"], {**ids, **others}
        )

        print("\nPrivacy: a member takes their data and leaves")
        privacy_chapter(story, services, sandbox, driver, dispatcher, ids["ana"])

        print("\nThe admins' pulse: are friendships forming?")
        pulse_chapter(story, services, sandbox, driver, dispatcher, ids["ben"], path)

        _where_things_stand(story, services, sandbox)
        if inspect is not None:
            inspect(sandbox)
    return 0


def _where_things_stand(story: Story, services: Services, sandbox: SlackSandbox) -> None:
    print("\nWhere things stand")
    with services.sessions() as session:
        statuses = dict(
            session.execute(select(Member.status, func.count()).group_by(Member.status)).all()
        )
        profiles = session.scalar(
            select(func.count()).where(Member.profile_updated_at.is_not(None))
        )
        outbox = counts(session)
    people = [
        plural(statuses.get(status, 0), word, many)
        for status, word, many in (
            ("active", "active member", None),
            ("paused", "paused member", None),
            ("applicant", "applicant", None),
            ("left", "person who left", "people who left"),
        )
        if statuses.get(status)
    ]
    print(f"  {and_list(people)}; {profiles} with a profile.")
    sent, waiting = outbox.get("sent", 0), outbox.get("pending", 0) + outbox.get("sending", 0)
    failed = outbox.get("failed", 0) + outbox.get("uncertain", 0)
    print(
        f"  {plural(sent, 'message')} delivered, each exactly once; "
        f"{waiting} waiting, {failed} that Slack refused."
    )
    calls = Counter(call.method for call in sandbox.calls)
    story.dev(f"outbox: {outbox}")
    story.dev(f"Slack API calls: {dict(sorted(calls.items()))}")
