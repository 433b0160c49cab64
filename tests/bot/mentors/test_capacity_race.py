"""PostgreSQL only: mentees asking for a mentor's last places at the same instant.

Each thread opens its own transaction and reads the mentors' room while it is still there
(so the service's own check passes for everyone), waits for the others, then asks: only the
database's row lock on the mentor's offer decides who gets the place, which is exactly the
race two mentees clicking "Ask" at once create. The others get the "just filled up" answer.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.mentors import finding
from bot.mentors.pool import mentors
from bot.platform.refused import Refused
from storage.models import Member, MentorOffer, MentorRequest, RequestStatus
from tests.conftest import START, postgres_only

THREADS = 8


def _member(s: Session, uid: str, name: str, level: str, company: str) -> Member:
    member = Member(
        slack_user_id=uid,
        real_name=name,
        company=company,
        level=level,
        status="active",
        interests=[],
        tags=[],
        created_at=START,
        updated_at=START,
    )
    s.add(member)
    s.flush()
    return member


def _mentors_and_requests(
    sessions: sessionmaker[Session], capacities: list[int], mentees: int
) -> tuple[list[int], list[tuple[int, str]]]:
    """Directors offering ``capacities``; PMs at other companies, each with an open request."""
    with sessions.begin() as s:
        offered = []
        for i, capacity in enumerate(capacities):
            mentor = _member(s, f"UMENTOR{i}", f"Mentor {i}", "director", "Initech")
            s.add(
                MentorOffer(
                    member_id=mentor.id,
                    capacity=capacity,
                    topics=["into_management"],
                    spikes=["management"],
                    created_at=START,
                    updated_at=START,
                )
            )
            offered.append(mentor.id)
        asking = []
        for i in range(mentees):
            mentee = _member(s, f"UMENTEE{i}", f"Mentee {i}", "pm", f"Company {i}")
            request = MentorRequest(
                mentee_id=mentee.id,
                goal="Lead a team",
                phase="next_level",
                spike="management",
                topics=["into_management"],
                status=RequestStatus.OPEN,
                passed=[],
                created_at=START,
                updated_at=START,
            )
            s.add(request)
            s.flush()
            asking.append((request.id, mentee.slack_user_id))
        return offered, asking


def _race(sessions: sessionmaker[Session], clicks: list[tuple[int, int, str]]) -> list[str]:
    """Each (request, mentor, who) clicks Ask at the same instant; what each was told."""
    barrier = threading.Barrier(len(clicks))

    def click(i: int) -> str:
        request_id, mentor_id, uid = clicks[i]
        with sessions() as session, session.begin():
            room = {m.member_id: m.room for m, _ in mentors(session, START)}
            assert room[mentor_id] > 0  # everyone still sees a free place
            barrier.wait(timeout=30)
            try:
                finding.ask(session, request_id, mentor_id, uid, START)
            except finding.FilledUp as full:
                assert str(full).startswith("Mentor ")
                assert "just filled up, so I haven't asked them" in str(full)
                return "filled up"
            except Refused as refused:
                return str(refused)
            return "asked"

    with ThreadPoolExecutor(max_workers=len(clicks)) as pool:
        return list(pool.map(click, range(len(clicks))))


def _asked(sessions: sessionmaker[Session]) -> list[int | None]:
    with sessions() as s:
        return list(
            s.scalars(
                select(MentorRequest.mentor_id).where(MentorRequest.status == RequestStatus.ASKED)
            )
        )


@postgres_only
def test_mentees_racing_for_a_mentors_last_place_only_one_is_asked(
    sessions: sessionmaker[Session],
) -> None:
    [mentor], asking = _mentors_and_requests(sessions, [1], THREADS)
    outcomes = _race(sessions, [(request, mentor, uid) for request, uid in asking])
    assert outcomes.count("asked") == 1 and outcomes.count("filled up") == THREADS - 1
    assert _asked(sessions) == [mentor]


@postgres_only
def test_racing_for_two_places_asks_exactly_two_and_the_second_mentor_is_untouched(
    sessions: sessionmaker[Session],
) -> None:
    [busy, other], asking = _mentors_and_requests(sessions, [2, 1], THREADS)
    outcomes = _race(sessions, [(request, busy, uid) for request, uid in asking])
    assert outcomes.count("asked") == 2 and outcomes.count("filled up") == THREADS - 2
    assert _asked(sessions) == [busy, busy]
    with sessions() as s:
        room = {m.member_id: m.room for m, _ in mentors(s, START)}
    assert room == {busy: 0, other: 1}


@postgres_only
def test_one_mentee_double_clicking_two_mentors_asks_only_one(
    sessions: sessionmaker[Session],
) -> None:
    """The request row is locked too: a second Ask from the same request, a moment later,
    finds it already waiting on the first mentor."""
    mentors_ids, [(request, uid)] = _mentors_and_requests(sessions, [1, 1], 1)
    outcomes = _race(sessions, [(request, mentor, uid) for mentor in mentors_ids])
    assert sorted(outcomes) == sorted(["asked", finding.STALE])
    assert len(_asked(sessions)) == 1


@postgres_only
def test_a_mentor_answering_two_asks_at_once_never_goes_over_their_capacity(
    sessions: sessionmaker[Session],
) -> None:
    """Two asks were sent while the mentor offered two places; they then lowered it to one
    and pressed Accept on both at the same instant: one pair starts, the other is refused."""
    [mentor], asking = _mentors_and_requests(sessions, [2], 2)
    for request, uid in asking:
        with sessions.begin() as s:
            finding.ask(s, request, mentor, uid, START)
    with sessions.begin() as s:
        offered = s.get(MentorOffer, mentor)
        assert offered is not None
        offered.capacity = 1
    barrier = threading.Barrier(2)

    def accept(request_id: int) -> str:
        with sessions() as session, session.begin():
            assert finding.active_mentees(session, mentor) == 0  # both see a free place
            barrier.wait(timeout=30)
            try:
                finding.accept(session, request_id, "UMENTOR0", START, 6)
            except Refused as refused:
                return str(refused)
            return "started"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(accept, [request for request, _ in asking]))
    assert outcomes.count("started") == 1
    [refusal] = [o for o in outcomes if o != "started"]
    assert refusal.startswith("You have no free place left (your offer is for 1 mentee)")
    with sessions() as s:
        assert finding.active_mentees(s, mentor) == 1
