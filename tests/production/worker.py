"""A bot process for production tests, configured like `circlebot` (environment settings).

    python -m tests.production.worker dispatch [--clock-offset SECONDS]
        deliver the outbox until nothing is left to send, then exit
    python -m tests.production.worker replica
        a scheduler replica on a test clock: for each line ``at <ISO time>`` on stdin it
        sets its clock, fires every job the real scheduler has (jobs.scheduler), drains
        the outbox and prints ``done <ISO time>``; ``quit`` ends it

The clock offset lets a restarted dispatcher see the killed one's leases as expired
without the test waiting five real minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.platform.clock import ManualClock, SystemClock
from bot.platform.runtime import build_services, check_slack, slack_client
from bot.platform.services import Services
from bot.platform.settings import load_settings
from jobs.outbox import make_dispatcher
from jobs.scheduler import build_scheduler
from storage.models import OutboxMessage


class OffsetClock(SystemClock):
    def __init__(self, offset: float) -> None:
        self.offset = timedelta(seconds=offset)

    def now(self) -> datetime:
        return super().now() + self.offset


def unfinished(services: Services) -> int:
    with services.sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status.in_(("pending", "sending")))
        )


def dispatch(offset: float) -> int:
    services = build_services(load_settings(), OffsetClock(offset), migrate=False)
    client = slack_client(services)
    check_slack(client)  # as `circlebot run` does: the token, and the scopes granted
    dispatcher = make_dispatcher(services, client)
    print("ready", flush=True)
    for _ in range(10_000):
        dispatcher.drain()
        if unfinished(services) == 0:
            return 0
        time.sleep(0.05)  # rows parked by a transient error; a real process waits too
    return 1


def replica() -> int:
    clock = ManualClock(datetime(2000, 1, 1, tzinfo=SystemClock().now().tzinfo))
    services = build_services(load_settings(), clock, migrate=False)
    client = slack_client(services)
    check_slack(client)
    scheduler = build_scheduler(services, client)  # never started: the test fires its jobs
    jobs = scheduler.get_jobs()
    dispatcher = make_dispatcher(services, client)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, moment = line.strip().partition(" ")
        if command == "quit":
            return 0
        clock.set(datetime.fromisoformat(moment))
        for job in jobs:
            job.func(*job.args, **job.kwargs)
        dispatcher.drain()
        print(f"done {moment}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["dispatch", "replica"])
    parser.add_argument("--clock-offset", type=float, default=0.0)
    args = parser.parse_args()
    return dispatch(args.clock_offset) if args.mode == "dispatch" else replica()


if __name__ == "__main__":
    sys.exit(main())
