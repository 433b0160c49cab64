"""The admins' pulse on a large community, as JSON: SQL aggregates beside the same weekly
figures computed by loading the rows into Python, and the chart's render time.

    .venv/bin/python -m bench.pulse [--members 10000] [--weeks 52]
        [--database-url sqlite:///path.db | postgresql+psycopg://…]… [--reuse]

The history is written with the real models' tables (``insert(Model)``): every week each
member in the community is paired (a trio when odd), answers or not, may meet and ask to
meet again (two who both ask become friends); circles of four are asked to check in, answer
or skip, and some share a mood; members add to and vote in the vault, search it, apply to
cohorts; a few pause, some leave. Goals: the pulse ≤ 2 s on SQLite and on PostgreSQL, the
chart ≤ 1 s. The database given is emptied first (``--reuse`` measures the history a
previous run left in it). Wall times share the machine with whatever else runs; the CPU
time this process spent on the pulse, and the best of five runs, are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert, inspect, select, text
from sqlalchemy.orm import Session

from bot.pairing.schedule import EPOCH_MONDAY
from bot.platform.periods import week_key
from bot.pulse.chart import render_chart
from bot.pulse.compute import compute_pulse, weekly
from bot.pulse.figures import Week
from bot.pulse.searches import search_words
from bot.pulse.stored import store_pulse, weekly_pulse
from bot.pulse.window import ACTIVE_WEEKS, Window, last_weeks
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import (
    Application,
    Base,
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
    VaultSearchLog,
    VaultVote,
)

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=TZ)
BATCH = 20_000
WORDS = ["pricing", "roadmap", "okrs", "prd", "discovery", "hiring", "interview", "churn"]


def reset(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in inspect(conn).get_table_names():
                conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    upgrade(engine)


def put(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start : start + BATCH])


def generate(session: Session, members: int, weeks: int, rng: random.Random) -> dict[str, int]:
    """A year of community life, written through the models' tables."""
    this_monday = NOW.astimezone(TZ).date() - timedelta(days=NOW.astimezone(TZ).weekday())
    mondays = [this_monday - timedelta(weeks=weeks - i) for i in range(weeks)]

    def at(week: int, day: int, hour: int) -> datetime:
        local = datetime.combine(mondays[week] + timedelta(days=day), datetime.min.time(), TZ)
        return (local + timedelta(hours=hour, minutes=rng.randrange(60))).astimezone(UTC)

    joined = [0 if i < members * 0.6 else rng.randrange(weeks) for i in range(members)]
    left = [
        rng.randrange(joined[i], weeks) if rng.random() < 0.03 else None for i in range(members)
    ]
    status = [
        "left"
        if left[i] is not None
        else rng.choices(["active", "paused", "applicant"], [97, 2, 1])[0]
        for i in range(members)
    ]
    put(
        session,
        Member,
        [
            {
                "id": i + 1,
                "slack_user_id": f"U{i:07d}",
                "name": f"member{i}",
                "real_name": f"Member {i}",
                "status": status[i],
                "created_at": at(joined[i], 0, 8),
                "updated_at": at(joined[i], 0, 8),
                "left_at": at(left[i], 2, 12) if left[i] is not None else None,
                "interests": [],
                "tags": [],
            }
            for i in range(members)
        ],
    )
    circles = members // 4
    put(
        session,
        Circle,
        [
            {
                "id": c + 1,
                "name": f"circle{c}",
                "status": "active",
                "seed": 0,
                "created_by": "UADMIN",
                "created_at": at(0, 0, 9),
            }
            for c in range(circles)
        ],
    )
    circle_of = {i: i // 4 + 1 for i in range(circles * 4)}
    put(
        session,
        CircleMember,
        [
            {"member_id": i + 1, "circle_id": c, "role": "peer", "joined_at": at(0, 0, 9)}
            for i, c in circle_of.items()
        ],
    )
    rounds, pairings, sides, checkins, friends = [], [], [], [], set()
    friend_rows = []
    pairing_id = 0
    for w in range(weeks):
        number = (mondays[w] - EPOCH_MONDAY).days // 7
        rounds.append(
            {
                "id": w + 1,
                "period_key": f"r{w}",
                "kind": "weekly",
                "week": number,
                "seed": w,
                "stats": {},
                "created_at": at(w, 0, 9),
            }
        )
        here = [
            i
            for i in range(members)
            if joined[i] <= w and (left[i] is None or left[i] > w) and status[i] != "applicant"
        ]
        rng.shuffle(here)
        groups = [here[k : k + 2] for k in range(0, len(here) - len(here) % 2, 2)]
        if len(here) % 2 and groups:
            groups[-1].append(here[-1])
        for group in groups:
            pairing_id += 1
            pairings.append(
                {
                    "id": pairing_id,
                    "round_id": w + 1,
                    "week": number,
                    "shared": [],
                    "is_repeat": False,
                    "is_friends": False,
                    "icebreaker": "",
                    "cancelled": rng.random() < 0.01,
                    "created_at": at(w, 0, 9),
                    "followup_sent_at": at(w, 3, 9),
                }
            )
            again = []
            for i in group:
                answered = rng.random() < 0.6
                met = answered and rng.random() < 0.7
                wants = met and rng.random() < 0.4
                again.append(wants)
                sides.append(
                    {
                        "pairing_id": pairing_id,
                        "member_id": i + 1,
                        "met": ("yes" if met else "not_yet") if answered else None,
                        "meet_again": wants if met else None,
                        "skipped": not answered and rng.random() < 0.1,
                        "answered_at": at(w, 3, 12) if answered else None,
                    }
                )
            if len(group) == 2 and all(again):
                pair = (min(group) + 1, max(group) + 1)
                if pair not in friends:
                    friends.add(pair)
                    friend_rows.append(
                        {
                            "member_a": pair[0],
                            "member_b": pair[1],
                            "created_at": at(w, 4, 12),
                            "last_paired_week": number,
                        }
                    )
        key = week_key(at(w, 1, 10), TZ)
        for i in here:
            if i not in circle_of:
                continue
            answered = rng.random() < 0.65
            skipped = not answered and rng.random() < 0.15
            mood = rng.randint(1, 5) if answered else None
            checkins.append(
                {
                    "member_id": i + 1,
                    "circle_id": circle_of[i],
                    "period_key": key,
                    "prompted_at": at(w, 1, 10),
                    "answered_at": at(w, 1, 15) if answered else None,
                    "skipped_at": at(w, 2, 9) if skipped else None,
                    "win": "a win" if answered else None,
                    "mood": mood,
                    "share_mood": answered and rng.random() < 0.5,
                    "rough_week": answered and rng.random() < 0.05,
                    "version": 0,
                }
            )
    put(session, PairingRound, rounds)
    put(session, Pairing, pairings)
    put(session, PairingMember, sides)
    put(session, Friendship, friend_rows)
    put(session, CheckinResponse, checkins)
    resources, votes, searches = [], [], []
    for w in range(weeks):
        for _ in range(20):
            n = len(resources) + 1
            resources.append(
                {
                    "id": 10_000 + n,
                    "url": f"https://example.com/{n}",
                    "url_key": f"example.com/{n}",
                    "title": f"Template {n}",
                    "description": "",
                    "added_by": f"U{rng.randrange(members):07d}",
                    "source": "member",
                    "votes": 0,
                    "index_title": "",
                    "index_tags": "",
                    "index_body": "",
                    "created_at": at(w, 2, 11),
                    "updated_at": at(w, 2, 11),
                }
            )
        for _ in range(100):
            votes.append(
                {
                    "resource_id": rng.choice(resources)["id"],
                    "user_id": f"U{rng.randrange(members):07d}",
                    "created_at": at(w, 3, 11),
                }
            )
        for _ in range(300):
            words = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
            searches.append(
                {
                    "words": search_words(words),
                    "found": rng.random() < 0.7,
                    "at": at(w, rng.randrange(7), 11),
                }
            )
    unique_votes = {(v["resource_id"], v["user_id"]): v for v in votes}
    put(session, VaultResource, resources)
    put(session, VaultVote, list(unique_votes.values()))
    put(session, VaultSearchLog, searches)
    applications = []
    for c in range(4):
        w = c * (weeks // 4)
        session.execute(
            insert(Cohort).values(
                id=c + 1,
                name=f"Cohort {c}",
                spots=300,
                taken=100,
                status="started",
                opened_by="UADMIN",
                opened_at=at(w, 0, 9),
                started_at=at(w + 3, 0, 9),
            )
        )
        for k in range(200):
            i = (c * 200 + k) % members
            decided = rng.choice(["admitted", "waitlisted", "declined", "pending"])
            applications.append(
                {
                    "cohort_id": c + 1,
                    "member_id": i + 1,
                    "company": "Acme",
                    "role": "PM",
                    "level": "senior",
                    "years": 5,
                    "interests": [],
                    "wants": "peers",
                    "status": decided,
                    "submitted_at": at(w, rng.randrange(7), 12),
                    "updated_at": at(w, 6, 12),
                    "decided_at": None if decided == "pending" else at(w + 1, 2, 12),
                }
            )
    put(session, Application, applications)
    lunches, signups, requests, mentorships = [], [], [], []
    for w in range(weeks):
        for _ in range(3):
            lunch_id = len(lunches) + 1
            lunches.append(
                {
                    "id": lunch_id,
                    "guest_name": "A product leader",
                    "starts_at": at(w, 3, 12),
                    "closes_at": at(w, 1, 12),
                    "place": "Cafe",
                    "seats": 6,
                    "status": rng.choice(["seated", "seated", "cancelled"]),
                    "seed": 0,
                    "created_by": "UADMIN",
                    "created_at": at(w, 0, 9),
                    "tags": [],
                    "interests_only": False,
                }
            )
            for k, i in enumerate(rng.sample(range(members), 8)):
                signups.append(
                    {
                        "lunch_id": lunch_id,
                        "member_id": i + 1,
                        "status": "confirmed" if k < 6 else "waitlisted",
                        "asked_at": at(w, 0, 10),
                        "question": "What would you do differently?",
                        "share_with_guest": False,
                    }
                )
        for _ in range(5):
            request_id = len(requests) + 1
            mentor, mentee = rng.sample(range(members), 2)
            requests.append(
                {
                    "id": request_id,
                    "mentee_id": mentee + 1,
                    "goal": "Lead a team",
                    "phase": "growing",
                    "spike": "leadership",
                    "topics": [],
                    "status": "matched",
                    "passed": [],
                    "created_at": at(w, 0, 9),
                    "updated_at": at(w, 2, 9),
                }
            )
            mentorships.append(
                {
                    "request_id": request_id,
                    "mentor_id": mentor + 1,
                    "mentee_id": mentee + 1,
                    "status": "active",
                    "started_at": at(w, 2, 9),
                    "ends_at": at(w, 2, 9) + timedelta(days=180),
                }
            )
    put(session, Lunch, lunches)
    put(session, LunchSignup, signups)
    put(session, MentorRequest, requests)
    put(session, Mentorship, mentorships)
    return {
        "members": members,
        "pairings": len(pairings),
        "pairing_members": len(sides),
        "friendships": len(friend_rows),
        "checkins": len(checkins),
        "vault_entries": len(resources),
        "vault_votes": len(unique_votes),
        "searches": len(searches),
        "applications": len(applications),
        "lunch_signups": len(signups),
        "mentorships": len(mentorships),
    }


def python_weekly(session: Session, window: Window) -> list[Week]:
    """The same weekly figures, by loading the rows into Python: the comparison."""
    edges, n = window.edges, len(window.mondays)

    def bucket(moment: datetime | None) -> int | None:
        if moment is None or moment >= window.end:
            return None
        for i in range(len(edges) - 2, -1, -1):
            if moment >= edges[i]:
                return i - window.lookback
        return -100

    members = {
        m.id: m
        for m in session.scalars(select(Member))
        if m.status != "applicant" and m.deleted_at is None
    }
    by_slack = {m.slack_user_id: m.id for m in members.values()}
    weeks = [defaultdict(int) for _ in range(n)]

    def upto(w: int | None, i: int) -> bool:
        return w is not None and w <= i

    for m in members.values():
        joined, gone = bucket(m.created_at), bucket(m.left_at)
        for i in range(n):
            if upto(joined, i) and not upto(gone, i):
                weeks[i]["members"] += 1
        if joined is not None and 0 <= joined < n:
            weeks[joined]["new"] += 1
        if gone is not None and 0 <= gone < n:
            weeks[gone]["left"] += 1
    acts: set[tuple[int, int]] = set()

    def act(member: int | None, moment: datetime | None) -> None:
        w = bucket(moment)
        if member in members and w is not None and w > -100 and moment >= edges[0]:
            acts.add((member, w))

    pairing_week = {p.id: p for p in session.scalars(select(Pairing))}
    index = {number: i for i, number in enumerate(window.week_numbers)}
    intro: dict[int, list[bool]] = {}
    first_week = window.week_numbers[0] - window.lookback - 1
    for pm in session.scalars(select(PairingMember)):
        p = pairing_week[pm.pairing_id]
        if p.week >= first_week:
            act(pm.member_id, pm.answered_at)
        if p.cancelled or p.week not in index:
            continue
        flags = intro.setdefault(p.id, [False, False])
        flags[0] |= pm.answered_at is not None
        flags[1] |= pm.met == "yes"
        if pm.met == "yes":
            weeks[index[p.week]]["met_answers"] += 1
            weeks[index[p.week]]["meet_again"] += bool(pm.meet_again)
    for pid, (answered, met) in intro.items():
        i = index[pairing_week[pid].week]
        weeks[i]["intros"] += 1
        weeks[i]["intros_answered"] += answered
        weeks[i]["intros_met"] += met
    keys = {key: i for i, key in enumerate(window.period_keys)}
    all_keys = set(window.all_keys)
    for c in session.scalars(select(CheckinResponse)):
        if c.period_key in all_keys:
            act(c.member_id, c.answered_at or c.skipped_at)
        if c.period_key not in keys:
            continue
        f = weeks[keys[c.period_key]]
        f["checkins_asked"] += 1
        if c.answered_at is not None:
            f["checkins_answered"] += 1
            f["rough_weeks"] += c.rough_week or (c.share_mood and (c.mood or 9) <= 2)
            if c.share_mood and c.mood is not None:
                f["mood_sum"] += c.mood
                f["mood_answers"] += 1
    for a in session.scalars(select(Application)):
        act(a.member_id, a.submitted_at)
        for moment, name, ok in (
            (a.submitted_at, "applications", True),
            (a.decided_at, "admitted", a.status == "admitted"),
            (a.decided_at, "waitlisted", a.status == "waitlisted"),
        ):
            w = bucket(moment)
            if ok and w is not None and 0 <= w < n:
                weeks[w][name] += 1
    for c in session.scalars(select(Cohort)):
        w = bucket(c.started_at)
        if w is not None and 0 <= w < n:
            weeks[w]["cohorts_started"] += 1
    for r in session.scalars(select(VaultResource)):
        act(by_slack.get(r.added_by or ""), r.created_at)
        w = bucket(r.created_at)
        if r.source == "member" and w is not None and 0 <= w < n:
            weeks[w]["vault_added"] += 1
    for v in session.scalars(select(VaultVote)):
        act(by_slack.get(v.user_id), v.created_at)
    for s in session.scalars(select(VaultSearchLog)):
        w = bucket(s.at)
        if w is not None and 0 <= w < n:
            weeks[w]["searches"] += 1
            weeks[w]["searches_empty"] += not s.found
    active: list[set[int]] = [set() for _ in range(n)]
    for member, w in acts:
        for i in range(max(w, 0), min(w + ACTIVE_WEEKS, n)):
            active[i].add(member)
    for i in range(n):
        weeks[i]["active"] = len(active[i])
    ends: dict[int, list[datetime]] = defaultdict(list)
    for f in session.scalars(select(Friendship)):
        w = bucket(f.created_at)
        if w is not None and 0 <= w < n:
            weeks[w]["friendships_formed"] += 1
        for i in range(n):
            if upto(w, i):
                weeks[i]["friendships_total"] += 1
        ends[f.member_a].append(f.created_at)
        ends[f.member_b].append(f.created_at)
    for member, moments in ends.items():
        m = members.get(member)
        if m is None or min(moments) >= window.end:
            continue
        gone = bucket(m.left_at)
        for rank, name in ((1, "with_friend"), (2, "with_two_friends")):
            if len(moments) < rank:
                continue
            nth = sorted(moments)[rank - 1]
            w = bucket(nth)
            had_by_leaving = m.left_at is not None and nth <= m.left_at
            for i in range(n):
                if upto(w, i) and not (had_by_leaving and upto(gone, i)):
                    weeks[i][name] += 1
    extra = [{"lunch_seats": 0, "mentorships_started": 0} for _ in range(n)]
    lunches = {lunch.id: lunch for lunch in session.scalars(select(Lunch))}
    for signup in session.scalars(select(LunchSignup)):
        lunch = lunches[signup.lunch_id]
        w = bucket(lunch.starts_at)
        held = lunch.status != "cancelled" and signup.status == "confirmed"
        if held and w is not None and 0 <= w < n:
            extra[w]["lunch_seats"] += 1
    for mentorship in session.scalars(select(Mentorship)):
        w = bucket(mentorship.started_at)
        if w is not None and 0 <= w < n:
            extra[w]["mentorships_started"] += 1
    return [Week(monday, **weeks[i], extra=extra[i]) for i, monday in enumerate(window.mondays)]


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def cpu_seconds(run: Callable[[], object]) -> float:
    """This process's CPU time for one run: on SQLite all the work, and unlike wall time
    not inflated by other processes sharing the machine's two cores."""
    started = time.process_time()
    run()
    return time.process_time() - started


def measure(url: str, members: int, weeks: int, seed: int, *, reuse: bool) -> dict[str, Any]:
    engine = make_engine(url)
    sessions = make_sessions(engine)
    rows: dict[str, int] = {}
    generated = 0.0
    if not reuse:
        reset(engine)
        started = time.perf_counter()
        with sessions.begin() as session:
            rows = generate(session, members, weeks, random.Random(seed))
        generated = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    window = last_weeks(NOW, TZ)
    with sessions() as session:
        pulse_s, pulse = timed(lambda: compute_pulse(session, NOW, TZ), 5)
        best = min(timed(lambda: compute_pulse(session, NOW, TZ), 1)[0] for _ in range(5))
        pulse_cpu = cpu_seconds(lambda: compute_pulse(session, NOW, TZ))
        sql_s, sql_weeks = timed(lambda: weekly(session, window), 3)
    with sessions() as session:
        python_s, python_weeks = timed(lambda: python_weekly(session, window), 1)
    # App Home and `/pulse` read the week the Monday job stored: one row and a names query.
    Base.metadata.create_all(engine, tables=[Base.metadata.tables["pulse_weeks"]])  # older DB
    with sessions.begin() as session:
        store_pulse(session, pulse, NOW)  # type: ignore[arg-type]
    stored_s, _ = timed(lambda: weekly_pulse(sessions, NOW, TZ), 5)
    stored_cpu = cpu_seconds(lambda: weekly_pulse(sessions, NOW, TZ))
    engine.dispose()
    return {
        "database": engine.dialect.name,
        "rows": rows,
        "generate_s": round(generated, 1),
        "pulse_s": round(pulse_s, 3),
        "pulse_best_of_5_s": round(best, 3),
        "pulse_cpu_s_this_process": round(pulse_cpu, 3),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "weekly_sql_s": round(sql_s, 3),
        "weekly_python_s": round(python_s, 3),
        "python_over_sql": round(python_s / sql_s, 1),
        "same_figures": list(sql_weeks) == list(python_weeks),  # type: ignore[call-overload]
        "goal_pulse_s": 2.0,
        "stored_pulse_read_s": round(stored_s, 4),
        "stored_pulse_read_cpu_s": round(stored_cpu, 4),
        "_pulse": pulse,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--database-url", action="append", default=[])
    parser.add_argument(
        "--reuse", action="store_true", help="measure the history already in the database"
    )
    args = parser.parse_args()
    urls = args.database_url
    with tempfile.TemporaryDirectory() as tmp:
        if not urls:
            urls = [f"sqlite:///{Path(tmp) / 'pulse.db'}"]
        results = [
            measure(url, args.members, args.weeks, args.seed, reuse=args.reuse) for url in urls
        ]
    pulse = results[0].pop("_pulse")
    for result in results[1:]:
        result.pop("_pulse")
    first = time.perf_counter()
    png = render_chart(pulse)
    first_s = time.perf_counter() - first
    chart_s, _ = timed(lambda: render_chart(pulse), 5)
    print(
        json.dumps(
            {
                "benchmark": "pulse",
                "members": args.members,
                "weeks_of_history": args.weeks,
                "results": results,
                "chart": {
                    "first_render_s": round(first_s, 3),
                    "render_s": round(chart_s, 3),
                    "png_bytes": len(png),
                    "goal_s": 1.0,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
