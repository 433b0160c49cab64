"""manifest.yml agrees with the code: the same slash commands, events the app listens to,
exactly the bot scopes the Web API methods it calls need, and the history scopes only
as optional ones (least privilege: the bot acts without reading members' conversations)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from slack_sdk import WebClient

from bot.outbox.reconcile import OPTIONAL_SCOPES
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.driver import FORM
from bot.slack.commands import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text())
CODE_DIRS = ["bot", "handlers", "jobs", "storage"]

HISTORY = {"im:history", "mpim:history", "channels:history", "groups:history"}
# Bot scopes each Web API method needs, as the bot uses it (conversations.open opens both
# 1:1 and group DMs).
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postEphemeral": {"chat:write"},
    "chat.postMessage": {"chat:write"},
    "chat.update": {"chat:write"},
    "conversations.open": {"im:write", "mpim:write"},
    "conversations.create": {"groups:write"},
    "conversations.invite": {"groups:write"},
    "conversations.kick": {"groups:write"},
    "files.getUploadURLExternal": {"files:write"},
    "files.completeUploadExternal": {"files:write"},
    "users.info": {"users:read"},
    "users.list": {"users:read"},
    "views.open": set(),
    "views.publish": set(),
    "views.update": set(),
}
# Methods only the outbox's reconciliation calls, and only when the installer granted the
# optional scopes: history is read where the bot posts (DMs, group DMs and channels).
OPTIONAL_METHOD_SCOPES: dict[str, set[str]] = {
    "conversations.history": HISTORY,
    "conversations.replies": HISTORY,
}
EVENT_SCOPES: dict[str, set[str]] = {
    "app_home_opened": set(),
    "team_join": {"users:read"},
    "user_change": {"users:read"},
}


def source_files() -> list[Path]:
    files = []
    for folder in CODE_DIRS:
        files += [p for p in (ROOT / folder).rglob("*.py") if "sandbox" not in p.parts]
    return files


def methods_called() -> set[str]:
    """Web API methods the code calls: ``client.chat_postMessage(``, or a WebClient method
    named in a string (``_call("conversations_open", …)``, or chosen by a condition)."""
    found = set()
    for path in source_files():
        text = path.read_text()
        for name in re.findall(r"client\.([a-z]+_[A-Za-z]+)\(", text):
            found.add(name.replace("_", ".", 1))
        for name in re.findall(r'"([a-z]+_[A-Za-z]+)"', text):
            if callable(getattr(WebClient, name, None)):
                found.add(name.replace("_", ".", 1))
    return found


def events_handled() -> set[str]:
    found = set()
    for path in source_files():
        found |= set(re.findall(r'app\.event\("([a-z_.]+)"\)', path.read_text()))
    return found


def test_the_scan_finds_the_calls_we_know_about() -> None:
    # Guards the scanner itself: if these vanish, the regexes broke, not the code.
    assert {
        "chat.postMessage",
        "conversations.open",
        "users.list",
        "views.open",
        "conversations.history",
        "conversations.replies",
    } <= methods_called()


def test_every_method_the_code_calls_is_classified() -> None:
    known = set(METHOD_SCOPES) | set(OPTIONAL_METHOD_SCOPES)
    assert methods_called() <= known, "add the new method's scopes to METHOD_SCOPES"


def test_bot_scopes_are_exactly_what_the_code_needs() -> None:
    needed = {"commands"}
    for method in methods_called() - set(OPTIONAL_METHOD_SCOPES):
        needed |= METHOD_SCOPES[method]
    for event in events_handled():
        needed |= EVENT_SCOPES[event]
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


def test_history_scopes_are_optional_and_exactly_what_reconciliation_reads() -> None:
    scopes = MANIFEST["oauth_config"]["scopes"]
    optional = set()
    for method in methods_called() & set(OPTIONAL_METHOD_SCOPES):
        optional |= OPTIONAL_METHOD_SCOPES[method]
    assert set(scopes["bot_optional"]) == optional == HISTORY == OPTIONAL_SCOPES
    assert not HISTORY & set(scopes["bot"]), "the default install reads no conversation"
    assert "user" not in scopes and "user_optional" not in scopes


def test_subscribed_events_are_the_ones_the_app_handles() -> None:
    assert set(MANIFEST["settings"]["event_subscriptions"]["bot_events"]) == events_handled()


def test_nobody_can_write_to_the_bot_where_it_could_not_answer() -> None:
    """A writable Messages tab needs message.im (and so im:history) and a listener; the bot
    asks for no history scope, so its Messages tab is read-only and App Home explains the
    commands instead."""
    home = MANIFEST["features"]["app_home"]
    answers_dms = "message.im" in events_handled()
    assert home["messages_tab_read_only_enabled"] is not answers_dms


def test_every_command_that_takes_a_person_gets_mentions_from_slack() -> None:
    """`/circle move @ana` arrives as a mention only with should_escape: true."""
    listed = {c["command"]: c for c in MANIFEST["features"]["slash_commands"]}
    takes_a_person = {
        name for name, spec in COMMANDS.items() if any("@" in s.args for s in spec.subcommands)
    }
    assert takes_a_person == {"/circle", "/cohort", "/mentor"}
    assert all(listed[name]["should_escape"] is True for name in takes_a_person)


def test_slash_commands_match_the_command_table() -> None:
    listed = {c["command"]: c for c in MANIFEST["features"]["slash_commands"]}
    assert (
        set(listed)
        == set(COMMANDS)
        == {"/circle", "/vault", "/cohort", "/pairing", "/profile", "/lunch", "/mentor", "/pulse"}
    )
    for name, spec in COMMANDS.items():
        assert listed[name]["description"] == spec.description
        assert listed[name]["usage_hint"] == spec.usage_hint


def test_manifest_shape_is_what_slack_accepts() -> None:
    info = MANIFEST["display_information"]
    assert 1 <= len(info["name"]) <= 35
    assert 1 <= len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    features = MANIFEST["features"]
    assert features["app_home"]["home_tab_enabled"] and features["app_home"]["messages_tab_enabled"]
    assert features["bot_user"]["display_name"]
    for command in features["slash_commands"]:
        assert re.fullmatch(r"/[a-z0-9_-]{1,31}", command["command"])
        assert len(command["description"]) <= 2000
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["settings"]["socket_mode_enabled"] is True


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_app_registers_every_manifest_command(
    driver: SlackDriver, sandbox: SlackSandbox, command: str
) -> None:
    user = sandbox.add_user("pat")["id"]
    assert driver.slash_command(user, command, "help").status == 200


def test_a_command_not_in_the_manifest_is_not_handled(
    driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    """Slack never sends a command the app did not declare; a forged one finds no listener."""
    user = sandbox.add_user("pat")["id"]
    form = urlencode({"command": "/donut", "text": "help", "user_id": user, "team_id": "T1"})
    assert driver.post_signed(form, FORM).status == 404
