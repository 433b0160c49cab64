"""What a weekly check-in may contain, checked before it is stored. Pure."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ANSWER = 1000
ROUGH_MOOD = 2  # a mood this low counts as a rough week, if the member shares their mood


@dataclass(frozen=True)
class CheckinForm:
    """The raw answers (field names match the modal's blocks)."""

    win: str | None = None
    challenge: str | None = None
    help_wanted: str | None = None
    mood: str | None = None
    share_mood: bool = False
    rough_week: bool = False


@dataclass(frozen=True)
class CheckinAnswers:
    win: str | None
    challenge: str | None
    help_wanted: str | None
    mood: int | None
    share_mood: bool
    rough_week: bool

    @property
    def wants_support(self) -> bool:
        """Circle-mates are nudged when the member asks, or shares a mood this low."""
        return self.rough_week or (
            self.share_mood and self.mood is not None and self.mood <= ROUGH_MOOD
        )


def validate_checkin(form: CheckinForm) -> CheckinAnswers | dict[str, str]:
    """Clean answers, or Slack's ``errors`` map (block id → sentence) for the modal.

    Any answer may be empty, but not all of them: an empty check-in says nothing.
    """
    texts = {
        "win": (form.win or "").strip(),
        "challenge": (form.challenge or "").strip(),
        "help_wanted": (form.help_wanted or "").strip(),
    }
    errors = {
        block: f"Keep it to {MAX_ANSWER} characters (this has {len(text)})."
        for block, text in texts.items()
        if len(text) > MAX_ANSWER
    }
    mood = None
    if form.mood:
        if form.mood not in {"1", "2", "3", "4", "5"}:
            errors["mood"] = "Pick a mood from 1 to 5."
        else:
            mood = int(form.mood)
    if not errors and not any(texts.values()) and mood is None:
        errors["win"] = "Write at least one answer (or pick a mood) before sending."
    if errors:
        return errors
    return CheckinAnswers(
        win=texts["win"] or None,
        challenge=texts["challenge"] or None,
        help_wanted=texts["help_wanted"] or None,
        mood=mood,
        share_mood=form.share_mood and mood is not None,
        rough_week=form.rough_week,
    )
