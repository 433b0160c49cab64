"""The app as a workspace installs it: the default (required scopes only) or with the
optional history scopes granted. The sandbox, like Slack, says which in ``X-OAuth-Scopes``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.sandbox import SlackSandbox
from bot.sandbox.webapi import Answer

_SCOPES = yaml.safe_load((Path(__file__).resolve().parents[3] / "manifest.yml").read_text())[
    "oauth_config"
]["scopes"]
DEFAULT: tuple[str, ...] = tuple(_SCOPES["bot"])
WITH_HISTORY: tuple[str, ...] = DEFAULT + tuple(_SCOPES["bot_optional"])

# Runs a test once per installation: what the bot does must hold in both.
BOTH_MODES = pytest.mark.parametrize(
    "granted", [DEFAULT, WITH_HISTORY], ids=["default-install", "history-granted"]
)
HISTORY_GRANTED = pytest.mark.parametrize("granted", [WITH_HISTORY], ids=["history-granted"])


def hide_scopes(sandbox: SlackSandbox) -> None:
    """A Slack (or a proxy) that does not say which scopes it granted."""
    real = sandbox.api_request

    def without_scopes(method: str, query: str, raw: bytes, headers: Any) -> Answer:
        answer = real(method, query, raw, headers)
        for name in [n for n in answer.headers if n.lower() == "x-oauth-scopes"]:
            del answer.headers[name]
        return answer

    sandbox.api_request = without_scopes  # type: ignore[method-assign]
