"""Turns an HTTP request to AWS into (service model, operation, parameters by member name),
the reverse of what an SDK's serializer does, for the four protocols the toolbox speaks:
JSON 1.1 (X-Amz-Target), REST-JSON (method and URI template), Query and EC2's Query dialect.

Keys of a query request that no member claims are returned as `leftover`: an unknown member.
"""
import json
import re
from urllib.parse import parse_qsl, unquote

import botocore.session

_session = botocore.session.get_session()
_models = {}

# SigV4 signing names (the credential scope) to botocore's service names.
SIGNING_NAMES = {
    "ecs": "ecs", "ecr": "ecr", "elasticloadbalancing": "elbv2", "ec2": "ec2", "iam": "iam",
    "logs": "logs", "servicediscovery": "servicediscovery", "appmesh": "appmesh", "acm": "acm",
    "sts": "sts", "monitoring": "cloudwatch",
}


class Request:
    def __init__(self, method, path, query, headers, body):
        self.method, self.path, self.query, self.headers, self.body = method, path, query, headers, body


def service_model(name):
    if name not in _models:
        _models[name] = _session.get_service_model(name)
    return _models[name]


def credential_scope(headers):
    """(region, signing name) from a SigV4 Authorization header, or (None, None) when unsigned."""
    auth = headers.get("authorization", "")
    match = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", auth)
    return (match.group(1), match.group(2)) if match else (None, None)


def decode(request):
    """(model, operation name, params, leftover keys), or None for requests that are not AWS API calls."""
    name = SIGNING_NAMES.get(credential_scope(request.headers)[1] or "")
    if name is None:
        return None
    model = service_model(name)
    protocol = model.protocol
    if protocol == "json":
        target = request.headers.get("x-amz-target", "")
        operation = target.split(".")[-1]
        params = json.loads(request.body or b"{}")
        return model, operation, params, []
    if protocol in ("query", "ec2"):
        form = dict(parse_qsl(request.body.decode(), keep_blank_values=True)) if request.body else {}
        form.update(dict(parse_qsl(request.query, keep_blank_values=True)))
        operation = form.pop("Action", "")
        form.pop("Version", None)
        if operation not in model.operation_names:
            return model, operation, {}, []
        shape = model.operation_model(operation).input_shape
        keys = set(form)
        params = _query_structure(shape, "", form, keys, protocol == "ec2") if shape else {}
        return model, operation, params, sorted(keys)
    if protocol == "rest-json":
        return _rest_json(model, request)
    return None


def _query_key(member_name, member, ec2):
    serialization = member.serialization
    if ec2:
        if serialization.get("queryName"):
            return serialization["queryName"]
        located = serialization.get("name")
        return located[0].upper() + located[1:] if located else member_name
    return serialization.get("name", member_name)


def _query_structure(shape, prefix, form, keys, ec2):
    params = {}
    for member_name, member in shape.members.items():
        key = prefix + _query_key(member_name, member, ec2)
        value = _query_value(member, key, form, keys, ec2)
        if value is not None:
            params[member_name] = value
    return params


def _query_value(shape, key, form, keys, ec2):
    kind = shape.type_name
    if kind == "structure":
        if not any(k.startswith(key + ".") for k in keys):
            return None
        return _query_structure(shape, key + ".", form, keys, ec2)
    if kind == "list":
        if ec2 or shape.serialization.get("flattened"):
            base = key
        else:
            base = key + "." + shape.member.serialization.get("name", "member")
        if key in keys and form[key] == "":  # an empty list is sent as the bare key
            keys.discard(key)
            return []
        indexes = sorted({int(m.group(1)) for k in keys for m in [re.match(re.escape(base) + r"\.(\d+)(?:\.|$)", k)] if m})
        if not indexes:
            return None
        return [_query_value(shape.member, f"{base}.{i}", form, keys, ec2) for i in indexes]
    if kind == "map":
        base = key + ("" if shape.serialization.get("flattened") else ".entry")
        indexes = sorted({int(m.group(1)) for k in keys for m in [re.match(re.escape(base) + r"\.(\d+)\.", k)] if m})
        if not indexes:
            return None
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        return {
            _query_value(shape.key, f"{base}.{i}.{key_name}", form, keys, ec2):
                _query_value(shape.value, f"{base}.{i}.{value_name}", form, keys, ec2)
            for i in indexes
        }
    if key not in keys:
        return None
    keys.discard(key)
    return _scalar(shape, form[key])


class BadScalar(str):
    """A query value that does not parse as its member's type; the checker reports it."""


def _scalar(shape, text):
    kind = shape.type_name
    try:
        if kind in ("integer", "long"):
            return int(text)
        if kind in ("float", "double"):
            return float(text)
        if kind == "boolean":
            if text not in ("true", "false"):
                raise ValueError(text)
            return text == "true"
    except ValueError:
        return BadScalar(text)
    return text


def _rest_json(model, request):
    for operation in model.operation_names:
        op = model.operation_model(operation)
        if op.http.get("method") != request.method:
            continue
        template, _, fixed_query = op.http["requestUri"].partition("?")
        pattern = "^" + re.sub(r"\\\{(\w+)(?:\\\+)?\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        match = re.match(pattern, request.path)
        if not match:
            continue
        query = dict(parse_qsl(request.query, keep_blank_values=True))
        if fixed_query and fixed_query.split("=")[0] not in query:
            continue
        body = json.loads(request.body or b"{}")
        params, leftover = {}, []
        shape = op.input_shape
        members = shape.members if shape else {}
        located = {}
        for member_name, member in members.items():
            location = member.serialization.get("location")
            wire = member.serialization.get("name", member_name)
            if location == "uri":
                params[member_name] = unquote(match.group(wire))
            elif location == "querystring" and wire in query:
                params[member_name] = _scalar(member, query[wire])
            elif location == "header" and wire.lower() in request.headers:
                params[member_name] = _scalar(member, request.headers[wire.lower()])
            elif location is None:
                located[wire] = member_name
        for wire, value in body.items():
            if wire in located:
                params[located[wire]] = value
            else:
                leftover.append(wire)
        return model, operation, params, leftover
    return model, f"{request.method} {request.path}", {}, []
