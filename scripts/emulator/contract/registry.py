"""The table of documented rules: `rule` registers a check for the operations it governs,
`rules_for` lists those of one operation. The rules themselves are in rules_elb.py, rules_ecs.py
and rules_other.py, each with its source in a comment.
"""
from .names import name_problem

RULES = []  # (service, operations, name, function)


def rule(service, operations, name):
    def register(function):
        RULES.append((service, set(operations), name, function))
        return function
    return register


def rules_for(service, operation):
    return [(name, function) for s, operations, name, function in RULES if s == service and operation in operations]


def names_problems(params, members, kind):
    """(member, problem) for each of `members` whose value AWS refuses as a `kind` name."""
    return [(m, p) for m in members if m in params for p in [name_problem(kind, params[m])] if p]
