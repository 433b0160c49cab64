"""A curated list of icebreakers, picked to fit what a pair shares."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable

BY_INTEREST: dict[str, tuple[str, ...]] = {
    "ai_ml": (
        "What's one AI feature you shipped (or killed) this year, and what did users do with it?",
        "How do you explain model uncertainty to stakeholders who want a yes or no?",
    ),
    "b2b_saas": ("Who is the hardest buyer persona you've sold to, and what finally worked?",),
    "consumer": ("Which consumer app do you secretly study, and what did you steal from it?",),
    "data": ("Which metric did your team obsess over that turned out not to matter?",),
    "design": ("What's the best design critique you've been part of, and why did it work?",),
    "devtools": ("Which developer-experience fix that nobody noticed mattered most?",),
    "discovery": ("What's a user interview that changed your roadmap?",),
    "experimentation": ("Tell each other about an A/B test whose result surprised you.",),
    "fintech": ("What's one regulation that shaped your product more than any user did?",),
    "growth": (
        "What's the growth loop you're proudest of, and which one flopped?",
        "Which activation metric do you trust, and which one do you not?",
    ),
    "gtm": ("What made your last launch land, or not? What would you do differently?",),
    "hardware": ("What's the longest feedback loop you've had to plan around?",),
    "health": ("How do you balance clinical rigour with shipping speed?",),
    "leadership": ("What's the one thing you wish your first manager of PMs had told you?",),
    "marketplaces": ("Which side of your marketplace keeps you up at night, and why?",),
    "metrics": ("Share an OKR you'd write differently now.",),
    "mobile": ("What's your release-train horror story?",),
    "platform": ("How do you prioritise when your customers are other teams?",),
    "pricing": ("What's the pricing change you were most nervous about, and how did it go?",),
    "roadmapping": ("How do you say no to a roadmap request from someone senior?",),
    "security": ("When did security or privacy change a product decision you'd made?",),
    "stakeholders": ("Who was your toughest stakeholder, and what turned them around?",),
    "strategy": ("What's a strategy doc that actually changed what your team did?",),
    "career": ("What's the next role you want, and what's the skill gap you're working on?",),
}

GENERAL: tuple[str, ...] = (
    "What's the most useful thing you learned from a failed launch?",
    "What does a great week at work look like for you right now?",
    "What's one thing about your job that nobody outside product understands?",
    "Which PM habit did you pick up from someone else, and who?",
)


def _about(keys: Iterable[str]) -> list[str]:
    return [q for key in sorted(set(keys)) for q in BY_INTEREST.get(key, ())]


def pick_icebreaker(
    shared: Iterable[str],
    rng: random.Random,
    *,
    interests: Iterable[str] = (),
    avoid: Collection[str] = frozenset(),
) -> str:
    """One question about something they share, else a good general one, else one about
    something either of them cares about (``interests``) — never one in ``avoid`` (what
    someone in the pair was asked lately) while a fresh one is left, so a newcomer's
    first-week intros each start a different conversation. Seeded by ``rng``."""
    fitting = _about(shared)
    for pool in (fitting, list(GENERAL), _about(interests), _about(BY_INTEREST)):
        fresh = [q for q in pool if q not in avoid]
        if fresh:
            return rng.choice(fresh)
    return rng.choice(fitting or list(GENERAL))
