"""Slash-command text as Slack sends it for what a person typed.

Slack HTML-escapes ``&``, ``<`` and ``>`` in every command's text. When the command has
``should_escape: true`` in the manifest, a typed ``@name`` of a workspace member arrives as
``<@U…|name>``, a typed ``#channel`` as ``<#C…|channel>`` and a typed URL as ``<https://…>``;
with ``false`` they arrive as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# https://docs.slack.dev/messaging/formatting-message-text#escaping (&, <, > as entities)
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
# One pass over the escaped text: a URL (kept whole), or an @name / #channel outside a word.
_TOKEN = re.compile(
    r"(?P<url>https?://[^\s<>|]+)|(?<![\w@#&/])(?P<sigil>[@#])(?P<name>[a-z0-9][a-z0-9._-]*)",
    re.IGNORECASE,
)
_NAME_TRAILING = "._-"
_URL_TRAILING = ".,;:!?)"

Lookup = Callable[[str], "str | None"]


def html_escape(text: str) -> str:
    for raw, entity in _HTML_ESCAPES:
        text = text.replace(raw, entity)
    return text


def command_text(
    typed: str, *, should_escape: bool, user_named: Lookup, channel_named: Lookup
) -> str:
    """What Slack puts in the ``text`` field for this typed text.

    ``user_named``/``channel_named`` give the id for a name the person could mention, or None.
    """
    # https://docs.slack.dev/interactivity/implementing-slash-commands (text is HTML-escaped)
    text = html_escape(typed)
    if not should_escape:
        # https://docs.slack.dev/reference/app-manifest (should_escape false: sent as typed)
        return text

    def mention(sigil: str, word: str) -> str:
        name, rest = word, ""
        while name:
            found = (user_named if sigil == "@" else channel_named)(name.lower())
            if found is not None:
                # https://docs.slack.dev/interactivity/implementing-slash-commands#escaping
                return f"<{sigil}{found}|{name.lower()}>{rest}"
            if name[-1] not in _NAME_TRAILING:
                break
            name, rest = name[:-1], name[-1] + rest
        return sigil + word

    def url(found: str) -> str:
        kept = found.rstrip(_URL_TRAILING)
        # https://docs.slack.dev/reference/app-manifest (should_escape: "channels, users, and
        # links typed with the slash command should be escaped")
        return f"<{kept}>{found[len(kept) :]}"

    def token(match: re.Match[str]) -> str:
        if match.group("url"):
            return url(match.group("url"))
        return mention(match.group("sigil"), match.group("name"))

    return _TOKEN.sub(token, text)
