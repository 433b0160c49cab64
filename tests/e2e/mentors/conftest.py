"""The people the mentoring tests share (tests/e2e/mentors/steps.py)."""

from tests.e2e.mentors.steps import people  # noqa: F401  (the fixture, for this folder)
