"""vault: the starter shelf, loaded once with the schema rather than on the first search

Every database gets the five starter playbooks (bot/vault/seed.py) here, with the
``vault_seed``/``v1`` claim that ``circlebot vault seed`` checks, so a search never has to
make sure of them. A database that already has the claim (seeded by an older version on
first use) is left alone: entries an admin removed stay removed.

The rows are frozen here, analyzed terms included (a migration never follows later
changes to the shelf or the analyzer; ``circlebot vault reindex`` re-analyzes them).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SEED_JOB, SEED_VERSION = "vault_seed", "v1"
# When this version of the shelf was written: older than anything a member adds, so among
# equally relevant entries with equal votes a member's comes first.
WRITTEN = datetime(2026, 11, 22, tzinfo=UTC)

job_run = sa.table(
    "job_run",
    sa.column("id", sa.Integer),
    sa.column("job", sa.String),
    sa.column("period_key", sa.String),
    sa.column("status", sa.String),
    sa.column("claimed_by", sa.String),
    sa.column("claimed_at", UTCDateTime()),
    sa.column("finished_at", UTCDateTime()),
)
resource = sa.table(
    "vault_resource",
    sa.column("id", sa.Integer),
    sa.column("url", sa.String),
    sa.column("url_key", sa.String),
    sa.column("title", sa.String),
    sa.column("description", sa.Text),
    sa.column("added_by", sa.String),
    sa.column("source", sa.String),
    sa.column("votes", sa.Integer),
    sa.column("index_title", sa.Text),
    sa.column("index_tags", sa.Text),
    sa.column("index_body", sa.Text),
    sa.column("created_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
)
tag = sa.table(
    "vault_tag",
    sa.column("resource_id", sa.Integer),
    sa.column("tag", sa.String),
    sa.column("position", sa.Integer),
)

# ruff: noqa: E501 -- frozen data, one string a line
# (title, outline, tags, index_title, index_tags, index_body)
SHELF: tuple[tuple[str, str, tuple[str, ...], str, str, str], ...] = (
    (
        "Your first 90 days as a PM: a plan outline",
        "Days 1–30, listen: meet every stakeholder 1:1 (what's working, what worries you, who else should I talk to); read the last two quarters of PRDs, roadmaps and post-mortems; sit in on five customer calls; learn the metrics the team is judged on.\nDays 31–60, find the problems: write a one-page diagnosis of the product and the team; pick one small, visible win and ship it; agree with your manager on what success at day 90 looks like.\nDays 61–90, set direction: propose the next quarter's OKRs and roadmap; run your first planning cycle; write down the rituals you keep and the ones you drop.",
        ("onboarding", "first-90-days", "career"),
        "first 90 day first90 pm plan outlin",
        "onboard first 90 day first90 career",
        "day 1 30 listen meet everi stakehold 1on1 oneonone s work worri els talk read last two quarter prd roadmap post mortem sit five custom call learn metric team judg 31 60 find problem write one page diagnosi product pick small visibl win ship agre manag success 90 look like 61 set direct propos next okr run first plan cycl down ritual keep drop",
    ),
    (
        "PRD outline: a one-page product requirements document",
        "1. Problem: who has it, how we know (data, interviews), why now.\n2. Goals and non-goals, with the metric that tells us it worked.\n3. Users and jobs to be done.\n4. Solution sketch: the smallest version worth shipping (MVP), and what we leave out.\n5. Requirements: must / should / could, each testable.\n6. Risks, open questions, dependencies.\n7. Launch: rollout, experiment or A/B test plan, who needs to know.\nKeep it to one page; link out for detail.",
        ("prd", "template", "writing"),
        "prd outlin one page product requir document",
        "prd templat write",
        "1 problem know data interview now 2 goal non metric tell us work 3 user job done jtbd 4 solut sketch smallest version worth ship mvp leav 5 requir must testabl 6 risk open question depend 7 launch rollout experi ab test abtest plan need keep one page link detail",
    ),
    (
        "GTM checklist: launching a feature",
        "Before: positioning in one sentence (for whom, what it replaces, why better); pricing and packaging decided; success metric and baseline; sales and support briefed with an FAQ; docs and release notes drafted; launch tier agreed (quiet, standard, big).\nLaunch day: staged rollout with a kill switch; announcement in product, email and social; a channel for issues with an owner on call.\nAfter: week-one metrics review; customer feedback summary; retro with sales, support and marketing.",
        ("gtm", "launch", "checklist"),
        "gtm checklist launch featur",
        "gtm launch checklist",
        "posit one sentenc replac better price packag decid success metric baselin sale support brief faq doc releas note draft launch tier agre quiet standard big day stage rollout kill switch announc product email social channel issu owner call week review custom feedback summari retro market",
    ),
    (
        "Customer interview guide (jobs to be done)",
        "Open: thank them, explain there are no wrong answers, ask to record.\nTimeline: when did you first realise you needed something? What were you using before? What made you switch, and what almost stopped you?\nDig: ask for the last time it happened, not the usual; follow emotions; ask “why” three times.\nClose: anything we should have asked? Who else should we talk to?\nAfter: write the story up within the hour; tag pushes, pulls, anxieties and habits.",
        ("jtbd", "discovery", "user-research"),
        "custom interview guid job done jtbd",
        "jtbd discoveri user research",
        "open thank explain wrong answer ask record timelin first realis need someth use made switch almost stop dig last time happen usual follow emot three close anyth els talk write stori within hour tag push pull anxieti habit",
    ),
    (
        "Weekly 1:1 with your manager: an agenda",
        "Your items first: decisions you need, blockers, what you're unsure about.\nThen theirs: context from above, priorities that moved.\nMonthly: career — a skill you're building and feedback both ways.\nWrite three lines of notes in a shared doc; start the next 1:1 from them.",
        ("1on1", "career", "management"),
        "week 1on1 oneonone manag agenda",
        "1on1 oneonone career manag",
        "item first decis need blocker re unsur context abov prioriti move month career skill build feedback way write three line note share doc start next 1on1 oneonone",
    ),
)


def upgrade() -> None:
    bind = op.get_bind()
    claimed = bind.scalar(
        sa.select(job_run.c.id).where(
            job_run.c.job == SEED_JOB, job_run.c.period_key == SEED_VERSION
        )
    )
    if claimed is not None:
        return
    now = datetime.now(UTC)  # when the claim was made
    bind.execute(
        job_run.insert().values(
            job=SEED_JOB,
            period_key=SEED_VERSION,
            status="done",
            claimed_by="migration 0009",
            claimed_at=now,
            finished_at=now,
        )
    )
    for title, outline, tags, index_title, index_tags, index_body in SHELF:
        resource_id = bind.scalar(
            resource.insert()
            .values(
                url=None,
                url_key=None,
                title=title,
                description=outline,
                added_by=None,
                source="seed",
                votes=0,
                index_title=index_title,
                index_tags=index_tags,
                index_body=index_body,
                created_at=WRITTEN,
                updated_at=WRITTEN,
            )
            .returning(resource.c.id)
        )
        bind.execute(
            tag.insert(),
            [{"resource_id": resource_id, "tag": t, "position": i} for i, t in enumerate(tags)],
        )


def downgrade() -> None:
    """Nothing to undo: the shelf is content, and an older version finds it claimed."""
