"""Issue 7, test 1: a dispatcher process SIGKILLed in the middle of a weekly round of 200
intros; a restarted one delivers every intro exactly once, and none is lost."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlalchemy import select

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import run_round
from bot.platform.clock import SystemClock
from storage.models import OutboxMessage
from tests.production.conftest import bot_env, posted_keys, start_worker, wait_until


def test_sigkill_mid_round_then_restart_delivers_each_intro_exactly_once(
    live_sandbox, engine, sessions, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sandbox, clock = live_sandbox, SystemClock()
    add_members(sandbox, sessions, clock, 400)
    with sessions.begin() as session:
        result = run_round(session, clock.now(), settings)
    assert result is not None
    with sessions() as session:
        intros = set(
            session.scalars(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.idempotency_key.like("pairing:%")
                )
            )
        )
    assert len(intros) == 200
    env = bot_env(sandbox, engine)

    first = start_worker("dispatch", env, tmp_path)
    wait_until(lambda: sum(posted_keys(sandbox, "pairing:").values()) >= 40, "40 intros")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    before_restart = posted_keys(sandbox, "pairing:")
    assert 40 <= sum(before_restart.values()) < 200, "the kill must land part-way"

    # The restarted process sees the dead one's leases as expired (5 minutes on).
    lease = OutboxDispatcher.lease.total_seconds() + 1
    second = start_worker("dispatch", env, tmp_path, "--clock-offset", str(lease))
    assert second.wait(timeout=120) == 0, second.stderr.read()  # type: ignore[union-attr]

    delivered = posted_keys(sandbox, "pairing:")
    assert set(delivered) == intros  # none lost
    assert set(delivered.values()) == {1}  # none twice
    with sessions() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.idempotency_key.in_(intros))
        ).all()
    assert {row.status for row in rows} == {"sent"}
    by_key = {row.idempotency_key: row for row in rows}
    for call in sandbox.calls_to("chat.postMessage"):
        if call.ok:
            key = call.args["metadata"]["event_payload"]["outbox_key"]
            if key in by_key:
                assert by_key[key].slack_ts == call.response["ts"]  # the record matches Slack
