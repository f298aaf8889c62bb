"""Documented rules that AWS enforces beyond its service models, one function each, registered
for the operations it governs, with its source. A rule returns (member, problem) pairs.

Some rules read what the emulator already holds (a target group's protocol, a service's
controller) through `State`, as AWS checks a request against existing resources.
"""
from . import rules_ecs, rules_elb, rules_other  # noqa: F401  (each registers its rules)
from .registry import RULES, rules_for  # noqa: F401
