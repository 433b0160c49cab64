"""Usage texts and parsing of the slash-command surface."""

from __future__ import annotations

import pytest

from bot.slack.commands import COMMANDS, split, unknown, usage


def test_split_lowercases_the_subcommand_and_keeps_the_rest() -> None:
    assert split("  Search   go to market ") == ("search", "go to market")
    assert split(None) == ("", "")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_usage_lists_every_subcommand_and_help(command: str) -> None:
    text = usage(command)
    for sub in COMMANDS[command].subcommands:
        if sub.name != COMMANDS[command].default:
            assert f"{command} {sub.name}" in text
    assert f"{command} help" in text


def test_unknown_input_is_quoted_shortened_and_followed_by_usage() -> None:
    text = unknown("/vault", "x" * 100)
    assert "x" * 40 + "…" in text and "x" * 41 not in text
    assert "/vault search" in text
