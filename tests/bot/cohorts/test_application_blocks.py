"""The card admins review an application on: its exact Block Kit, open and decided."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cohorts.application_blocks import application_card
from storage.models import Application, Member

ANN = Member(id=5, slack_user_id="U0ANN", real_name="Ann Lee")


def application(**fields: object) -> Application:
    answers = {
        "id": 11,
        "cohort_id": 3,
        "member_id": 5,
        "company": "Northwind",
        "role": "Senior PM",
        "level": "senior_pm",
        "years": 1,
        "interests": ["growth", "strategy"],
        "wants": "Friends <who> ship & tell",
        "note": None,
        "status": "pending",
    }
    return Application(**{**answers, **fields})


ANSWERS = {
    "type": "section",
    "text": {
        "type": "mrkdwn",
        "text": "*<@U0ANN>* — Senior PM at Northwind\n"
        "Senior PM · 1 year in product\n"
        "*Interests:* Growth, Product strategy\n"
        "*Wants:* Friends &lt;who&gt; ship &amp; tell",
    },
}


def test_a_pending_card_on_a_review_page_offers_admit_waitlist_and_decline() -> None:
    assert application_card(application(), ANN, page=2) == [
        ANSWERS,
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Waiting for review"}]},
        {
            "type": "actions",
            "block_id": "application-11",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Admit", "emoji": True},
                    "action_id": "cohort_admit",
                    "value": "11:2",
                    "style": "primary",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Waitlist", "emoji": True},
                    "action_id": "cohort_waitlist",
                    "value": "11:2",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Decline", "emoji": True},
                    "action_id": "cohort_decline",
                    "value": "11:2",
                    "style": "danger",
                },
            ],
        },
    ]


def test_a_decided_card_says_who_decided_when_and_has_no_buttons() -> None:
    admitted = application(
        status="admitted",
        note="Can start in March",
        decided_by="U0ADA",
        decided_at=datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
    )
    assert application_card(admitted, ANN) == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*<@U0ANN>* — Senior PM at Northwind\n"
                "Senior PM · 1 year in product\n"
                "*Interests:* Growth, Product strategy\n"
                "*Wants:* Friends &lt;who&gt; ship &amp; tell\n"
                "*Also:* Can start in March",
            },
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "Admitted by <@U0ADA> on 05 Dec 2026"}],
        },
    ]
