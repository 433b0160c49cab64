"""The cohort announcement's exact Block Kit."""

from __future__ import annotations

from datetime import date

from bot.cohorts.blocks import announcement
from storage.models import Cohort


def test_the_announcement_says_how_many_spots_until_when_and_has_an_apply_button() -> None:
    spring = Cohort(id=3, name="Spring 2027", spots=20, taken=0, closes_on=date(2027, 3, 1))
    text, blocks = announcement(spring)
    assert text == "Applications are open for Spring 2027"
    assert blocks == [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": "Applications are open: Spring 2027",
                "emoji": True,
            },
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "Product Circle is a small community of product managers who become "
                "friends: a weekly 1:1 intro, a circle of peers with a senior guide, and a shared "
                "vault of playbooks. This cohort has *20 spots*. "
                "Applications close on Monday 01 March 2027.",
            },
        },
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Apply", "emoji": True},
                    "action_id": "cohort_apply",
                    "value": "3",
                    "style": "primary",
                }
            ],
        },
    ]
