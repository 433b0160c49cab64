"""Profile rules: what a member may write about themselves, checked before it is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.members.profile_options import INTERESTS, LEVELS

MAX_COMPANY = 100
MAX_GOALS = 1000
MAX_TAGS = 10
MAX_TAG = 30


@dataclass(frozen=True)
class ProfileUpdate:
    company: str | None
    level: str | None
    interests: tuple[str, ...]
    tags: tuple[str, ...]
    goals: str | None
    tz_override: str | None


@dataclass(frozen=True)
class ProfileForm:
    """The raw answers, as typed into the modal (field names match the modal's blocks)."""

    company: str | None = None
    level: str | None = None
    interests: tuple[str, ...] = ()
    tags: str | None = None
    goals: str | None = None
    timezone: str | None = None


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def phrase_tag(tag: str) -> str:
    """'#Zero to One ' → 'zero-to-one'."""
    tag = tag.strip().lstrip("#").strip().lower()
    return re.sub(r"[\s_]+", "-", tag)


def parse_phrase_tags(text: str | None) -> list[str]:
    """Profile tags: each comma-, semicolon- or line-separated phrase is one tag, kept as the
    member wrote it (lowercase, hyphenated). Vault tags (``bot.vault.tags``) are keyword
    tags instead, so `#zero to one` is one profile tag but three vault tags: a profile tag
    describes a person and is shown back as written, a vault tag is a search key typed on
    a command line where a space ends a tag."""
    tags: list[str] = []
    for part in re.split(r"[,;\n]", text or ""):
        tag = phrase_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def resolve_timezone(text: str) -> str | None:
    """The canonical IANA name for what the member typed, matching case-insensitively."""
    try:
        ZoneInfo(text)
        return text
    except (ZoneInfoNotFoundError, ValueError):
        pass
    wanted = text.replace(" ", "_").lower()
    for name in available_timezones():
        if name.lower() == wanted:
            return name
    return None


def validate_profile(form: ProfileForm) -> ProfileUpdate | dict[str, str]:
    """A clean update, or errors keyed by the modal field they belong to."""
    errors: dict[str, str] = {}
    company = _clean(form.company)
    if company and len(company) > MAX_COMPANY:
        errors["company"] = f"Please keep the company under {MAX_COMPANY} characters."
    level = form.level or None
    if level is not None and level not in LEVELS:
        errors["level"] = "Please pick a level from the list."
    unknown = [key for key in form.interests if key not in INTERESTS]
    if unknown:
        errors["interests"] = "Please pick interests from the list."
    tags = parse_phrase_tags(form.tags)
    if len(tags) > MAX_TAGS:
        errors["tags"] = f"Up to {MAX_TAGS} tags, please ({len(tags)} given)."
    elif any(len(tag) > MAX_TAG for tag in tags):
        errors["tags"] = f"Each tag can be at most {MAX_TAG} characters."
    goals = _clean(form.goals)
    if goals and len(goals) > MAX_GOALS:
        errors["goals"] = f"Please keep your goals under {MAX_GOALS} characters."
    tz_text = _clean(form.timezone)
    tz_override = None
    if tz_text:
        tz_override = resolve_timezone(tz_text)
        if tz_override is None:
            errors["timezone"] = (
                f"I don't know the time zone “{tz_text[:60]}”. "
                "Use a name like Europe/Berlin, or leave it empty to use Slack's."
            )
    if errors:
        return errors
    return ProfileUpdate(
        company=company,
        level=level,
        interests=tuple(dict.fromkeys(form.interests)),
        tags=tuple(tags),
        goals=goals,
        tz_override=tz_override,
    )
