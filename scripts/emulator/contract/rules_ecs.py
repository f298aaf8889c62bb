"""ECS rules (see registry.py)."""
from .registry import names_problems as _names, rule

# Source: ECS developer guide, "Task CPU and memory" for Fargate (MiB by CPU units).
FARGATE_MEMORY = {
    256: [512, 1024, 2048],
    512: list(range(1024, 4097, 1024)),
    1024: list(range(2048, 8193, 1024)),
    2048: list(range(4096, 16385, 1024)),
    4096: list(range(8192, 30721, 1024)),
    8192: list(range(16384, 61441, 4096)),
    16384: list(range(32768, 122881, 8192)),
}


# Source: ECS developer guide, Fargate task definitions
# (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html and
# task_definition_parameters.html): networkMode awsvpc, task-level cpu and memory in a supported
# pair, hostPort equal to containerPort (or left out) under awsvpc, awslogs needs
# awslogs-group, awslogs-region and (on Fargate) awslogs-stream-prefix, and an execution role to
# pull from ECR or send logs; names and images per the ECS rules.
@rule("ecs", ["RegisterTaskDefinition"], "ECS Fargate task definition")
def fargate_task_definition(params, state):
    problems = _names(params, ["family"], "ecs")
    containers = params.get("containerDefinitions") or []
    names = [c.get("name") for c in containers]
    if len(set(names)) != len(names):
        problems.append(("containerDefinitions", "container names must be unique"))
    for index, container in enumerate(containers):
        where = f"containerDefinitions[{index}]"
        problems += [(f"{where}.{m}", p) for m, p in _names(container, ["name"], "ecs")]
        problems += [(f"{where}.{m}", p) for m, p in _names(container, ["image"], "image")]
        for mapping in container.get("portMappings") or []:
            if params.get("networkMode") == "awsvpc" and mapping.get("hostPort") not in (None, mapping.get("containerPort")):
                problems.append((f"{where}.portMappings", "under awsvpc, hostPort must equal containerPort"))
        log = container.get("logConfiguration") or {}
        if log.get("logDriver") == "awslogs":
            needed = ["awslogs-group", "awslogs-region"] + (["awslogs-stream-prefix"] if "FARGATE" in (params.get("requiresCompatibilities") or []) else [])
            missing = [o for o in needed if o not in (log.get("options") or {})]
            if missing:
                problems.append((f"{where}.logConfiguration", f"awslogs needs {', '.join(missing)}"))
    if "FARGATE" not in (params.get("requiresCompatibilities") or []):
        return problems
    if params.get("networkMode") != "awsvpc":
        problems.append(("networkMode", "Fargate tasks take networkMode awsvpc"))
    try:
        cpu, memory = int(params.get("cpu")), int(params.get("memory"))
        if memory not in FARGATE_MEMORY.get(cpu, []):
            problems.append(("memory", f"cpu {cpu} with memory {memory} is not a Fargate combination"))
    except (TypeError, ValueError):
        problems.append(("cpu", "Fargate task definitions need task-level cpu and memory"))
    pulls_from_ecr = any(".dkr.ecr." in (c.get("image") or "") for c in containers)
    logs = any((c.get("logConfiguration") or {}).get("logDriver") == "awslogs" for c in containers)
    if (pulls_from_ecr or logs) and not params.get("executionRoleArn"):
        problems.append(("executionRoleArn", "a Fargate task pulling from ECR or using awslogs needs an execution role"))
    return problems


# Source: ECS API reference, CreateService: "If the service uses the EXTERNAL deployment controller,
# you can specify only parameters that aren't controlled at the task set level"; an awsvpc task
# definition needs a network configuration. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
TASK_SET_LEVEL = ["taskDefinition", "launchType", "platformVersion", "loadBalancers", "networkConfiguration",
                  "serviceRegistries", "capacityProviderStrategy"]


@rule("ecs", ["CreateService"], "ECS service and deployment controller")
def create_service(params, state):
    problems = _names(params, ["serviceName"], "ecs")
    if (params.get("deploymentController") or {}).get("type") == "EXTERNAL":
        problems += [(m, "InvalidParameterException: an EXTERNAL service takes this on its task sets")
                     for m in TASK_SET_LEVEL if m in params]
    elif state.network_mode(params.get("taskDefinition")) == "awsvpc" and not params.get("networkConfiguration"):
        problems.append(("networkConfiguration", "an awsvpc task definition needs a network configuration"))
    return problems


# Source: ECS API reference, CreateTaskSet (the service must use the EXTERNAL deployment
# controller), Scale (value 0-100, unit PERCENT), AwsVpcConfiguration (up to 16 subnets and 5
# security groups). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateTaskSet.html
@rule("ecs", ["CreateTaskSet", "UpdateTaskSet"], "ECS task set")
def task_set(params, state):
    problems = []
    controller = state.deployment_controller(params.get("cluster"), params.get("service"))
    if controller not in (None, "EXTERNAL"):
        problems.append(("service", f"InvalidParameterException: the service uses the {controller} deployment controller"))
    scale = params.get("scale") or {}
    if "value" in scale and not 0 <= scale["value"] <= 100:
        problems.append(("scale.value", f"{scale['value']} outside 0-100"))
    vpc = (params.get("networkConfiguration") or {}).get("awsvpcConfiguration")
    if vpc:
        if not 1 <= len(vpc.get("subnets") or []) <= 16:
            problems.append(("networkConfiguration.awsvpcConfiguration.subnets", "1-16 subnets"))
        if len(vpc.get("securityGroups") or []) > 5:
            problems.append(("networkConfiguration.awsvpcConfiguration.securityGroups", "at most 5 security groups"))
    elif params.get("taskDefinition") and state.network_mode(params["taskDefinition"]) == "awsvpc":
        problems.append(("networkConfiguration", "an awsvpc task definition needs an awsvpc configuration"))
    return problems


# Source: ECS API reference, CreateCluster (clusterName) and Tag (at most 50 tags; the aws: prefix
# is reserved). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html
@rule("ecs", ["CreateCluster", "CreateService", "CreateTaskSet", "RegisterTaskDefinition", "TagResource"], "ECS names and tags")
def ecs_tags(params, state):
    problems = _names(params, ["clusterName"], "ecs")
    tags = params.get("tags") or []
    if len(tags) > 50:
        problems.append(("tags", f"{len(tags)} tags, at most 50"))
    problems += [("tags", f"the key {t.get('key')} uses the reserved aws: prefix")
                 for t in tags if str(t.get("key", "")).lower().startswith("aws:")]
    return problems
