"""The weekly round end to end: who is paired, what they receive, and that it happens once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members, member
from bot.members.sync import get_member
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import run_round
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.pairing import run_weekly_round
from storage.models import JobRun, OutboxMessage, Pairing, PairingRound


def intro_dms(sandbox: SlackSandbox, user_id: str) -> list:
    return [
        s for s in sandbox.seen_by(user_id) if s.kind == "message" and "Meet your pair" in s.text
    ]


def test_admin_runs_the_round_and_everyone_gets_one_group_dm(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 6, admin=True)

    reply = driver.slash_command(ids[0], "/pairing", "run")
    dispatcher.drain()

    assert "eligible 6 · paired 6 (3 pairs, 0 trios)" in reply.text
    for uid in ids:
        [intro] = intro_dms(sandbox, uid)
        members = sandbox.conversation_members(intro.channel)
        assert uid in members and len([m for m in members if m != sandbox.bot_user_id]) == 2
        assert "Icebreaker" in " ".join(b.get("text", {}).get("text", "") for b in intro.blocks)
    assert len(sandbox.calls_to("conversations.open")) == 3


def test_running_twice_in_a_period_changes_nothing(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 4, admin=True)
    driver.slash_command(ids[0], "/pairing", "run")
    again = driver.slash_command(ids[0], "/pairing", "run")
    dispatcher.drain()

    assert again.text == "This week's round has already run. Nothing was sent twice."
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(PairingRound)) == 1
        assert s.scalar(select(func.count()).select_from(Pairing)) == 2
    assert len(sandbox.calls_to("chat.postMessage")) == 2


def test_a_member_cannot_preview_or_run(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    ids = add_members(sandbox, sessions, clock, 4)
    for sub in ("preview", "run"):
        assert driver.slash_command(ids[1], "/pairing", sub).text.startswith(
            "Only community admins"
        )
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(PairingRound)) == 0


def test_a_workspace_admin_not_synced_yet_can_preview(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    add_members(sandbox, sessions, clock, 4)
    newcomer = sandbox.add_user("owner", real_name="New Owner", is_admin=True)["id"]
    preview = driver.slash_command(newcomer, "/pairing", "preview").text
    assert "(preview: nothing sent)" in preview
    assert sandbox.calls_to("users.info")  # looked up once, as for every admin command


def test_preview_shows_the_round_that_will_run(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    ids = add_members(sandbox, sessions, clock, 9, admin=True)
    preview = driver.slash_command(ids[0], "/pairing", "preview").text
    run = driver.slash_command(ids[0], "/pairing", "run").text
    assert "(preview: nothing sent)" in preview and "(already sent)" in run
    assert preview.splitlines()[1:] == run.splitlines()[1:-1]
    assert "1 trio)" in preview and "1 trios" not in preview
    assert sandbox.calls_to("chat.postMessage") == []  # preview alone sent nothing


@pytest.mark.parametrize(
    ("count", "pairs", "trios", "unpaired"),
    [(0, 0, 0, 0), (1, 0, 0, 1), (2, 1, 0, 0), (3, 0, 1, 0), (21, 9, 1, 0), (100, 50, 0, 0)],
)
def test_acceptance_sizes(
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    count: int,
    pairs: int,
    trios: int,
    unpaired: int,
) -> None:
    add_members(sandbox, sessions, clock, count)
    with sessions.begin() as s:
        result = run_round(s, clock.now(), settings)
    assert result is not None
    stats = result.plan.stats()
    assert (stats["pairs"], stats["trios"], len(stats["unpaired"])) == (pairs, trios, unpaired)
    assert stats["paired"] == count - unpaired
    assert stats["repeats"] == 0


def test_one_member_alone_is_told_kindly(
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    [solo] = add_members(sandbox, sessions, clock, 1)
    with sessions.begin() as s:
        run_round(s, clock.now(), settings)
    dispatcher.drain()
    [note] = [s for s in sandbox.seen_by(solo) if s.kind == "message"]
    assert note.text.startswith("There was nobody to pair you with this week")


def test_paused_opted_out_skipping_and_departed_are_counted_apart(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
) -> None:
    ids = add_members(sandbox, sessions, clock, 10)
    driver.slash_command(ids[0], "/pairing", "pause 3w")
    driver.slash_command(ids[1], "/pairing", "skip")
    with sessions.begin() as s:
        opted = get_member(s, ids[2])
        opted.status, opted.paused_until = "paused", None  # paused until they resume
    driver.user_change(sandbox.update_user(ids[3], deleted=True))

    with sessions.begin() as s:
        stats = run_round(s, clock.now(), settings).plan.stats()

    assert {k: stats[k] for k in ("eligible", "paused", "opted_out", "skipped", "left")} == {
        "eligible": 6,
        "paused": 1,
        "opted_out": 1,
        "skipped": 1,
        "left": 1,
    }


def test_a_pause_ends_by_itself(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
) -> None:
    ids = add_members(sandbox, sessions, clock, 4)
    reply = driver.slash_command(ids[0], "/pairing", "pause 2w")
    assert reply.text.startswith("Paused for 2 weeks, until")
    for week in range(3):
        with sessions.begin() as s:
            stats = run_round(s, clock.now() + timedelta(weeks=week), settings).plan.stats()
        assert stats["paused"] == (1 if week < 2 else 0)
    assert member(sessions, ids[0]).status == "active"


def test_bad_pause_input_explains_itself(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    [uid] = add_members(sandbox, sessions, clock, 1)
    for text in ("pause", "pause forever", "pause 0w", "pause 99w"):
        assert driver.slash_command(uid, "/pairing", text).text.startswith("Tell me for how long")
    assert member(sessions, uid).status == "active"


def test_the_scheduled_round_claims_its_period_once(
    services: Services, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    add_members(sandbox, sessions, clock, 4)
    assert run_weekly_round(services) is not None
    assert run_weekly_round(services) is None
    with sessions() as s:
        [run] = s.scalars(select(JobRun).where(JobRun.job == "pairing")).all()
        assert run.status == "done" and run.detail["paired"] == 4


def test_a_bot_that_starts_days_late_does_not_send_stale_intros(
    services: Services, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    add_members(sandbox, sessions, clock, 4)
    clock.advance(timedelta(days=3))  # Thursday: too late for this week's intros
    assert run_weekly_round(services) is None
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 0
