"""The proposal an admin reviews: each circle's shared hours, and who is only nearest."""

from __future__ import annotations

from bot.circles.blocks import proposal_message
from bot.circles.grouping import Proposal, ProposedCircle
from storage.models import Member

MEMBERS = {
    1: Member(id=1, slack_user_id="U1", company="Acme", level="pm", slack_tz="Europe/London"),
    2: Member(id=2, slack_user_id="U2", company="Initech", level="pm", slack_tz="Asia/Tokyo"),
    3: Member(id=3, slack_user_id="U3", company="Hooli", level="pm", slack_tz="Europe/London"),
    9: Member(id=9, slack_user_id="U9", company="Globex", level="director"),
}


def circle_text(circle: ProposedCircle) -> str:
    proposal = Proposal(circles=(circle,), unplaced=(), seed=3)
    _, blocks = proposal_message(proposal, MEMBERS)
    text: str = blocks[1]["text"]["text"]
    return text


def test_each_circle_shows_the_hours_its_members_share() -> None:
    circle = ProposedCircle(
        peers=(1, 2, 3), guide=9, hours="08:00–11:00 London / 17:00–20:00 Tokyo"
    )
    assert circle_text(circle).splitlines()[-1] == (
        "_shared hours 08:00–11:00 London / 17:00–20:00 Tokyo_"
    )


def test_someone_in_the_nearest_circle_only_is_named_with_why() -> None:
    circle = ProposedCircle(
        peers=(1, 2, 3),
        guide=9,
        hours="19:00–20:00 London / 08:00–09:00 Auckland",
        meets=False,
        far=((2, "shares only 1 hour with this circle & the others"),),
    )
    last_two = circle_text(circle).splitlines()[-2:]
    assert last_two == [
        "_shared hours (too few) 19:00–20:00 London / 08:00–09:00 Auckland_",
        ":warning: <@U2> — shares only 1 hour with this circle &amp; the others",
    ]


def test_a_circle_with_no_known_zones_shows_no_hours() -> None:
    assert "shared hours" not in circle_text(ProposedCircle(peers=(1, 2, 3), guide=9))
