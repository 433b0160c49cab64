"""The curated choices of mentoring: topics, career spikes and phases.

Keys are stored; labels are shown. Adding one is safe; renaming a key needs a migration of
stored offers and requests. A career is "a portfolio of spikes": the spike a member is
building now is what a mentor's past roles should have given them.
"""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "first_pm_role": "First PM role",
    "promotion_senior": "Promotion to senior",
    "into_management": "Moving into management",
    "switching_industry": "Switching industry",
    "b2b": "B2B products",
    "b2c": "B2C products",
    "gtm": "Go-to-market",
    "platform": "Platform products",
    "data": "Data products",
    "social_impact": "Social impact",
    "compensation": "Negotiating compensation",
    "founding": "Founding a company",
    "stakeholders": "Stakeholders and influence",
    "strategy": "Product strategy",
}

SPIKES: dict[str, str] = {
    "social_impact": "Social impact",
    "management": "Management chops",
    "industry": "Industry expertise",
    "compensation": "Compensation",
    "advancement": "Advancement speed",
}

PHASES: dict[str, str] = {
    "new_to_pm": "New to product management",
    "new_team": "New team or domain",
    "next_level": "Growing toward the next level",
    "changing_roles": "Changing roles",
    "exploring": "Exploring what's next",
}

MAX_CAPACITY = 3  # mentees one mentor takes at a time
LEVEL_GAP = 2  # a mentor is at least this many levels above their mentee


def labels(keys: list[str] | tuple[str, ...], table: dict[str, str]) -> list[str]:
    """The labels of the keys that are still on the list, in the list's order."""
    return [label for key, label in table.items() if key in keys]
