"""App Home's mentoring line: a member sees how to find a mentor, then who they asked, then
their mentor and the next session day; the mentor sees their mentee. Never the goal."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from tests.e2e.mentors.steps import GOAL, ask_button, find, offer, paired


def home_of(driver: SlackDriver, sandbox: SlackSandbox, uid: str) -> str:
    driver.app_home_opened(uid)
    return str(sandbox.home(uid))


def test_the_home_tab_shows_how_to_find_a_mentor_then_who_was_asked(
    people: dict[str, str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    ana, ben, vic = people["ana"], people["ben"], people["vic"]
    assert "Looking for a mentor two levels up? `/mentor find`" in home_of(driver, sandbox, ana)
    assert "Would you mentor members two levels below you? `/mentor offer`" in home_of(
        driver, sandbox, vic
    )

    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(view, "Ben"), view_id=view["id"])
    assert "You've asked Ben Ito; I'll tell you when they answer." in home_of(driver, sandbox, ana)
    assert "Your offer to mentor is open" in home_of(driver, sandbox, ben)


def test_a_pair_sees_each_other_and_the_next_session_day(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = people["ana"], people["ben"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    paired(driver, sandbox, dispatcher, ana, ben, "Ben", day=15)

    home = home_of(driver, sandbox, ana)
    assert "Your mentor: Ben Ito, next session Tue 15 Dec." in home
    assert "You mentor Ana Okafor, next session Tue 15 Dec." in home_of(driver, sandbox, ben)
    assert GOAL not in home

    clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))  # after the first session
    assert "Your mentor: Ben Ito, next session Fri 15 Jan." in home_of(driver, sandbox, ana)
