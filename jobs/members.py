"""Daily reconciliation of the member list with Slack's users.list.

Events keep members current between runs; this catches anything an event missed
(the bot was down, a retry was dropped). Claimed once per day across replicas.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from slack_sdk import WebClient

from bot.members.sync import SyncReport, sync_members
from bot.platform.periods import day_key
from bot.platform.services import Services
from storage.job_runs import claim, finish
from storage.models import JobRunStatus

log = logging.getLogger(__name__)

JOB = "member_sync"
PAGE_SIZE = 200  # users.list is Tier 2: always page with a limit


def fetch_users(client: WebClient, page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    cursor: str | None = None
    while True:
        response = client.users_list(limit=page_size, cursor=cursor)
        yield from response.get("members", [])
        cursor = (response.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return


def run_member_sync(services: Services, client: WebClient) -> SyncReport | None:
    """Sync once for today; None when another run already claimed today."""
    clock = services.clock
    period = day_key(clock.now(), services.settings.timezone)
    if not claim(services.sessions, JOB, period, clock=clock):
        return None
    try:
        users = list(fetch_users(client))
        with services.sessions.begin() as session:
            report = sync_members(session, users, now=clock.now())
    except Exception:
        finish(services.sessions, JOB, period, clock=clock, status=JobRunStatus.FAILED)
        log.exception("member sync failed for %s", period)
        raise
    finish(services.sessions, JOB, period, clock=clock, detail=report.as_dict())
    log.info("member sync %s: %s", period, report.as_dict())
    return report
