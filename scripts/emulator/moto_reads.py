"""Reads of moto's state that the ECS agent stand-in and the public endpoint stand-in share."""


def active_services(ecs, cluster):
    """The cluster's ACTIVE services, described ten at a time.

    With tags, as the toolbox asks: moto keeps the "include tags" switch in one dict shared by every
    request, so a call without it could strip the tags from the toolbox's answers.
    """
    arns = ecs.list_services(cluster=cluster)["serviceArns"]
    for start in range(0, len(arns), 10):
        for service in ecs.describe_services(cluster=cluster, services=arns[start:start + 10], include=["TAGS"])["services"]:
            if service["status"] == "ACTIVE":
                yield service
