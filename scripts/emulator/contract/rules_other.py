"""EC2, IAM, CloudWatch Logs, ECR and Cloud Map rules (see registry.py)."""
from .names import name_problem
from .registry import names_problems as _names, rule

# Source: EC2 API reference, CreateSecurityGroup: GroupName and Description up to 255 characters
# of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*; a name may not start with sg-.
@rule("ec2", ["CreateSecurityGroup"], "EC2 security group name")
def security_group(params, state):
    problems = _names(params, ["GroupName"], "security-group")
    description = params.get("Description", "")
    if name_problem("security-group", "x" + description) and description:
        problems.append(("Description", f"'{description}' has characters a security group description cannot"))
    return problems


# Source: IAM API reference, CreateRole, RoleName (the model's pattern is checked too).
@rule("iam", ["CreateRole"], "IAM role name")
def role_name(params, state):
    return _names(params, ["RoleName"], "iam-role")


# Source: CloudWatch Logs API reference, PutRetentionPolicy: retentionInDays takes only these values.
RETENTION_DAYS = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}


@rule("logs", ["PutRetentionPolicy"], "Logs retention days")
def retention(params, state):
    days = params.get("retentionInDays")
    return [] if days in RETENTION_DAYS else [("retentionInDays", f"{days} is not a retention AWS offers")]


@rule("logs", ["CreateLogGroup"], "Logs group name")
def log_group(params, state):
    return _names(params, ["logGroupName"], "log-group")


@rule("ecr", ["CreateRepository"], "ECR repository name")
def repository(params, state):
    return _names(params, ["repositoryName"], "ecr-repository")


# Source: Cloud Map API reference, CreatePrivateDnsNamespace (a DNS name) and RegisterInstance: an
# alias (AWS_ALIAS_DNS_NAME) goes with no AWS_INSTANCE_* attribute, to a service whose DNS records
# use the WEIGHTED routing policy. https://docs.aws.amazon.com/cloud-map/latest/api/API_RegisterInstance.html
@rule("servicediscovery", ["CreatePrivateDnsNamespace"], "Cloud Map namespace name")
def namespace(params, state):
    return _names(params, ["Name"], "dns-name")


@rule("servicediscovery", ["RegisterInstance"], "Cloud Map alias records")
def alias_instance(params, state):
    attributes = params.get("Attributes") or {}
    if "AWS_ALIAS_DNS_NAME" not in attributes:
        return []
    problems = [("Attributes", f"{key} cannot go with AWS_ALIAS_DNS_NAME")
                for key in attributes if key.startswith("AWS_INSTANCE_")]
    policy = state.routing_policy(params.get("ServiceId"))
    if policy not in (None, "WEIGHTED"):
        problems.append(("Attributes", f"an alias needs a service with WEIGHTED routing, not {policy}"))
    return problems
