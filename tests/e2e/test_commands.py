"""Every slash command answers help, unknown input and not-yet features ephemerally."""

from __future__ import annotations

import re
from typing import NoReturn

import pytest

from bot.sandbox import Reply, SlackDriver, SlackSandbox
from bot.slack.commands import COMMANDS
from handlers.common import router as commands
from handlers.common.command_call import CommandCall
from handlers.common.errors import SORRY


def ephemeral(reply: Reply) -> str:
    assert reply.status == 200
    data = reply.json
    assert data.get("response_type", "ephemeral") == "ephemeral"
    return data["text"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_lists_the_subcommands(driver: SlackDriver, plain_ben: str, command: str) -> None:
    text = ephemeral(driver.slash_command(plain_ben, command, "help"))
    assert text.startswith(f"*{command}*")
    assert f"`{command} help`" in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_subcommand_gets_usage(driver: SlackDriver, plain_ben: str, command: str) -> None:
    text = ephemeral(driver.slash_command(plain_ben, command, "frobnicate now"))
    assert text.startswith(f"I don't know `{command} frobnicate`")
    assert f"`{command} help`" in text


@pytest.mark.parametrize("command", ["/pairing", "/circle", "/vault", "/cohort"])
def test_empty_text_is_help(driver: SlackDriver, plain_ben: str, command: str) -> None:
    assert ephemeral(driver.slash_command(plain_ben, command)).startswith(f"*{command}*")


def listed_in_help(driver: SlackDriver, user: str, command: str) -> set[str]:
    """The sub-commands a person reads in `<command> help`; a bare `<command>` line is the
    command's default."""
    text = ephemeral(driver.slash_command(user, command, "help"))
    default = COMMANDS[command].default
    listed: set[str] = set()
    for call in re.findall(r"^• `([^`]+)`", text, flags=re.MULTILINE):
        name, _, rest = call.partition(" ")
        assert name == command, f"{command} help lists {call}"
        assert rest or default, f"{command} help lists a bare `{command}` but it has no default"
        listed.add(rest.split(" ")[0] if rest else str(default))
    return listed


def test_help_lists_exactly_the_subcommands_that_are_declared_and_routed(
    driver: SlackDriver, plain_ben: str, circlebot_admin: str
) -> None:
    """Help never advertises something that is not there, and nothing routed is hidden: an
    admin reads every sub-command, a member exactly the ones they may use."""
    specs = [(name, sub) for name, spec in COMMANDS.items() for sub in spec.subcommands]
    declared = {(name, sub.name) for name, sub in specs}
    for_members = {(name, sub.name) for name, sub in specs if not sub.admin}
    helps = {(name, "help") for name in COMMANDS}  # answered by the router itself
    routed = set(commands.ROUTES)

    def listed(user: str) -> set[tuple[str, str]]:
        return {(name, sub) for name in COMMANDS for sub in listed_in_help(driver, user, name)}

    assert declared | helps == routed | helps == listed(circlebot_admin)
    assert listed(plain_ben) == for_members | helps


def test_answers_are_seen_only_by_the_person_who_asked(
    driver: SlackDriver, sandbox: SlackSandbox, plain_ben: str
) -> None:
    cat = sandbox.add_user("cat")["id"]
    driver.slash_command(plain_ben, "/vault", "help")
    assert [s.kind for s in sandbox.seen_by(plain_ben)] == ["ephemeral"]
    assert sandbox.seen_by(cat) == []


def test_a_crashing_command_apologises_instead_of_failing(
    driver: SlackDriver, plain_ben: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(call: CommandCall) -> NoReturn:
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.ROUTES, ("/profile", "show"), broken)
    assert ephemeral(driver.slash_command(plain_ben, "/profile", "show")) == SORRY
