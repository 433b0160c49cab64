"""The voice guide's rules a machine can check (docs/voice.md has the whole guide).

The copy test runs these over every text a person saw (tests/conftest.py, through the sandbox's
records, and over the demo): messages and their notification text, ephemerals, modals, App Home.
Each rule names a defect a member notices at once; none of them judges taste.

Pure: takes plain texts and says what is wrong with them, so the sandbox, the tests and the demo
share one definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Nouns the bot counts, singular → plural. A hand-written list rather than an inflection
# library: the rule must never flag a word that is not a count ("1 answered"), so it only
# judges nouns it knows.
COUNTED = {
    "answer": "answers",
    "applicant": "applicants",
    "application": "applications",
    "call": "calls",
    "chat": "chats",
    "check-in": "check-ins",
    "circle": "circles",
    "circle-mate": "circle-mates",
    "cohort": "cohorts",
    "day": "days",
    "entry": "entries",
    "friend": "friends",
    "group": "groups",
    "guide": "guides",
    "hour": "hours",
    "intro": "intros",
    "introduction": "introductions",
    "item": "items",
    "line": "lines",
    "lunch": "lunches",
    "match": "matches",
    "member": "members",
    "mentor": "mentors",
    "message": "messages",
    "minute": "minutes",
    "month": "months",
    "newcomer": "newcomers",
    "pair": "pairs",
    "pairing": "pairings",
    "peer": "peers",
    "person": "people",
    "playbook": "playbooks",
    "prompt": "prompts",
    "reply": "replies",
    "request": "requests",
    "resource": "resources",
    "result": "results",
    "round": "rounds",
    "seat": "seats",
    "slot": "slots",
    "spot": "spots",
    "tag": "tags",
    "time": "times",
    "trio": "trios",
    "vote": "votes",
    "week": "weeks",
}
_SINGULAR = {many: one for one, many in COUNTED.items()}
_NOUNS = "|".join(sorted(map(re.escape, [*COUNTED, *_SINGULAR]), key=len, reverse=True))
# A count and the noun right after it; not part of a date, time, decimal or range ("12:30",
# "1.5 hours", "3–4 peers" is judged by its last number).
_COUNT = re.compile(rf"(?<![\w:.,/-])(\d+) ({_NOUNS})(?![\w-])", re.IGNORECASE)
ISO_WEEK = re.compile(r"\b\d{4}-W\d{1,2}\b")
# Markup a notification shows raw: *bold*, _italic_, ~strike~, `code`, <@U…>, <#C…>, <!here>,
# <https://…|links>.
_RAW_MARKUP = [
    (re.compile(r"<[@#!][^>]*>"), "a mention or link in Slack markup"),
    (re.compile(r"<https?://[^>]*>"), "a link in Slack markup"),
    (re.compile(r"(?<![\w*])\*[^*\n]+\*(?![\w*])"), "*bold*"),
    (re.compile(r"(?<![\w_])_[^_\n]+_(?![\w_])"), "_italic_"),
    (re.compile(r"(?<![\w~])~[^~\n]+~(?![\w~])"), "~strike~"),
    (re.compile(r"`"), "`code`"),
]
_BOTH = re.compile(r"\bboth\b", re.IGNORECASE)
# A cut: an ellipsis at the end of a line, unless it says how many more ("… and 3 more").
_CUT = re.compile(r"(?:…|\.\.\.)[\"”’')\]]?\s*$", re.MULTILINE)
_AND_MORE = re.compile(r"…\s*and \d+ more")


@dataclass(frozen=True)
class Surface:
    """One thing a person saw: ``kind`` as the sandbox records it (message, ephemeral, modal,
    home, response); ``fallback`` is a message's ``text`` when it has blocks (what
    notifications show); ``audience`` is how many people the conversation holds."""

    kind: str
    where: str
    fallback: str = ""
    texts: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    audience: int = 1
    # Texts a button right beside them opens in whole (an entry's own "Read"), so their cut
    # is fine; a "Read" elsewhere on the message or "More results" does not cover them.
    opened: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    text: str

    def __str__(self) -> str:
        shown = self.text if len(self.text) <= 160 else self.text[:157] + "..."
        return f"{self.rule} in {self.where}: {shown!r}"


# Button labels that open the whole of something shown cut.
READ_MORE = frozenset({"Read", "Read more", "Show all", "See all"})


def _reads_more(node: Any) -> bool:
    """Whether ``node`` holds a button that opens the whole text (READ_MORE)."""
    if isinstance(node, list):
        return any(_reads_more(item) for item in node)
    if not isinstance(node, dict):
        return False
    if node.get("type") == "button" and (node.get("text") or {}).get("text") in READ_MORE:
        return True
    return any(_reads_more(v) for v in node.values() if isinstance(v, (dict, list)))


def opened_texts(node: Any) -> tuple[str, ...]:
    """The texts whose whole a button beside them opens: a block's own accessory, or the
    actions block that closes its group (a vault entry is section, context, actions). Judged
    block by block, so one entry's Read button never vouches for another entry's cut line."""
    blocks = node.get("blocks", []) if isinstance(node, dict) else node or []
    opened: list[str] = []
    pending: list[str] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        own = [text for text, _ in texts_in({k: v for k, v in block.items() if k != "elements"})]
        if block.get("type") == "actions":
            if _reads_more(block):
                opened += pending
            pending = []
        elif _reads_more(block.get("accessory")):
            opened += own
        else:
            pending += own + [t for t, _ in texts_in(block.get("elements") or [])]
    return tuple(opened)


def texts_in(node: Any) -> Iterator[tuple[str, bool]]:
    """Every string a person reads inside Block Kit (blocks or a whole view), with whether it
    is a placeholder (an example, not content)."""
    yield from _walk(node, placeholder=False)


def _walk(node: Any, *, placeholder: bool) -> Iterator[tuple[str, bool]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, placeholder=placeholder)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind in ("plain_text", "mrkdwn", "text") and isinstance(node.get("text"), str):
        yield node["text"], placeholder
    for key, value in node.items():
        if key in ("private_metadata", "callback_id", "action_id", "block_id", "value", "url"):
            continue
        if isinstance(value, (dict, list)):
            yield from _walk(value, placeholder=placeholder or key == "placeholder")


def check(surfaces: Iterable[Surface]) -> list[Problem]:
    """Every breach of the checkable rules, once per distinct text and rule."""
    surfaces = list(surfaces)
    everything = [text for s in surfaces for text in (s.fallback, *s.texts) if text]
    found: dict[tuple[str, str], Problem] = {}

    def add(rule: str, where: str, text: str) -> None:
        found.setdefault((rule, text), Problem(rule, where, text))

    for s in surfaces:
        for text in (s.fallback, *s.texts, *s.placeholders):
            if ISO_WEEK.search(text):
                add("ISO week code", s.where, text)
            if wrong := wrong_plural(text):
                add(f"wrong plural ({wrong})", s.where, text)
            if any(line != line.rstrip() for line in text.split("\n")):
                add("trailing space", s.where, text)
        # Only a fallback: a message without blocks has its `text` rendered (mentions as names,
        # in the notification too), so copy_check files that text as a body and <@U…> stays.
        if s.fallback and s.kind != "modal":
            for pattern, what in _RAW_MARKUP:
                if pattern.search(s.fallback):
                    add(f"raw markup in notification text ({what})", s.where, s.fallback)
                    break
        if s.audience > 2:
            for text in (s.fallback, *s.texts):
                if _BOTH.search(text):
                    add(f"'both' said to {s.audience} people", s.where, text)
        for text in (s.fallback, *s.texts):
            if text not in s.opened and cut_without_whole(text, everything):
                add("cut without the full text elsewhere", s.where, text)
    return list(found.values())


def wrong_plural(text: str) -> str | None:
    """The first count whose noun does not fit it ("1 spots", "2 trio"), or None."""
    for match in _COUNT.finditer(text):
        n, noun = int(match.group(1)), match.group(2).lower()
        if n == 1 and noun in _SINGULAR:
            return match.group(0)
        # "8 check-in prompts": the first noun only describes the one counted.
        following = text[match.end() :].split(maxsplit=1)
        if following and following[0].lower().strip(".,;:!?") in _SINGULAR:
            continue
        if n != 1 and noun in COUNTED and COUNTED[noun] != noun:
            return match.group(0)
    return None


def cut_without_whole(text: str, everything: Iterable[str]) -> bool:
    """True when ``text`` ends a line with an ellipsis (a cut) and no longer text the same
    person saw starts with what is left; "… and 3 more" says what was left out, so it is fine."""
    for match in _CUT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _AND_MORE.search(text, line_start):
            continue
        kept = text[line_start : match.start()].strip()
        if not kept:
            continue
        if not any(_continues(other, kept) for other in everything):
            return True
    return False


def _continues(other: str, kept: str) -> bool:
    """``other`` holds ``kept`` and goes on past it (the whole of what was cut)."""
    at = other.find(kept)
    if at < 0:
        return False
    rest = other[at + len(kept) :].lstrip()
    return bool(rest) and not rest.startswith(("…", "..."))
