"""Usage texts and parsing of the slash-command surface."""

from __future__ import annotations

import pytest

from bot.slack.commands import COMMANDS, split, unknown, usage


def test_split_lowercases_the_subcommand_and_keeps_the_rest() -> None:
    assert split("  Search   go to market ") == ("search", "go to market")
    assert split(None) == ("", "")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_admins_see_every_subcommand_and_members_only_theirs(command: str) -> None:
    for_admins, for_members = usage(command, admin=True), usage(command)
    for sub in COMMANDS[command].subcommands:
        if sub.name != COMMANDS[command].default:
            assert f"`{command} {sub.name}" in for_admins
            assert (f"`{command} {sub.name}" in for_members) == (not sub.admin)
    assert f"{command} help" in for_admins and f"{command} help" in for_members


def test_a_default_reads_as_the_plain_command_once() -> None:
    text = usage("/profile")
    assert "• `/profile` — open your profile editor\n" in text
    assert "same as plain" not in text and "`/profile edit`" not in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_usage_hint_names_every_subcommand_a_member_can_use(command: str) -> None:
    spec = COMMANDS[command]
    members = [s.name for s in spec.subcommands if not s.admin and s.name != spec.default]
    for name in members or [s.name for s in spec.subcommands if s.name != spec.default]:
        assert name in spec.usage_hint, f"{command}'s hint leaves out {name}"
    assert spec.usage_hint.endswith("| help]")


def test_unknown_input_is_quoted_shortened_and_followed_by_usage() -> None:
    text = unknown("/vault", "x" * 100)
    assert "x" * 40 + "…" in text and "x" * 41 not in text
    assert "/vault search" in text
