"""Members own their data: they can read what is kept, take it with them, and delete it."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import member
from bot.members.profiles import ProfileUpdate
from bot.members.sync import apply_slack_user, save_profile
from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.pairing.rounds import intro_key
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.sandbox import Reply, SlackDriver, SlackSandbox
from jobs.privacy import run_privacy
from storage.models import (
    FORMER,
    Application,
    AuditEntry,
    CheckinResponse,
    Circle,
    CircleMember,
    Cohort,
    DontPair,
    Friendship,
    Member,
    OutboxMessage,
    Pairing,
    PairingMember,
    PairingRound,
)
from storage.models.vault import VaultResource, VaultVote
from tests.conftest import postgres_only

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SECRET = "Sleeping badly since the reorg"


@pytest.fixture
def world(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock, settings: Settings
) -> tuple[dict[str, str], str]:
    """Zoë (the member who will leave), her pair Ben, her circle-mate Cy, admin Ada."""
    clock.set(START)
    users = {
        "zoe": sandbox.add_user("zoe", real_name="Zoë Quartermaine")["id"],
        "ben": sandbox.add_user("ben", real_name="Ben Okri")["id"],
        "cy": sandbox.add_user("cy", real_name="Cy Twombly")["id"],
        "ada": sandbox.add_user("ada", real_name="Ada Admin")["id"],
    }
    settings.circlebot_admins = (users["ada"],)
    channel = sandbox.add_channel("circle-otter", is_private=True, members=list(users.values()))
    with sessions.begin() as s:
        for uid in users.values():
            apply_slack_user(s, sandbox.user(uid), now=START)
        save_profile(
            s,
            users["zoe"],
            ProfileUpdate("Zed Corp", "pm", ("growth",), ("zoe-tag",), "Lead a team", None),
            now=START,
        )
        ids = {
            k: s.scalar(select(Member.id).where(Member.slack_user_id == v))
            for k, v in users.items()
        }
        rnd = PairingRound(period_key="2026-W48", week=100, seed=1, stats={}, created_at=START)
        s.add(rnd)
        s.flush()
        pairing = Pairing(
            round_id=rnd.id, week=100, shared=["growth"], icebreaker="?", created_at=START
        )
        s.add(pairing)
        s.flush()
        s.add_all(
            [
                PairingMember(
                    pairing_id=pairing.id, member_id=ids["zoe"], met="yes", meet_again=True
                ),
                PairingMember(
                    pairing_id=pairing.id, member_id=ids["ben"], met="yes", meet_again=True
                ),
                Friendship(
                    member_a=min(ids["zoe"], ids["ben"]),
                    member_b=max(ids["zoe"], ids["ben"]),
                    created_at=START,
                    last_paired_week=100,
                ),
                DontPair(member_id=ids["zoe"], other_id=ids["cy"], created_at=START),
            ]
        )
        cohort = Cohort(
            name="Spring",
            spots=5,
            taken=0,
            status="started",
            opened_by=users["zoe"],
            opened_at=START,
        )
        s.add(cohort)
        s.flush()
        s.add(
            Application(
                cohort_id=cohort.id,
                member_id=ids["zoe"],
                company="Zed Corp",
                role="PM",
                level="pm",
                years=4,
                interests=["growth"],
                wants="friends",
                status="admitted",
                submitted_at=START,
                updated_at=START,
                decided_by=users["ada"],
            )
        )
        circle = Circle(name="Otter", channel_id=channel, created_by=users["ada"], created_at=START)
        s.add(circle)
        s.flush()
        for who, role in (("zoe", "peer"), ("cy", "peer"), ("ada", "guide")):
            s.add(
                CircleMember(
                    member_id=ids[who],
                    circle_id=circle.id,
                    role=role,
                    joined_at=START,
                    invited_at=START,
                )
            )
        s.add(
            CheckinResponse(
                member_id=ids["zoe"],
                circle_id=circle.id,
                period_key="2026-W48",
                challenge=SECRET,
                mood=2,
                share_mood=True,
                rough_week=True,
                version=0,
                answered_at=START,
            )
        )
        mine = VaultResource(
            url="https://z.example/okr",
            url_key="z.example/okr",
            title="Zoë's OKR sheet",
            description="How I run OKRs",
            added_by=users["zoe"],
            votes=0,
            created_at=START,
            updated_at=START,
        )
        theirs = VaultResource(
            url="https://b.example/prd",
            url_key="b.example/prd",
            title="PRD outline",
            description="A PRD",
            added_by=users["ben"],
            votes=1,
            created_at=START,
            updated_at=START,
        )
        s.add_all([mine, theirs])
        s.flush()
        s.add(VaultVote(resource_id=theirs.id, user_id=users["zoe"], created_at=START))
    return users, channel


def open_modal_and_submit(
    driver: SlackDriver, sandbox: SlackSandbox, uid: str, values: dict
) -> Reply:
    driver.slash_command(uid, "/profile", "delete")
    modal = sandbox.open_modals(uid)[-1]
    return driver.submit_view(uid, modal["id"], values)


def rows_mentioning(engine: Engine, needles: list[str]) -> list[str]:
    """Every table, every row: where does any needle still appear (table names)?"""
    found = []
    with engine.connect() as c:
        for table in inspect(engine).get_table_names():
            if table == "alembic_version" or table.startswith("vault_fts_"):
                continue
            for row in c.execute(text(f'SELECT * FROM "{table}"')):
                blob = json.dumps([str(v) for v in row], ensure_ascii=False)
                if any(n in blob for n in needles):
                    found.append(table)
    return found


def test_privacy_says_who_sees_what(driver: SlackDriver, world: tuple[dict[str, str], str]) -> None:
    users, _ = world
    answer = driver.slash_command(users["zoe"], "/profile", "privacy").json["text"]
    assert "only your circle's private channel" in answer and "never what you wrote" in answer
    assert "deleted after 12 months" in answer and "after 30 days" in answer
    assert "seen by that lunch's table and guest" in answer


def test_export_sends_everything_as_a_file_once_an_hour_and_keeps_no_copy(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
    world: tuple[dict[str, str], str],
) -> None:
    users, _ = world
    zoe = users["zoe"]
    first = driver.slash_command(zoe, "/profile", "export").json["text"]
    assert first.startswith("Your data is on its way")
    again = driver.slash_command(zoe, "/profile", "export").json["text"]
    assert again.startswith("An export was made in the last hour")
    dispatcher.drain()
    [shared] = sandbox.files_in(sandbox.dm_channel(zoe))
    data = json.loads(shared["content"])
    assert data["profile"]["company"] == "Zed Corp" and data["profile"]["goals"] == "Lead a team"
    assert data["checkins"][0]["challenge"] == SECRET
    assert (
        data["pairings"][0]["with"] == ["Ben Okri"] and data["pairings"][0]["did_you_meet"] == "yes"
    )
    assert data["friends"] == ["Ben Okri"] and data["dont_pair_with"] == ["Cy Twombly"]
    assert data["applications"][0]["wants"] == "friends"
    assert data["vault_entries"][0]["title"] == "Zoë's OKR sheet"
    assert data["vault_votes"] == ["PRD outline"]
    with sessions() as s:
        [row] = s.scalars(
            select(OutboxMessage).where(OutboxMessage.idempotency_key.like("export:%"))
        )
        assert row.status == "sent" and SECRET not in json.dumps(row.payload)
        assert s.scalar(select(AuditEntry.action)) == "export"


def test_delete_leaves_only_an_opaque_id_and_the_audit_entry(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    engine: Engine,
    dispatcher: OutboxDispatcher,
    world: tuple[dict[str, str], str],
) -> None:
    users, channel = world
    zoe = users["zoe"]
    zoe_id = member(sessions, zoe).id
    driver.slash_command(users["ben"], "/profile", "show")  # Ben's things stay
    reply = open_modal_and_submit(driver, sandbox, zoe, {"vault": ["keep"]})
    assert reply.json["response_action"] == "update"
    dispatcher.drain()

    assert rows_mentioning(engine, [zoe, "Zoë Quartermaine", "Zed Corp", SECRET, "zoe-tag"]) == [
        "audit_log"
    ]
    with sessions() as s:
        tomb = s.get(Member, zoe_id)
        assert tomb.deleted_at is not None and tomb.slack_user_id.startswith("deleted-")
        # Ben's history keeps that he met someone; Zoë's answers are gone.
        rows = s.scalars(select(PairingMember).order_by(PairingMember.member_id)).all()
        assert {r.member_id for r in rows} == {zoe_id, member(sessions, users["ben"]).id}
        assert [r.met for r in rows if r.member_id == zoe_id] == [None]
        kept = s.scalar(select(VaultResource).where(VaultResource.title == "Zoë's OKR sheet"))
        assert kept.added_by == FORMER
        assert (
            s.scalar(select(VaultResource.votes).where(VaultResource.title == "PRD outline")) == 0
        )
        assert s.scalar(select(Cohort.opened_by)) == FORMER
        audit = s.scalars(select(AuditEntry)).all()
        assert [(a.action, a.actor, a.subject_id) for a in audit] == [("delete", zoe, zoe_id)]
    assert zoe not in sandbox.conversation_members(channel)
    assert sandbox.messages(channel)[-1]["text"] == "Zoë Quartermaine has left the circle."
    # Asking again is harmless.
    assert driver.slash_command(zoe, "/profile", "delete").json["text"].startswith("I don't hold")


def test_an_undelivered_intro_is_withdrawn_and_the_partner_told_without_keeping_the_id(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    engine: Engine,
    dispatcher: OutboxDispatcher,
    services: Services,
    world: tuple[dict[str, str], str],
) -> None:
    users, circle_channel = world
    zoe, ben = users["zoe"], users["ben"]
    with sessions.begin() as s:
        people = [member(sessions, zoe), member(sessions, ben)]
        key = intro_key("2026-W48", people)
        enqueue(
            s, [OutgoingMessage(key=key, text="Meet your pair", to_users=(zoe, ben))], now=START
        )

    open_modal_and_submit(driver, sandbox, zoe, {"vault": []})
    dispatcher.drain()

    seen = sandbox.seen_by(ben)
    told = [m for m in seen if m.kind == "message" and m.channel != circle_channel]
    assert [m.text.split(",")[0] for m in told] == ["Zoë Quartermaine has left the community"]
    assert "Meet your pair" not in {m.text for m in seen}
    assert rows_mentioning(engine, [zoe, "Zoë Quartermaine"]) == ["audit_log"]


def test_vault_entries_go_too_unless_kept(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    world: tuple[dict[str, str], str],
) -> None:
    users, _ = world
    open_modal_and_submit(driver, sandbox, users["zoe"], {"vault": []})
    with sessions() as s:
        titles = s.scalars(
            select(VaultResource.title).where(VaultResource.source == "member")
        ).all()
    assert titles == ["PRD outline"]


def test_admins_delete_on_request_and_others_cannot(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    world: tuple[dict[str, str], str],
) -> None:
    users, _ = world
    zoe = "@" + sandbox.user(users["zoe"])["name"]
    refused = driver.slash_command(users["ben"], "/cohort", f"member delete {zoe}")
    assert refused.json["text"].startswith("Only community admins")
    assert member(sessions, users["zoe"]) is not None
    done = driver.slash_command(users["ada"], "/cohort", f"member delete {zoe}")
    assert (
        done.json["text"]
        == f"<@{users['zoe']}>'s data is deleted; the audit log records that you asked."
    )
    with sessions() as s:
        assert s.scalar(select(AuditEntry.actor)) == users["ada"]
    assert member(sessions, users["zoe"]) is None


def test_an_admin_export_speaks_of_the_member_not_of_the_admin(
    driver: SlackDriver, sandbox: SlackSandbox, world: tuple[dict[str, str], str]
) -> None:
    users, _ = world
    zoe, ada = users["zoe"], users["ada"]
    typed = "@" + sandbox.user(zoe)["name"]
    first = driver.slash_command(ada, "/cohort", f"member export {typed}").json["text"]
    assert first == f"<@{zoe}>'s data is on its way to their DM with me as a JSON file."
    again = driver.slash_command(ada, "/cohort", f"member export {typed}").json["text"]
    assert again.startswith(f"An export for <@{zoe}> was made in the last hour")
    stranger = sandbox.add_user("newcomer")["id"]  # in Slack, never seen by the bot
    nobody = driver.slash_command(ada, "/cohort", "member export @newcomer").json["text"]
    assert nobody == f"I hold nothing about <@{stranger}>."
    unknown = driver.slash_command(ada, "/cohort", "member export @nobody").json["text"]
    assert unknown.startswith("I couldn't find @nobody in this workspace.")


def test_when_slack_keeps_someone_in_the_circle_channel_they_are_told_to_leave_it(
    driver: SlackDriver, sandbox: SlackSandbox, world: tuple[dict[str, str], str]
) -> None:
    users, channel = world
    sandbox.fail_next("conversations.kick", "restricted_action")
    reply = open_modal_and_submit(driver, sandbox, users["zoe"], {"vault": []})
    text = reply.json["view"]["blocks"][0]["text"]["text"]
    assert text.startswith("Your data is deleted.")
    assert f"I couldn't take you out of <#{channel}>" in text


def test_the_daily_job_drops_old_checkins_and_deactivated_members_after_the_grace(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    clock: ManualClock,
    world: tuple[dict[str, str], str],
) -> None:
    users, _ = world
    clock.set(START + timedelta(days=200))
    driver.user_change(sandbox.update_user(users["cy"], deleted=True))
    clock.set(START + timedelta(days=200 + 29))
    assert run_privacy(services).members == 0  # within the grace period
    clock.set(START + timedelta(days=200 + 31))
    assert run_privacy(services).members == 1
    assert member(sessions, users["cy"]) is None
    clock.set(START + timedelta(days=370))
    assert run_privacy(services).checkins == 1  # Zoë's year-old answer


@postgres_only
def test_two_replicas_running_the_daily_job_at_once_delete_a_member_once(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    clock: ManualClock,
    world: tuple[dict[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first run holds the member's row while it deletes; the second waits for it,
    then finds the member already deleted. Without the lock both would delete."""
    users, _ = world
    clock.set(START + timedelta(days=1))
    driver.user_change(sandbox.update_user(users["cy"], deleted=True))
    clock.set(START + timedelta(days=40))
    import jobs.privacy

    real, both = jobs.privacy.delete_member, threading.Barrier(2)

    def overlapping(*args: Any, **kwargs: Any) -> Any:
        # Wait for the other run to get here too: it cannot while the row is held.
        with contextlib.suppress(threading.BrokenBarrierError):
            both.wait(timeout=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs.privacy, "delete_member", overlapping)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: run_privacy(services).members, range(2)))
    assert sorted(runs) == [0, 1]
    with sessions() as s:
        assert s.scalars(select(AuditEntry.action)).all() == ["delete"]


def test_checkin_text_never_reaches_logs_admin_views_or_other_outboxes(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    dispatcher: OutboxDispatcher,
    world: tuple[dict[str, str], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    users, channel = world
    caplog.set_level(logging.DEBUG)
    driver.slash_command(users["cy"], "/circle", "checkin")
    modal = sandbox.open_modals(users["cy"])[-1]
    driver.submit_view(
        users["cy"], modal["id"], {"win": SECRET, "mood": "1", "ticks": ["rough_week"]}
    )
    for sub in ("rates", "status"):
        driver.slash_command(users["ada"], "/circle", sub)
    driver.slash_command(users["ada"], "/cohort", "status")
    dispatcher.drain()
    assert SECRET not in caplog.text
    admin_saw = " ".join(
        s.text + str(s.blocks) for s in sandbox.seen_by(users["ada"]) if s.channel != channel
    )
    assert SECRET not in admin_saw
    with sessions() as s:
        rows = s.scalars(select(OutboxMessage)).all()
    carrying = [
        r.payload["to"] for r in rows if SECRET in json.dumps(r.payload, ensure_ascii=False)
    ]
    assert carrying and all(to == {"channel": channel} for to in carrying)


def test_a_crash_half_way_through_deletes_nothing(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    world: tuple[dict[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One transaction: if anything fails, the member and all their data are untouched."""
    import bot.privacy.deletion as deletion

    def crash(*args: object, **kwargs: object) -> NoReturn:
        raise RuntimeError("power cut")

    monkeypatch.setattr(deletion, "_tombstone", crash)
    users, _ = world
    open_modal_and_submit(driver, sandbox, users["zoe"], {"vault": []})
    with sessions() as s:
        zoe = s.scalar(select(Member).where(Member.slack_user_id == users["zoe"]))
        assert zoe is not None and zoe.company == "Zed Corp"
        assert s.scalar(select(CheckinResponse.challenge)) == SECRET
        members_entries = select(VaultResource).where(VaultResource.source == "member")
        assert len(s.scalars(members_entries).all()) == 2
        assert s.scalar(select(AuditEntry.id)) is None


def test_delete_removes_messages_that_name_the_member_and_keeps_the_rest(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    world: tuple[dict[str, str], str],
) -> None:
    """Found through indexes: recipients, mentions, and their check-in answer's post."""
    users, channel = world
    zoe, ben, cy = users["zoe"], users["ben"], users["cy"]
    with sessions.begin() as s:
        answer = s.scalar(select(CheckinResponse.id))
        enqueue(
            s,
            [
                OutgoingMessage.dm(zoe, "to-zoe", "Your week"),
                OutgoingMessage.dm(cy, "nudge-cy", f"A short DM to <@{zoe}> could help"),
                OutgoingMessage(
                    key=f"checkin:{answer}:v0", text="*Zoë Quartermaine*", channel=channel
                ),
                OutgoingMessage.dm(ben, "to-ben", "Your week"),
                OutgoingMessage(key="header", text="Week of 23 Nov", channel=channel),
            ],
            now=START,
        )
    open_modal_and_submit(driver, sandbox, zoe, {"vault": []})
    with sessions() as s:
        keys = set(s.scalars(select(OutboxMessage.idempotency_key)))
    assert {"to-ben", "header"} <= keys
    assert not keys & {"to-zoe", "nudge-cy", f"checkin:{answer}:v0"}
