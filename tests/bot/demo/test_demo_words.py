"""The copy test over the demo: every text the demo shows anyone follows docs/voice.md, and
the demo itself reads as a story for an admin (no reprs, seeds or HTTP codes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.demo.run import run_demo
from bot.sandbox import SlackSandbox
from bot.sandbox.copy_check import copy_problems
from bot.slack.voice import ISO_WEEK, Problem, wrong_plural


def test_every_text_in_the_demo_follows_the_voice_guide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems: list[Problem] = []

    def inspect(sandbox: SlackSandbox) -> None:
        problems.extend(copy_problems(sandbox))

    assert run_demo(db_path=str(tmp_path / "demo.db"), inspect=inspect) == 0
    assert "\n".join(map(str, problems)) == ""
    out = capsys.readouterr().out
    # The first week: the welcome, then one intro a day.
    assert "Your weekly intros start on Mon 25 Jan." in out
    assert out.count("A first-week intro :wave:") == 3
    assert "• @Raj Iyer, Group / Lead PM at Freshworks, new with Spring 2027" in out
    raj = out.split("What Raj Iyer saw", 1)[1].split("\n\n", 1)[0]
    openers = [
        line.split("Icebreaker:", 1)[1] for line in raj.splitlines() if "Icebreaker:" in line
    ]
    assert len(openers) == len(set(openers)) == 3  # each intro starts a different conversation
    # Told for an admin: no reprs, ids, seeds, HTTP codes or API counts; plain words.
    for line in out.splitlines():
        assert "{'" not in line and "HTTP " not in line, line
        assert not re.search(r"\bseed\b", line), line
        assert "<@U" not in line and "<#C" not in line and not ISO_WEEK.search(line), line
        assert wrong_plural(line) is None, line
    assert "Slack API calls" not in out and "[dev]" not in out


def test_verbose_keeps_what_developers_want(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_demo(db_path=str(tmp_path / "demo.db"), verbose=True) == 0
    out = capsys.readouterr().out
    assert "[dev] Slack API calls: {" in out and "seed " in out and "[dev] HTTP 200" in out
    assert "[dev] chart: " in out and " bytes, PNG" in out
