"""`make demo` is the README's first command: it must run and tell the story."""

from __future__ import annotations

from bot.demo import run_demo


def test_demo_runs_and_shows_what_each_member_saw(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_demo(db_path=str(tmp_path / "demo.db")) == 0
    out = capsys.readouterr().out
    assert "── Dana Ruiz" in out and "Welcome to Product Circle, Dana!" in out
    assert "Company: Northwind" in out  # Ana's App Home after saving her profile
    assert "`/vault search` isn't available yet." in out
    assert "the 429 was retried after its Retry-After" in out
    assert "members by status: {'active': 4, 'left': 1}; with a profile: 3" in out
    assert "outbox: {'sent': 1}" in out
