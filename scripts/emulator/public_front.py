"""The data plane the emulator lacks, for smoke calls: an HTTP server on loopback that answers as
the public load balancer, its echo client and the traffic router would, from what moto holds.

A GET /?name=N is routed as the router is configured now: on the ALB router the internal
listener's rules in priority order (an http-header condition matches the request's headers, with
ALB's * and ? wildcards, case-insensitively), then its weighted default forward; on App Mesh the
routes by priority (a metadata match on the header), then the weighted route. The chosen revision
(a task set) must have running tasks; it answers as the echo server would through the client, with
the version its task definition carries (ECHO_VERSION), and fails a call at the rate its
definition asks (ECHO_FAULT_FAIL_RATE), as the client reports a failed call: HTTP 502.

It reads moto on every request (no cache), so a rule deleted a moment ago no longer matches.
"""
import fnmatch
import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import moto_reads

TASK_SET_ATTRIBUTE = "ECS_TASK_SET_EXTERNAL_ID"


class Router:
    """Which server task set a request reaches, read from moto's ELBv2, App Mesh and ECS."""

    def __init__(self, clients, cluster, tasks):
        """tasks: the agent's running(started_by), environment_of(definition) and address(task)."""
        self.ecs, self.elb, self.appmesh = clients["ecs"], clients["elbv2"], clients["appmesh"]
        self.cluster = cluster
        self.running, self.environment_of, self.address = tasks

    def task_sets(self):
        return [s for service in moto_reads.active_services(self.ecs, self.cluster) for s in service.get("taskSets") or []]

    def route(self, headers):
        """The task set a request with `headers` (lowercase names) reaches, or None."""
        task_sets = self.task_sets()
        by_group = {b["targetGroupArn"]: s for s in task_sets for b in s.get("loadBalancers") or []}
        listener_rules = self.alb_rules(by_group)
        if listener_rules is not None:
            return self.first_match(listener_rules, headers, by_group, self.header_condition)
        by_tag = {s["externalId"]: s for s in task_sets}
        return self.first_match(self.mesh_routes(), headers, by_tag, self.metadata_condition)

    @staticmethod
    def first_match(rules, headers, targets, matches):
        for conditions, weighted in rules:
            if all(matches(c, headers) for c in conditions):
                chosen = pick(weighted)
                return targets.get(chosen) if chosen else None
        return None

    def alb_rules(self, by_group):
        """(conditions, [(target group, weight)]) in priority order, for the listener forwarding to
        the server's target groups; None when no listener does (the App Mesh router)."""
        for balancer in self.elb.describe_load_balancers()["LoadBalancers"]:
            for listener in self.elb.describe_listeners(LoadBalancerArn=balancer["LoadBalancerArn"])["Listeners"]:
                rules = self.elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
                ordered = sorted(rules, key=lambda r: float("inf") if r["IsDefault"] else int(r["Priority"]))
                result = [(r.get("Conditions") or [], forwards(r.get("Actions") or [])) for r in ordered]
                if any(group in by_group for _, weighted in result for group, _ in weighted):
                    return result
        return None

    def mesh_routes(self):
        """(metadata matches, [(task set tag, weight)]) by priority, over every mesh's gRPC routes."""
        result = []
        for mesh in self.appmesh.list_meshes()["meshes"]:
            name = mesh["meshName"]
            for router in self.appmesh.list_virtual_routers(meshName=name)["virtualRouters"]:
                router_name = router["virtualRouterName"]
                for listed in self.appmesh.list_routes(meshName=name, virtualRouterName=router_name)["routes"]:
                    spec = self.appmesh.describe_route(meshName=name, virtualRouterName=router_name,
                                                       routeName=listed["routeName"])["route"]["spec"]
                    grpc = spec.get("grpcRoute") or {}
                    targets = [(self.node_tag(name, t["virtualNode"]), t["weight"])
                               for t in grpc.get("action", {}).get("weightedTargets") or []]
                    result.append((spec.get("priority", 1000), grpc.get("match", {}).get("metadata") or [], targets))
        return [(metadata, targets) for _, metadata, targets in sorted(result, key=lambda r: r[0])]

    def node_tag(self, mesh, node):
        spec = self.appmesh.describe_virtual_node(meshName=mesh, virtualNodeName=node)["virtualNode"]["spec"]
        attributes = ((spec.get("serviceDiscovery") or {}).get("awsCloudMap") or {}).get("attributes") or []
        return next((a["value"] for a in attributes if a["key"] == TASK_SET_ATTRIBUTE), None)

    @staticmethod
    def header_condition(condition, headers):
        config = condition.get("HttpHeaderConfig")
        if condition.get("Field") != "http-header" or not config:
            return False  # only header rules are the toolbox's; others never match a smoke call
        value = headers.get(config["HttpHeaderName"].lower())
        return value is not None and any(fnmatch.fnmatchcase(value.lower(), v.lower()) for v in config["Values"])

    @staticmethod
    def metadata_condition(entry, headers):
        value = headers.get(entry["name"].lower())
        match = entry.get("match")
        found = value is not None and (
            not match or value == match.get("exact", value) and value.startswith(match.get("prefix", ""))
            and value.endswith(match.get("suffix", "")))
        return found != bool(entry.get("invert"))


def forwards(actions):
    """[(target group, weight)] of a rule's forward action."""
    for action in actions:
        if action["Type"] != "forward":
            continue
        groups = (action.get("ForwardConfig") or {}).get("TargetGroups")
        return [(g["TargetGroupArn"], g.get("Weight", 1)) for g in groups] if groups else [(action["TargetGroupArn"], 1)]
    return []


def pick(weighted):
    total = sum(weight for _, weight in weighted)
    if total <= 0:
        return None
    point = random.uniform(0, total)
    for target, weight in weighted:
        point -= weight
        if point <= 0 and weight > 0:
            return target
    return weighted[-1][0]


def serve(port, router):
    """Starts the front on 127.0.0.1:port in a daemon thread."""

    class Front(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            if url.path == "/ping":
                return self.answer(200, "pong\n")
            name = (parse_qs(url.query).get("name") or [""])[0]
            try:
                task_set = router.route({k.lower(): v for k, v in self.headers.items()})
            except Exception as error:  # moto mid-change: the client would see the router fail
                return self.answer(503, f"router: {error}\n")
            tasks = router.running(task_set["id"]) if task_set else []
            if not tasks:
                return self.answer(503, "no healthy upstream\n")
            env = router.environment_of(task_set["taskDefinition"])
            if random.random() < float(env.get("ECHO_FAULT_FAIL_RATE", "0")):
                return self.answer(502, "echo server failed (unavailable): injected fault\n")
            said = router.address(random.choice(tasks))
            version = env.get("ECHO_VERSION", "unknown")
            self.answer(200, f"Response from the server: Hello, {name}-san! (Said {said}, Version {version})\n")

        def answer(self, status, text):
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Front)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
