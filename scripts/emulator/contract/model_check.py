"""Checks decoded parameters against an operation's input shape in botocore's service model:
known members, types, required members, enums, lengths and ranges (min and max), patterns.

botocore's own client-side validator checks only some of these (never max or pattern), and
moto checks almost none; AWS checks them all before it acts.
"""
import base64
import re

from .decode import BadScalar

_patterns = {}


def _compiled(pattern):
    if pattern not in _patterns:
        try:
            _patterns[pattern] = re.compile(pattern)
        except re.error:  # a Java-only construct: left to the rule table
            _patterns[pattern] = None
    return _patterns[pattern]


def check(model, operation, params, leftover):
    """A list of (member path, problem) for the request; empty when the model accepts it."""
    if operation not in model.operation_names:
        return [("", f"{model.service_name} has no operation {operation}")]
    shape = model.operation_model(operation).input_shape
    problems = [(key, "no such member") for key in leftover]
    if shape is not None:
        _structure(shape, params, "", problems)
    elif params:
        problems.append(("", "the operation takes no input"))
    return problems


def _check(shape, value, path, problems):
    kind = shape.type_name
    if isinstance(value, BadScalar):
        problems.append((path, f"'{value}' is not a valid {kind}"))
        return
    checker = _CHECKERS.get(kind)
    if checker:
        checker(shape, value, path, problems)


def _structure(shape, value, path, problems):
    if not isinstance(value, dict):
        problems.append((path, f"expected a structure, got {type(value).__name__}"))
        return
    for name in shape.metadata.get("required", []):
        if value.get(name) is None:
            problems.append((_join(path, name), "required member missing"))
    for name, member_value in value.items():
        member = shape.members.get(name)
        if member is None:
            problems.append((_join(path, name), "no such member"))
        elif member_value is not None:
            _check(member, member_value, _join(path, name), problems)
    if shape.metadata.get("union") and len([v for v in value.values() if v is not None]) > 1:
        problems.append((path, "a union takes exactly one member"))


def _list(shape, value, path, problems):
    if not isinstance(value, list):
        problems.append((path, f"expected a list, got {type(value).__name__}"))
        return
    _length(shape, len(value), path, problems, "items")
    for index, item in enumerate(value):
        _check(shape.member, item, f"{path}[{index}]", problems)


def _map(shape, value, path, problems):
    if not isinstance(value, dict):
        problems.append((path, f"expected a map, got {type(value).__name__}"))
        return
    _length(shape, len(value), path, problems, "entries")
    for key, item in value.items():
        _check(shape.key, key, f"{path}.<key>", problems)
        _check(shape.value, item, f"{path}[{key}]", problems)


def _string(shape, value, path, problems):
    if not isinstance(value, str):
        problems.append((path, f"expected a string, got {type(value).__name__}"))
        return
    if shape.enum and value not in shape.enum:
        problems.append((path, f"'{value}' is not one of {', '.join(shape.enum)}"))
    _length(shape, len(value), path, problems, "characters")
    pattern = shape.metadata.get("pattern")
    compiled = _compiled(pattern) if pattern else None
    if compiled is not None and not compiled.fullmatch(value):
        problems.append((path, f"'{value}' does not match the pattern {pattern}"))


def _number(shape, value, path, problems):
    integral = shape.type_name in ("integer", "long")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integral and not float(value).is_integer()):
        problems.append((path, f"expected an {shape.type_name}, got {value!r}"))
        return
    if "min" in shape.metadata and value < shape.metadata["min"]:
        problems.append((path, f"{value} is below the minimum {shape.metadata['min']}"))
    if "max" in shape.metadata and value > shape.metadata["max"]:
        problems.append((path, f"{value} is above the maximum {shape.metadata['max']}"))


def _boolean(shape, value, path, problems):
    if not isinstance(value, bool):
        problems.append((path, f"expected a boolean, got {value!r}"))


def _timestamp(shape, value, path, problems):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.append((path, f"expected a timestamp, got {value!r}"))


def _blob(shape, value, path, problems):
    if not isinstance(value, str):
        problems.append((path, f"expected base64 data, got {type(value).__name__}"))
        return
    try:
        base64.b64decode(value, validate=True)
    except ValueError:
        problems.append((path, "not valid base64"))


def _length(shape, count, path, problems, unit):
    if "min" in shape.metadata and count < shape.metadata["min"]:
        problems.append((path, f"{count} {unit}, the minimum is {shape.metadata['min']}"))
    if "max" in shape.metadata and count > shape.metadata["max"]:
        problems.append((path, f"{count} {unit}, the maximum is {shape.metadata['max']}"))


def _join(path, name):
    return f"{path}.{name}" if path else name


_CHECKERS = {
    "structure": _structure, "list": _list, "map": _map, "string": _string, "integer": _number,
    "long": _number, "float": _number, "double": _number, "boolean": _boolean,
    "timestamp": _timestamp, "blob": _blob,
}
