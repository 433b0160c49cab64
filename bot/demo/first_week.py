"""The demo's first chapter: the bot starts, members write profiles, someone joins."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_sdk import WebClient

from bot.demo.pairings import seed_profiles
from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.words import plural
from jobs.members import run_member_sync
from jobs.outbox import dispatch_outbox


def first_week_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    client: WebClient,
    ids: dict[str, str],
    others: dict[str, str],
) -> None:
    """Profiles by command, by App Home and by the welcome DM; a 429 retried; a departure."""
    clock = story.clock
    story.say("The bot starts and reads who is in the workspace.")
    report = run_member_sync(services, client)
    if report:
        story.detail(
            f"It finds {plural(report.added, 'member')}; bots and Slackbot are never members."
        )
        story.dev(f"member sync: {report.as_dict()}")
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
    story.detail(f"A typo in her time zone keeps the form open: {reply.json['errors']['timezone']}")
    reply = driver.submit_view(ids["ana"], modal["id"], {**answers, "timezone": ""})
    story.detail("She fixes it and saves; her App Home now shows her profile.")
    story.dev(f"HTTP {reply.status}")

    clock.advance(timedelta(minutes=20))
    story.say("Ben opens the bot's Home tab and clicks 'Set up my profile'.")
    driver.app_home_opened(ids["ben"])
    home = sandbox.home(ids["ben"])
    assert home is not None, "App Home was published on app_home_opened"
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
    story.say("Dana joins the workspace. Slack asks the bot to slow down as it sends her welcome.")
    dana = sandbox.add_user("dana", real_name="Dana Ruiz", tz="America/Los_Angeles")
    ids["dana"] = dana["id"]
    driver.team_join(dana)
    sandbox.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=10)
    started = clock.now()
    delivered = dispatch_outbox(dispatcher)
    waited = int((clock.now() - started).total_seconds())
    story.detail(f"The bot waits as asked; her welcome arrives {waited} seconds later, once.")
    story.dev(f"dispatcher: sent {delivered.sent}, failed {delivered.failed}; 429 Retry-After")

    clock.advance(timedelta(days=1))
    story.say("Eli asks to see his profile, then leaves the company; Slack deactivates him.")
    driver.slash_command(ids["eli"], "/profile", "show")
    driver.user_change(sandbox.update_user(ids["eli"], deleted=True))

    clock.advance(timedelta(hours=1))
    story.say("Dana opens the welcome DM and sets up her profile from its button.")
    welcome = [s for s in sandbox.seen_by(ids["dana"]) if s.kind == "message"][-1]
    driver.click(ids["dana"], "profile_edit", message=welcome.message)
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
        story.print_seen(sandbox, uid, names[uid], until=first_week_ends)
