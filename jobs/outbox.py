"""The outbox dispatcher as a scheduled job: runs every few seconds in every scheduler."""

from __future__ import annotations

from collections.abc import Iterable

from slack_sdk import WebClient

from bot.outbox.admin_alerts import alert_admins, failures_alert, installation_alert
from bot.outbox.dispatcher import DispatchReport, OutboxDispatcher
from bot.platform.services import Services
from storage.job_runs import worker_name


def make_dispatcher(services: Services, client: WebClient) -> OutboxDispatcher:
    return OutboxDispatcher(
        sessions=services.sessions, client=client, clock=services.clock, worker=worker_name()
    )


def dispatch_outbox(dispatcher: OutboxDispatcher, admins: Iterable[str] = ()) -> DispatchReport:
    """Deliver what is due; rows are claimed one by one, so replicas share the work.
    Trouble members cannot cause (a refused token, many undeliverable messages) becomes
    one alert per admin per hour."""
    report = dispatcher.dispatch_due()
    alert_on(dispatcher, report, admins)
    return report


def alert_on(dispatcher: OutboxDispatcher, report: DispatchReport, admins: Iterable[str]) -> None:
    alerts = []
    if report.stopped_by:
        alerts.append(("installation", installation_alert(report.stopped_by, "sending messages")))
    many = failures_alert(reason for _key, reason in report.failures)
    if many:
        alerts.append(("delivery_failures", many))
    if not alerts:
        return
    now = dispatcher.clock.now()
    with dispatcher.sessions.begin() as session:
        for kind, text in alerts:
            alert_admins(session, admins, kind, text, now=now)
