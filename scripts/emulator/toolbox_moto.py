"""Extends moto 5.2.1's App Mesh with the virtual service calls the toolbox makes.

moto implements meshes, virtual nodes, virtual routers and routes, but no virtual services.
This module adds exactly four operations, in memory and per mesh, with AWS's request and
answer shapes: CreateVirtualService, DescribeVirtualService, ListVirtualServices and
DeleteVirtualService. Nothing else of moto changes. `install()` must run before the server
builds its App Mesh application (serve.py calls it first).
"""
import json
import time

from moto.appmesh import models, urls
from moto.appmesh.responses import AppMeshResponse
from moto.core.exceptions import JsonRESTError

COLLECTION = "{0}/v20190125/meshes/(?P<meshName>.*)/virtualServices$"
ITEM = "{0}/v20190125/meshes/(?P<meshName>.*)/virtualServices/(?P<virtualServiceName>[^/]+)$"


class NotFound(JsonRESTError):
    code = 404

    def __init__(self, message):
        super().__init__("NotFoundException", message)


class Conflict(JsonRESTError):
    code = 409

    def __init__(self, message):
        super().__init__("ConflictException", message)


def _services(backend, mesh_name):
    if mesh_name not in backend.meshes:
        raise NotFound(f"There are no meshes with the name {mesh_name}.")
    # Kept beside moto's own mesh record, so deleting the mesh drops them too.
    return backend.meshes[mesh_name].__dict__.setdefault("toolbox_virtual_services", {})


def _record(backend, mesh_name, name, spec, tags):
    now = time.time()
    owner = backend.account_id
    return {
        "meshName": mesh_name,
        "virtualServiceName": name,
        "spec": spec or {},
        "tags": tags or [],
        "status": {"status": "ACTIVE"},
        "metadata": {
            "arn": f"arn:aws:appmesh:{backend.region_name}:{owner}:mesh/{mesh_name}/virtualService/{name}",
            "meshOwner": owner,
            "resourceOwner": owner,
            "uid": f"vs-{int(now * 1000)}",
            "version": 1,
            "createdAt": now,
            "lastUpdatedAt": now,
        },
    }


def _answer(record):
    return json.dumps({key: value for key, value in record.items() if key != "tags"})


def create_virtual_service(self):
    params = json.loads(self.body or "{}")
    mesh_name = self._get_param("meshName")
    name = params.get("virtualServiceName")
    services = _services(self.appmesh_backend, mesh_name)
    if name in services:
        raise Conflict(f"A virtual service named {name} already exists in mesh {mesh_name}.")
    services[name] = _record(self.appmesh_backend, mesh_name, name, params.get("spec"), params.get("tags"))
    return _answer(services[name])


def describe_virtual_service(self):
    mesh_name = self._get_param("meshName")
    name = self._get_param("virtualServiceName")
    services = _services(self.appmesh_backend, mesh_name)
    if name not in services:
        raise NotFound(f"There is no virtual service named {name} in mesh {mesh_name}.")
    return _answer(services[name])


def list_virtual_services(self):
    services = _services(self.appmesh_backend, self._get_param("meshName"))
    summaries = [dict(record["metadata"], virtualServiceName=name, meshName=record["meshName"])
                 for name, record in services.items()]
    return json.dumps({"virtualServices": summaries})


def delete_virtual_service(self):
    mesh_name = self._get_param("meshName")
    name = self._get_param("virtualServiceName")
    services = _services(self.appmesh_backend, mesh_name)
    if name not in services:
        raise NotFound(f"There is no virtual service named {name} in mesh {mesh_name}.")
    record = services.pop(name)
    record["status"] = {"status": "DELETED"}
    return _answer(record)


def install():
    """Registers the four operations and their two URL patterns with moto's App Mesh."""
    urls.url_paths[COLLECTION] = AppMeshResponse.dispatch
    urls.url_paths[ITEM] = AppMeshResponse.dispatch
    AppMeshResponse.create_virtual_service = create_virtual_service
    AppMeshResponse.describe_virtual_service = describe_virtual_service
    AppMeshResponse.list_virtual_services = list_virtual_services
    AppMeshResponse.delete_virtual_service = delete_virtual_service
    return models
