"""A WSGI layer in front of moto: each AWS API request is decoded, checked against botocore's
model for its operation (model_check) and the documented rules (rules), and answered as AWS
would answer a refused request (HTTP 400, ValidationException or the service's own error code)
when anything fails, before moto sees it. moto accepts much that AWS refuses; this makes the
emulator refuse it too, so a test exercising the toolbox fails the way AWS would make it fail.

Every checked request is appended, as one JSON line, to $TOOLBOX_CONTRACT_LOG when it is set
(service, operation, rules applied, violations); the tests read it back.
"""
import io
import json
import os
import threading
from xml.sax.saxutils import escape

from . import decode, model_check, rules
from .state import State

_log_lock = threading.Lock()


class ContractMiddleware:
    def __init__(self, application):
        self.application = application
        self.log_path = os.environ.get("TOOLBOX_CONTRACT_LOG")

    def __call__(self, environ, start_response):
        return self.handle(environ, start_response, self.application)

    def handle(self, environ, start_response, application):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        request = decode.Request(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""),
                                 environ.get("QUERY_STRING", ""), headers, body)
        try:
            decoded = decode.decode(request)
        except (ValueError, UnicodeDecodeError) as error:
            decoded = None
            self._record({"service": "?", "operation": "?", "violations": [["", f"undecodable request: {error}"]]})
        if decoded is None:
            return application(environ, start_response)
        model, operation, params, leftover = decoded
        violations = model_check.check(model, operation, params, leftover)
        applied = []
        if not violations:  # as AWS: a request the model refuses never reaches the service's rules
            state = State(decode.credential_scope(headers)[0] or "us-east-1")
            for name, check in rules.rules_for(model.service_name, operation):
                applied.append(name)
                violations += check(params, state)
        user_agent = headers.get("user-agent", "")
        self._record({"service": model.service_name, "operation": operation, "rules": applied,
                      "client": user_agent.split("/")[0], "violations": [list(v) for v in violations]})
        if not violations:
            return application(environ, start_response)
        return _refuse(model, operation, violations, start_response)

    def _record(self, entry):
        if not self.log_path:
            return
        with _log_lock, open(self.log_path, "a") as log:
            log.write(json.dumps(entry) + "\n")


def _refuse(model, operation, violations, start_response):
    message = "; ".join(f"{member or operation}: {problem}" for member, problem in violations)
    message = f"contract: AWS would refuse {operation}: {message}"
    if model.protocol in ("json", "rest-json"):
        body = json.dumps({"__type": "ValidationException", "message": message}).encode()
        headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", "ValidationException")]
    elif model.protocol == "ec2":
        body = (f"<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>{escape(message)}</Message>"
                "</Error></Errors><RequestID>contract</RequestID></Response>").encode()
        headers = [("Content-Type", "text/xml")]
    else:
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>{escape(message)}"
                "</Message></Error><RequestId>contract</RequestId></ErrorResponse>").encode()
        headers = [("Content-Type", "text/xml")]
    start_response("400 Bad Request", headers + [("Content-Length", str(len(body)))])
    return [body]
