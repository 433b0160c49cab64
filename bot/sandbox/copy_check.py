"""The copy test's reading of the sandbox: every text each person saw, as ``Surface``s for the
voice rules in bot/slack/voice.py."""

from __future__ import annotations

from bot.sandbox.inspection import SandboxInspection
from bot.sandbox.records import ApiError
from bot.slack.voice import Problem, Surface, check, opened_texts, texts_in

# Kinds that arrive as a notification (their ``text`` is what the notification shows).
NOTIFYING = frozenset({"message", "response"})


def surfaces(sandbox: SandboxInspection) -> list[Surface]:
    """Each distinct thing a person saw, with who it was shown to."""
    out: dict[tuple[object, ...], Surface] = {}
    for user, seen in sandbox.everyone_seen().items():
        name = sandbox.user(user).get("real_name") or user
        for item in seen:
            where = f"{item.kind} to {name}"
            node = item.view if item.view is not None else item.blocks
            texts: list[str] = []
            placeholders: list[str] = []
            for text, is_placeholder in texts_in(node or []):
                (placeholders if is_placeholder else texts).append(text)
            fallback = ""
            if item.view is None:
                if item.blocks and item.kind in NOTIFYING:
                    fallback = item.text
                elif item.text:  # no blocks: the text is the message, rendered (voice.py)
                    texts.append(item.text)
            audience = 1
            if item.channel and item.kind in NOTIFYING:
                try:
                    audience = sandbox.people_in(item.channel)
                except ApiError:
                    audience = 1
            key = (item.kind, item.channel, fallback, tuple(texts), audience)
            out.setdefault(
                key,
                Surface(
                    item.kind,
                    where,
                    fallback,
                    tuple(texts),
                    tuple(placeholders),
                    audience,
                    opened_texts(node or []),
                ),
            )
    return list(out.values())


def copy_problems(sandbox: SandboxInspection) -> list[Problem]:
    """What the voice rules find in everything the sandbox showed anyone."""
    return check(surfaces(sandbox))
