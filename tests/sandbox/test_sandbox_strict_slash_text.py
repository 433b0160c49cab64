"""Slash-command text as Slack sends it for what a person typed, driven by manifest.yml."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from bot.platform.clock import ManualClock
from bot.sandbox import AppManifest, NotSentBySlack, SlackDriver, SlackSandbox, WsgiTransport
from bot.sandbox.manifest import REPO_MANIFEST
from bot.sandbox.slash_text import command_text

if TYPE_CHECKING:
    from conftest import EchoApp

USERS = {"ana": "U01ANA", "ben.k": "U02BEN"}
CHANNELS = {"general": "C01GEN"}


def escaped(typed: str, should_escape: bool = True) -> str:
    return command_text(
        typed, should_escape=should_escape, user_named=USERS.get, channel_named=CHANNELS.get
    )


def test_ampersand_and_angle_brackets_are_always_html_escaped() -> None:
    for should_escape in (True, False):
        assert escaped("add R&D <b>playbook</b>", should_escape) == (
            "add R&amp;D &lt;b&gt;playbook&lt;/b&gt;"
        )


def test_without_should_escape_mentions_arrive_as_typed() -> None:
    assert escaped("guide @ana in #general", should_escape=False) == "guide @ana in #general"


def test_with_should_escape_members_and_channels_become_links() -> None:
    assert escaped("guide @ana in #general") == "guide <@U01ANA|ana> in <#C01GEN|general>"
    assert escaped("@Ana, @ben.k.") == "<@U01ANA|ana>, <@U02BEN|ben.k>."
    assert escaped("@nobody #nowhere mail ana@example.com") == (
        "@nobody #nowhere mail ana@example.com"
    )


def test_with_should_escape_links_are_wrapped_and_kept_whole() -> None:
    typed = "add https://example.com/a?b=1&c=2#general see https://x.org. @ana"
    assert escaped(typed) == (
        "add <https://example.com/a?b=1&amp;c=2#general> see <https://x.org>. <@U01ANA|ana>"
    )
    assert escaped("add https://example.com/a?b=1&c=2", should_escape=False) == (
        "add https://example.com/a?b=1&amp;c=2"
    )


def test_the_repository_manifest_is_read_for_should_escape() -> None:
    manifest = AppManifest.load()
    raw = yaml.safe_load(REPO_MANIFEST.read_text())
    for command in raw["features"]["slash_commands"]:
        assert manifest.commands[command["command"]] == command.get("should_escape", False)


def test_the_driver_sends_what_slack_sends_for_the_typed_text(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    ana = strict.add_user("ana")["id"]
    strict.add_channel("general", members=[alice])
    manifest = strict.rules.manifest

    strict_driver.slash_command(alice, "/circle", "guide @ana & co")
    expected = "guide @ana &amp; co"
    if manifest.should_escape("/circle"):
        expected = f"guide <@{ana}|ana> &amp; co"
    assert app.last_payload["text"] == expected

    assert manifest.should_escape("/cohort")
    strict_driver.slash_command(alice, "/cohort", "open #general for @ana")
    channel = app.last_payload["text"].split()[1]
    assert channel.startswith("<#C") and channel.endswith("|general>")
    assert app.last_payload["text"].endswith(f"for <@{ana}|ana>")


def test_a_manifest_given_as_a_path_decides(
    tmp_path: Path, clock: ManualClock, app: EchoApp
) -> None:
    raw = yaml.safe_load(REPO_MANIFEST.read_text())
    for command in raw["features"]["slash_commands"]:
        command["should_escape"] = command["command"] == "/circle"
    path = tmp_path / "manifest.yml"
    path.write_text(yaml.safe_dump(raw))
    with SlackSandbox(clock=clock, strict=True, manifest=path) as sandbox:
        alice = sandbox.add_user("alice")["id"]
        ana = sandbox.add_user("ana")["id"]
        driver = SlackDriver(sandbox, WsgiTransport(app))
        driver.slash_command(alice, "/circle", "guide @ana")
        assert app.last_payload["text"] == f"guide <@{ana}|ana>"
        driver.slash_command(alice, "/vault", "add @ana")
        assert app.last_payload["text"] == "add @ana"


def test_a_private_channel_is_linked_only_for_its_members(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    bob = strict.add_user("bob")["id"]
    secret = strict.add_channel("secret", is_private=True, members=[alice])
    strict_driver.slash_command(alice, "/cohort", "open #secret")
    assert app.last_payload["text"] == f"open <#{secret}|secret>"
    strict_driver.slash_command(bob, "/cohort", "open #secret")
    assert app.last_payload["text"] == "open #secret"


def test_a_command_the_manifest_does_not_declare_is_never_sent(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    with pytest.raises(NotSentBySlack, match="no slash command /nope"):
        strict_driver.slash_command(alice, "/nope", "hi")
    assert app.requests == []


def test_a_lenient_sandbox_sends_the_text_as_given(
    sandbox: SlackSandbox, driver: SlackDriver, app: EchoApp
) -> None:
    alice = sandbox.add_user("alice")["id"]
    driver.slash_command(alice, "/anything", "R&D <@U1>")
    assert app.last_payload["text"] == "R&D <@U1>"
