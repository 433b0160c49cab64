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
    assert "her welcome arrives 10 seconds later, once." in out  # after Slack's 429
    assert "14 active members, 1 applicant and 2 people who left; 13 with a profile." in out
    # Seven weekly rounds, each told in words, and one pair's thread.
    assert out.count("the Monday round runs.") == 7
    assert out.count("13 members introduced in 5 pairs and 1 trio.") == 5
    assert "Both say they met and want to meet again: they are friends now." in out
    assert "1 pair of friends meet again on purpose." in out  # week 7
    assert "Ana and her first partner's group DM" in out and "Did you meet" in out
    # The intake: two admitted (one via the waitlist), started with first-week intros.
    assert "Both spots in Spring 2027 are taken." in out
    assert "Raj's DM: You've been admitted to Spring 2027" in out
    assert "Spring 2027 has started: 2 new members" in out
    assert "Applications: 0 pending, 2 admitted, 0 waitlisted, 0 declined, 1 withdrawn." in out
    # Circles: formed from Slack, one circle's week shared only in its channel.
    assert "Formed 2 circles: Otter, Heron." in out
    assert "Tuesday: 8 check-in prompts went out" in out
    assert "1 of 4 peers checked in, 1 skipping this week." in out
    assert "↳ │ Win: Got the pricing experiment approved." in out
    # Privacy: the export arrives as a file, the delete leaves a nameless row and the audit.
    assert "product-circle-data-" in out and "1 check-in" in out
    assert "What remains: a row with no name" in out
    assert "0 check-ins, and an audit log of the export and delete, by herself." in out
    assert "messages delivered, each exactly once; 0 waiting, 0 that Slack refused." in out
    # The ending: two ordinary weeks, then a pulse with figures and their change (issue 18).
    assert "Week of 29 Mar, much the same." in out
    assert "both ask to meet again: friends now." in out
    assert "searches the vault for “offsites” and finds nothing." in out
    pulse = out.split("DM to Ben Schulz", 1)[1]
    assert "# Community pulse for the week of 29 Mar" in pulse
    assert "Nothing was recorded" not in pulse
    assert "Friendships formed: 1 that week, 1 in all (1 more than the week before)" in pulse
    assert "Intros that met: 86% of 7 answered intros (up 3 points on the week before)" in pulse
    assert "Check-ins answered: 71% of 7 check-ins (up 28 points on the week before)" in pulse
    assert "1 search, 1 found nothing" in pulse
    assert "The chart is saved at " in out and "-pulse-2027-03-29.png" in out
    assert "bytes" not in out and "missed" not in out
