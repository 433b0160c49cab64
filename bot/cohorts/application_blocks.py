"""The application modal, reading it back, and the card admins review it on."""

from __future__ import annotations

from typing import Any

from bot.cohorts.rules import MAX_COMPANY, MAX_NOTE, MAX_ROLE, MAX_WANTS, ApplicationForm
from bot.members.profile_blocks import interests_select, level_select
from bot.members.profile_options import INTERESTS, LEVELS
from bot.platform.dates import dated
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    input_block,
    modal,
    section,
    truncate,
)
from bot.slack.words import plural
from storage.models import UNDECIDED, Application, ApplicationStatus, Member

CALLBACK_ID = "cohort_application"
ADMIT = "cohort_admit"
WAITLIST = "cohort_waitlist"
DECLINE = "cohort_decline"

STATUS_LABELS: dict[str, str] = {
    ApplicationStatus.PENDING: "waiting for review",
    ApplicationStatus.ADMITTED: "admitted",
    ApplicationStatus.WAITLISTED: "on the waitlist",
    ApplicationStatus.DECLINED: "declined",
    ApplicationStatus.WITHDRAWN: "withdrawn",
}


def _text(value: str | None, max_length: int, *, multiline: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": max_length}
    if multiline:
        element["multiline"] = True
    if value:
        element["initial_value"] = value[:max_length]
    return element


def application_modal(
    cohort_id: int, cohort_name: str, member: Member | None, previous: Application | None
) -> dict[str, Any]:
    """The form, pre-filled from an earlier answer or, failing that, from the profile."""
    return modal(
        "Apply",
        [
            section(
                f"*{escape(truncate(cohort_name, 80))}*\n"
                "Admins read every application. Only admins see your answers; "
                "if you're admitted, they become your starting profile."
            ),
            *_application_inputs(member, previous),
        ],
        submit="Send application",
        callback_id=CALLBACK_ID,
        private_metadata=str(cohort_id),
    )


def _application_inputs(
    member: Member | None, previous: Application | None
) -> list[dict[str, Any]]:
    company = previous.company if previous else (member.company if member else None)
    level = previous.level if previous else (member.level if member else None)
    interests = list(previous.interests if previous else (member.interests if member else []))
    years = str(previous.years) if previous else None
    return [
        input_block("company", "Company", _text(company, MAX_COMPANY)),
        input_block("role", "Role", _text(previous.role if previous else None, MAX_ROLE)),
        input_block("level", "Level", level_select(level)),
        input_block("years", "Years in product", _text(years, 2), hint="A whole number."),
        input_block("interests", "Interests", interests_select(interests)),
        input_block(
            "wants",
            "What do you want from the community?",
            _text(previous.wants if previous else None, MAX_WANTS, multiline=True),
        ),
        input_block(
            "note",
            "Anything else?",
            _text(previous.note if previous else None, MAX_NOTE, multiline=True),
            optional=True,
        ),
    ]


def read_application_form(state_values: dict[str, Any]) -> ApplicationForm:
    def element(block_id: str) -> dict[str, Any]:
        return (state_values.get(block_id) or {}).get(block_id) or {}

    level = element("level").get("selected_option") or {}
    return ApplicationForm(
        company=element("company").get("value"),
        role=element("role").get("value"),
        level=level.get("value"),
        years=element("years").get("value"),
        interests=tuple(o["value"] for o in element("interests").get("selected_options") or []),
        wants=element("wants").get("value"),
        note=element("note").get("value"),
    )


def received_view(cohort_name: str, *, edited: bool) -> dict[str, Any]:
    """What the modal turns into once the application is stored."""
    first = "Your application is updated." if edited else "Your application is in. Thank you!"
    return modal(
        "Apply",
        [
            section(
                f":white_check_mark: *{first}*\n"
                f"Admins will review it for *{escape(truncate(cohort_name, 80))}* and I'll "
                "DM you their decision. Until then, click *Apply* again to edit it."
            )
        ],
        close="Done",
    )


def application_lines(application: Application, member: Member) -> str:
    """The answers, for admins (user text escaped, long answers shortened)."""
    interests = ", ".join(INTERESTS.get(k, k) for k in application.interests)
    lines = [
        f"*<@{member.slack_user_id}>* — {escape(truncate(application.role, 100))} at "
        f"{escape(truncate(application.company, 100))}",
        f"{LEVELS.get(application.level, application.level)} · "
        f"{plural(application.years, 'year')} in product",
        f"*Interests:* {interests}",
        f"*Wants:* {escape(truncate(application.wants, 1000))}",
    ]
    if application.note:
        lines.append(f"*Also:* {escape(truncate(application.note, 1000))}")
    return "\n".join(lines)


def decided_line(application: Application) -> str:
    label = STATUS_LABELS[application.status]
    if application.decided_by and application.decided_at:
        when = dated(application.decided_at)
        return f"{label.capitalize()} by <@{application.decided_by}> on {when}"
    return label.capitalize()


def application_card(
    application: Application, member: Member, *, page: int | None = None
) -> list[dict[str, Any]]:
    """Three blocks at most: the answers, the state, and the decision buttons.

    On a review page the buttons carry the page, so the page can be redrawn after a click.
    """
    value = str(application.id) if page is None else f"{application.id}:{page}"
    blocks = [
        section(application_lines(application, member)),
        context(decided_line(application)),
    ]
    choices = []
    if application.status in UNDECIDED:
        choices.append(button("Admit", ADMIT, value, style="primary"))
    if application.status == ApplicationStatus.PENDING:
        choices.append(button("Waitlist", WAITLIST, value))
    if application.status in UNDECIDED:
        choices.append(button("Decline", DECLINE, value, style="danger"))
    if choices:
        blocks.append(actions_block(choices, block_id=f"application-{application.id}"))
    return blocks


def decline_modal(application_id: int, applicant: str) -> dict[str, Any]:
    return modal(
        "Decline",
        [
            section(f"Decline the application from *{escape(applicant)}*? I'll DM them kindly."),
            input_block(
                "note",
                "A private note for them",
                _text(None, 1000, multiline=True),
                optional=True,
                hint="Only the applicant will see it.",
            ),
        ],
        submit="Decline",
        callback_id=DECLINE,
        private_metadata=str(application_id),
    )
