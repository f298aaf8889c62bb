#!/usr/bin/env python3
"""Plays the ECS agent against the emulator, which runs no tasks (used by `make emulator AGENT=1`
and by `make bench-aws`; the Swift tests have their own in Tests/ToolboxTests/AWSPlatform).

For every service with ECS's own controller (the clients): starts its desired count of tasks.
For every task set of the cluster: starts its tasks (RunTask with the task set's id as
startedBy), registers them in the task set's Cloud Map service with its external id and reports
them HEALTHY, and registers their addresses with the task set's target groups (the ALB router),
as ECS does on AWS; stops and deregisters the tasks of a task set scaled to zero.
Also switches off moto's automatic task progression, so a started task stays RUNNING.

argv: endpoint URL, cluster name, tasks per task set. Runs until killed.
"""
import json
import sys
import time
import urllib.request

import botocore.session

endpoint, cluster, per_set = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = botocore.session.get_session()
options = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing")
ecs = session.create_client("ecs", **options)
cloud_map = session.create_client("servicediscovery", **options)
elb = session.create_client("elbv2", **options)

transition = json.dumps({"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}).encode()
urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/state-manager/set-transition", data=transition, method="POST"))


def start_service_tasks(service):
    """A service with ECS's own deployment controller (the clients): its desired count of tasks."""
    if (service.get("deploymentController") or {}).get("type") == "EXTERNAL" or not service.get("desiredCount"):
        return
    started_by = f"ecs-svc/{service['serviceName']}"
    if ecs.list_tasks(cluster=cluster, startedBy=started_by, desiredStatus="RUNNING")["taskArns"]:
        return
    ecs.run_task(cluster=cluster, taskDefinition=service["taskDefinition"], count=service["desiredCount"],
                 startedBy=started_by, launchType="FARGATE", networkConfiguration=service["networkConfiguration"])


def address(task):
    details = [d for a in task.get("attachments") or [] for d in a.get("details") or []]
    return next((d["value"] for d in details if d["name"] == "privateIPv4Address"), None)


def targets(tasks, task_set, register):
    """The task set's target groups get (or lose) its tasks' addresses, as ECS does for an ALB."""
    addresses = [a for a in map(address, tasks) if a]
    for balancer in task_set.get("loadBalancers") or []:
        if not addresses:
            return
        described = [{"Id": a, "Port": balancer["containerPort"]} for a in addresses]
        call = elb.register_targets if register else elb.deregister_targets
        call(TargetGroupArn=balancer["targetGroupArn"], Targets=described)


def step():
    arns = ecs.list_services(cluster=cluster)["serviceArns"]
    for start in range(0, len(arns), 10):
        # Ask for tags as the toolbox does: moto keeps the "include tags" switch in one dict shared
        # by every request, so a call without it can strip the tags from the toolbox's answer.
        page = ecs.describe_services(cluster=cluster, services=arns[start:start + 10], include=["TAGS"])
        for service in page["services"]:
            if service["status"] != "ACTIVE":
                continue
            start_service_tasks(service)
            for task_set in service.get("taskSets") or []:
                running = ecs.list_tasks(cluster=cluster, startedBy=task_set["id"], desiredStatus="RUNNING")["taskArns"]
                registry = (task_set.get("serviceRegistries") or [{}])[0].get("registryArn", "").split("/")[-1]
                if (task_set.get("scale") or {}).get("value", 100) == 0:
                    if running:
                        targets(ecs.describe_tasks(cluster=cluster, tasks=running)["tasks"], task_set, False)
                    for arn in running:
                        ecs.stop_task(cluster=cluster, task=arn, reason="task set scaled to 0")
                        if registry:
                            cloud_map.deregister_instance(ServiceId=registry, InstanceId=arn.split("/")[-1])
                elif not running:
                    started = ecs.run_task(cluster=cluster, taskDefinition=task_set["taskDefinition"], count=per_set,
                                           startedBy=task_set["id"], launchType="FARGATE",
                                           networkConfiguration=task_set["networkConfiguration"])["tasks"]
                    targets(started, task_set, True)
                    for index, task in enumerate(started):
                        if not registry:
                            continue
                        instance = task["taskArn"].split("/")[-1]
                        cloud_map.register_instance(ServiceId=registry, InstanceId=instance, Attributes={
                            "AWS_INSTANCE_IPV4": f"10.0.2.{10 + index}", "ECS_TASK_SET_EXTERNAL_ID": task_set["externalId"]})
                        cloud_map.update_instance_custom_health_status(ServiceId=registry, InstanceId=instance, Status="HEALTHY")


while True:
    try:
        step()
    except Exception as error:  # the cluster may not exist yet, or be going away
        if "ClusterNotFound" not in str(error):
            print(f"ecs-agent: {error}", file=sys.stderr, flush=True)
    time.sleep(0.05)
