"""After the intro: suggest times, skip, not a fit, did you meet, meet again, friendship."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members, next_monday_nine
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.feedback import NOT_YOURS
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.sandbox import Seen, SlackDriver, SlackSandbox
from jobs.pairing import send_followups
from storage.models import DontPair, Friendship, PairingMember
from tests.e2e.pairing.steps import run


def latest(sandbox: SlackSandbox, user_id: str, starts: str) -> Seen | None:
    found = [
        s for s in sandbox.seen_by(user_id) if s.kind == "message" and s.text.startswith(starts)
    ]
    return found[-1] if found else None


def notes(sandbox: SlackSandbox, user_id: str) -> list[str]:
    return [s.text for s in sandbox.seen_by(user_id) if s.kind in ("ephemeral", "response")]


def choose_privately(
    driver: SlackDriver, sandbox: SlackSandbox, user_id: str, intro: Seen, action_id: str
) -> None:
    """Click "Can't make it?" under the intro, then a choice only this person sees."""
    driver.click(user_id, "pairing_private", message=(intro.channel, intro.ts))
    private = [s for s in sandbox.seen_by(user_id) if s.kind == "ephemeral" and s.blocks][-1]
    assert private.text.startswith("Only you can see this.")
    driver.click(user_id, action_id, message=private.message)


def partner_of(sandbox: SlackSandbox, user_id: str) -> str:
    intro = [
        s
        for s in sandbox.seen_by(user_id)
        if s.kind == "message" and s.text.startswith(("Meet your pair", "Time to catch up"))
    ][-1]
    return next(
        m
        for m in sandbox.conversation_members(intro.channel)
        if m not in (user_id, sandbox.bot_user_id)
    )


def test_suggest_times_posts_three_slots_in_both_time_zones(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    a, _b = add_members(sandbox, sessions, clock, 2)
    run(sessions, clock, settings, dispatcher)
    intro = latest(sandbox, a, "Meet your pair")

    driver.click(a, "pairing_times", message=(intro.channel, intro.ts))
    dispatcher.drain()

    poll = latest(sandbox, a, "Which works?")
    assert poll is not None and poll.channel == intro.channel
    assert poll.text.count(";") == 2  # three options
    driver.click(a, "pairing_time_slot:1", message=(poll.channel, poll.ts))
    dispatcher.drain()
    assert latest(sandbox, a, f"<@{a}> picked") is not None


def test_skip_tells_the_partner(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    a, b = add_members(sandbox, sessions, clock, 2)
    run(sessions, clock, settings, dispatcher)
    intro = latest(sandbox, a, "Meet your pair")

    choose_privately(driver, sandbox, a, intro, "pairing_skip")
    choose_privately(driver, sandbox, a, intro, "pairing_skip")
    dispatcher.drain()

    skips = [s for s in sandbox.seen_by(b) if s.kind == "message" and "can't make it" in s.text]
    assert len(skips) == 1
    assert notes(sandbox, a)[-1] == "You've already skipped this one."


def test_not_a_fit_is_private_and_lasts(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 4)
    a = ids[0]
    run(sessions, clock, settings, dispatcher)
    b = partner_of(sandbox, a)
    intro = latest(sandbox, a, "Meet your pair")
    before = len(sandbox.seen_by(b))
    in_the_group_dm = [
        e["text"]["text"]
        for block in intro.blocks or []
        for e in block.get("elements", [])
        if e["type"] == "button"
    ]
    assert "Not a fit" not in in_the_group_dm and "Skip this week" not in in_the_group_dm

    choose_privately(driver, sandbox, a, intro, "pairing_not_fit")

    assert "We won't pair you with" in notes(sandbox, a)[-1]
    assert len(sandbox.seen_by(b)) == before  # the partner learns nothing
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(DontPair)) == 1
    for _ in range(6):  # with 4 people, a repeat would come quickly; never this one
        next_monday_nine(clock, settings)
        run(sessions, clock, settings, dispatcher)
        assert partner_of(sandbox, a) != b


def test_a_forged_click_on_someone_elses_intro_changes_nothing(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    a, _b, _c, _d = add_members(sandbox, sessions, clock, 4)
    run(sessions, clock, settings, dispatcher)
    intro = latest(sandbox, a, "Meet your pair")
    stranger = next(u for u in (_b, _c, _d) if u not in sandbox.conversation_members(intro.channel))
    sandbox.add_channel("tamper", members=[stranger])  # the stranger can see the message
    choose_privately(driver, sandbox, stranger, intro, "pairing_not_fit")
    assert notes(sandbox, stranger)[-1] == NOT_YOURS
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(DontPair)) == 0


def test_followup_then_meet_again_makes_friends_who_are_paired_again(
    driver: SlackDriver,
    services: Services,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    # 12 people: small enough that week 6's best plan for later weeks would rather split
    # the friends; a due re-pairing wins over that lookahead.
    ids = add_members(sandbox, sessions, clock, 12)
    a = ids[0]
    run(sessions, clock, settings, dispatcher)
    b = partner_of(sandbox, a)

    clock.advance(timedelta(days=2, hours=22))  # Thursday 08:00 Berlin: too early
    assert send_followups(services) == 0
    clock.advance(timedelta(hours=1))  # Thursday 09:00 Berlin
    assert send_followups(services) == 6
    assert send_followups(services) == 0  # asked once
    dispatcher.drain()

    for who, other in ((a, b), (b, a)):
        followup = latest(sandbox, who, "Did you meet")
        driver.click(who, "pairing_met:yes", message=(followup.channel, followup.ts))
        assert notes(sandbox, who)[-1].startswith(
            f"Great! Would you like to meet <@{other}> again?"
        )
        prompt = [s for s in sandbox.seen_by(who) if s.kind in ("ephemeral", "response")][-1]
        driver.click(who, "pairing_again:yes", message=(prompt.channel, prompt.ts))
    dispatcher.drain()

    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Friendship)) == 1
        assert {r.met for r in s.scalars(select(PairingMember)) if r.meet_again} == {"yes"}
    assert latest(sandbox, a, ":tada:") is not None

    partners = []
    for _week in range(6):
        next_monday_nine(clock, settings)
        run(sessions, clock, settings, dispatcher)
        partners.append(partner_of(sandbox, a))
    assert b not in partners[:5]  # no repeat while others are new
    assert partners[5] == b  # the deliberate re-pairing, six weeks on
    intro = latest(sandbox, a, "Time to catch up")
    assert intro is not None


def test_history_lists_who_i_met(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    a, b = add_members(sandbox, sessions, clock, 2)
    assert driver.slash_command(a, "/pairing", "history").text.startswith("No intros yet")
    run(sessions, clock, settings, dispatcher)
    text = driver.slash_command(a, "/pairing", "history").text
    assert f"<@{b}>" in text and "(no answer)" in text


def test_three_ignored_intros_bring_one_question_about_pausing(
    driver: SlackDriver,
    services: Services,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 4)
    for _week in range(5):
        run(sessions, clock, settings, dispatcher)
        clock.advance(timedelta(days=3))
        send_followups(services)
        dispatcher.drain()
        next_monday_nine(clock, settings)
    for uid in ids:
        asks = [s for s in sandbox.seen_by(uid) if "went unanswered" in s.text]
        assert len(asks) == 1
    ask = next(s for s in sandbox.seen_by(ids[0]) if "went unanswered" in s.text)
    driver.click(ids[0], "pairing_pause_4w", message=(ask.channel, ask.ts))
    assert notes(sandbox, ids[0])[-1].startswith("Paused for 4 weeks")
