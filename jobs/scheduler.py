"""APScheduler wiring. Each scheduler process keeps its own in-memory job store (APScheduler
3 cannot share one across processes); the job-run claims make a second replica harmless."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.platform.services import Services
from jobs.circle_channels import set_up_circles
from jobs.circles import run_checkins
from jobs.members import run_member_sync
from jobs.outbox import dispatch_outbox, make_dispatcher
from jobs.pairing import run_weekly_round, send_followups
from jobs.privacy import run_privacy

log = logging.getLogger(__name__)

OUTBOX_EVERY_SECONDS = 5
CHECKIN_EVERY_MINUTES = 5  # prompts are per member time zone, so they are checked often
WEEKLY_GRACE_SECONDS = 6 * 3600  # a weekly job delayed by a busy box still runs


def build_scheduler(services: Services, client: WebClient) -> BackgroundScheduler:
    tz = services.settings.timezone
    scheduler = BackgroundScheduler(
        timezone=tz,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    dispatcher = make_dispatcher(services, client)
    scheduler.add_job(
        dispatch_outbox,
        IntervalTrigger(seconds=OUTBOX_EVERY_SECONDS, timezone=tz),
        args=[dispatcher, services.settings.circlebot_admins],
        id="outbox_dispatch",
        misfire_grace_time=OUTBOX_EVERY_SECONDS * 6,
        replace_existing=True,
    )
    scheduler.add_job(
        run_member_sync,
        CronTrigger(hour=4, minute=0, timezone=tz),
        args=[services, client],
        id="member_sync",
        replace_existing=True,
    )
    hour, minute = (int(part) for part in services.settings.pairing_time.split(":"))
    scheduler.add_job(
        run_weekly_round,
        # Day names, never numbers: APScheduler 3 counts 0 as Monday.
        CronTrigger(
            day_of_week=services.settings.pairing_day, hour=hour, minute=minute, timezone=tz
        ),
        args=[services],
        id="pairing_round",
        misfire_grace_time=WEEKLY_GRACE_SECONDS,
        replace_existing=True,
    )
    scheduler.add_job(
        send_followups,
        CronTrigger(minute=5, timezone=tz),  # hourly: each pairing's own time is checked
        args=[services],
        id="pairing_followups",
        replace_existing=True,
    )
    scheduler.add_job(
        run_privacy,
        CronTrigger(hour=4, minute=30, timezone=tz),
        args=[services],
        id="privacy",
        replace_existing=True,
    )
    scheduler.add_job(
        set_up_circles,
        IntervalTrigger(minutes=1, timezone=tz),
        args=[services, client],
        id="circle_setup",
        replace_existing=True,
    )
    scheduler.add_job(
        run_checkins,
        IntervalTrigger(minutes=CHECKIN_EVERY_MINUTES, timezone=tz),
        args=[services],
        id="circle_checkins",
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
