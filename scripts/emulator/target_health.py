"""ELB target health as AWS reports it, over moto's (which calls every registered target healthy
at once and forgets a deregistered one at once):

- a registered target is `initial` until the target group's health check would have passed
  HealthyThresholdCount times, HealthCheckIntervalSeconds apart, then `healthy`;
- a deregistered target stays listed as `draining` for the group's deregistration delay.

TOOLBOX_EMULATOR_TIME_SCALE (default 1) scales both waits, so tests keep AWS's proportions in
a fraction of AWS's time. `install()` runs before the server starts (serve.py).
"""
import os
import time

from moto.elbv2 import models

SCALE = float(os.environ.get("TOOLBOX_EMULATOR_TIME_SCALE", "1"))


def _registered(group):
    return group.__dict__.setdefault("toolbox_registered", {})


def _draining(group):
    return group.__dict__.setdefault("toolbox_draining", {})


def _warm_up(group):
    return int(group.healthy_threshold_count) * int(group.health_check_interval_seconds) * SCALE


def _delay(group):
    return float(group.attributes.get("deregistration_delay.timeout_seconds", 300)) * SCALE


def install():
    register, deregister = models.FakeTargetGroup.register, models.FakeTargetGroup.deregister
    describe = models.ELBv2Backend.describe_target_health

    def registering(self, targets):
        register(self, targets)
        for target in targets:
            _registered(self).setdefault(target["Id"], time.monotonic())
            _draining(self).pop(target["Id"], None)

    def deregistering(self, targets):
        deregister(self, targets)
        for target in targets:
            _registered(self).pop(target["Id"], None)
            _draining(self)[target["Id"]] = (time.monotonic(), target.get("Port", self.port))

    def describing(self, target_group_arn, targets):
        statuses = describe(self, target_group_arn, targets)
        group = self.target_groups[target_group_arn]
        now = time.monotonic()
        for status in statuses:
            since = _registered(group).get(status.instance_id)
            if status.status == "healthy" and since is not None and now - since < _warm_up(group):
                status.status, status.reason = "initial", "Elb.RegistrationInProgress"
                status.description = "Target registration is in progress"
        listed = {status.instance_id for status in statuses}
        for target, (since, port) in list(_draining(group).items()):
            if now - since >= _delay(group):
                del _draining(group)[target]
            elif not targets and target not in listed:
                statuses.append(models.FakeHealthStatus(
                    target, port, group.health_check_port, "draining", "Target.DeregistrationInProgress",
                    "Target deregistration is in progress"))
        return statuses

    models.FakeTargetGroup.register = registering
    models.FakeTargetGroup.deregister = deregistering
    models.ELBv2Backend.describe_target_health = describing
