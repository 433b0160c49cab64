"""The outbox dispatcher as a scheduled job: runs every few seconds in every scheduler."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.dispatcher import DispatchReport, OutboxDispatcher
from bot.services import Services
from jobs.claims import worker_name


def make_dispatcher(services: Services, client: WebClient) -> OutboxDispatcher:
    return OutboxDispatcher(
        sessions=services.sessions, client=client, clock=services.clock, worker=worker_name()
    )


def dispatch_outbox(dispatcher: OutboxDispatcher) -> DispatchReport:
    """Deliver what is due; rows are claimed one by one, so replicas share the work."""
    return dispatcher.dispatch_due()
