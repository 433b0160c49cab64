"""Reading what Slack sends for a slash command's text.

Slack HTML-escapes ``&``, ``<`` and ``>`` in everything a person types, and — for commands
whose manifest entry says ``should_escape: true`` — turns a typed ``@ana`` into
``<@U123|ana>``. So a mention is read from the text as Slack sent it (a typed ``<@U1>``
arrives as ``&lt;@U1&gt;`` and is no mention), and everything else is unescaped once, here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*(.*)$", re.S)
TYPED = re.compile(r"^@(\S+)")


def unescape(text: str) -> str:
    """Undo Slack's escaping of slash-command text (exactly these three, ``&`` last)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Mention(NamedTuple):
    user_id: str
    rest: str  # what follows the mention, unescaped


def leading_mention(sent: str) -> Mention | None:
    """The person mentioned first in the text as Slack sent it, and what follows."""
    match = MENTION.match(sent.strip())
    return Mention(match[1], unescape(match[2].strip())) if match else None


def typed_name(sent: str) -> str | None:
    """A typed ``@name`` that Slack could not turn into a mention (nobody has that name)."""
    match = TYPED.match(unescape(sent.strip()))
    return match[1] if match else None
