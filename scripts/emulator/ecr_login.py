"""ECR's GetAuthorizationToken pointing at a real registry: moto answers with
https://<account>.dkr.ecr.<region>.amazonaws.com, which no machine here reaches. With
TOOLBOX_ECR_REGISTRY set (http://127.0.0.1:<port>, the registry `make emulator` starts with a
password file for user AWS and moto's password), the answer names that registry instead, so a
push goes where ECR's login says, as on AWS. `install()` runs before the server starts.
"""
import os

from moto.ecr.responses import ECRResponse


def install():
    registry = os.environ.get("TOOLBOX_ECR_REGISTRY")
    if not registry:
        return
    answer = ECRResponse.get_authorization_token

    def get_authorization_token(self):
        result = answer(self)
        for data in result.result["authorizationData"]:
            data["proxyEndpoint"] = registry
        return result

    ECRResponse.get_authorization_token = get_authorization_token
