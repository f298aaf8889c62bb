"""Elastic Load Balancing rules (see registry.py)."""
from .registry import names_problems as _names, rule

# Source: ELB API reference, CreateTargetGroup: HealthCheckTimeoutSeconds defaults to 6 s for HTTP,
# 10 s for HTTPS, TCP and TLS, 5 s for GENEVE, 30 s for lambda; HealthCheckIntervalSeconds to 30 s
# (10 s for GENEVE, 35 s for lambda). ALB answers "ValidationError: Health check interval must be
# greater than the timeout." https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
DEFAULT_TIMEOUT = {"HTTP": 6, "HTTPS": 10, "TCP": 10, "TLS": 10, "GENEVE": 5}
DEFAULT_INTERVAL = {"GENEVE": 10}


@rule("elbv2", ["CreateTargetGroup", "ModifyTargetGroup"], "ELB health check interval above timeout")
def health_check_timing(params, state):
    existing = state.target_group(params.get("TargetGroupArn")) if "TargetGroupArn" in params else None
    protocol = params.get("Protocol") or (existing.protocol if existing else None) or "HTTP"
    lambda_target = params.get("TargetType") == "lambda"
    interval = params.get("HealthCheckIntervalSeconds") or (
        existing.health_check_interval_seconds if existing else (35 if lambda_target else DEFAULT_INTERVAL.get(protocol, 30)))
    timeout = params.get("HealthCheckTimeoutSeconds") or (
        existing.health_check_timeout_seconds if existing else (30 if lambda_target else DEFAULT_TIMEOUT.get(protocol, 10)))
    if interval is not None and timeout is not None and interval <= timeout:
        return [("HealthCheckIntervalSeconds",
                 f"ValidationError: Health check interval must be greater than the timeout (interval {interval} s, timeout {timeout} s)")]
    return []


# Source: ELB API reference, Matcher: GrpcCode for the GRPC protocol version (0-99, default 12),
# HttpCode otherwise (200-499); CreateTargetGroup: GRPC takes the HTTP or HTTPS protocol.
# https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html
@rule("elbv2", ["CreateTargetGroup"], "ELB matcher and protocol version")
def matcher(params, state):
    problems = []
    grpc = params.get("ProtocolVersion") == "GRPC"
    if grpc and params.get("Protocol") not in ("HTTP", "HTTPS"):
        problems.append(("ProtocolVersion", "GRPC takes the HTTP or HTTPS protocol"))
    codes = params.get("Matcher") or {}
    if grpc and "HttpCode" in codes:
        problems.append(("Matcher.HttpCode", "a GRPC target group matches GrpcCode, not HttpCode"))
    if not grpc and "GrpcCode" in codes:
        problems.append(("Matcher.GrpcCode", "GrpcCode is for the GRPC protocol version only"))
    for member, low, high in (("GrpcCode", 0, 99), ("HttpCode", 200, 499)):
        if member in codes and not _codes_within(codes[member], low, high):
            problems.append((f"Matcher.{member}", f"'{codes[member]}' is not codes or ranges within {low}-{high}"))
    return problems


def _codes_within(text, low, high):
    try:
        values = [int(v) for part in str(text).split(",") for v in part.split("-")]
    except ValueError:
        return False
    return bool(values) and all(low <= v <= high for v in values)


# Source: ELB API reference, CreateLoadBalancer and CreateTargetGroup, Name.
@rule("elbv2", ["CreateLoadBalancer"], "ELB load balancer name")
def load_balancer_name(params, state):
    return _names(params, ["Name"], "load-balancer")


@rule("elbv2", ["CreateTargetGroup"], "ELB target group name")
def target_group_name(params, state):
    return _names(params, ["Name"], "target-group")


# Source: ELB API reference, CreateLoadBalancer, Subnets: an Application Load Balancer needs
# subnets from at least two Availability Zones.
@rule("elbv2", ["CreateLoadBalancer"], "ALB subnets in two zones")
def two_subnets(params, state):
    if params.get("Type", "application") != "application":
        return []
    subnets = params.get("Subnets") or [m.get("SubnetId") for m in params.get("SubnetMappings") or []]
    zones = {state.subnet_zone(s) for s in subnets}
    if len(subnets) < 2 or len(zones) < 2:
        return [("Subnets", "ValidationError: At least two subnets in two different Availability Zones must be specified")]
    return []


# Source: ELB API reference, CreateListener: Certificates are required for HTTPS (exactly one, the
# default) and not taken for HTTP; gRPC target groups are supported only by HTTPS listeners
# (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-protocol-version).
@rule("elbv2", ["CreateListener"], "ELB listener certificates")
def listener_certificates(params, state):
    https = params.get("Protocol") == "HTTPS"
    certificates = params.get("Certificates") or []
    if https and len(certificates) != 1:
        return [("Certificates", "an HTTPS listener takes exactly one default certificate")]
    if not https and (certificates or params.get("SslPolicy")):
        return [("Certificates", f"a {params.get('Protocol')} listener takes no certificate or SSL policy")]
    return []


# Source: ELB API reference, Action, ForwardActionConfig and TargetGroupTuple: a forward action names
# a target group or a ForwardConfig (if both, the same single group); at most 5 target groups,
# weights 0-999; gRPC target groups only behind HTTPS listeners.
@rule("elbv2", ["CreateListener", "ModifyListener", "CreateRule", "ModifyRule"], "ELB weighted forward action")
def forward_actions(params, state):
    problems = []
    listener_protocol = params.get("Protocol") or state.listener_protocol(params.get("ListenerArn"))
    for index, action in enumerate(params.get("DefaultActions") or params.get("Actions") or []):
        if action.get("Type") != "forward":
            continue
        where = f"Actions[{index}]"
        groups = [t.get("TargetGroupArn") for t in (action.get("ForwardConfig") or {}).get("TargetGroups") or []]
        weights = [t.get("Weight", 1) for t in (action.get("ForwardConfig") or {}).get("TargetGroups") or []]
        if not groups and not action.get("TargetGroupArn"):
            problems.append((where, "a forward action names a target group or a ForwardConfig"))
        if action.get("TargetGroupArn") and groups and groups != [action["TargetGroupArn"]]:
            problems.append((where, "TargetGroupArn and ForwardConfig name different target groups"))
        if len(groups) > 5:
            problems.append((f"{where}.ForwardConfig", f"{len(groups)} target groups, at most 5"))
        problems += [(f"{where}.ForwardConfig", f"weight {w} outside 0-999") for w in weights if not 0 <= w <= 999]
        for arn in groups + [action.get("TargetGroupArn")]:
            group = state.target_group(arn)
            if group is not None and group.protocol_version == "GRPC" and listener_protocol != "HTTPS":
                problems.append((where, "a gRPC target group is supported only by an HTTPS listener"))
    return problems


# Source: ELB API reference, TargetGroupAttribute: deregistration_delay.timeout_seconds 0-3600.
@rule("elbv2", ["ModifyTargetGroupAttributes"], "ELB deregistration delay")
def deregistration_delay(params, state):
    for attribute in params.get("Attributes") or []:
        if attribute.get("Key") == "deregistration_delay.timeout_seconds":
            value = attribute.get("Value", "")
            if not value.isdigit() or not 0 <= int(value) <= 3600:
                return [("Attributes", f"deregistration_delay.timeout_seconds '{value}' outside 0-3600")]
    return []
