"""Panel suggestions: people a member already knows, each with why. Friends from pairings,
the guest of a tiny lunch they sat at, and the author of a vault post they liked; not the
guest of a lunch still ahead or one they were waitlisted for, nor anyone already on it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import Friendship, Lunch, LunchSignup, Member, VaultResource, VaultVote


def _lunch(s: Session, guest: str, ana_id: int, starts_in: timedelta, seat: str, now) -> None:
    lunch = Lunch(
        guest_user_id=guest,
        guest_name="Guest",
        starts_at=now + starts_in,
        closes_at=now + starts_in - timedelta(days=3),
        place="Café Einstein",
        seats=6,
        tags=[],
        status="seated",
        created_by="UADMIN",
        created_at=now - timedelta(days=30),
    )
    s.add(lunch)
    s.flush()
    s.add(LunchSignup(lunch_id=lunch.id, member_id=ana_id, status=seat, asked_at=lunch.created_at))


def test_panel_suggests_friends_lunch_guests_and_vault_authors_with_why(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    clock: ManualClock,
    sessions: sessionmaker[Session],
) -> None:
    ana, ben, cara, dan, fay, vic = (people[n] for n in ("ana", "ben", "cara", "dan", "fay", "vic"))
    now = clock.now()
    with sessions.begin() as s:
        ids = {m.slack_user_id: m.id for m in s.query(Member)}
        a, c = sorted((ids[ana], ids[cara]))
        s.add(Friendship(member_a=a, member_b=c, created_at=now, last_paired_week=1))
        _lunch(s, vic, ids[ana], -timedelta(days=7), "confirmed", now)  # sat with Vic
        _lunch(s, ben, ids[ana], timedelta(days=7), "confirmed", now)  # still ahead
        _lunch(s, fay, ids[ana], -timedelta(days=14), "waitlisted", now)  # not at the table
        post = VaultResource(
            title="Pricing review checklist", added_by=dan, created_at=now, updated_at=now
        )
        mine = VaultResource(title="My own notes", added_by=ana, created_at=now, updated_at=now)
        s.add_all([post, mine])
        s.flush()
        s.add_all(
            [
                VaultVote(resource_id=post.id, user_id=ana, created_at=now),
                VaultVote(resource_id=mine.id, user_id=ana, created_at=now),
            ]
        )

    driver.slash_command(ana, "/mentor", "panel")
    [shown] = [s for s in sandbox.seen_by(ana) if "Your panel" in s.text]
    blocks = str(shown.blocks)
    assert (
        "Cara Diaz: a friend from pairings · Vic Stone: your tiny-lunch guest · "
        "Dan Roe: you liked their vault post"
    ) in blocks
    assert "Add Cara" in blocks and "Add Vic" in blocks and "Add Dan" in blocks
    for not_suggested in ("Ben Ito", "Fay Lund", "Add Ana"):
        assert not_suggested not in blocks

    driver.click(ana, f"mentor_panel_add:{ids[vic]}", message=(shown.channel, shown.ts))
    assert "Added Vic Stone to your panel" in sandbox.seen_by(ana)[-1].text
    redrawn = [s for s in sandbox.seen_by(ana) if "Your panel" in s.text][-1]
    assert redrawn is not shown and "Advisers: Vic Stone" in redrawn.text
    assert "Add Vic" not in str(redrawn.blocks) and "Add Dan" in str(redrawn.blocks)
