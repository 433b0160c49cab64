"""A newcomer's first week as they read it: every intro starts a different conversation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import member
from bot.members.profiles import ProfileUpdate
from bot.members.sync import apply_slack_user, save_profile
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.sandbox import Seen, SlackDriver, SlackSandbox
from tests.e2e.cohorts.flow import apply, card_buttons, latest_seen, review

MARK = "*Icebreaker:* "


def icebreaker(seen: Seen) -> str:
    """The icebreaker line a person reads in an intro."""
    for block in seen.blocks or []:
        text = (block.get("text") or {}).get("text", "")
        if MARK in text:
            return text.split(MARK, 1)[1]
    raise AssertionError(f"no icebreaker in {seen.text!r}")


def intros(sandbox: SlackSandbox, user: str) -> list[Seen]:
    return [
        s
        for s in sandbox.seen_by(user)
        if s.kind == "message" and any(MARK in str(b) for b in s.blocks or [])
    ]


def data_people(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock, count: int
) -> list[str]:
    """Members who all list only "data", which has a single matching icebreaker."""
    ids = []
    with sessions.begin() as session:
        for i, company in enumerate(["Northwind", "Initech", "Hooli", "Acme", "Stark"][:count]):
            user = sandbox.add_user(f"vet{i}", real_name=f"Vet {i}", tz="Europe/Berlin")
            apply_slack_user(session, user, now=clock.now())
            profile = ProfileUpdate(
                company=company,
                level="senior_pm",
                interests=("data",),
                tags=(),
                goals="Better metrics",
                tz_override=None,
            )
            save_profile(session, user["id"], profile, now=clock.now())
            ids.append(user["id"])
    return ids


def test_a_newcomers_first_week_intros_each_bring_a_different_icebreaker(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
) -> None:
    veterans = data_people(sandbox, sessions, clock, 5)
    lobby = sandbox.add_channel("announcements", members=[admin])
    driver.slash_command(admin, "/cohort", "open Spring 2027 spots=1", channel_id=lobby)
    dispatcher.drain()
    user = sandbox.add_user("raj", real_name="Raj", tz="Europe/Berlin")
    with sessions.begin() as session:
        apply_slack_user(session, user, now=clock.now())
    raj = user["id"]
    apply(driver, sandbox, raj, lobby, interests=["data"])
    page = review(driver, admin)
    value = card_buttons(page.blocks, raj)["cohort_admit"]
    driver.click(admin, "cohort_admit", value=value, message=(page.channel, page.ts))
    driver.slash_command(admin, "/cohort", "close")
    closing = latest_seen(sandbox, admin, "ephemeral", "response")
    driver.click(admin, "cohort_start", message=(closing.channel, closing.ts))
    for _ in range(8):  # the first week, one day at a time
        dispatcher.drain()
        clock.advance(timedelta(days=1))

    first_week = [icebreaker(s) for s in intros(sandbox, raj)]
    assert len(first_week) == 3
    assert len(set(first_week)) == 3, first_week  # three intros, three different openers
    # Each veteran Raj met read the same icebreaker Raj did, in the same group DM.
    met = [v for v in veterans if intros(sandbox, v)]
    assert sorted(icebreaker(intros(sandbox, v)[0]) for v in met) == sorted(first_week)

    # His first regular round: the opener is new to him as well.
    sits_out = member(sessions, raj).skip_period  # the round right after he joined
    while f"{clock.now():%G-W%V}" <= sits_out:
        clock.advance(timedelta(days=1))
    driver.slash_command(admin, "/pairing", "run")
    dispatcher.drain()
    regular = intros(sandbox, raj)[3:]
    assert len(regular) == 1
    assert icebreaker(regular[0]) not in first_week
