"""The demo's ending: two ordinary weeks of rounds and check-ins, then, Monday after the
round, the admins' pulse arrives as a DM with its chart, saved next to the demo database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.demo.community import next_monday_nine
from bot.demo.ordinary_weeks import ordinary_weeks
from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.pulse.delivery import pulse_time
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.transcript import block_lines
from bot.slack.words import plural
from jobs.pairing import run_weekly_round
from jobs.pulse import run_pulse


def pulse_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    admin: str,
    db_path: Path,
) -> Path | None:
    """``admin`` becomes a community admin (CIRCLEBOT_ADMINS) for the ending; returns where
    the chart was saved. The ordinary weeks first give the pulse a week to measure and a
    week before it to compare with."""
    ordinary_weeks(story, services, sandbox, driver, dispatcher)
    clock, settings = story.clock, services.settings
    next_monday_nine(clock, settings)
    run_weekly_round(services)
    dispatcher.drain()
    name = sandbox.user(admin).get("real_name") or admin
    settings.circlebot_admins = (*settings.circlebot_admins, admin)
    when = pulse_time(clock.now(), settings)
    if when <= clock.now():
        when = pulse_time(clock.now() + timedelta(weeks=1), settings)
    clock.set(when)
    started = clock.now()
    story.say(f"{name} is a community admin now. Monday after the round: the weekly pulse.")
    queued = run_pulse(services) or 0
    dispatcher.drain()
    story.detail(
        "Five lines, each with its change from the week before, and a chart of 12 weeks. "
        "Counts and rates only; a rate resting on fewer than 5 answers would show —."
    )
    story.dev(f"{plural(queued, 'message')} through the outbox: the five lines and the chart")
    for item in sandbox.seen_by(admin):
        if item.at >= started and item.kind == "message":
            lines = block_lines(item.blocks) if item.blocks else item.text.splitlines()
            print(f"   {story.stamp(item.at)}  DM to {name}")
            for line in lines:
                print(f"   {'':18}│ {line}")
    dm = sandbox.dm_channel(admin)
    charts = [f for f in sandbox.files_in(dm or "") if str(f["name"]).endswith(".png")]
    if not charts:
        print("\n   (no chart was sent)")
        return None
    chart = charts[-1]
    saved = db_path.resolve().with_name(f"{db_path.stem}-{chart['name']}")
    saved.write_bytes(chart["content"])
    print(f"\n   The chart is saved at {saved}")
    story.dev(f"chart: {len(chart['content']):,} bytes, PNG")
    return saved
