"""The PM vocabulary the vault's search understands: abbreviations and their spelled-out forms.

Each concept has a short canonical token (what a PM types: ``gtm``, ``prd``) and the phrases
that mean the same thing. The analyzer (bot/vault/terms.py) adds the canonical token to an
entry's index wherever one of the phrases appears, and a query for any of the forms finds all
of them. Phrases are written as people write them; they are stemmed when the table is loaded,
so "launch plans" and "launching plan" both count as "launch plan".

Changing this table changes what is indexed: bump ``ANALYZER_VERSION`` in
bot/vault/index_version.py and every process re-analyzes the vault once at start.
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, ...]] = {
    "gtm": (
        "go to market",
        "launch plan",
        "launch strategy",
        "launch checklist",
        "product launch",
    ),
    "prd": (
        "product requirements document",
        "product requirements doc",
        "product requirements",
        "requirements document",
        "requirements doc",
        "product spec",
        "feature spec",
    ),
    "okr": ("objectives and key results", "objective and key result"),
    "kpi": ("key performance indicator",),
    "nps": ("net promoter score",),
    "pmf": ("product market fit",),
    "mvp": ("minimum viable product",),
    "roadmap": ("road map",),
    "jtbd": ("jobs to be done", "job to be done"),
    "abtest": ("ab", "ab test", "split test", "bucket test"),
    "plg": ("product led growth",),
    "nsm": ("north star metric",),
    "ux": ("user experience",),
    "cac": ("customer acquisition cost",),
    "ltv": ("lifetime value", "customer lifetime value", "clv"),
    "arr": ("annual recurring revenue",),
    "mrr": ("monthly recurring revenue",),
    "b2b": ("business to business",),
    "b2c": ("business to consumer",),
    "saas": ("software as a service",),
    "qbr": ("quarterly business review",),
    "pm": ("product manager",),  # so "PMs" finds "PM" and "product managers"
    "apm": ("associate product manager",),
    "gpm": ("group product manager",),
    "cpo": ("chief product officer",),
    "first90": ("first 90 days", "90 day plan", "30 60 90", "first 100 days"),
    "oneonone": ("1on1", "one on one", "1 on 1"),
    "retro": ("retrospective",),
    # Everyday synonyms that share no word with what they mean (issue 19's harder queries).
    "hire": ("recruiting", "recruitment", "recruiter", "recruit", "talent acquisition"),
    "churn": ("attrition", "customer attrition", "cancellations", "cancellation rate"),
    "postmortem": ("post mortem", "incident review", "incident reviews"),
}

# Tag spellings: a tag written as any form of a concept is stored under this name.
TAG_NAMES: dict[str, str] = {"abtest": "ab-testing", "first90": "first-90-days", "oneonone": "1on1"}
