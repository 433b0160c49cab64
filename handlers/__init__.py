"""Bolt listeners, one module per surface; each exposes ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    actions,
    circle_checkin,
    circle_forming,
    cohort_actions,
    cohort_views,
    commands,
    errors,
    events,
    pairing_actions,
    privacy_commands,
    vault_actions,
    vault_views,
    views,
)


def register(app: App) -> None:
    errors.register(app)
    commands.register(app)
    actions.register(app)
    pairing_actions.register(app)
    views.register(app)
    cohort_actions.register(app)
    cohort_views.register(app)
    circle_checkin.register(app)
    circle_forming.register(app)
    privacy_commands.register(app)
    vault_actions.register(app)
    vault_views.register(app)
    events.register(app)
