"""AWS's documented rules for resource names, one table for the request rules (rules.py) and for
the project-name test (`python3 names.py` reads [[kind, name], ...] as JSON on stdin and prints
the problems as JSON). The Swift side keeps its own copy of these rules to refuse names up front
(Sources/Toolbox/Platform/AWS/AWSNameRules.swift); this one is the independent check.
"""
import json
import re
import sys

# kind: (longest, whole-name pattern, what AWS says, source)
NAME_RULES = {
    # ELB API reference, CreateLoadBalancer, Name.
    "load-balancer": (32, r"(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?",
                      "at most 32 alphanumerics or hyphens, not beginning or ending with a hyphen, not beginning with 'internal-'",
                      "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"),
    # ELB API reference, CreateTargetGroup, Name.
    "target-group": (32, r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?",
                     "at most 32 alphanumerics or hyphens, not beginning or ending with a hyphen",
                     "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"),
    # ECS API reference: cluster, service, family and container names.
    "ecs": (255, r"[A-Za-z0-9_-]+", "up to 255 letters, numbers, underscores and hyphens",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html"),
    # ECS task definition parameters, image.
    "image": (255, r"[A-Za-z0-9_:./#@-]+",
              "up to 255 letters, numbers, hyphens, underscores, colons, periods, forward slashes, number signs (and @ for a digest)",
              "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image"),
    # IAM API reference, CreateRole, RoleName.
    "iam-role": (64, r"[\w+=,.@-]+", "up to 64 alphanumerics and +=,.@_-",
                 "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
    # CloudWatch Logs API reference, CreateLogGroup, logGroupName.
    "log-group": (512, r"[.\-_/#A-Za-z0-9]+", "up to 512 of a-z, A-Z, 0-9, '_', '-', '/', '.', '#'",
                  "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
    # ECR API reference, CreateRepository, repositoryName.
    "ecr-repository": (256, r"(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
                       "2-256 lowercase characters, path components separated by single '.', '_' or '-'",
                       "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html"),
    # EC2 API reference, CreateSecurityGroup, GroupName (in a VPC).
    "security-group": (255, r"(?!sg-)[A-Za-z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+",
                       "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'",
                       "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
    # Cloud Map, CreatePrivateDnsNamespace (a DNS domain name: RFC 1035 labels).
    "dns-name": (253, r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
                 "a DNS name: labels of 1-63 letters, digits or inner hyphens",
                 "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html"),
    # App Mesh API reference: resource names 1-255.
    "app-mesh": (255, r"[^/]+", "1-255 characters",
                 "https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_CreateMesh.html"),
}


def name_problem(kind, name):
    """None when AWS accepts `name` for a resource of `kind`, else what AWS says."""
    longest, pattern, says, _ = NAME_RULES[kind]
    if not isinstance(name, str) or not 1 <= len(name) <= longest or not re.fullmatch(pattern, name):
        return f"'{name}' is not a valid {kind} name: {says}"
    return None


if __name__ == "__main__":
    pairs = json.load(sys.stdin)
    print(json.dumps([[kind, name, problem] for kind, name in pairs for problem in [name_problem(kind, name)] if problem]))
