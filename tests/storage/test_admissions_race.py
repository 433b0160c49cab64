"""PostgreSQL only: admins clicking Admit at the same moment.

Each thread opens its own transaction, reads the application (pending, so the service's
own check passes for everyone), waits for the others, then admits: only the database's
compare-and-set decides who wins, which is exactly the race two admins create.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.cohorts import admissions
from bot.cohorts.lifecycle import CohortRefused
from storage.models import Application, Cohort, Member
from tests.conftest import START, postgres_only

THREADS = 8


def _cohort_with_applications(
    sessions: sessionmaker[Session], spots: int, applicants: int
) -> tuple[int, list[int]]:
    with sessions.begin() as s:
        cohort = Cohort(
            name="Race", spots=spots, taken=0, status="open", opened_by="UADMIN", opened_at=START
        )
        s.add(cohort)
        s.flush()
        ids = []
        for i in range(applicants):
            member = Member(
                slack_user_id=f"UAPPLICANT{i}",
                status="applicant",
                interests=[],
                tags=[],
                created_at=START,
                updated_at=START,
            )
            s.add(member)
            s.flush()
            application = Application(
                cohort_id=cohort.id,
                member_id=member.id,
                company="Globex",
                role="PM",
                level="pm",
                years=3,
                interests=["growth"],
                wants="friends",
                status="pending",
                submitted_at=START,
                updated_at=START,
            )
            s.add(application)
            s.flush()
            ids.append(application.id)
        return cohort.id, ids


def _race(sessions: sessionmaker[Session], targets: list[int]) -> list[str]:
    barrier = threading.Barrier(len(targets))

    def click(i: int) -> str:
        with sessions() as session, session.begin():
            session.get(Application, targets[i])  # read while still pending
            session.get(Cohort, session.get(Application, targets[i]).cohort_id)
            barrier.wait(timeout=30)
            try:
                decided = admissions.admit(session, targets[i], by=f"UADMIN{i}", now=START)
            except CohortRefused:
                return "refused"
            return "full" if decided.full else "admitted"

    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        return list(pool.map(click, range(len(targets))))


@postgres_only
def test_two_admins_cannot_admit_the_same_person_twice(sessions: sessionmaker[Session]) -> None:
    cohort_id, [application_id] = _cohort_with_applications(sessions, spots=5, applicants=1)
    outcomes = _race(sessions, [application_id] * THREADS)
    assert outcomes.count("admitted") == 1 and outcomes.count("refused") == THREADS - 1
    with sessions() as s:
        assert s.get(Cohort, cohort_id).taken == 1


@postgres_only
def test_admins_admitting_different_people_at_once_never_exceed_the_spots(
    sessions: sessionmaker[Session],
) -> None:
    cohort_id, ids = _cohort_with_applications(sessions, spots=3, applicants=THREADS)
    outcomes = _race(sessions, ids)
    assert outcomes.count("admitted") == 3 and outcomes.count("full") == THREADS - 3
    with sessions() as s:
        admitted = s.scalars(select(Application).where(Application.status == "admitted")).all()
        assert len(admitted) == 3 and s.get(Cohort, cohort_id).taken == 3
