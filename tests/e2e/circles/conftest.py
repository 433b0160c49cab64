"""The circle the check-in tests share (tests/e2e/circles/steps.py)."""

from tests.e2e.circles.steps import circle  # noqa: F401  (the fixture, for this folder)
