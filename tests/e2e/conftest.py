"""The people the end-to-end tests meet, defined once: each fixture adds one person to the
Slack sandbox and returns their user id. Where modules needed a different person under the same
name (another time zone, another kind of admin), each variant has its own name here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bot.platform.settings import Settings
    from bot.sandbox import SlackSandbox


@pytest.fixture
def ana(sandbox: SlackSandbox) -> str:
    """Ana Okafor, in New York (the sandbox's default time zone)."""
    return sandbox.add_user("ana", real_name="Ana Okafor")["id"]


@pytest.fixture
def ana_in_london(sandbox: SlackSandbox) -> str:
    """Ana Okafor, with Slack's time zone set to London."""
    return sandbox.add_user("ana", real_name="Ana Okafor", tz="Europe/London")["id"]


@pytest.fixture
def ben(sandbox: SlackSandbox) -> str:
    """Ben Ito, in New York."""
    return sandbox.add_user("ben", real_name="Ben Ito")["id"]


@pytest.fixture
def plain_ben(sandbox: SlackSandbox) -> str:
    """A person with only a user name, "ben": no real name given, every default."""
    return sandbox.add_user("ben")["id"]


@pytest.fixture
def admin(sandbox: SlackSandbox) -> str:
    """Ada, a workspace admin the bot has never synced: admin rights come from users.info."""
    return sandbox.add_user("ada", real_name="Ada Admin", is_admin=True)["id"]


@pytest.fixture
def owner(sandbox: SlackSandbox) -> str:
    """Ada, the workspace owner (not marked admin), unknown to the bot until she acts."""
    return sandbox.add_user("ada", is_owner=True)["id"]


@pytest.fixture
def circlebot_admin(sandbox: SlackSandbox, settings: Settings) -> str:
    """Ada Admin, an ordinary Slack user named a community admin in the bot's settings."""
    user = sandbox.add_user("ada", real_name="Ada Admin")["id"]
    settings.circlebot_admins = (*settings.circlebot_admins, user)
    return user
