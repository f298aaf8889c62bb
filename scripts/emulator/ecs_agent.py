#!/usr/bin/env python3
"""Plays the ECS agent against the emulator, which runs no tasks (started by `make emulator
AGENT=1`, `make bench-aws` and the Swift tests), doing what ECS does where the toolbox depends on it:

- a service with ECS's own controller (the clients) runs its desiredCount tasks;
- a task set runs computedDesiredCount = ceil(service desiredCount x scale %) tasks: a service
  created without a desiredCount runs none, as on AWS;
- a task set's tasks are registered in its target groups (ELB then reports them `initial` until
  their health check would pass: target_health.py) and in its Cloud Map service with its external
  id, UNHEALTHY at first, then HEALTHY (or still UNHEALTHY with --health UNHEALTHY, to rehearse a
  bad version) once a health check would have passed;
- tasks beyond the count are deregistered first and stopped only when their targets finish
  draining (the target group's deregistration delay), as ECS does;
- a task whose definition asks for call metrics (METRICS_EMF_SECONDS) has them published every
  second as CloudWatch would make them from its embedded-metric-format log lines: Calls in
  proportion to its target group's weight on the ALB router (equal shares otherwise), Errors
  at the ECHO_FAULT_FAIL_RATE its definition carries.

With --front-port, it also serves the data plane the emulator lacks on that loopback port, for
smoke calls through the public endpoint (public_front.py; the toolbox's PUBLIC_URL).

argv: endpoint URL, cluster name, [--health HEALTHY|UNHEALTHY] [--front-port N]. Runs until killed
(SIGTERM).
TOOLBOX_EMULATOR_TIME_SCALE scales the health wait as it scales the emulator's.
"""
import argparse
import json
import math
import os
import sys
import time
import urllib.request

import botocore.session

import moto_reads
import public_front

arguments = argparse.ArgumentParser()
arguments.add_argument("endpoint")
arguments.add_argument("cluster")
arguments.add_argument("--health", default="HEALTHY", choices=["HEALTHY", "UNHEALTHY"])
arguments.add_argument("--front-port", type=int)
options = arguments.parse_args()
cluster = options.cluster
# Two passing checks 5 s apart, as the toolbox's target groups ask, scaled like the emulator.
HEALTH_WAIT = 10 * float(os.environ.get("TOOLBOX_EMULATOR_TIME_SCALE", "1"))

session = botocore.session.get_session()
client_options = dict(region_name="us-east-1", endpoint_url=options.endpoint, aws_access_key_id="testing",
                      aws_secret_access_key="testing")
ecs = session.create_client("ecs", **client_options)
cloud_map = session.create_client("servicediscovery", **client_options)
elb = session.create_client("elbv2", **client_options)
cloudwatch = session.create_client("cloudwatch", **client_options)
definitions = {}  # task definition ARN -> the first container's environment
last_metrics = [0.0]
CALLS_PER_FULL_WEIGHT = 40  # per second, for a revision taking all traffic
unhealthy_in_cloud_map = {}  # instance id -> (registry, started): reported once HEALTH_WAIT has passed


def hold_tasks_in_place():
    """moto moves a task a state further at each DescribeTasks; an ECS task stays RUNNING until stopped."""
    body = json.dumps({"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{options.endpoint}/moto-api/state-manager/set-transition",
                                                  data=body, method="POST"))


def address(task):
    details = [d for a in task.get("attachments") or [] for d in a.get("details") or []]
    return next((d["value"] for d in details if d["name"] == "privateIPv4Address"), None)


def running(started_by):
    arns = ecs.list_tasks(cluster=cluster, startedBy=started_by, desiredStatus="RUNNING")["taskArns"]
    return ecs.describe_tasks(cluster=cluster, tasks=arns)["tasks"] if arns else []


def run(definition, count, started_by, service, network):
    return ecs.run_task(cluster=cluster, taskDefinition=definition, count=count, startedBy=started_by,
                        group=f"service:{service}", launchType="FARGATE", networkConfiguration=network)["tasks"]


def service_tasks(service):
    """A service with ECS's own deployment controller (the clients): its desired count of tasks."""
    if (service.get("deploymentController") or {}).get("type") == "EXTERNAL" or not service.get("desiredCount"):
        return
    started_by = f"ecs-svc/{service['serviceName']}"
    missing = service["desiredCount"] - len(running(started_by))
    if missing > 0:
        run(service["taskDefinition"], missing, started_by, service["serviceName"], service["networkConfiguration"])


def registry_id(task_set):
    return (task_set.get("serviceRegistries") or [{}])[0].get("registryArn", "").split("/")[-1]


def task_set_tasks(service, task_set):
    wanted = math.ceil((service.get("desiredCount") or 0) * (task_set.get("scale") or {}).get("value", 100) / 100)
    tasks = running(task_set["id"])
    if len(tasks) < wanted:
        started = run(task_set["taskDefinition"], wanted - len(tasks), task_set["id"], service["serviceName"],
                      task_set["networkConfiguration"])
        for balancer in task_set.get("loadBalancers") or []:
            targets = [{"Id": a, "Port": balancer["containerPort"]} for a in map(address, started) if a]
            if targets:
                elb.register_targets(TargetGroupArn=balancer["targetGroupArn"], Targets=targets)
        for index, task in enumerate(started):
            if registry_id(task_set):
                instance = task["taskArn"].split("/")[-1]
                cloud_map.register_instance(ServiceId=registry_id(task_set), InstanceId=instance, Attributes={
                    "AWS_INSTANCE_IPV4": address(task) or f"10.0.2.{10 + index}",
                    "ECS_TASK_SET_EXTERNAL_ID": task_set["externalId"], "AWS_INIT_HEALTH_STATUS": "UNHEALTHY"})
                unhealthy_in_cloud_map[instance] = (registry_id(task_set), time.monotonic())
    elif len(tasks) > wanted:
        retire(task_set, tasks[wanted:])


def retire(task_set, tasks):
    """Deregisters the tasks, then stops each once its targets no longer drain."""
    draining = set()
    for balancer in task_set.get("loadBalancers") or []:
        group = balancer["targetGroupArn"]
        listed = {d["Target"]["Id"]: d["TargetHealth"]["State"]
                  for d in elb.describe_target_health(TargetGroupArn=group)["TargetHealthDescriptions"]}
        registered = [{"Id": address(t), "Port": balancer["containerPort"]} for t in tasks
                      if listed.get(address(t)) not in (None, "draining")]
        if registered:
            elb.deregister_targets(TargetGroupArn=group, Targets=registered)
        draining |= {address(t) for t in tasks if address(t) in listed}
    for task in tasks:
        if address(task) in draining:
            continue
        instance = task["taskArn"].split("/")[-1]
        if registry_id(task_set):
            try:
                cloud_map.deregister_instance(ServiceId=registry_id(task_set), InstanceId=instance)
            except cloud_map.exceptions.InstanceNotFound:
                pass
        unhealthy_in_cloud_map.pop(instance, None)
        ecs.stop_task(cluster=cluster, task=task["taskArn"], reason="task set scaled down")


def report_health():
    for instance, (registry, started) in list(unhealthy_in_cloud_map.items()):
        if time.monotonic() - started >= HEALTH_WAIT:
            cloud_map.update_instance_custom_health_status(ServiceId=registry, InstanceId=instance,
                                                           Status=options.health)
            del unhealthy_in_cloud_map[instance]


def environment_of(definition):
    if definition not in definitions:
        container = ecs.describe_task_definition(taskDefinition=definition)["taskDefinition"]["containerDefinitions"][0]
        definitions[definition] = {e["name"]: e["value"] for e in container.get("environment") or []}
    return definitions[definition]


def listener_weights():
    """Target group ARN -> weight, from every weighted forward the toolbox's listeners hold."""
    weights = {}
    for balancer in elb.describe_load_balancers()["LoadBalancers"]:
        for listener in elb.describe_listeners(LoadBalancerArn=balancer["LoadBalancerArn"])["Listeners"]:
            for action in listener.get("DefaultActions") or []:
                for group in (action.get("ForwardConfig") or {}).get("TargetGroups") or []:
                    weights[group["TargetGroupArn"]] = group.get("Weight", 1)
    return weights


def publish_metrics(task_sets):
    """One second's calls per reporting task set, as its tasks' EMF lines would become metrics."""
    if time.monotonic() - last_metrics[0] < 1:
        return
    last_metrics[0] = time.monotonic()
    weights = listener_weights()
    for task_set in task_sets:
        env = environment_of(task_set["taskDefinition"])
        if "METRICS_EMF_SECONDS" not in env or not running(task_set["id"]):
            continue
        groups = [b["targetGroupArn"] for b in task_set.get("loadBalancers") or []]
        total = sum(weights.values()) or 1
        share = sum(weights.get(g, 0) for g in groups) / total if groups and weights else 1 / max(1, len(task_sets))
        calls = round(CALLS_PER_FULL_WEIGHT * share)
        errors = round(calls * float(env.get("ECHO_FAULT_FAIL_RATE", "0")))
        dimensions = [{"Name": "Service", "Value": env.get("METRICS_SERVICE", "")},
                      {"Name": "Revision", "Value": env.get("METRICS_REVISION", "")}]
        cloudwatch.put_metric_data(Namespace=env.get("METRICS_NAMESPACE", "EchoToolbox"), MetricData=[
            {"MetricName": "Calls", "Dimensions": dimensions, "Value": calls, "Unit": "Count"},
            {"MetricName": "Errors", "Dimensions": dimensions, "Value": errors, "Unit": "Count"}])


def step():
    reporting = []
    for service in moto_reads.active_services(ecs, cluster):
        service_tasks(service)
        for task_set in service.get("taskSets") or []:
            task_set_tasks(service, task_set)
            reporting.append(task_set)
    report_health()
    publish_metrics(reporting)


hold_tasks_in_place()
if options.front_port:
    clients = {"ecs": ecs, "elbv2": elb, "appmesh": session.create_client("appmesh", **client_options)}
    public_front.serve(options.front_port, public_front.Router(clients, cluster, (running, environment_of, address)))
while True:
    try:
        step()
    except Exception as error:  # the cluster may not exist yet, or be going away
        if "ClusterNotFound" not in str(error):
            print(f"ecs-agent: {error}", file=sys.stderr, flush=True)
    time.sleep(0.05)
