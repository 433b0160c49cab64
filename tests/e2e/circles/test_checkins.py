"""A circle's week through the sandbox: prompts in each member's zone, the modal, answers in
the circle's thread only, a rough-week nudge, one last call, and the guide's digest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import member
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.circles import run_checkins
from storage.models import CheckinResponse, Member
from tests.e2e.circles.steps import WIN, check_in


def prompts(sandbox: SlackSandbox, uid: str, word: str = "weekly check-in") -> list:
    return [s for s in sandbox.seen_by(uid) if s.kind == "message" and word in s.text]


def at(clock: ManualClock, services: Services, hhmm: str, day: int = 24) -> int:
    hour, minute = (int(p) for p in hhmm.split(":"))
    clock.set(datetime(2026, 11, day, hour, minute, tzinfo=UTC))
    return run_checkins(services)


def test_each_member_is_asked_at_ten_in_their_own_time_zone(
    circle: tuple[dict[str, str], str],
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids, _ = circle
    assert at(clock, services, "00:59") == 0
    assert at(clock, services, "01:00") == 1  # 10:00 in Tokyo
    assert at(clock, services, "08:59") == 0
    assert at(clock, services, "09:00") == 1  # 10:00 in Berlin
    assert at(clock, services, "15:00") == 1  # 10:00 in New York
    assert at(clock, services, "15:05") == 0  # asked once
    dispatcher.drain()
    for name in ("tomo", "bea", "nora"):
        assert len(prompts(sandbox, ids[name])) == 1
    assert prompts(sandbox, ids["gil"]) == []  # the guide does not check in


def test_answers_go_to_the_circle_thread_only_and_a_rough_week_nudges_the_others(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids, channel = circle
    at(clock, services, "09:00")
    dispatcher.drain()
    prompt = prompts(sandbox, ids["bea"])[-1]
    driver.click(ids["bea"], "circle_checkin_open", message=(prompt.channel, prompt.ts))
    modal = sandbox.open_modals(ids["bea"])[-1]
    answers = {"win": WIN, "challenge": "", "help_wanted": "Hiring", "mood": "2"}
    driver.submit_view(ids["bea"], modal["id"], {**answers, "ticks": ["rough_week"]})
    dispatcher.drain()

    header, reply = sandbox.messages(channel)
    assert "check-ins for the week of 23 Nov" in header["text"]
    assert reply["thread_ts"] == header["ts"]
    posted = str(reply["blocks"])
    assert WIN in posted and "Hiring" in posted and "Mood" not in posted  # mood not shared
    for mate in ("tomo", "nora", "gil"):
        [nudge] = [s for s in sandbox.seen_by(ids[mate]) if "rough week" in s.text]
        assert f"<@{ids['bea']}>" in nudge.text and WIN not in nudge.text
    assert not any(
        "rough week" in s.text for s in sandbox.seen_by(ids["bea"]) if s.kind == "message"
    )

    # Answering again edits the same reply; the nudge is not sent twice.
    check_in(
        driver,
        sandbox,
        ids["bea"],
        win=WIN + " (and it converts)",
        mood="2",
        ticks=["share_mood", "rough_week"],
    )
    dispatcher.drain()
    header, reply = sandbox.messages(channel)
    assert "(and it converts)" in str(reply["blocks"]) and "Mood:* 2" in str(reply["blocks"])
    assert sum("rough week" in s.text for s in sandbox.seen_by(ids["gil"])) == 1

    # The answer's text went to the circle's channel and nowhere else.
    calls = sandbox.calls_to("chat.postMessage") + sandbox.calls_to("chat.update")
    assert {call.args["channel"] for call in calls if WIN in str(call.args)} == {channel}


def test_one_last_call_only_for_those_who_neither_answered_nor_skipped(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids, _ = circle
    for hhmm in ("01:00", "09:00", "15:00"):
        at(clock, services, hhmm)
    check_in(driver, sandbox, ids["tomo"], win=WIN)
    assert driver.slash_command(ids["bea"], "/circle", "skip").json["text"].startswith("Skipped")
    for day, hhmm in ((26, "01:00"), (26, "09:00"), (26, "15:00"), (27, "15:00")):
        at(clock, services, hhmm, day=day)
    dispatcher.drain()
    assert prompts(sandbox, ids["tomo"], "Last call") == []
    assert prompts(sandbox, ids["bea"], "Last call") == []
    assert len(prompts(sandbox, ids["nora"], "Last call")) == 1


def test_the_guide_gets_names_and_counts_on_friday_never_the_answers(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids, _ = circle
    for hhmm in ("01:00", "09:00", "15:00"):
        at(clock, services, hhmm)
    check_in(driver, sandbox, ids["tomo"], win=WIN)
    driver.slash_command(ids["bea"], "/circle", "skip")
    assert at(clock, services, "15:00", day=26) == 1  # Nora's last call, Thursday
    assert at(clock, services, "14:59", day=27) == 0
    assert at(clock, services, "15:00", day=27) == 1  # Friday 16:00 in Berlin
    dispatcher.drain()
    [digest] = [s for s in sandbox.seen_by(ids["gil"]) if "checked in" in s.text]
    assert digest.text.endswith(": 1 of 3 peers checked in, 1 skipping this week.")
    shown = str(digest.blocks)
    assert f"<@{ids['nora']}> hasn't checked in yet. A friendly hello in the thread?" in shown
    assert WIN not in shown and "nobody" not in shown


def test_status_shows_each_members_state_and_not_their_answers(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
) -> None:
    ids, channel = circle
    at(clock, services, "15:00")
    check_in(driver, sandbox, ids["tomo"], win=WIN)
    driver.slash_command(ids["bea"], "/circle", "skip")
    text = driver.slash_command(ids["nora"], "/circle", "status").json["text"]
    assert f"*Your circle: Otter* (<#{channel}>)" in text
    assert f"<@{ids['tomo']}> — answered" in text and f"<@{ids['bea']}> — skipped" in text
    assert f"<@{ids['gil']}> — guide" in text and WIN not in text


@pytest.mark.parametrize(
    ("answers", "block", "says"),
    [
        ({}, "win", "Write at least one answer"),
        ({"challenge": "x" * 1001}, "challenge", "Keep it to 1000 characters"),
    ],
)
def test_empty_or_overlong_answers_keep_the_modal_open(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    sessions: sessionmaker[Session],
    answers: dict[str, str],
    block: str,
    says: str,
) -> None:
    ids, _ = circle
    reply = check_in(driver, sandbox, ids["tomo"], **answers)
    assert reply.json["response_action"] == "errors"
    assert reply.json["errors"][block].startswith(says)
    assert sandbox.open_modals(ids["tomo"])  # still open with what they typed
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(CheckinResponse)) == 0


def test_members_outside_a_circle_are_told_kindly(
    driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    loner = sandbox.add_user("lone")["id"]
    for sub in ("checkin", "skip", "status"):
        assert (
            driver.slash_command(loner, "/circle", sub)
            .json["text"]
            .startswith("You're not in a circle yet")
        )


def test_quiet_two_weeks_running_is_flagged_only_after_two_asked_weeks(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids, _ = circle
    for day, hhmm in ((24, "01:00"), (24, "09:00"), (24, "15:00"), (27, "15:00")):
        at(clock, services, hhmm, day=day)
    check_in(driver, sandbox, ids["tomo"], win=WIN)
    check_in(driver, sandbox, ids["bea"], win=WIN)
    dispatcher.drain()
    first = [str(s.blocks) for s in sandbox.seen_by(ids["gil"]) if "checked in" in s.text]
    assert first and "quiet" not in first[-1]  # one silent week is just a week

    clock.set(datetime(2026, 12, 1, 0, 0, tzinfo=UTC))
    for day, hhmm in ((1, "01:00"), (1, "09:00"), (1, "15:00"), (4, "15:00")):
        clock.set(datetime(2026, 12, day, *map(int, hhmm.split(":")), tzinfo=UTC))
        run_checkins(services)
    dispatcher.drain()
    second = [s for s in sandbox.seen_by(ids["gil"]) if "checked in" in s.text][-1]
    assert "week of 30 Nov" in second.text and "W49" not in second.text
    assert f"<@{ids['nora']}> has been quiet two weeks running. A short DM" in str(second.blocks)


def test_a_second_run_at_the_same_moment_sends_nothing_twice(
    circle: tuple[dict[str, str], str],
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    """A second replica (or a restart) running the same tick queues no duplicate."""
    ids, _ = circle
    assert at(clock, services, "01:00") == 1
    assert at(clock, services, "09:00") == 1
    assert run_checkins(services) == 0
    dispatcher.drain()
    assert len(prompts(sandbox, ids["bea"])) == 1


def test_admin_views_show_counts_and_deleting_a_member_deletes_their_answers(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    ids, _ = circle
    settings.circlebot_admins = (ids["gil"],)
    at(clock, services, "09:00")
    check_in(driver, sandbox, ids["bea"], win=WIN)
    rates = driver.slash_command(ids["gil"], "/circle", "rates").json["text"]
    assert "*Otter* — 1 of 3 peers checked in." in rates and WIN not in rates
    assert "skipped" not in rates and "skipping" not in rates  # no "0 skipped" noise
    bea = member(sessions, ids["bea"]).id
    with sessions.begin() as s:
        s.delete(s.get(Member, bea))
    with sessions() as s:
        left = select(func.count()).where(CheckinResponse.member_id == bea)
        assert s.scalar(left) == 0
        assert s.scalar(select(func.count()).select_from(CheckinResponse)) == 1  # Tomo's week


def test_admins_see_a_circle_quiet_two_weeks_first_with_a_move_to_make(
    circle: tuple[dict[str, str], str],
    driver: SlackDriver,
    services: Services,
    clock: ManualClock,
    settings: Settings,
) -> None:
    ids, _ = circle
    settings.circlebot_admins = (ids["gil"],)
    for hhmm in ("01:00", "09:00", "15:00"):  # week of 23 Nov: asked, nobody answers
        at(clock, services, hhmm)
    first = driver.slash_command(ids["gil"], "/circle", "rates").json["text"]
    assert first.startswith("*Check-ins, week of 23 Nov* — 1 circle, 3 peers;")
    assert "*Otter* — 3 peers, check-ins still to come." in first
    assert "Might need a hand" not in first  # one quiet week is just a week

    for hhmm in ("01:00", "09:00", "15:00"):  # week of 30 Nov: still nobody
        clock.set(datetime(2026, 12, 1, *map(int, hhmm.split(":")), tzinfo=UTC))
        run_checkins(services)
    rates = driver.slash_command(ids["gil"], "/circle", "rates").json["text"]
    lines = rates.splitlines()
    assert lines[0].startswith("*Check-ins, week of 30 Nov*")
    assert lines[1:3] == [
        "*Might need a hand*",
        "• *Otter* has had no check-ins last week or so far this week. "
        f"A word with <@{ids['gil']}>, its guide, could help it restart.",
    ]
    assert not any(word in rates for word in ("nobody", " 0 ", "%", "W49"))
