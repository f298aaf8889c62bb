"""Cloud Map's AWS_INIT_HEALTH_STATUS honoured: moto starts every instance HEALTHY whatever the
registration says, while Cloud Map starts an instance of a service with a custom health check at
the status that attribute names (HEALTHY when it is absent). The ECS agent stand-in registers its
tasks UNHEALTHY and reports them healthy once a health check would pass, as ECS does after the
container's checks. `install()` runs before the server starts (serve.py).
"""
from moto.servicediscovery import models


def install():
    create = models.ServiceInstance.__init__

    def creating(self, service_id, instance_id, creator_request_id=None, attributes=None):
        create(self, service_id, instance_id, creator_request_id, attributes)
        if (attributes or {}).get("AWS_INIT_HEALTH_STATUS") in ("HEALTHY", "UNHEALTHY"):
            self.health_status = attributes["AWS_INIT_HEALTH_STATUS"]

    models.ServiceInstance.__init__ = creating
