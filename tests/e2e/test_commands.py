"""Every slash command answers help, unknown input and not-yet features ephemerally."""

from __future__ import annotations

import pytest

from bot.slack.commands import COMMANDS
from handlers.common import router as commands
from handlers.common.errors import SORRY


@pytest.fixture
def ben(sandbox) -> str:  # type: ignore[no-untyped-def]
    return sandbox.add_user("ben")["id"]


def ephemeral(reply) -> str:  # type: ignore[no-untyped-def]
    assert reply.status == 200
    data = reply.json
    assert data.get("response_type", "ephemeral") == "ephemeral"
    return data["text"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_lists_the_subcommands(driver, ben, command: str) -> None:  # type: ignore[no-untyped-def]
    text = ephemeral(driver.slash_command(ben, command, "help"))
    assert text.startswith(f"*{command}*")
    assert f"`{command} help`" in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_subcommand_gets_usage(driver, ben, command: str) -> None:  # type: ignore[no-untyped-def]
    text = ephemeral(driver.slash_command(ben, command, "frobnicate now"))
    assert text.startswith(f"I don't know `{command} frobnicate`")
    assert f"`{command} help`" in text


@pytest.mark.parametrize("command", ["/pairing", "/circle", "/vault", "/cohort"])
def test_empty_text_is_help(driver, ben, command: str) -> None:  # type: ignore[no-untyped-def]
    assert ephemeral(driver.slash_command(ben, command)).startswith(f"*{command}*")


def test_every_listed_subcommand_is_handled() -> None:
    """Help never advertises something that is not there."""
    listed = {(name, sub.name) for name, spec in COMMANDS.items() for sub in spec.subcommands}
    assert listed <= set(commands.ROUTES)


def test_answers_are_seen_only_by_the_person_who_asked(driver, sandbox, ben) -> None:  # type: ignore[no-untyped-def]
    cat = sandbox.add_user("cat")["id"]
    driver.slash_command(ben, "/vault", "help")
    assert [s.kind for s in sandbox.seen_by(ben)] == ["ephemeral"]
    assert sandbox.seen_by(cat) == []


def test_a_crashing_command_apologises_instead_of_failing(driver, ben, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(call):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.ROUTES, ("/profile", "show"), broken)
    assert ephemeral(driver.slash_command(ben, "/profile", "show")) == SORRY
