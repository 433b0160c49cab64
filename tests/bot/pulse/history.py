"""A small community with a hand-built history, so every pulse figure can be checked by
hand. The pulse is read on Monday 7 Dec 2026 (Berlin): the reported week is the week of
30 Nov, the week before it the week of 23 Nov.

Members m1…m12 and m14 are in the community (m14 paused, m12 left on Tue 1 Dec), m13 is an
applicant, m11 joined on Wed 2 Dec through the "Spring" cohort. The expected figures are
worked out in the docstrings of tests/bot/pulse/test_measures.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.pairing.schedule import week_index
from bot.pulse.searches import record_search
from storage.models import (
    Application,
    CheckinResponse,
    Circle,
    CircleMember,
    Cohort,
    Friendship,
    Lunch,
    LunchSignup,
    Member,
    MentorRequest,
    Mentorship,
    Pairing,
    PairingMember,
    PairingRound,
    VaultResource,
    VaultVote,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN)
JOINED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
WIN_TEXT = "Closed the enterprise deal after six months"
CHALLENGE_TEXT = "My manager keeps moving the roadmap"
WANTS_TEXT = "A peer group that tells me the truth"
QUESTION_TEXT = "What do you wish you had known as a new VP?"
GOAL_TEXT = "Lead a team of five PMs by next summer"


def day(month: int, d: int, hour: int = 12) -> datetime:
    return datetime(2026, month, d, hour, 0, tzinfo=UTC)


THIS_WEEK = week_index(day(12, 1), BERLIN)  # week of 30 Nov
LAST_WEEK = THIS_WEEK - 1
WEEK_BEFORE = THIS_WEEK - 2


def build(session: Session) -> dict[str, Member]:
    people: dict[str, Member] = {}
    for i in range(1, 15):
        status = {12: "left", 13: "applicant", 14: "paused"}.get(i, "active")
        created = day(12, 2) if i == 11 else JOINED
        m = Member(
            slack_user_id=f"U{i:04d}",
            name=f"m{i}",
            real_name=f"Member {i}",
            status=status,
            created_at=created,
            updated_at=created,
            left_at=day(12, 1) if i == 12 else None,
        )
        session.add(m)
        people[f"m{i}"] = m
    session.flush()
    _pairings(session, people)
    _friendships(session, people)
    _checkins(session, people)
    _vault(session, people)
    _cohort(session, people)
    _lunch_and_mentor(session, people)
    return people


def _round(session: Session, week: int) -> PairingRound:
    r = PairingRound(period_key=f"w{week}", week=week, seed=1, stats={}, created_at=JOINED)
    session.add(r)
    session.flush()
    return r


def _pair(
    session: Session,
    r: PairingRound,
    members: list[Member],
    answers: list[tuple[str | None, bool | None, datetime | None]],
    *,
    cancelled: bool = False,
    asked: bool = True,
) -> None:
    p = Pairing(
        round_id=r.id,
        week=r.week,
        shared=[],
        icebreaker="What are you reading?",
        cancelled=cancelled,
        created_at=day(11, 30),
        followup_sent_at=day(12, 3) if asked else None,
    )
    session.add(p)
    session.flush()
    for member, (met, again, answered) in zip(members, answers, strict=True):
        session.add(
            PairingMember(
                pairing_id=p.id,
                member_id=member.id,
                met=met,
                meet_again=again,
                answered_at=answered,
            )
        )


def _pairings(session: Session, m: dict[str, Member]) -> None:
    none = (None, None, None)
    this = _round(session, THIS_WEEK)
    thu = day(12, 3)
    _pair(session, this, [m["m1"], m["m2"]], [("yes", True, thu), ("yes", True, thu)])
    _pair(session, this, [m["m3"], m["m4"]], [("yes", True, thu), ("yes", False, thu)])
    _pair(session, this, [m["m5"], m["m6"]], [("not_yet", None, thu), none])
    _pair(session, this, [m["m7"], m["m8"]], [none, none])
    _pair(session, this, [m["m9"], m["m10"]], [("yes", None, thu), none])
    _pair(session, this, [m["m12"], m["m14"]], [("yes", None, day(12, 1, 6)), none])
    _pair(session, this, [m["m11"], m["m13"]], [none, none], cancelled=True)
    last = _round(session, LAST_WEEK)
    _pair(session, last, [m["m9"], m["m10"]], [none, ("yes", None, day(11, 25))])
    _pair(session, last, [m["m1"], m["m8"]], [none, none])
    _pair(session, last, [m["m2"], m["m3"]], [none, none])
    _pair(session, last, [m["m4"], m["m5"]], [none, none])
    before = _round(session, WEEK_BEFORE)
    _pair(session, before, [m["m6"], m["m8"]], [none, none])


def _friends(session: Session, a: Member, b: Member, at: datetime) -> None:
    low, high = sorted((a.id, b.id))
    session.add(Friendship(member_a=low, member_b=high, created_at=at, last_paired_week=0))


def _friendships(session: Session, m: dict[str, Member]) -> None:
    _friends(session, m["m1"], m["m2"], day(12, 3))
    _friends(session, m["m3"], m["m5"], day(11, 10))
    _friends(session, m["m1"], m["m6"], day(11, 25))
    _friends(session, m["m12"], m["m7"], day(11, 12))


def _checkins(session: Session, m: dict[str, Member]) -> None:
    maple = Circle(name="Maple", status="active", created_by="UADMIN", created_at=JOINED)
    birch = Circle(name="Birch", status="active", created_by="UADMIN", created_at=JOINED)
    session.add_all([maple, birch])
    session.flush()
    for i in range(1, 9):
        circle = maple if i <= 5 else birch
        session.add(
            CircleMember(
                member_id=m[f"m{i}"].id, circle_id=circle.id, role="peer", joined_at=JOINED
            )
        )

    def row(member: str, circle: Circle, key: str, **answer: object) -> None:
        session.add(
            CheckinResponse(
                member_id=m[member].id,
                circle_id=circle.id,
                period_key=key,
                prompted_at=day(12, 1, 9) if key == "2026-W49" else day(11, 24, 9),
                **answer,
            )
        )

    this_answer = day(12, 1, 15)
    row("m1", maple, "2026-W49", answered_at=this_answer, mood=4, share_mood=True, win=WIN_TEXT)
    row("m2", maple, "2026-W49", answered_at=this_answer, mood=2, share_mood=True,
        challenge=CHALLENGE_TEXT)  # fmt: skip
    row("m3", maple, "2026-W49", answered_at=this_answer, mood=5, share_mood=True)
    row("m4", maple, "2026-W49", answered_at=this_answer, mood=3, rough_week=True)
    row("m5", maple, "2026-W49", skipped_at=day(12, 1, 10))
    for member in ("m6", "m7", "m8"):
        row(member, birch, "2026-W49")
        row(member, birch, "2026-W48")
    row("m7", birch, "2026-W47")
    for member in ("m1", "m2", "m3", "m4", "m5"):
        row(member, maple, "2026-W48", answered_at=day(11, 24, 15), mood=3, share_mood=True)


def _vault(session: Session, m: dict[str, Member]) -> None:
    entry = VaultResource(
        url="https://example.com/pricing",
        url_key="example.com/pricing",
        title="Pricing teardown",
        added_by=m["m11"].slack_user_id,
        source="member",
        created_at=day(12, 2),
        updated_at=day(12, 2),
    )
    session.add(entry)
    session.flush()
    session.add(
        VaultVote(resource_id=entry.id, user_id=m["m14"].slack_user_id, created_at=day(10, 20))
    )
    record_search(session, "pricing page teardown", found=False, now=day(12, 2))
    record_search(session, "pricing", found=False, now=day(12, 3))
    record_search(session, "prd", found=True, now=day(12, 4))
    record_search(session, "okrs", found=False, now=day(11, 24))


def _cohort(session: Session, m: dict[str, Member]) -> None:
    spring = Cohort(
        name="Spring",
        spots=10,
        taken=1,
        status="started",
        opened_by="UADMIN",
        opened_at=day(11, 20),
        started_at=day(12, 3),
    )
    session.add(spring)
    session.flush()
    for member, status, decided in (("m11", "admitted", day(12, 2)), ("m13", "pending", None)):
        session.add(
            Application(
                cohort_id=spring.id,
                member_id=m[member].id,
                company="Acme",
                role="PM",
                level="senior",
                years=5,
                interests=[],
                wants=WANTS_TEXT,
                status=status,
                submitted_at=day(12, 1),
                updated_at=day(12, 1),
                decided_at=decided,
            )
        )


def _lunch_and_mentor(session: Session, m: dict[str, Member]) -> None:
    """A tiny lunch on Thu 3 Dec: m1 and m2 confirmed, m3 waitlisted; m3 mentors m4 from
    Wed 2 Dec."""
    lunch = Lunch(
        guest_name="Grace Guest",
        starts_at=day(12, 3),
        closes_at=day(12, 1),
        place="Cafe",
        seats=6,
        status="seated",
        created_by="UADMIN",
        created_at=day(11, 20),
    )
    session.add(lunch)
    session.flush()
    for member, status in (("m1", "confirmed"), ("m2", "confirmed"), ("m3", "waitlisted")):
        session.add(
            LunchSignup(
                lunch_id=lunch.id,
                member_id=m[member].id,
                status=status,
                asked_at=day(11, 25),
                question=QUESTION_TEXT,
            )
        )
    request = MentorRequest(
        mentee_id=m["m4"].id,
        goal=GOAL_TEXT,
        phase="growing",
        spike="leadership",
        topics=[],
        status="matched",
        created_at=day(11, 30),
        updated_at=day(12, 2),
    )
    session.add(request)
    session.flush()
    session.add(
        Mentorship(
            request_id=request.id,
            mentor_id=m["m3"].id,
            mentee_id=m["m4"].id,
            status="active",
            started_at=day(12, 2),
            ends_at=day(12, 2) + timedelta(days=180),
        )
    )
