"""The weekly pairing engine: pure data in, a ``Round`` out (see ``plan``).

Code outside the engine imports from here only; the modules behind it are internals.
"""

from bot.pairing.engine.model import Group, History, Person, Round, Rules
from bot.pairing.engine.plan import plan_round

__all__ = ["Group", "History", "Person", "Round", "Rules", "plan_round"]
