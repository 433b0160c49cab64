"""`/pairing history` reads plain columns in two statements: a trio still lists both of the
others, and a member's own intros never show up in someone else's history."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from tests.e2e.pairing.steps import run


def test_a_trio_lists_both_others_and_only_ones_own_intros(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 3)
    run(sessions, clock, settings, dispatcher)
    for me in ids:
        text = driver.slash_command(me, "/pairing", "history").text
        others = [uid for uid in ids if uid != me]
        assert f"<@{others[0]}> and <@{others[1]}> (no answer)" in text
        assert f"<@{me}>" not in text
        assert text.count("\n• ") == 1  # one intro, listed once
