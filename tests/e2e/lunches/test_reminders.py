"""Reminders on each person's own clock, the weekend Europe moves to summer time: the day
before at 09:00 where each of them lives, and an hour before for all."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.members.sync import apply_slack_user
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.lunches import run_lunches
from tests.e2e.lunches.steps import ask_for_seat, messages_to, plan

ZONES = {"bea": "Europe/Berlin", "lars": "Europe/London", "nora": "America/New_York"}


def at(clock: ManualClock, services: Services, dispatcher: OutboxDispatcher, *when: int) -> None:
    """Set the clock to this UTC time (year, month, day, hour, minute) and run the job."""
    year, month, day, hour, minute = when
    clock.set(datetime(year, month, day, hour, minute, tzinfo=UTC))
    run_lunches(services)
    dispatcher.drain()


def test_day_before_reminders_follow_each_members_clock_across_the_dst_change(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
) -> None:
    clock.set(datetime(2027, 3, 20, 9, 0, tzinfo=UTC))
    ids = {}
    with sessions.begin() as session:
        for name, tz in ZONES.items():
            user = sandbox.add_user(name, real_name=name.capitalize(), tz=tz)
            apply_slack_user(session, user, now=clock.now())
            ids[name] = user["id"]
    channel = sandbox.add_channel("lunches", members=[*ids.values(), circlebot_admin])
    plan(
        driver,
        sandbox,
        circlebot_admin,
        channel,
        guest_name="Priya Nair",
        date="2027-03-29",
        time="12:30",
        close_date="2027-03-26",
        close_time="17:00",
        seats="3",
    )
    dispatcher.drain()
    [post] = sandbox.messages(channel)
    for uid in ids.values():
        ask_for_seat(driver, sandbox, uid, (channel, post["ts"]), "")
    at(clock, services, dispatcher, 2027, 3, 26, 16, 0)
    for uid in ids.values():
        [seat] = messages_to(sandbox, uid, "You have a seat")
        driver.click(uid, "lunch_confirm", message=seat.message)
    [nora_seat] = messages_to(sandbox, ids["nora"], "You have a seat")
    assert "Mon 29 Mar, 06:30 (your time)" in nora_seat.text
    [bea_seat] = messages_to(sandbox, ids["bea"], "You have a seat")
    assert "Mon 29 Mar, 12:30 (your time)" in bea_seat.text

    def reminded() -> set[str]:
        return {n for n, uid in ids.items() if messages_to(sandbox, uid, "Tomorrow")}

    at(clock, services, dispatcher, 2027, 3, 28, 6, 55)  # 08:55 summer time in Berlin
    assert reminded() == set()
    at(clock, services, dispatcher, 2027, 3, 28, 7, 0)  # 09:00 in Berlin
    assert reminded() == {"bea"}
    at(clock, services, dispatcher, 2027, 3, 28, 8, 0)  # 09:00 in London
    assert reminded() == {"bea", "lars"}
    at(clock, services, dispatcher, 2027, 3, 28, 13, 0)  # 09:00 in New York
    assert reminded() == {"bea", "lars", "nora"}
    at(clock, services, dispatcher, 2027, 3, 28, 13, 5)
    assert all(len(messages_to(sandbox, uid, "Tomorrow")) == 1 for uid in ids.values())

    at(clock, services, dispatcher, 2027, 3, 29, 9, 25)
    assert not any(messages_to(sandbox, uid, "In an hour") for uid in ids.values())
    at(clock, services, dispatcher, 2027, 3, 29, 9, 30)
    [hour] = messages_to(sandbox, ids["nora"], "In an hour")
    assert "at 06:30 (your time)" in hour.text
