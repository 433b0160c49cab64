"""APScheduler wiring: every scheduled job in one table.

Each scheduler process keeps its own in-memory job store (APScheduler 3 cannot share one
across processes); the job-run claims make a second replica harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.platform.settings import Settings
from jobs.circle_channels import set_up_circles
from jobs.circles import run_checkins
from jobs.lunches import run_lunches
from jobs.members import run_member_sync
from jobs.mentors import run_mentoring
from jobs.outbox import dispatch_outbox, make_dispatcher
from jobs.pairing import run_weekly_round, send_followups
from jobs.privacy import run_privacy
from jobs.pulse import run_pulse

log = logging.getLogger(__name__)

OUTBOX_EVERY_SECONDS = 5
CHECKIN_EVERY_MINUTES = 5  # prompts are per member time zone, so they are checked often
MENTOR_EVERY_MINUTES = 5  # recap prompts and fit questions are per person's time zone
LUNCH_EVERY_MINUTES = 5  # draws at each lunch's close, reminders in each member's zone
WEEKLY_GRACE_SECONDS = 6 * 3600  # a weekly job delayed by a busy box still runs
DEFAULT_GRACE_SECONDS = 3600


@dataclass(frozen=True)
class Runtime:
    """What a job may need: the process's services, its Slack client and its dispatcher."""

    services: Services
    client: WebClient
    dispatcher: OutboxDispatcher


@dataclass(frozen=True)
class Job:
    id: str
    run: Callable[[Runtime], object]
    trigger: Callable[[Settings], BaseTrigger]
    grace_seconds: int = DEFAULT_GRACE_SECONDS


def _at(time_of_day: str, settings: Settings, **fields: str) -> CronTrigger:
    hour, minute = (int(part) for part in time_of_day.split(":"))
    return CronTrigger(hour=hour, minute=minute, timezone=settings.timezone, **fields)


JOBS: tuple[Job, ...] = (
    Job(
        "outbox_dispatch",
        lambda rt: dispatch_outbox(rt.dispatcher, rt.services.settings.circlebot_admins),
        lambda s: IntervalTrigger(seconds=OUTBOX_EVERY_SECONDS, timezone=s.timezone),
        grace_seconds=OUTBOX_EVERY_SECONDS * 6,
    ),
    Job(
        "member_sync",
        lambda rt: run_member_sync(rt.services, rt.client),
        lambda s: _at(s.member_sync_time, s),
    ),
    Job(
        "pairing_round",
        lambda rt: run_weekly_round(rt.services),
        # Day names, never numbers: APScheduler 3 counts 0 as Monday.
        lambda s: _at(s.pairing_time, s, day_of_week=s.pairing_day),
        grace_seconds=WEEKLY_GRACE_SECONDS,
    ),
    Job(
        "pairing_followups",
        lambda rt: send_followups(rt.services),
        # hourly: each pairing's own time is checked
        lambda s: CronTrigger(minute=5, timezone=s.timezone),
    ),
    Job(
        "privacy",
        lambda rt: run_privacy(rt.services),
        lambda s: _at(s.privacy_time, s),
    ),
    Job(
        "circle_setup",
        lambda rt: set_up_circles(rt.services, rt.client),
        lambda s: IntervalTrigger(minutes=1, timezone=s.timezone),
    ),
    Job(
        "circle_checkins",
        lambda rt: run_checkins(rt.services),
        lambda s: IntervalTrigger(minutes=CHECKIN_EVERY_MINUTES, timezone=s.timezone),
    ),
    Job(
        "mentor_rhythm",
        lambda rt: run_mentoring(rt.services),
        lambda s: IntervalTrigger(minutes=MENTOR_EVERY_MINUTES, timezone=s.timezone),
    ),
    Job(
        "lunches",
        lambda rt: run_lunches(rt.services),
        lambda s: IntervalTrigger(minutes=LUNCH_EVERY_MINUTES, timezone=s.timezone),
    ),
    Job(
        "pulse",
        lambda rt: run_pulse(rt.services),
        # the admins' weekly pulse: the pairing day, after the round
        lambda s: _at(s.pulse_time, s, day_of_week=s.pairing_day),
        grace_seconds=WEEKLY_GRACE_SECONDS,
    ),
)


def build_scheduler(services: Services, client: WebClient) -> BackgroundScheduler:
    settings = services.settings
    scheduler = BackgroundScheduler(
        timezone=settings.timezone,
        job_defaults={"coalesce": True, "max_instances": 1},
    )
    runtime = Runtime(services, client, make_dispatcher(services, client))
    for job in JOBS:
        scheduler.add_job(
            job.run,
            job.trigger(settings),
            args=[runtime],
            id=job.id,
            misfire_grace_time=job.grace_seconds,
            replace_existing=True,
        )
    return scheduler


def catch_up(services: Services, client: WebClient) -> None:
    """What a bot that was down should do once at start: today's member sync, then this
    week's round if its time has passed and nobody ran it, then due follow-ups."""
    try:
        run_member_sync(services, client)
    except Exception:  # logged inside; a failed sync must not stop the bot starting
        log.warning("start-up member sync failed; events will keep members current")
    run_weekly_round(services)
    send_followups(services)
    set_up_circles(services, client)
    run_checkins(services)
    run_mentoring(services)
    run_lunches(services)
    run_pulse(services)
