"""`circlebot demo`: the real app and the real jobs against the local Slack sandbox.

Nothing here is mocked but Slack itself: requests are signed and go through Bolt's
verification and routing, data lands in a fresh SQLite file through the Alembic schema,
messages go through the outbox and the dispatcher job. The story is told on a manual
clock, so a week of community life takes a second. Each feature adds its chapter.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select

from bot.app import build_app
from bot.demo.circles import circle_chapter
from bot.demo.intake import intake_chapter
from bot.demo.pairings import add_more_people, pairing_chapter, seed_profiles
from bot.demo.privacy import privacy_chapter
from bot.outbox.queue import counts
from bot.platform.clock import ManualClock
from bot.platform.runtime import build_services
from bot.platform.settings import Settings
from bot.platform.web import make_wsgi_app
from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport
from bot.slack.transcript import block_lines, view_lines
from jobs.members import run_member_sync
from jobs.outbox import dispatch_outbox, make_dispatcher
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


class Story:
    """Prints the narration on the demo clock."""

    def __init__(self, clock: ManualClock, tz: ZoneInfo) -> None:
        self.clock, self.tz = clock, tz

    def stamp(self, moment: datetime | None = None) -> str:
        return (moment or self.clock.now()).astimezone(self.tz).strftime("%a %d %b %H:%M")

    def say(self, text: str) -> None:
        print(f"{self.stamp()}  {text}")

    def detail(self, text: str) -> None:
        for line in text.splitlines():
            print(f"{'':19}{line}")


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

        story.say("The bot starts. Migrations ran; the member sync job reads users.list.")
        report = run_member_sync(services, app.client)
        story.detail(f"members: {report.as_dict() if report else 'already synced today'}")
        seed_profiles(services, others)
        story.detail(f"{len(others)} of them wrote their profiles earlier.")

        story.say("Ana types `/profile help`, then `/profile` and saves a profile.")
        driver.slash_command(ids["ana"], "/profile", "help")
        driver.slash_command(ids["ana"], "/profile")
        modal = sandbox.views(ids["ana"])[-1]
        answers: dict[str, Any] = {
            "company": "Northwind",
            "level": "senior_pm",
            "interests": ["growth", "experimentation", "leadership"],
            "tags": "zero-to-one, pricing",
            "goals": "Grow into a group PM role and hire two APMs.",
            "timezone": "Mars/Olympus_Mons",
        }
        reply = driver.submit_view(ids["ana"], modal["id"], answers)
        story.detail(f"a typo in the time zone keeps the modal open: {reply.json['errors']}")
        reply = driver.submit_view(ids["ana"], modal["id"], {**answers, "timezone": ""})
        story.detail(f"fixed and saved (HTTP {reply.status}); her App Home now shows it")

        clock.advance(timedelta(minutes=20))
        story.say("Ben opens the bot's Home tab and clicks 'Set up my profile'.")
        driver.app_home_opened(ids["ben"])
        home = sandbox.home(ids["ben"])
        driver.click(ids["ben"], "profile_edit", view_id=home["id"])
        modal = sandbox.views(ids["ben"])[-1]
        driver.submit_view(
            ids["ben"],
            modal["id"],
            {"company": "Globex", "level": "pm", "interests": ["growth", "platform"]},
        )

        clock.advance(timedelta(hours=2))
        story.say("Chen searches the vault, asks about his circle, and mistypes a command.")
        for text in ("/vault search gtm", "/circle status", "/circle dance"):
            command, _, rest = text.partition(" ")
            reply = driver.slash_command(ids["chen"], command, rest)
            story.detail(f"{text} → {reply.text.splitlines()[0]}")

        clock.advance(timedelta(hours=3))
        story.say("Dana joins the workspace (team_join). Slack rate-limits the first DM.")
        dana = sandbox.add_user("dana", real_name="Dana Ruiz", tz="America/Los_Angeles")
        ids["dana"] = dana["id"]
        driver.team_join(dana)
        sandbox.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=10)
        started = clock.now()
        delivered = dispatch_outbox(dispatcher)
        waited = int((clock.now() - started).total_seconds())
        story.detail(
            f"dispatcher: sent {delivered.sent}, failed {delivered.failed}; the 429 was "
            f"retried after its Retry-After, {waited} s later on the demo clock"
        )

        clock.advance(timedelta(days=1))
        story.say("Eli asks to see his profile, then leaves the company; Slack deactivates him.")
        driver.slash_command(ids["eli"], "/profile", "show")
        driver.user_change(sandbox.update_user(ids["eli"], deleted=True))

        clock.advance(timedelta(hours=1))
        story.say("Dana opens the welcome DM and sets up her profile from its button.")
        welcome = [s for s in sandbox.seen_by(ids["dana"]) if s.kind == "message"][-1]
        driver.click(ids["dana"], "profile_edit", message=(welcome.channel, welcome.ts))
        modal = sandbox.views(ids["dana"])[-1]
        driver.submit_view(
            ids["dana"],
            modal["id"],
            {"company": "Initech", "level": "apm", "interests": ["ai_ml", "discovery"]},
        )

        print("\nWhat each of the first five members saw in their first week")
        names = {uid: name for name, uid in ids.items()}
        first_week_ends = clock.now() + timedelta(days=6)
        for uid in ids.values():
            _print_seen(story, sandbox, uid, names[uid], until=first_week_ends)

        print("\nWeekly pairings")
        pairing_chapter(story, services, sandbox, driver, dispatcher, {**ids, **others})

        print("\nAdmissions: the first cohort")
        intake_chapter(story, services, sandbox, driver, dispatcher, ids["ana"], {**ids, **others})

        print("\nCircles: forming them, and one circle's week")
        circle_chapter(story, services, sandbox, driver, dispatcher, app.client, {**ids, **others})

        print("\nPrivacy: a member takes their data and leaves")
        privacy_chapter(story, services, sandbox, driver, dispatcher, ids["ana"])

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
    return 0


def _print_seen(
    story: Story, sandbox: SlackSandbox, user_id: str, name: str, *, until: datetime
) -> None:
    user = sandbox.user(user_id)
    print(f"\n── {user.get('real_name') or name} ({user_id}) " + "─" * 30)
    seen = [item for item in sandbox.seen_by(user_id) if item.at < until]
    if not seen:
        print("   (nothing)")
    for item in seen:
        if item.kind in ("modal", "home") and item.view:
            lines = view_lines(item.view)
        else:
            lines = block_lines(item.blocks) if item.blocks else item.text.splitlines()
        label = {"message": "DM", "home": "Home tab"}.get(item.kind, item.kind)
        print(f"   {story.stamp(item.at)}  {label}")
        for line in lines[:14]:
            print(f"   {'':18}│ {line}")
        if len(lines) > 14:
            print(f"   {'':18}│ … ({len(lines) - 14} more lines)")
