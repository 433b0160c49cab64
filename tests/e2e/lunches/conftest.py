"""The guest, the members and the channel the tiny-lunch tests share (steps.py)."""

from tests.e2e.lunches.steps import dana, diners, lunch_channel  # noqa: F401  (fixtures)
