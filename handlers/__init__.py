"""Bolt listeners: common/ holds what every listener shares (the slash router, the admin
guard, refusals and errors); one package per domain, each module with ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from handlers.circles import checkin as circle_checkin
from handlers.circles import forming as circle_forming
from handlers.cohorts import actions as cohort_actions
from handlers.cohorts import views as cohort_views
from handlers.common import errors
from handlers.common import router as commands
from handlers.lunches import actions as lunch_actions
from handlers.lunches import views as lunch_views
from handlers.members import actions as profile_actions
from handlers.members import events
from handlers.members import views as profile_views
from handlers.mentors import actions as mentor_actions
from handlers.mentors import views as mentor_views
from handlers.pairing import actions as pairing_actions
from handlers.privacy import commands as privacy_commands
from handlers.vault import actions as vault_actions
from handlers.vault import views as vault_views


def register(app: App) -> None:
    errors.register(app)
    commands.register(app)
    profile_actions.register(app)
    pairing_actions.register(app)
    profile_views.register(app)
    cohort_actions.register(app)
    cohort_views.register(app)
    circle_checkin.register(app)
    circle_forming.register(app)
    privacy_commands.register(app)
    vault_actions.register(app)
    vault_views.register(app)
    lunch_actions.register(app)
    lunch_views.register(app)
    mentor_actions.register(app)
    mentor_views.register(app)
    events.register(app)
