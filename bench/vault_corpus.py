"""A labelled vault for measuring search: 80 entries a PM community would plausibly share,
written to include near misses (market research vs go-to-market, pricing pages vs pricing
strategy), and 34 queries as members type them, with graded judgements
(2 = what the member wanted, 1 = useful too). Every entry not listed is not relevant.

HARDER_QUERIES are ten more, added before the ranking was tuned (issue 19) so the tuning could
not be fitted to the easy set: synonyms that share no word with the entries, British/American
spellings, plural/singular forms the stemmer does not unify, and typos one edit away.

Also a generator of synthetic filler entries, to grow the vault to 100,000 for timing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

# key: (title, description, tags)
DOCS: dict[str, tuple[str, str, str]] = {
    "gtm_spotify": (
        "How Spotify plans a go-to-market",
        "Squads, launch tiers and the GTM brief Spotify writes before every launch.",
        "gtm, launch",
    ),
    "gtm_checklist": (
        "Feature launch checklist",
        "Everything marketing, sales and support need before launch day.",
        "launch, checklist",
    ),
    "gtm_b2b": (
        "B2B launch plan template",
        "A launch plan for enterprise features: beta, sales enablement, pricing.",
        "b2b, template",
    ),
    "gtm_positioning": (
        "Positioning before you launch",
        "April Dunford's method applied to a go to market motion.",
        "positioning, marketing",
    ),
    "gtm_plg": (
        "Product-led growth launch playbook",
        "How PLG companies ship to self-serve users first.",
        "plg, growth",
    ),
    "market_research": (
        "Market research on a budget",
        "Sizing a market with public data and twenty customer calls.",
        "research, market-sizing",
    ),
    "prd_unity": (
        "How Unity writes product requirements",
        "Unity's product requirements document format with examples.",
        "writing",
    ),
    "prd_template": (
        "One-page PRD template",
        "Problem, goals, non-goals, requirements, risks.",
        "prd, template",
    ),
    "prd_amazon": (
        "Working backwards: the PR/FAQ",
        "Amazon's press release and FAQ written before the product spec.",
        "writing, amazon",
    ),
    "prd_specs": (
        "Writing feature specs engineers read",
        "Short specs, clear acceptance criteria, diagrams over prose.",
        "writing, engineering",
    ),
    "stripe_writing": (
        "How Stripe builds a writing culture",
        "Memos, docs before meetings, and writing as a way of thinking.",
        "writing, culture",
    ),
    "okr_guide": (
        "Setting OKRs that teams believe in",
        "Objectives and key results for product teams, with bad and good examples.",
        "okr, goals",
    ),
    "okr_google": (
        "Google's OKR playbook",
        "The original guide to objectives and key results.",
        "goals, google",
    ),
    "kpi_dashboards": (
        "Choosing KPIs for a product dashboard",
        "Key performance indicators by product stage.",
        "metrics, analytics",
    ),
    "nsm": (
        "Finding your north star metric",
        "One metric that captures the value customers get.",
        "metrics, strategy",
    ),
    "nps_survey": (
        "Running an NPS survey",
        "Net promoter score: when it helps, when it lies, how to ask.",
        "surveys, customers",
    ),
    "nps_critique": (
        "Why we stopped using net promoter score",
        "What to measure instead of NPS.",
        "metrics",
    ),
    "csat": (
        "Customer satisfaction surveys that get answers",
        "CSAT question design and timing.",
        "surveys, customers",
    ),
    "pmf_survey": (
        "Measuring product-market fit",
        "The 40% 'very disappointed' survey and how to read it.",
        "pmf, surveys",
    ),
    "pmf_signs": (
        "Signs you have not found PMF yet",
        "Retention curves that flatten, and what they tell you.",
        "pmf, retention",
    ),
    "mvp_guide": (
        "Designing a minimum viable product",
        "Smallest thing that tests the riskiest assumption.",
        "mvp, experiments",
    ),
    "mvp_examples": ("Ten MVPs that were not software", "Concierge and wizard-of-oz MVPs.", "mvp"),
    "roadmap_now_next": (
        "Now / next / later roadmaps",
        "A roadmap format without dates that stakeholders accept.",
        "roadmap, planning",
    ),
    "roadmap_outcomes": (
        "Outcome-based road maps",
        "Turning a feature list into outcomes.",
        "planning, strategy",
    ),
    "roadmap_comms": (
        "Communicating your roadmap to sales",
        "What sales needs from a roadmap and what to keep out.",
        "roadmap, sales",
    ),
    "jtbd_interviews": (
        "Jobs to be done interviews",
        "The switch interview: timelines, forces, anxieties.",
        "research, interviews",
    ),
    "jtbd_milkshake": (
        "The milkshake story, explained",
        "Clayton Christensen's JTBD example and its lessons.",
        "jtbd, strategy",
    ),
    "interview_guide": (
        "Customer interview guide",
        "Questions that get stories instead of opinions.",
        "research, interviews",
    ),
    "usability": (
        "Usability testing with five users",
        "Planning, running and reporting a usability test.",
        "ux, research",
    ),
    "ab_guide": (
        "A/B testing for product managers",
        "Sample sizes, guardrail metrics and when to stop a test.",
        "experiments, analytics",
    ),
    "ab_pitfalls": (
        "Split test pitfalls",
        "Peeking, novelty effects and interaction between experiments.",
        "experiments",
    ),
    "experiment_culture": (
        "Building an experimentation culture",
        "How Booking.com runs thousands of experiments.",
        "experiments, culture",
    ),
    "pricing_strategy": (
        "Pricing strategy for SaaS",
        "Value metrics, tiers and packaging for software as a service.",
        "pricing, saas",
    ),
    "pricing_page": (
        "Pricing page teardown",
        "What twenty pricing pages get right and wrong.",
        "pricing, design",
    ),
    "pricing_research": (
        "Van Westendorp pricing research",
        "Asking customers about price without leading them.",
        "pricing, research",
    ),
    "onboarding_pm": (
        "Onboarding as a new PM",
        "What to do in your first weeks in a new product role.",
        "onboarding, career",
    ),
    "first90": (
        "Your first 90 days as a product manager",
        "A 30-60-90 day plan for a new PM.",
        "career, onboarding",
    ),
    "user_onboarding": (
        "User onboarding flows that activate",
        "Designing first-run experiences that lead to activation.",
        "activation, growth",
    ),
    "apm_program": (
        "Starting an APM program",
        "Hiring and growing associate product managers.",
        "hiring, career",
    ),
    "pm_interview": (
        "Product manager interview questions",
        "Product sense, execution and behavioural questions.",
        "hiring, career",
    ),
    "career_ladder": (
        "A PM career ladder",
        "Expectations from APM to group product manager.",
        "career",
    ),
    "one_on_one": (
        "Better 1:1s with your manager",
        "An agenda that makes one on ones useful.",
        "management, career",
    ),
    "retro": (
        "Running a sprint retrospective",
        "Formats that surface real problems.",
        "agile, team",
    ),
    "standups": (
        "Standups that don't waste time",
        "Walking the board instead of status reports.",
        "agile, team",
    ),
    "prioritisation": (
        "Prioritisation with RICE",
        "Reach, impact, confidence, effort scoring.",
        "prioritisation, frameworks",
    ),
    "kano": (
        "The Kano model",
        "Basic, performance and delight features.",
        "prioritisation, frameworks",
    ),
    "strategy_doc": (
        "Writing a product strategy",
        "Diagnosis, guiding policy, coherent actions.",
        "strategy, writing",
    ),
    "vision": (
        "Product vision narratives",
        "Writing a vision three years out.",
        "strategy, vision",
    ),
    "competitive": (
        "Competitive analysis template",
        "Compare competitors on jobs, not features.",
        "strategy, template",
    ),
    "stakeholders": (
        "Managing stakeholders",
        "Mapping influence and interest, and keeping everyone informed.",
        "communication",
    ),
    "exec_updates": (
        "Weekly updates executives read",
        "Five bullets, one chart, one ask.",
        "communication, writing",
    ),
    "qbr": (
        "Preparing a quarterly business review",
        "QBR structure for product leaders.",
        "planning, communication",
    ),
    "churn": (
        "Reducing churn in B2B SaaS",
        "Health scores, save offers and exit interviews.",
        "retention, saas",
    ),
    "retention_curves": (
        "Reading retention curves",
        "Cohort curves and what a flattening curve means.",
        "retention, analytics",
    ),
    "cac_ltv": (
        "CAC and LTV for PMs",
        "Customer acquisition cost and lifetime value, explained.",
        "metrics, growth",
    ),
    "arr_mrr": (
        "ARR vs MRR",
        "Annual and monthly recurring revenue and how to report them.",
        "metrics, saas",
    ),
    "funnel": (
        "Funnel analysis in practice",
        "Finding the biggest drop-off and fixing it.",
        "analytics, growth",
    ),
    "sql": (
        "SQL for product managers",
        "The ten queries every PM should be able to write.",
        "analytics, skills",
    ),
    "growth_loops": (
        "Growth loops, not funnels",
        "Reforge's model of compounding growth.",
        "growth, strategy",
    ),
    "plg_motion": (
        "Moving from sales-led to product-led growth",
        "What changes in product, pricing and sales.",
        "plg, strategy",
    ),
    "design_sprint": (
        "Running a design sprint",
        "Google Ventures' five-day process.",
        "design, workshops",
    ),
    "ux_writing": (
        "UX writing basics",
        "Microcopy for buttons, errors and empty states.",
        "ux, writing",
    ),
    "accessibility": (
        "Accessibility for product teams",
        "WCAG essentials PMs should know.",
        "ux, design",
    ),
    "api_products": (
        "Managing API products",
        "Developer experience, versioning and docs.",
        "platform, technical",
    ),
    "platform_pm": (
        "What a platform PM does",
        "Internal customers, roadmaps and adoption.",
        "platform, career",
    ),
    "tech_debt": (
        "Making the case for tech debt work",
        "Framing engineering investment for stakeholders.",
        "engineering, prioritisation",
    ),
    "incidents": (
        "Incident reviews for PMs",
        "Blameless post-mortems and follow-ups.",
        "engineering, process",
    ),
    "ai_features": (
        "Shipping AI features responsibly",
        "Evaluation, guardrails and user trust.",
        "ai, ethics",
    ),
    "b2c_growth": (
        "B2C growth tactics",
        "Referrals, virality and notifications for consumer apps.",
        "b2c, growth",
    ),
    "marketplace": (
        "Marketplace metrics",
        "Liquidity, take rate and matching.",
        "marketplaces, metrics",
    ),
    "data_informed": (
        "Data-informed, not data-driven",
        "When to trust judgement over dashboards.",
        "analytics, decision-making",
    ),
    "decision_docs": (
        "Decision documents",
        "One-way and two-way doors, written down.",
        "writing, decision-making",
    ),
    "remote_team": (
        "Leading a remote product team",
        "Rituals and async habits for distributed teams.",
        "management, remote",
    ),
    "hiring_pm": (
        "Hiring your first product manager",
        "When founders should hire a PM and what to look for.",
        "hiring, startups",
    ),
    "founder_pm": (
        "From founder-led product to a product team",
        "Handing over product decisions as the company grows.",
        "startups, management",
    ),
    "feedback_loops": (
        "Closing the customer feedback loop",
        "Tagging feedback and telling customers what changed.",
        "customers, process",
    ),
    "beta_program": (
        "Running a beta program",
        "Recruiting beta users and learning before launch.",
        "launch, customers",
    ),
    "release_notes": (
        "Release notes people read",
        "Writing changelogs customers care about.",
        "writing, launch",
    ),
    "sales_enablement": (
        "Sales enablement for new features",
        "Battlecards, demos and FAQ for the sales team.",
        "sales, launch",
    ),
    "okr_vs_kpi": (
        "OKRs vs KPIs",
        "Goals that change versus health metrics you watch.",
        "goals, metrics",
    ),
}

# query: {doc key: grade}
QUERIES: dict[str, dict[str, int]] = {
    "gtm": {
        "gtm_spotify": 2,
        "gtm_checklist": 2,
        "gtm_b2b": 2,
        "gtm_positioning": 2,
        "gtm_plg": 2,
        "beta_program": 1,
        "sales_enablement": 1,
    },
    "go to market": {
        "gtm_spotify": 2,
        "gtm_checklist": 2,
        "gtm_b2b": 2,
        "gtm_positioning": 2,
        "gtm_plg": 1,
    },
    "launch plan": {
        "gtm_b2b": 2,
        "gtm_checklist": 2,
        "gtm_spotify": 2,
        "gtm_plg": 1,
        "beta_program": 1,
    },
    "prd": {"prd_template": 2, "prd_unity": 2, "prd_specs": 1, "prd_amazon": 1},
    "product requirements": {"prd_unity": 2, "prd_template": 2, "prd_specs": 1},
    "prd template": {"prd_template": 2, "prd_unity": 1},
    "okrs": {"okr_guide": 2, "okr_google": 2, "okr_vs_kpi": 2},
    "objectives and key results": {"okr_guide": 2, "okr_google": 2, "okr_vs_kpi": 1},
    "kpi": {"kpi_dashboards": 2, "okr_vs_kpi": 2, "nsm": 1},
    "nps": {"nps_survey": 2, "nps_critique": 2, "csat": 1},
    "pmf": {"pmf_survey": 2, "pmf_signs": 2},
    "product market fit survey": {"pmf_survey": 2, "pmf_signs": 1},
    "mvp": {"mvp_guide": 2, "mvp_examples": 2},
    "roadmap": {"roadmap_now_next": 2, "roadmap_outcomes": 2, "roadmap_comms": 2},
    "roadmapping for sales": {"roadmap_comms": 2, "roadmap_now_next": 1, "roadmap_outcomes": 1},
    "jtbd": {"jtbd_interviews": 2, "jtbd_milkshake": 2, "interview_guide": 1},
    "customer interviews": {
        "interview_guide": 2,
        "jtbd_interviews": 2,
        "usability": 1,
        "pricing_research": 1,
    },
    "a/b test": {"ab_guide": 2, "ab_pitfalls": 2, "experiment_culture": 1},
    "experiments": {"experiment_culture": 2, "ab_guide": 2, "ab_pitfalls": 2, "mvp_guide": 1},
    "pricing": {"pricing_strategy": 2, "pricing_page": 2, "pricing_research": 2},
    "saas pricing": {"pricing_strategy": 2, "pricing_page": 1, "pricing_research": 1},
    "onboarding new pm": {"onboarding_pm": 2, "first90": 2},
    "first 90 days": {"first90": 2, "onboarding_pm": 1},
    "user onboarding": {"user_onboarding": 2},
    "writing culture": {"stripe_writing": 2, "prd_amazon": 1, "decision_docs": 1},
    "1:1 agenda": {"one_on_one": 2},
    "retrospectives": {"retro": 2, "incidents": 1},
    "churn retention": {"churn": 2, "retention_curves": 2, "pmf_signs": 1},
    "cac ltv": {"cac_ltv": 2},
    "north star": {"nsm": 2},
    "plg": {"gtm_plg": 2, "plg_motion": 2, "growth_loops": 1},
    "prioritization framework": {"prioritisation": 2, "kano": 2},
    "hiring product managers": {"hiring_pm": 2, "apm_program": 2, "pm_interview": 2},
    "stakeholder updates": {"stakeholders": 2, "exec_updates": 2, "qbr": 1},
}

HARDER_QUERIES: dict[str, dict[str, int]] = {
    # synonyms without a shared word
    "recruiting": {"hiring_pm": 2, "apm_program": 2, "pm_interview": 1},
    "customer attrition": {"churn": 2, "retention_curves": 1},
    "postmortems": {"incidents": 2},
    # British/American spellings (the entries are written the other way)
    "prioritization": {"prioritisation": 2, "kano": 1, "tech_debt": 1},
    "behavioral interview questions": {"pm_interview": 2, "interview_guide": 1},
    # plural/singular
    "standup": {"standups": 2},
    "funnel analyses": {"funnel": 2},
    # typos one edit away
    "pricng": {"pricing_strategy": 2, "pricing_page": 2, "pricing_research": 2},
    "onboardng": {"onboarding_pm": 2, "user_onboarding": 2, "first90": 1},
    "roadmpa": {"roadmap_now_next": 2, "roadmap_outcomes": 2, "roadmap_comms": 2},
}

QUERY_SETS = {"original_34": QUERIES, "harder_10": HARDER_QUERIES}

WORDS = [
    "product",
    "team",
    "customer",
    "user",
    "growth",
    "metric",
    "launch",
    "plan",
    "market",
    "research",
    "design",
    "data",
    "strategy",
    "roadmap",
    "pricing",
    "feature",
    "experiment",
    "sales",
    "support",
    "engineering",
    "platform",
    "mobile",
    "enterprise",
    "startup",
    "company",
    "process",
    "meeting",
    "goal",
    "review",
    "quarter",
    "notes",
    "template",
    "guide",
    "playbook",
    "lessons",
    "example",
    "framework",
    "analysis",
    "report",
    "survey",
    "interview",
    "feedback",
    "hiring",
    "career",
    "manager",
    "leadership",
    "culture",
    "writing",
    "document",
    "system",
    "api",
    "integration",
    "onboarding",
    "retention",
    "revenue",
    "funnel",
    "activation",
    "conversion",
    "churn",
    "segment",
    "persona",
    "journey",
    "map",
    "workflow",
    "dashboard",
    "insight",
    "decision",
    "tradeoff",
    "risk",
    "dependency",
    "release",
    "beta",
    "pilot",
]
RARE = [f"{a}{b}" for a in ("zan", "kor", "vel", "mip", "tor", "qua") for b in range(400)]


def filler(count: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """Synthetic entries: common PM words (Zipf-like) mixed with rare ones, for volume."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    for _ in range(count):
        title = " ".join(rng.choices(WORDS, weights, k=rng.randint(3, 7)))
        body = rng.choices(WORDS, weights, k=rng.randint(10, 30)) + rng.sample(RARE, 2)
        rng.shuffle(body)
        tags = ", ".join(rng.sample(WORDS[:40], rng.randint(0, 3)))
        yield title.capitalize(), " ".join(body), tags
