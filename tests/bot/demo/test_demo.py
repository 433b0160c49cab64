"""`make demo` is the README's first command: it must run and tell the story."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo.run import run_demo


def test_demo_runs_and_shows_what_each_member_saw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_demo(db_path=str(tmp_path / "demo.db")) == 0
    out = capsys.readouterr().out
    assert "── Dana Ruiz" in out and "Welcome to Product Circle, Dana!" in out
    assert "Company: Northwind" in out  # Ana's App Home after saving her profile
    assert "/vault search gtm → Vault results for “gtm”" in out
    assert "/circle status → You're not in a circle yet." in out
    assert "the 429 was retried after its Retry-After" in out
    assert "members by status: {'active': 14, 'applicant': 1, 'left': 2}; with a profile: 13" in out
    # Seven weekly rounds, each with its statistics, and one pair's thread.
    assert out.count("the scheduled round runs.") == 7
    assert out.count("eligible 1") == 7 and "repeats 0" in out
    assert "Both say they met and want to meet again: they are friends now." in out
    assert "friend re-pairings 1" in out  # week 7: the friends meet again on purpose
    assert "One pair's DM thread" in out and "Did you meet" in out
    # The intake: two admitted (one via the waitlist), started with first-week intros.
    assert "Both spots in Spring 2027 are taken." in out
    assert "Raj's DM: You've been admitted to Spring 2027" in out
    assert "*Spring 2027* has started: 2 new members" in out
    assert "Applications: 0 pending, 2 admitted, 0 waitlisted, 0 declined, 1 withdrawn." in out
    # Circles: formed from Slack, one circle's week shared only in its channel.
    assert "Formed 2 circles: Otter, Heron." in out
    assert "Tuesday: 8 check-in prompts went out" in out
    assert "1 answered, 1 skipped, 2 not yet." in out
    assert "↳ │ Win: Got the pricing experiment approved." in out
    # Privacy: the export arrives as a file, the delete leaves an opaque id and the audit.
    assert "product-circle-data-" in out and "'checkins': 1" in out
    assert "name '', status left; 0 check-ins; audit log: export by themselves, delete by" in out
    outbox = next(line for line in out.splitlines() if line.strip().startswith("outbox:"))
    assert "'failed'" not in outbox and "'pending'" not in outbox
