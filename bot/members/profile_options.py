"""The curated choices a profile offers: career levels and interests.

Levels are ordered, because circles need a guide "at least two levels above" the peers.
Interest keys are stored; labels are shown. Adding an interest is safe; renaming a key
needs a migration of stored profiles.
"""

from __future__ import annotations

LEVELS: dict[str, str] = {
    "apm": "APM",
    "pm": "Product Manager",
    "senior_pm": "Senior PM",
    "lead_pm": "Group / Lead PM",
    "principal_pm": "Principal PM",
    "director": "Director of Product",
    "vp": "VP of Product",
}

INTERESTS: dict[str, str] = {
    "ai_ml": "AI & ML products",
    "b2b_saas": "B2B SaaS",
    "consumer": "Consumer apps",
    "data": "Data & analytics",
    "design": "Design & UX",
    "devtools": "Developer tools & APIs",
    "discovery": "Discovery & user research",
    "experimentation": "Experimentation & A/B tests",
    "fintech": "Fintech",
    "growth": "Growth",
    "gtm": "Go-to-market & launches",
    "hardware": "Hardware & IoT",
    "health": "Health tech",
    "leadership": "Leading PMs",
    "marketplaces": "Marketplaces",
    "metrics": "Metrics & OKRs",
    "mobile": "Mobile",
    "platform": "Platform products",
    "pricing": "Pricing & packaging",
    "roadmapping": "Roadmapping & prioritisation",
    "security": "Security & privacy",
    "stakeholders": "Stakeholder management",
    "strategy": "Product strategy",
    "career": "Career growth",
}


def level_rank(level: str | None) -> int | None:
    """0 for APM up to 6 for VP; None when unknown."""
    if level is None or level not in LEVELS:
        return None
    return list(LEVELS).index(level)
