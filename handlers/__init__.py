"""Bolt listeners, one module per surface; each exposes ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, errors, events, pairing_actions, views


def register(app: App) -> None:
    errors.register(app)
    commands.register(app)
    actions.register(app)
    pairing_actions.register(app)
    views.register(app)
    events.register(app)
