"""Settings from the environment and `.env`, validated once at start-up.

A bad value must stop the bot with one line that names the variable and says what is
expected, so `load_settings` turns pydantic's multi-line report into that line.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SLACK_API_URL = "https://slack.com/api/"
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

# What each variable expects, in the words the start-up error uses.
EXPECTED: dict[str, str] = {
    "SLACK_BOT_TOKEN": "the bot token from your Slack app's OAuth page (starts with xoxb-)",
    "SLACK_SIGNING_SECRET": "the signing secret from your Slack app's Basic Information page",
    "SLACK_APP_TOKEN": "an app-level token with connections:write (starts with xapp-), or unset",
    "SLACK_API_URL": "an http(s) URL of Slack's Web API, such as https://slack.com/api/",
    "DATABASE_URL": "an SQLAlchemy URL such as sqlite:///circlebot.db (a file) or postgresql+psycopg://…",
    "CIRCLEBOT_ADMINS": "comma-separated Slack user ids such as U012ABCDEF,U034GHIJKL",
    "CIRCLEBOT_TIMEZONE": "an IANA time zone such as Europe/Berlin or America/New_York",
    "PORT": "a TCP port number from 1 to 65535",
    "WEB_CONCURRENCY": "a number of web worker processes from 1 to 64",
    "LOG_LEVEL": "one of DEBUG, INFO, WARNING, ERROR",
    "LOG_FORMAT": "text, or json for one JSON object per line",
    "PAIRING_DAY": "a weekday: mon, tue, wed, thu, fri, sat or sun",
    "PAIRING_TIME": "a time of day as HH:MM, such as 09:00",
    "PAIRING_EVERY_WEEKS": "a whole number of weeks from 1 to 8",
    "FOLLOWUP_DAY": "a weekday: mon, tue, wed, thu, fri, sat or sun",
    "FOLLOWUP_TIME": "a time of day as HH:MM, such as 09:00",
    "PAIRING_REPEAT_WINDOW_WEEKS": "a whole number of weeks from 1 to 104",
    "FRIEND_REPAIR_WEEKS": "a whole number of weeks from 2 to 52",
    "COHORT_CHANNEL": "a Slack channel id such as C012ABCDEF, or unset",
    "COHORT_REVIEW_CHANNEL": "a Slack channel id such as C012ABCDEF where admins review, or unset",
    "FIRST_WEEK_INTROS": "a number of onboarding introductions per new member, from 0 to 3",
    "CHECKIN_DAY": "a weekday: mon, tue, wed, thu, fri, sat or sun",
    "CHECKIN_TIME": "a time of day as HH:MM, such as 10:00",
    "REMINDER_DAY": "a weekday: mon, tue, wed, thu, fri, sat or sun",
    "REMINDER_TIME": "a time of day as HH:MM, such as 10:00",
    "DIGEST_DAY": "a weekday: mon, tue, wed, thu, fri, sat or sun",
    "DIGEST_TIME": "a time of day as HH:MM, such as 16:00",
    "DEACTIVATED_GRACE_DAYS": "a whole number of days from 0 to 365",
    "CHECKIN_RETENTION_MONTHS": "a whole number of months from 1 to 120",
    "MEMBER_SYNC_TIME": "a time of day as HH:MM, such as 04:00",
    "PRIVACY_TIME": "a time of day as HH:MM, such as 04:30",
    "PAIRING_HISTORY_WEEKS": "a whole number of weeks from 12 to 520",
    "IGNORED_INTROS_BEFORE_ASKING": "a whole number of intros from 2 to 10",
    "FRIEND_NUDGE_AFTER_WEEKS": "a whole number of weeks from 1 to 26",
    "FRIEND_NUDGE_EVERY_DAYS": "a whole number of days from 7 to 365",
    "CIRCLE_SHARED_HOURS": "a number of hours from 0 to 12, such as 2 (or 1.5)",
    "WORKING_DAY_START": "a time of day as HH:MM, such as 08:00 (each member's own clock)",
    "WORKING_DAY_END": "a time of day as HH:MM, such as 20:00 (each member's own clock)",
    "MENTOR_TERM_MONTHS": "a whole number of months from 1 to 24",
    "LUNCH_SEASON_WEEKS": "a whole number of weeks from 1 to 52",
    "LUNCH_CONFIRM_HOURS": "a whole number of hours from 1 to 168",
    "LUNCH_CHANNEL": "a Slack channel id such as C012ABCDEF where lunches are announced, or unset",
    "LUNCH_REMINDER_TIME": "a time of day as HH:MM, such as 09:00 (each member's own clock)",
    "LUNCH_THANKS_AFTER_HOURS": "a whole number of hours from 1 to 336",
    "PULSE_TIME": "a time of day as HH:MM, such as 10:00",
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SettingsError(Exception):
    """Start-up configuration problem; ``str()`` is the one line to print."""


class Settings(BaseSettings):
    """Everything an operator may change. Names are the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    slack_bot_token: str = Field(pattern=r"^xoxb-\S+$")
    slack_signing_secret: str = Field(min_length=8)
    slack_app_token: str | None = Field(default=None, pattern=r"^xapp-\S+$")
    slack_api_url: str = SLACK_API_URL
    database_url: str = "sqlite:///circlebot.db"
    circlebot_admins: Annotated[tuple[str, ...], NoDecode] = ()
    circlebot_timezone: str = "UTC"
    port: int = Field(default=3000, ge=1, le=65535)
    web_concurrency: int = Field(default=2, ge=1, le=64)
    log_level: str = "INFO"
    log_format: str = Field(default="text", pattern=r"^(text|json)$")
    pairing_day: str = "mon"
    pairing_time: str = "09:00"
    pairing_every_weeks: int = Field(default=1, ge=1, le=8)
    followup_day: str = "thu"
    followup_time: str = "09:00"
    pairing_repeat_window_weeks: int = Field(default=12, ge=1, le=104)
    friend_repair_weeks: int = Field(default=6, ge=2, le=52)
    cohort_channel: str | None = Field(default=None, pattern=r"^[CG][A-Z0-9]{2,}$")
    cohort_review_channel: str | None = Field(default=None, pattern=r"^[CG][A-Z0-9]{2,}$")
    first_week_intros: int = Field(default=3, ge=0, le=3)
    checkin_day: str = "tue"  # each member's own time zone (the community's when unknown)
    checkin_time: str = "10:00"
    reminder_day: str = "thu"
    reminder_time: str = "10:00"
    digest_day: str = "fri"  # the guide's own time zone
    digest_time: str = "16:00"
    # Privacy: a member deactivated by the workspace is deleted after this many days;
    # check-in answers older than this many months are deleted by a daily job.
    deactivated_grace_days: int = Field(default=30, ge=0, le=365)
    checkin_retention_months: int = Field(default=12, ge=1, le=120)
    # Daily housekeeping, in the community time zone: the member sync, then the privacy job.
    member_sync_time: str = "04:00"
    privacy_time: str = "04:30"
    # Pairing: how far back the matcher reads who met whom; how many ignored intros in a
    # row bring the question about pausing; when and how often friends who have not been
    # paired again lately get a nudge.
    pairing_history_weeks: int = Field(default=52, ge=12, le=520)
    ignored_intros_before_asking: int = Field(default=3, ge=2, le=10)
    friend_nudge_after_weeks: int = Field(default=4, ge=1, le=26)
    friend_nudge_every_days: int = Field(default=30, ge=7, le=365)
    # Circles: the working hours a circle's peers and guide must share to meet every week,
    # inside everyone's working day in their own time zone.
    circle_shared_hours: float = Field(default=2.0, ge=0, le=12)
    working_day_start: str = "08:00"
    working_day_end: str = "20:00"
    # Mentoring: how long a mentorship runs before it ends (or the pair starts a new one).
    mentor_term_months: int = Field(default=6, ge=1, le=24)
    # Tiny lunches: seats go first to who had the fewest in a season of this many weeks; a
    # seat not confirmed in time goes to the waitlist; the day-before reminder's time (the
    # member's own clock); how long after the lunch the guest's thank-you waits for takeaways.
    lunch_season_weeks: int = Field(default=13, ge=1, le=52)
    lunch_confirm_hours: int = Field(default=24, ge=1, le=168)
    lunch_channel: str | None = Field(default=None, pattern=r"^[CG][A-Z0-9]{2,}$")
    lunch_reminder_time: str = "09:00"
    lunch_thanks_after_hours: int = Field(default=48, ge=1, le=336)
    # The admins' weekly pulse: on the pairing day, after the round (community time zone).
    pulse_time: str = "10:00"

    @field_validator(
        "slack_app_token", "cohort_channel", "cohort_review_channel", "lunch_channel", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("not an http(s) URL")
        # WebClient joins method names onto the base URL, which drops a last segment
        # that has no trailing slash.
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError("not a database URL") from exc
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            # Writes and reads use two engines (Services.reader): in memory, two databases.
            raise ValueError("an in-memory SQLite database")
        return value

    @field_validator("circlebot_admins", mode="before")
    @classmethod
    def _admins(cls, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        ids = tuple(value or ())
        bad = [item for item in ids if not USER_ID.match(item)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a Slack user id")
        return ids

    @field_validator("circlebot_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> str:
        level = str(value).upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError(f"unknown log level {value!r}")
        return level

    @field_validator(
        "pairing_day", "followup_day", "checkin_day", "reminder_day", "digest_day", mode="before"
    )
    @classmethod
    def _weekday(cls, value: Any) -> str:
        day = str(value).strip().lower()[:3]
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {value!r}")
        return day

    @field_validator(
        "pairing_time",
        "followup_time",
        "checkin_time",
        "reminder_time",
        "digest_time",
        "member_sync_time",
        "privacy_time",
        "working_day_start",
        "working_day_end",
        "lunch_reminder_time",
        "pulse_time",
    )
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
        if not match:
            raise ValueError(f"not a time of day {value!r}")
        return f"{int(match[1]):02d}:{match[2]}"

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.circlebot_timezone)

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


def load_settings(**overrides: Any) -> Settings:
    """Read settings, raising ``SettingsError`` with one line per the first bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """One line: every bad variable, what is wrong, and what is expected."""
    parts = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "settings"
        name = field.upper()
        problem = "is missing" if error["type"] == "missing" else "is not valid"
        parts.append(f"{name} {problem}: expected {EXPECTED.get(name, 'a valid value')}")
    return "circlebot cannot start: " + "; ".join(parts)
