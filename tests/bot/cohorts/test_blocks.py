"""The cohort announcement's exact Block Kit."""

from __future__ import annotations

from datetime import date

from bot.cohorts.blocks import (
    announcement,
    closed_message,
    open_invitation,
    opened_text,
    review_page,
    spots_full,
    started_text,
    status_text,
)
from storage.models import Cohort, CohortStatus


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
                "Applications close on Monday 1 March 2027.",
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


def test_one_of_anything_is_said_in_the_singular() -> None:
    one = Cohort(id=4, name="Solo", spots=1, taken=0, status=CohortStatus.OPEN)
    assert "*Solo* is open with 1 spot." in opened_text(one, "C1")
    assert "(1 spot)." in open_invitation(one, "Omar")[1][0]["text"]["text"]
    assert "*1 spot*." in announcement(one)[1][1]["text"]["text"]
    text, blocks = spots_full(one, 9)
    assert text == "The only spot in Solo is taken."
    assert blocks[0]["text"]["text"] == "The only spot in *Solo* is taken. Waitlist instead?"
    many = Cohort(id=5, name="Big", spots=5, taken=5)
    assert spots_full(many, 9)[0] == "All 5 spots in Big are taken."
    assert review_page(one, [], page=0, total=1)[0].startswith("No applications")
    assert started_text(one, 1, 1) == (
        ":tada: *Solo* has started: 1 new member, welcomed, with 1 first-week intro on the way. "
        "They are ready to be placed in circles."
    )
    _, blocks = closed_message(one, {"admitted": 1, "pending": 1})
    assert "1 application is still waiting" in blocks[0]["text"]["text"]
    confirm = blocks[1]["elements"][0]["confirm"]["text"]["text"]
    assert confirm.startswith("The admitted person becomes a member, gets a welcome")


def test_a_started_cohort_never_reads_is_started() -> None:
    done = Cohort(id=6, name="Spring", spots=2, taken=2, status=CohortStatus.STARTED)
    text = status_text(done, {}, date(2027, 1, 20))
    assert "is started" not in text
    assert text.startswith("*Spring* started. No cohort is open now.")


def test_an_applicants_first_dm_says_what_product_circle_is_and_how_to_join() -> None:
    spring = Cohort(id=3, name="Spring 2027", spots=2, taken=0, closes_on=None)
    _, blocks = open_invitation(spring, "Omar", first=True)
    first = blocks[0]["text"]["text"]
    assert first.startswith("Hi Omar! :wave: Product Circle is a small community of product")
    assert "intros and circles start once you're admitted" in first
    assert first.endswith(
        "Press *Apply* to tell us a little about yourself; it takes five minutes."
    )
    _, later = open_invitation(spring, "Omar")  # someone already told, when a cohort opens
    assert "small community" not in later[0]["text"]["text"]
