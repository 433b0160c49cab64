"""The starter shelf: a few playbooks we wrote, so a new community's vault is not empty.

Every database gets them with its schema: migration 0009 holds a frozen copy of this shelf
and makes the job_run claim (``vault_seed``/``v1``), so nothing on the search path writes.
``ensure_seeded`` is the same load under the same claim, for ``circlebot vault seed`` and for
a database emptied after migrating: it loads once, however many run it at the same time, and
entries an admin removes later stay removed. They have no link; their text is the outline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.vault.terms import index_text
from storage.insert_once import insert_once
from storage.models import JobRun, JobRunStatus
from storage.models.vault import VaultResource, VaultTag

SEED_JOB, SEED_VERSION = "vault_seed", "v1"

SEED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Your first 90 days as a PM: a plan outline",
        "Days 1–30, listen: meet every stakeholder 1:1 (what's working, what worries you, who "
        "else should I talk to); read the last two quarters of PRDs, roadmaps and post-mortems; "
        "sit in on five customer calls; learn the metrics the team is judged on.\n"
        "Days 31–60, find the problems: write a one-page diagnosis of the product and the team; "
        "pick one small, visible win and ship it; agree with your manager on what success at "
        "day 90 looks like.\n"
        "Days 61–90, set direction: propose the next quarter's OKRs and roadmap; run your first "
        "planning cycle; write down the rituals you keep and the ones you drop.",
        ("onboarding", "first-90-days", "career"),
    ),
    (
        "PRD outline: a one-page product requirements document",
        "1. Problem: who has it, how we know (data, interviews), why now.\n"
        "2. Goals and non-goals, with the metric that tells us it worked.\n"
        "3. Users and jobs to be done.\n"
        "4. Solution sketch: the smallest version worth shipping (MVP), and what we leave out.\n"
        "5. Requirements: must / should / could, each testable.\n"
        "6. Risks, open questions, dependencies.\n"
        "7. Launch: rollout, experiment or A/B test plan, who needs to know.\n"
        "Keep it to one page; link out for detail.",
        ("prd", "template", "writing"),
    ),
    (
        "GTM checklist: launching a feature",
        "Before: positioning in one sentence (for whom, what it replaces, why better); pricing "
        "and packaging decided; success metric and baseline; sales and support briefed with an "
        "FAQ; docs and release notes drafted; launch tier agreed (quiet, standard, big).\n"
        "Launch day: staged rollout with a kill switch; announcement in product, email and "
        "social; a channel for issues with an owner on call.\n"
        "After: week-one metrics review; customer feedback summary; retro with sales, support "
        "and marketing.",
        ("gtm", "launch", "checklist"),
    ),
    (
        "Customer interview guide (jobs to be done)",
        "Open: thank them, explain there are no wrong answers, ask to record.\n"
        "Timeline: when did you first realise you needed something? What were you using "
        "before? What made you switch, and what almost stopped you?\n"
        "Dig: ask for the last time it happened, not the usual; follow emotions; ask “why” "
        "three times.\n"
        "Close: anything we should have asked? Who else should we talk to?\n"
        "After: write the story up within the hour; tag pushes, pulls, anxieties and habits.",
        ("jtbd", "discovery", "user-research"),
    ),
    (
        "Weekly 1:1 with your manager: an agenda",
        "Your items first: decisions you need, blockers, what you're unsure about.\n"
        "Then theirs: context from above, priorities that moved.\n"
        "Monthly: career — a skill you're building and feedback both ways.\n"
        "Write three lines of notes in a shared doc; start the next 1:1 from them.",
        ("1on1", "career", "management"),
    ),
)


def is_seeded(session: Session) -> bool:
    return session.scalar(select(JobRun.id).where(JobRun.job == SEED_JOB).limit(1)) is not None


def ensure_seeded(session: Session, *, now: datetime) -> bool:
    """Load the starter shelf unless it was loaded before; True if this call loaded it."""
    if is_seeded(session):
        return False
    claimed = insert_once(
        session,
        JobRun,
        {
            "job": SEED_JOB,
            "period_key": SEED_VERSION,
            "status": JobRunStatus.DONE,
            "claimed_by": "vault",
            "claimed_at": now,
            "finished_at": now,
        },
        ["job", "period_key"],
    )
    if not claimed:
        return False
    for title, outline, tags in SEED:
        terms = index_text(title, outline, tags)
        resource = VaultResource(
            url=None,
            url_key=None,
            title=title,
            description=outline,
            added_by=None,
            source="seed",
            votes=0,
            index_title=terms.title,
            index_tags=terms.tags,
            index_body=terms.body,
            created_at=now,
            updated_at=now,
        )
        resource.tag_rows = [VaultTag(tag=tag, position=i) for i, tag in enumerate(tags)]
        session.add(resource)
    session.flush()
    return True
