"""`circlebot` command line: run, scheduler, demo, db, sync-members."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import TYPE_CHECKING

from bot.platform.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:  # the commands import what they run lazily, so `--help` starts fast
    from apscheduler.schedulers.background import BackgroundScheduler
    from slack_sdk import WebClient

    from bot.platform.services import Services
    from bot.platform.web import Wsgi

log = logging.getLogger("circlebot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="circlebot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (Socket Mode if SLACK_APP_TOKEN is set)")
    run.add_argument(
        "--no-scheduler", action="store_true", help="serve Slack only (extra web replicas)"
    )
    commands.add_parser("scheduler", help="run only the scheduled jobs and the outbox")
    demo = commands.add_parser("demo", help="run the bot against the local Slack sandbox")
    demo.add_argument("--db", default="circlebot-demo.db", help="SQLite file for the demo")
    demo.add_argument(
        "--verbose", action="store_true", help="also show ids, seeds, statistics and API calls"
    )
    db = commands.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "current"])
    commands.add_parser("sync-members", help="sync the member list from Slack now")
    pair = commands.add_parser("pair", help="run this week's pairing round now (idempotent)")
    pair.add_argument("--dry-run", action="store_true", help="show the round, send nothing")
    pair.add_argument("--json", action="store_true", help="print the round as JSON")
    vault = commands.add_parser("vault", help="the vault's starter shelf and search index")
    vault.add_argument(
        "action",
        choices=["seed", "reindex"],
        help="seed: load the starter playbooks now (once); reindex: re-analyze every entry",
    )
    args = parser.parse_args(argv)

    if args.command == "demo":
        from bot.demo.run import run_demo

        return run_demo(db_path=args.db, verbose=args.verbose)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2

    from bot.platform.logs import configure_logging
    from bot.platform.runtime import StartupError

    configure_logging(settings.log_level, settings.log_format)
    try:
        if args.command == "db":
            return _db(settings, args.action)
        if args.command == "sync-members":
            return _sync_members(settings)
        if args.command == "pair":
            return _pair(settings, dry_run=args.dry_run, as_json=args.json)
        if args.command == "vault":
            return _vault(settings, args.action)
        if args.command == "scheduler":
            return _scheduler_only(settings)
        return _run(settings, scheduler=not args.no_scheduler)
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return 2


def _db(settings: Settings, action: str) -> int:
    from storage.db import make_engine
    from storage.migrate import current_revision, head_revision, upgrade

    engine = make_engine(settings.database_url)
    if action == "upgrade":
        upgrade(engine)
    print(f"database at revision {current_revision(engine)} (code head {head_revision()})")
    return 0


def _vault(settings: Settings, action: str) -> int:
    from bot.platform.runtime import build_services
    from bot.vault.entries import reindex
    from bot.vault.seed import ensure_seeded

    services = build_services(settings)
    with services.sessions.begin() as session:
        if action == "seed":
            loaded = ensure_seeded(session, now=services.clock.now())
            print("starter playbooks loaded" if loaded else "starter playbooks were loaded before")
        else:
            print(f"entries re-analyzed: {reindex(session)} changed")
    return 0


def _sync_members(settings: Settings) -> int:
    from bot.members.sync import sync_members
    from bot.platform.runtime import build_services, check_slack, slack_client
    from jobs.members import fetch_users

    services = build_services(settings)
    client = slack_client(services)
    check_slack(client)
    with services.sessions.begin() as session:
        report = sync_members(session, fetch_users(client), now=services.clock.now())
    print(f"members synced: {report.as_dict()}")
    return 0


def _pair(settings: Settings, *, dry_run: bool, as_json: bool) -> int:
    import json

    from bot.pairing.preview_blocks import stats_line
    from bot.pairing.rounds import plan, run_round
    from bot.platform.periods import week_words
    from bot.platform.runtime import build_services

    services = build_services(settings)
    now = services.clock.now()
    with services.sessions.begin() as session:
        if dry_run:
            planned = plan(session, now, settings)
        else:
            result = run_round(session, now, settings)
            if result is None:
                print("This week's round has already run; nothing was sent twice.")
                return 0
            planned = result.plan
        groups = [
            [planned.members[mid].display_name for mid in group.members]
            for group in planned.round.groups
        ]
        stats = planned.stats()
    if as_json:
        print(json.dumps({"period": planned.period_key, "stats": stats, "groups": groups}))
        return 0
    title = f"Round for the {week_words(planned.period_key)}"
    print(title + (" (dry run: nothing sent)" if dry_run else ""))
    print(stats_line(stats))
    for names in groups:
        print("  " + " + ".join(names))
    return 0


def _start_scheduler(services: Services, client: WebClient) -> BackgroundScheduler:
    from jobs.scheduler import build_scheduler, catch_up

    catch_up(services, client)
    scheduler = build_scheduler(services, client)
    scheduler.start()
    log.info("scheduler started (%s)", services.settings.circlebot_timezone)
    return scheduler


def _scheduler_only(settings: Settings) -> int:
    from bot.platform.runtime import build_services, check_slack, slack_client

    services = build_services(settings)
    client = slack_client(services)
    check_slack(client)
    scheduler = _start_scheduler(services, client)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    scheduler.shutdown()
    return 0


def _run(settings: Settings, *, scheduler: bool) -> int:
    from bot.app import build_app
    from bot.platform.runtime import build_services, check_slack, slack_client

    services = build_services(settings)  # migrates once, before any worker starts
    client = slack_client(services)
    identity = check_slack(client)
    log.info("connected to %s as %s", identity.get("team"), identity.get("user"))

    if settings.socket_mode:
        from bot.platform.server import run_socket_mode

        running = _start_scheduler(services, client) if scheduler else None
        try:
            run_socket_mode(build_app(services), settings.slack_app_token or "")
        finally:
            if running:
                running.shutdown()
        return 0

    from bot.platform.logs import gunicorn_logconfig
    from bot.platform.server import GunicornServer
    from bot.platform.web import make_wsgi_app

    # The master keeps these services for the scheduler; workers build their own after
    # fork and must not touch (or close) the connections they inherited.
    def build_wsgi() -> Wsgi:
        from bot.platform.health import readiness

        worker = build_services(settings, migrate=False)
        return make_wsgi_app(build_app(worker), readiness=lambda: readiness(worker.engine))

    def forget_inherited_pools() -> None:
        for engine in (services.engine, services.reader):
            engine.dispose(close=False)

    started: dict[str, BackgroundScheduler] = {}
    services.engine.dispose()
    services.reader.dispose()
    GunicornServer(
        build_wsgi,
        port=settings.port,
        workers=settings.web_concurrency,
        on_ready=(lambda: started.update(s=_start_scheduler(services, client)))
        if scheduler
        else None,
        on_exit=lambda: started["s"].shutdown() if "s" in started else None,
        after_fork=forget_inherited_pools,
        logconfig=gunicorn_logconfig(settings.log_level, settings.log_format),
    ).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
