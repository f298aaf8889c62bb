#!/usr/bin/env python3
"""Signs requests with botocore's SigV4 signer, the reference the Swift signer is tested against.

stdin: a JSON list of {method, url, headers: [[name, value], ...], body_base64, access_key,
secret_key, session_token (or null), region, service, epoch}. stdout: a JSON list of
{canonical_request, string_to_sign, signature}, in the same order.
"""
import base64
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class RecordingSigner(botocore.auth.SigV4Auth):
    """botocore's signer, keeping the intermediate stages it computes while signing."""

    def string_to_sign(self, request, canonical_request):
        self.recorded_canonical_request = canonical_request
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign


def sign(case):
    moment = datetime.datetime.fromtimestamp(case["epoch"], tz=datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda: moment
    request = AWSRequest(method=case["method"], url=case["url"], data=base64.b64decode(case["body_base64"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("session_token"))
    signer = RecordingSigner(credentials, case["service"], case["region"])
    signer.add_auth(request)
    authorization = request.headers["Authorization"]
    return {
        "canonical_request": signer.recorded_canonical_request,
        "string_to_sign": signer.recorded_string_to_sign,
        "signature": authorization.rsplit("Signature=", 1)[1],
    }


json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
