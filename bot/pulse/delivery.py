"""Who gets the pulse, when, and the outbox messages that carry it: the five lines and
report as a DM, the chart as a PNG file, the weekly figures as a CSV file.

The weekly DM goes out on the pairing day at ``PULSE_TIME`` in the community's time zone,
after the round, to every admin wherever they live: one community week, one pulse.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.outbox.queue import OutgoingMessage
from bot.pairing.schedule import at, week_index
from bot.platform.settings import Settings
from bot.pulse.blocks import pulse_blocks
from bot.pulse.chart import render_chart
from bot.pulse.figures import Pulse
from bot.pulse.lines import plain_text, unstored_paused, week_label
from bot.pulse.table import weekly_csv
from storage.models import Member, MemberStatus

JOB = "pulse"
# A bot that was down at pulse time still sends it when it starts, within this window.
CATCH_UP = timedelta(days=2)
CHART_NOTE = "The chart is in your DM with me."


def admin_ids(session: Session, settings: Settings) -> list[str]:
    """CIRCLEBOT_ADMINS, then workspace admins and owners the member sync knows."""
    synced = session.scalars(
        select(Member.slack_user_id).where(
            Member.is_workspace_admin.is_(True),
            Member.status != MemberStatus.LEFT,
            Member.deleted_at.is_(None),
        )
    )
    ids = list(settings.circlebot_admins)
    ids += sorted(set(synced) - set(ids))
    return ids


def pulse_time(now: datetime, settings: Settings) -> datetime:
    """This week's pulse moment: the pairing day at PULSE_TIME, community time zone."""
    week = week_index(now, settings.timezone)
    return at(week, settings.pairing_day, settings.pulse_time, settings.timezone)


def pulse_due(now: datetime, settings: Settings) -> bool:
    starts = pulse_time(now, settings)
    return starts <= now < starts + CATCH_UP


def chart_file(pulse: Pulse) -> dict[str, str]:
    """The PNG as an outbox file: base64 in the JSON payload, decoded by the transport."""
    monday = pulse.this_week.monday
    return {
        "filename": f"pulse-{monday.isoformat()}.png",
        "title": f"Community pulse, {week_label(pulse.this_week)}",
        "content": base64.b64encode(render_chart(pulse)).decode("ascii"),
        "encoding": "base64",
    }


def weekly_messages(pulse: Pulse, admins: list[str], period_key: str) -> list[OutgoingMessage]:
    """Each admin's weekly DM and chart, keyed per admin and week."""
    chart = chart_file(pulse)
    messages: list[OutgoingMessage] = []
    for admin in admins:
        messages.append(
            OutgoingMessage.dm(
                admin,
                f"pulse:{period_key}:{admin}",
                plain_text(pulse),
                pulse_blocks(pulse, chart_note=CHART_NOTE),
            )
        )
        messages.append(
            OutgoingMessage(
                key=f"pulse-chart:{period_key}:{admin}",
                text=f"The last 12 weeks, up to the {week_label(pulse.this_week)}.",
                to_users=(admin,),
                file=chart,
            )
        )
    return messages


def chart_message(pulse: Pulse, admin: str, now: datetime) -> OutgoingMessage:
    """`/pulse`: the chart to the admin's DM (an ephemeral answer cannot hold a file);
    at most one a minute."""
    return OutgoingMessage(
        key=f"pulse-chart-now:{admin}:{now:%Y%m%d%H%M}",
        text=f"The last 12 weeks, up to the {week_label(pulse.this_week)}.",
        to_users=(admin,),
        file=chart_file(pulse),
    )


def csv_message(pulse: Pulse, admin: str, now: datetime) -> OutgoingMessage:
    """`/pulse csv`: the weekly figures as a file in the admin's DM; one a minute."""
    monday = pulse.this_week.monday
    text = "The weekly figures for the last 12 weeks, one row per week."
    unstored = unstored_paused(pulse)
    if unstored:
        text += (
            " Paused members are counted when a week's pulse is stored, so the "
            f"paused_when_stored column is empty for {unstored}."
        )
    return OutgoingMessage(
        key=f"pulse-csv:{admin}:{now:%Y%m%d%H%M}",
        text=text,
        to_users=(admin,),
        file={
            "filename": f"pulse-{monday.isoformat()}.csv",
            "title": f"Community pulse figures, up to the {week_label(pulse.this_week)}",
            "content": weekly_csv(pulse),
        },
    )
