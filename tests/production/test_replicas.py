"""Issue 7, test 3: two scheduler processes on one database fire the same jobs at the same
moments (the round on Monday 09:00, the follow-ups on Thursday); each job runs once per
period and each message reaches Slack once. CI runs this on PostgreSQL as well."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from storage.models import JobRun, OutboxMessage, PairingRound
from tests.production.conftest import bot_env, posted_keys, start_worker

BERLIN = ZoneInfo("Europe/Berlin")
MOMENTS = [
    datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN),  # the round
    datetime(2026, 11, 23, 9, 0, 5, tzinfo=BERLIN),  # the next dispatcher tick
    datetime(2026, 11, 26, 9, 5, tzinfo=BERLIN),  # follow-ups
]


def test_two_scheduler_replicas_run_each_job_once_and_send_each_message_once(
    live_sandbox: SlackSandbox, engine: Engine, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    sandbox = live_sandbox
    add_members(sandbox, sessions, ManualClock(MOMENTS[0] - timedelta(days=7)), 30)
    env = bot_env(sandbox, engine)
    replicas = [start_worker("replica", env, tmp_path) for _ in range(2)]
    try:
        for moment in MOMENTS:
            for replica in replicas:  # both fire at once, then race
                replica.stdin.write(  # type: ignore[union-attr]  # stdin is a PIPE
                    f"at {moment.isoformat()}\n"
                )
                replica.stdin.flush()  # type: ignore[union-attr]  # stdin is a PIPE
            for replica in replicas:
                line = replica.stdout.readline().strip()  # type: ignore[union-attr]  # a PIPE
                assert line == f"done {moment.isoformat()}", (
                    replica.stderr.read()  # type: ignore[union-attr]  # stderr is a PIPE
                )
        for replica in replicas:
            replica.stdin.write("quit\n")  # type: ignore[union-attr]  # stdin is a PIPE
            replica.stdin.flush()  # type: ignore[union-attr]  # stdin is a PIPE
            assert replica.wait(timeout=30) == 0, (
                replica.stderr.read()  # type: ignore[union-attr]  # stderr is a PIPE
            )
    finally:
        for replica in replicas:
            if replica.poll() is None:
                replica.kill()

    with sessions() as session:
        runs = session.execute(select(JobRun.job, JobRun.period_key, JobRun.claimed_by)).all()
        rounds = session.scalars(select(PairingRound.period_key)).all()
        outbox = session.scalars(select(OutboxMessage)).all()
    claims = Counter((job, period) for job, period, _ in runs)
    assert claims[("pairing", "2026-W48")] == 1
    assert claims[("member_sync", "2026-11-23")] == claims[("member_sync", "2026-11-26")] == 1
    assert set(claims.values()) == {1}
    assert rounds == ["2026-W48"]
    assert len(sandbox.calls_to("users.list")) == 2  # one sync a day, not one per replica

    intros = posted_keys(sandbox, "pairing:2026-W48:")
    followups = posted_keys(sandbox, "followup:")
    assert len(intros) == len(followups) == 15
    everything = posted_keys(sandbox)
    assert set(everything.values()) == {1}
    assert {row.status for row in outbox} == {"sent"}
    assert len(everything) == len(outbox)
