"""The import contract: the one-way rule of the architecture, checked on every run.

`handlers` and `jobs` → `bot.<domain>` → `storage`; only the composition roots (the app, the
CLI and the process runtime, the demo) may reach up into `handlers` and `jobs`; pure engines
never touch the database or Slack; `bench` never borrows from `tests`; no import cycles.
"""

from __future__ import annotations

import graphlib
from functools import cache

import grimp
import pytest

PROJECT = ("bot", "handlers", "jobs", "storage", "bench", "tests")

# Composition roots: they wire handlers and jobs together, so they may import both.
ROOTS = (
    "bot.app",
    "bot.platform.cli",
    "bot.platform.runtime",
    "bot.platform.server",
    "bot.demo",
)

# Pure engines: data and a clock in, decisions out. No database, no Slack.
PURE = (
    "bot.pairing.engine",
    "bot.pairing.schedule",
    "bot.circles.grouping",
    "bot.circles.checkin_schedule",
    "bot.circles.checkin_form",
    "bot.cohorts.rules",
    "bot.vault.query",
    "bot.vault.terms",
    "bot.vault.tags",
    "bot.vault.links",
    "bot.mentors.fit",
    "bot.mentors.assignment",
    "bot.mentors.rhythm",
    "bot.mentors.forms",
    # Block Kit builders: pure functions from data to messages.
    "bot.lunches.blocks",
    "bot.lunches.seat_blocks",
    "bot.lunches.brief_blocks",
    "bot.lunches.takeaway_blocks",
    "bot.lunches.upcoming_blocks",
    "bot.lunches.home_blocks",
    "bot.mentors.blocks",
    "bot.mentors.proposal_blocks",
    "bot.mentors.pair_blocks",
    "bot.mentors.rhythm_blocks",
    "bot.mentors.home_blocks",
    "bot.mentors.admin_blocks",
    "bot.mentors.panel_blocks",
)


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PROJECT, include_external_packages=True, cache_dir=None)


def within(module: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def imports_of(prefixes: tuple[str, ...] | str) -> list[tuple[str, str]]:
    g = graph()
    return sorted(
        (m, imported)
        for m in g.modules
        if within(m, prefixes)
        for imported in g.find_modules_directly_imported_by(m)
    )


def test_every_module_the_contract_names_exists() -> None:
    names = graph().modules
    named = (*PROJECT, *ROOTS, *PURE)
    assert [p for p in named if not any(within(m, p) for m in names)] == []


def test_no_import_cycles() -> None:
    g = graph()
    project = [m for m in g.modules if within(m, PROJECT)]
    sorter = graphlib.TopologicalSorter(
        {
            m: {t for t in g.find_modules_directly_imported_by(m) if within(t, PROJECT)}
            for m in project
        }
    )
    try:
        sorter.prepare()
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' → '.join(cycle.args[1])}")


def test_bot_never_imports_handlers_or_jobs_outside_the_composition_roots() -> None:
    wrong = [
        (m, t)
        for m, t in imports_of("bot")
        if within(t, ("handlers", "jobs")) and not within(m, ROOTS)
    ]
    assert wrong == []


def test_only_the_app_and_the_server_import_slack_bolt() -> None:
    wrong = [
        (m, t)
        for m, t in imports_of("bot")
        if within(t, "slack_bolt")
        and not within(m, ("bot.app", "bot.platform", "bot.sandbox", "bot.demo"))
    ]
    assert wrong == []


def test_pure_engines_never_import_the_database_or_slack() -> None:
    wrong = [
        (m, t)
        for m, t in imports_of(PURE)
        if within(t, ("sqlalchemy", "slack_sdk", "slack_bolt", "storage", "handlers", "jobs"))
    ]
    assert wrong == []


def test_storage_imports_no_layer_above_it() -> None:
    wrong = [(m, t) for m, t in imports_of("storage") if within(t, ("bot", "handlers", "jobs"))]
    assert wrong == []


def test_jobs_and_handlers_stay_apart() -> None:
    wrong = [(m, t) for m, t in imports_of("jobs") if within(t, "handlers")]
    wrong += [(m, t) for m, t in imports_of("handlers") if within(t, "jobs")]
    assert wrong == []


def test_bench_never_imports_tests() -> None:
    assert [(m, t) for m, t in imports_of("bench") if within(t, "tests")] == []
