"""Start-up settings: good values load, bad ones stop the bot with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.platform.cli import main
from bot.platform.settings import SettingsError, load_settings

GOOD = {
    "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
    "SLACK_SIGNING_SECRET": "0123456789abcdef",
}


VARIABLES = [
    *("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"),
    *("DATABASE_URL", "CIRCLEBOT_ADMINS", "CIRCLEBOT_TIMEZONE", "PORT"),
    *("WEB_CONCURRENCY", "LOG_LEVEL"),
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def use(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name, value in {**GOOD, **env}.items():
        monkeypatch.setenv(name, value)


def test_defaults_are_the_embedded_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch)
    settings = load_settings()
    assert settings.database_url == "sqlite:///circlebot.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.port == 3000
    assert settings.socket_mode is False


def test_values_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=secret-from-file\n"
        "SLACK_APP_TOKEN=xapp-1-abc\nCIRCLEBOT_ADMINS=U01ADMIN, W02OWNER\n"
    )
    settings = load_settings()
    assert settings.slack_bot_token == "xoxb-from-file"
    assert settings.socket_mode is True
    assert settings.circlebot_admins == ("U01ADMIN", "W02OWNER")


def test_api_url_gets_the_trailing_slash_webclient_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, SLACK_API_URL="http://127.0.0.1:9999/api")
    assert load_settings().slack_api_url == "http://127.0.0.1:9999/api/"


@pytest.mark.parametrize(
    ("env", "variable", "expected"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN", "xoxb-"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN", "xoxb-"),
        ({"SLACK_APP_TOKEN": "not-an-app-token"}, "SLACK_APP_TOKEN", "xapp-"),
        ({"CIRCLEBOT_TIMEZONE": "Mars/Olympus"}, "CIRCLEBOT_TIMEZONE", "IANA time zone"),
        ({"PORT": "eighty"}, "PORT", "1 to 65535"),
        ({"PORT": "70000"}, "PORT", "1 to 65535"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL", "SQLAlchemy URL"),
        ({"DATABASE_URL": "sqlite://"}, "DATABASE_URL", "sqlite:///circlebot.db (a file)"),
        ({"CIRCLEBOT_ADMINS": "U01ADMIN,bob"}, "CIRCLEBOT_ADMINS", "Slack user ids"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL", "http(s) URL"),
        ({"PULSE_TIME": "10am"}, "PULSE_TIME", "HH:MM"),
        ({"LUNCH_CHANNEL": "lunches"}, "LUNCH_CHANNEL", "channel id"),
    ],
)
def test_a_bad_value_names_the_variable_and_what_is_expected(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], variable: str, expected: str
) -> None:
    use(monkeypatch, **env)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message
    assert variable in message
    assert expected in message


def test_missing_secrets_stop_the_bot_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-ok")
    code = main(["run"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("circlebot cannot start: SLACK_SIGNING_SECRET is missing")
