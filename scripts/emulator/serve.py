#!/usr/bin/env python3
"""moto's AWS API server with the toolbox's documented extension (toolbox_moto.py) loaded and the
contract layer (contract/) in front of it: requests AWS would refuse are refused here too; ELB
target health reported as AWS reports it (target_health.py); ECR's login naming the registry in
TOOLBOX_ECR_REGISTRY (ecr_login.py); Cloud Map's initial health as registered (instance_health.py).

Arguments are moto.server's own (-H host -p port). Used by `make emulator` and by the tests.
TOOLBOX_CONTRACT_LOG names a file that gets one JSON line per checked request.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ecr_login  # noqa: E402
import instance_health  # noqa: E402
import target_health  # noqa: E402
import toolbox_moto  # noqa: E402
from contract.middleware import ContractMiddleware  # noqa: E402
from moto import server  # noqa: E402
from moto.moto_server import werkzeug_app  # noqa: E402


def install_contract():
    """Wraps every request moto's dispatcher takes in the contract check."""
    dispatch = werkzeug_app.DomainDispatcherApplication.__call__
    checked = ContractMiddleware(None)

    def call(self, environ, start_response):
        return checked.handle(environ, start_response, lambda e, s: dispatch(self, e, s))

    werkzeug_app.DomainDispatcherApplication.__call__ = call


if __name__ == "__main__":
    toolbox_moto.install()
    target_health.install()
    ecr_login.install()
    instance_health.install()
    install_contract()
    server.main(sys.argv[1:])
