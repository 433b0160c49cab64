"""The rhythm job in a mentee's own clock: the recap prompt comes at 09:00 New York time two
days before each session, on both sides of the day clocks spring forward, once each month
however often the job runs."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.mentors import run_mentoring
from tests.e2e.mentors.steps import offer, paired

PROMPT = "Your session with Ben Ito is on"


def test_recap_prompts_at_nine_new_york_time_across_the_spring_change(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = people["ana"], people["ben"]
    driver.user_change(sandbox.update_user(ana, tz="America/New_York"))
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    paired(driver, sandbox, dispatcher, ana, ben, "Ben", day=16)  # first session Wed 16 Dec

    def prompts() -> list[str]:
        run_mentoring(services)
        run_mentoring(services)  # a second run (or replica) sends nothing more
        dispatcher.drain()
        return [s.text for s in sandbox.seen_by(ana) if s.text.startswith(PROMPT)]

    # Sun 14 Feb, 09:00 EST is 14:00 UTC; Sun 14 Mar (clocks went forward at 02:00) 09:00
    # EDT is 13:00 UTC.
    for before, at, session in (
        (datetime(2027, 2, 14, 13, 59), datetime(2027, 2, 14, 14, 0), "Tue 16 Feb"),
        (datetime(2027, 3, 14, 12, 59), datetime(2027, 3, 14, 13, 0), "Tue 16 Mar"),
    ):
        clock.set(before.replace(tzinfo=UTC))
        seen = prompts()
        clock.set(at.replace(tzinfo=UTC))
        assert prompts()[len(seen) :] == [f"{PROMPT} {session}. Send a recap beforehand?"]
