"""Issue 7, test 1: a dispatcher process SIGKILLed in the middle of a weekly round of 200
intros; a restarted one never sends an intro twice. With the optional history scopes it
delivers every intro exactly once; without them (the default install) the one intro that
was on its way when the process died is marked uncertain instead, and nothing else is lost.
"""

from __future__ import annotations

import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import run_round
from bot.platform.clock import SystemClock
from bot.platform.settings import Settings
from bot.sandbox import SlackSandbox
from bot.sandbox.webapi import Answer
from storage.models import OutboxMessage
from tests.bot.outbox.installs import BOTH_MODES, WITH_HISTORY
from tests.production.conftest import bot_env, posted_keys, start_worker, wait_until


@BOTH_MODES
def test_sigkill_mid_round_then_restart_never_sends_an_intro_twice(
    granted: tuple[str, ...],
    live_sandbox: SlackSandbox,
    engine: Engine,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
) -> None:
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
    workers: list[subprocess.Popen[str]] = []
    stored = sandbox.api_request
    posts = Counter[str]()

    def kill_before_answering(method: str, query: str, raw: bytes, headers: Any) -> Answer:
        # Slack stores the 41st intro, and the process dies before it hears so: the window.
        answer = stored(method, query, raw, headers)
        if method == "chat.postMessage" and answer.status == 200:
            posts[method] += 1
            if posts[method] == 41:
                workers[0].send_signal(signal.SIGKILL)
                workers[0].wait(timeout=30)
        return answer

    sandbox.api_request = kill_before_answering  # type: ignore[method-assign]
    workers.append(first := start_worker("dispatch", env, tmp_path))
    wait_until(lambda: first.poll() is not None, "the kill")
    assert first.returncode == -signal.SIGKILL
    assert sum(posted_keys(sandbox, "pairing:").values()) == 41, "the kill lands part-way"
    sandbox.api_request = stored  # type: ignore[method-assign]

    # The restarted process sees the dead one's leases as expired (5 minutes on).
    lease = OutboxDispatcher.lease.total_seconds() + 1
    second = start_worker("dispatch", env, tmp_path, "--clock-offset", str(lease))
    assert second.wait(timeout=120) == 0, second.stderr.read()  # type: ignore[union-attr]  # a PIPE

    delivered = posted_keys(sandbox, "pairing:")
    assert set(delivered.values()) == {1}  # none twice
    with sessions() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.idempotency_key.in_(intros))
        ).all()
    by_key = {row.idempotency_key: row for row in rows}
    uncertain = {key for key, row in by_key.items() if row.status == "uncertain"}
    if granted == WITH_HISTORY:
        assert set(delivered) == intros  # none lost: the one in flight was looked up
        assert uncertain == set()
    else:
        assert len(uncertain) == 1  # the one on its way when the process died
        assert set(delivered) == intros  # it had reached Slack; it was not sent again
    assert {row.status for row in rows} <= {"sent", "uncertain"}
    for call in sandbox.calls_to("chat.postMessage"):
        if call.ok:
            key = call.args["metadata"]["event_payload"]["outbox_key"]
            if key in by_key and key not in uncertain:
                assert by_key[key].slack_ts == call.response["ts"]  # the record matches Slack
