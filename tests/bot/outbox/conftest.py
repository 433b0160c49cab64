"""The outbox's tests run against an installation whose granted scopes Slack announces
(the default install unless a test asks for ``granted``: installs.BOTH_MODES), under the
strictest history limits Slack sets: 1 request a minute, at most 15 messages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from tests.bot.outbox.installs import DEFAULT


@pytest.fixture
def granted() -> tuple[str, ...]:
    return DEFAULT


@pytest.fixture
def sandbox(clock: ManualClock, granted: tuple[str, ...]) -> Iterator[SlackSandbox]:
    with SlackSandbox(clock=clock, scopes=granted, history_limits=True) as sandbox:
        yield sandbox
    assert sandbox.errors == [], "the Slack sandbox hit an internal error"
