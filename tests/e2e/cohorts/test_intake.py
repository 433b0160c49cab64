"""A whole intake through the sandbox: open → apply → review → close → start."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members, member
from bot.members.sync import apply_slack_user
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import Application, OutboxMessage, Pairing, PairingMember, PairingRound
from tests.e2e.cohorts.flow import (
    ANSWERS,
    apply,
    button_message,
    card_buttons,
    dm_texts,
    latest_seen,
    review,
)


@pytest.fixture
def lobby(sandbox: SlackSandbox, admin: str) -> str:
    return sandbox.add_channel("announcements", members=[admin])


def newcomer(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock, name: str
) -> str:
    user = sandbox.add_user(name, real_name=name.capitalize())
    with sessions.begin() as session:
        apply_slack_user(session, user, now=clock.now())
    return user["id"]


def click_card(driver: SlackDriver, admin: str, action: str, who: str) -> None:
    page = review(driver, admin)
    value = card_buttons(page.blocks, who)[action]
    driver.click(admin, action, value=value, message=(page.channel, page.ts))


def test_open_apply_review_close_start_sends_welcomes_and_intros_once(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
) -> None:
    veterans = add_members(sandbox, sessions, clock, 4)
    reply = driver.slash_command(admin, "/cohort", "open Spring 2027 spots=2", channel_id=lobby)
    assert "*Spring 2027* is open with 2 spots." in reply.json["text"]
    dispatcher.drain()
    assert button_message(sandbox, lobby, "cohort_apply")["text"].startswith(
        "Applications are open for Spring 2027"
    )

    # Three people join the workspace after admissions began: applicants, not members.
    ann, bob, cyd = (newcomer(sandbox, sessions, clock, n) for n in ("ann", "bob", "cyd"))
    assert member(sessions, ann).status == "applicant"
    for who in (ann, bob, cyd):
        sent, _modal = apply(driver, sandbox, who, lobby)
        assert sent.status == 200
        assert "Your application is in" in str(sandbox.open_modals(who)[-1]["blocks"])

    # Ann edits her pending application: still one application, now with her new role.
    apply(driver, sandbox, ann, lobby, role="Group PM")
    with sessions() as s:
        rows = s.scalars(select(Application).order_by(Application.id)).all()
        assert [a.status for a in rows] == ["pending"] * 3
        assert rows[0].role == "Group PM"

    click_card(driver, admin, "cohort_admit", ann)
    click_card(driver, admin, "cohort_admit", bob)
    click_card(driver, admin, "cohort_admit", cyd)  # no spot left: offered the waitlist
    full = latest_seen(sandbox, admin, "ephemeral", "response")
    assert full.text == "Both spots in Spring 2027 are taken."
    driver.click(admin, "cohort_waitlist", message=(full.channel, full.ts))
    dispatcher.drain()

    assert "You've been admitted to Spring 2027" in dm_texts(sandbox, ann)
    assert any("waitlist (number 1)" in t for t in dm_texts(sandbox, cyd))
    with sessions() as s:
        decided = {a.member_id: a for a in s.scalars(select(Application))}
        assert {a.decided_by for a in decided.values()} == {admin}

    driver.slash_command(admin, "/cohort", "close")
    closing = latest_seen(sandbox, admin, "ephemeral", "response")
    assert (
        "Applications for *Spring 2027* are closed. 2 admitted."
        in closing.blocks[0]["text"]["text"]
    )
    driver.click(admin, "cohort_start", message=(closing.channel, closing.ts))
    driver.click(admin, "cohort_start", value=closing.blocks[-1]["elements"][0]["value"])
    dispatcher.drain()
    dispatcher.drain()

    started = clock.now()
    for who in (ann, bob):
        got = member(sessions, who)
        assert got.status == "active" and got.company == "Globex" and got.has_profile
        welcome = f"Welcome to Product Circle, {got.real_name}! Spring 2027 starts today."
        assert dm_texts(sandbox, who)[-1] == welcome  # the welcome first, nothing else yet
        assert got.skip_period == "2026-W49"  # the next Monday round: they sit it out
    # The first week: at most one intro a day each, never on Monday (the round's day).
    days: dict[str, list[str]] = {ann: [], bob: []}
    for _ in range(7):
        clock.advance(timedelta(days=1))
        dispatcher.drain()
        for who in (ann, bob):
            intros = [t for t in dm_texts(sandbox, who) if t.startswith("A first-week intro")]
            if len(intros) > len(days[who]):
                days[who].append(clock.now().strftime("%a"))
                assert len(intros) == len(days[who])
    for who in (ann, bob):
        assert 2 <= len(days[who]) <= 3 and "Mon" not in days[who]
    assert clock.now() - started == timedelta(days=7)
    assert member(sessions, cyd).status == "applicant"
    assert any("started without a spot for you" in t for t in dm_texts(sandbox, cyd))
    with sessions() as s:
        onboarding = s.scalar(select(PairingRound).where(PairingRound.kind == "onboarding"))
        assert onboarding is not None and onboarding.stats["newcomers"] == 2
        intro_count = s.scalar(select(func.count()).select_from(Pairing))
        keys = s.scalars(select(OutboxMessage.idempotency_key)).all()
    assert intro_count == onboarding.stats["intros"] >= 4
    assert len(keys) == len(set(keys))
    veteran_ids = {member(sessions, v).id for v in veterans}
    newcomer_ids = {member(sessions, who).id for who in (ann, bob)}
    with sessions() as s:
        groups: dict[int, set[int]] = {}
        for row in s.scalars(select(PairingMember)):
            groups.setdefault(row.pairing_id, set()).add(row.member_id)
    for group in groups.values():  # each intro: one newcomer, one existing member
        assert len(group & newcomer_ids) == 1 and len(group & veteran_ids) == 1
    load = Counter(v for group in groups.values() for v in group & veteran_ids)
    assert max(load.values()) <= 2
    # The second Start (a stale or forged click) changes nothing and says so.
    assert any("has already started" in t for t in dm_texts(sandbox, admin))


def test_a_declined_invitation_goes_to_the_first_on_the_waitlist(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
) -> None:
    driver.slash_command(admin, "/cohort", "open Summer spots=1", channel_id=lobby)
    dispatcher.drain()
    ann, bob, cyd = (newcomer(sandbox, sessions, clock, n) for n in ("ann", "bob", "cyd"))
    for who in (ann, bob, cyd):
        apply(driver, sandbox, who, lobby)
    click_card(driver, admin, "cohort_admit", ann)
    click_card(driver, admin, "cohort_waitlist", bob)
    click_card(driver, admin, "cohort_waitlist", cyd)
    dispatcher.drain()

    invitation = latest_seen(sandbox, ann, "message")
    driver.click(ann, "cohort_withdraw", message=(invitation.channel, invitation.ts))
    dispatcher.drain()

    assert latest_seen(sandbox, ann, "ephemeral", "response").text.startswith(
        "Thank you for telling us."
    )
    assert "a spot opened up" in str(latest_seen(sandbox, bob, "message").blocks)
    with sessions() as s:
        status = {a.member_id: a.status for a in s.scalars(select(Application))}
    assert sorted(status.values()) == ["admitted", "waitlisted", "withdrawn"]
    assert status[member(sessions, bob).id] == "admitted"


def test_an_admitted_person_who_leaves_the_workspace_frees_the_spot(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
) -> None:
    driver.slash_command(admin, "/cohort", "open Autumn spots=1", channel_id=lobby)
    dispatcher.drain()
    ann, bob = (newcomer(sandbox, sessions, clock, n) for n in ("ann", "bob"))
    for who in (ann, bob):
        apply(driver, sandbox, who, lobby)
    click_card(driver, admin, "cohort_admit", ann)
    click_card(driver, admin, "cohort_waitlist", bob)

    driver.user_change(sandbox.update_user(ann, deleted=True))
    dispatcher.drain()

    assert any("a spot opened up" in str(s.blocks) for s in sandbox.seen_by(bob))
    driver.slash_command(admin, "/cohort", "status")
    status = latest_seen(sandbox, admin, "ephemeral", "response").text
    assert "0 pending, 1 admitted, 0 waitlisted, 0 declined, 1 withdrawn" in status
    assert "Spots left: 0 of 1." in status


def test_closed_applications_answer_the_apply_button(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
) -> None:
    driver.slash_command(admin, "/cohort", "open Winter", channel_id=lobby)
    dispatcher.drain()
    driver.slash_command(admin, "/cohort", "close")
    late = newcomer(sandbox, sessions, clock, "late")
    announcement = button_message(sandbox, lobby, "cohort_apply")
    driver.click(late, "cohort_apply", message=(lobby, announcement["ts"]))

    assert latest_seen(sandbox, late, "ephemeral", "response").text.startswith(
        "Applications for this cohort are closed."
    )
    assert sandbox.open_modals(late) == []


def test_decline_asks_for_a_private_note_that_only_the_applicant_sees(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
) -> None:
    driver.slash_command(admin, "/cohort", "open Pilot", channel_id=lobby)
    dispatcher.drain()
    ann = newcomer(sandbox, sessions, clock, "ann")
    apply(driver, sandbox, ann, lobby)
    click_card(driver, admin, "cohort_decline", ann)
    modal = sandbox.open_modals(admin)[-1]
    driver.submit_view(admin, modal["id"], {"note": "Try again once you lead a team."})
    dispatcher.drain()

    [declined] = [t for t in dm_texts(sandbox, ann) if "can't offer you a spot" in t]
    assert "Try again once you lead a team." in declined
    admin_saw = " ".join(s.text + str(s.blocks) for s in sandbox.seen_by(admin))
    assert "Try again once you lead a team." not in admin_saw
    page = latest_seen(sandbox, admin, "ephemeral", "response")
    assert "No applications are waiting for review" in page.text


def test_an_application_is_kept_and_reaches_the_review_channel_despite_a_slack_outage(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    admin: str,
    lobby: str,
    settings: Settings,
) -> None:
    review_channel = sandbox.add_channel("admissions", members=[admin])
    settings.cohort_review_channel = review_channel
    driver.slash_command(admin, "/cohort", "open Resilient", channel_id=lobby)
    dispatcher.drain()
    ann = newcomer(sandbox, sessions, clock, "ann")

    sandbox.fail_next("chat.postMessage", times=3)  # Slack fails right after the submission
    sent, _ = apply(driver, sandbox, ann, lobby)
    dispatcher.drain()
    assert sent.status == 200
    with sessions() as s:
        assert s.scalar(select(Application.wants)) == ANSWERS["wants"]
    assert all(
        m["text"] != "New application to Resilient from Ann"
        for m in sandbox.messages(review_channel)
    )

    for _ in range(30):
        clock.advance(timedelta(minutes=10))
        dispatcher.drain()
    card = button_message(sandbox, review_channel, "cohort_admit")
    assert card["text"] == "New application to Resilient from Ann"
    driver.click(admin, "cohort_admit", message=(review_channel, card["ts"]))
    assert "Admitted by" in str(sandbox.message(review_channel, card["ts"])["blocks"])
