"""Events API: keeping members in step with the workspace, and App Home."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.cohorts.admissions import member_left
from bot.cohorts.lifecycle import current_cohort
from bot.members.sync import apply_slack_user
from bot.members.welcome import applicant_welcome, welcome_message
from bot.outbox.queue import enqueue
from bot.pairing.controls import depart
from bot.platform.services import Services
from handlers.common.screens import publish_home
from storage.models import CohortStatus, MemberStatus


def home_opened(event: dict[str, Any], client: WebClient, services: Services) -> None:
    if event.get("tab", "home") == "home":
        publish_home(client, services, event["user"])


def team_join(event: dict[str, Any], services: Services) -> None:
    """A new person: a member row and a welcome DM, committed together. While admissions
    run, newcomers are applicants: their welcome points to the open cohort, if any."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        outcome = apply_slack_user(session, event["user"], now=now)
        if outcome.member is not None and outcome.member.status == MemberStatus.ACTIVE:
            enqueue(session, [welcome_message(outcome.member)], now=now)
        elif outcome.member is not None and outcome.member.status == MemberStatus.APPLICANT:
            cohort = current_cohort(session)
            open_now = cohort if cohort is not None and cohort.status == CohortStatus.OPEN else None
            enqueue(session, [applicant_welcome(outcome.member, open_now)], now=now)


def user_change(event: dict[str, Any], services: Services) -> None:
    """Name, time zone, admin rights, or deactivation (deleted → left): a member who
    leaves is taken out of this week's round and their partners told or re-paired, and
    an admitted applicant's spot goes to the waitlist."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        outcome = apply_slack_user(session, event["user"], now=now)
        if outcome.change == "left" and outcome.member is not None:
            enqueue(session, depart(session, outcome.member, now, services.settings), now=now)
            enqueue(session, member_left(session, outcome.member, now), now=now)


def register(app: App) -> None:
    app.event("app_home_opened")(home_opened)
    app.event("team_join")(team_join)
    app.event("user_change")(user_change)
