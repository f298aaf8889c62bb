"""What the emulator already holds, read from moto's backends for the rules that AWS checks
against existing resources. Every lookup answers None when the resource is unknown: a rule then
has nothing to compare with and stays silent (moto itself answers "not found")."""
from moto.core.models import DEFAULT_ACCOUNT_ID


def _quiet(function):
    def wrapped(*args):
        try:
            return function(*args)
        except Exception:  # an unknown resource, or one moto keeps differently
            return None
    return wrapped


def _name(arn_or_name):
    return str(arn_or_name).split("/")[-1]


class State:
    def __init__(self, region, account=DEFAULT_ACCOUNT_ID):
        self.region, self.account = region, account

    def _backend(self, module, name):
        backends = __import__(f"moto.{module}.models", fromlist=[name])
        return getattr(backends, name)[self.account][self.region]

    @_quiet
    def target_group(self, arn):
        return self._backend("elbv2", "elbv2_backends").target_groups.get(arn) if arn else None

    @_quiet
    def listener_protocol(self, arn):
        for balancer in self._backend("elbv2", "elbv2_backends").load_balancers.values():
            if arn in balancer.listeners:
                return balancer.listeners[arn].protocol
        return None

    @_quiet
    def subnet_zone(self, subnet_id):
        return self._backend("ec2", "ec2_backends").get_subnet(subnet_id).availability_zone

    @_quiet
    def network_mode(self, task_definition):
        return self._backend("ecs", "ecs_backends").describe_task_definition(task_definition).network_mode

    @_quiet
    def deployment_controller(self, cluster, service):
        found = self._backend("ecs", "ecs_backends").services.get(f"{_name(cluster)}:{_name(service)}")
        return found.deployment_controller.get("type") if found else None

    @_quiet
    def routing_policy(self, service_id):
        service = self._backend("servicediscovery", "servicediscovery_backends").services[service_id]
        return (service.dns_config or {}).get("RoutingPolicy")
