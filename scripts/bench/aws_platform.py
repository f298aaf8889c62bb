#!/usr/bin/env python3
"""The AWS platform's bench (part of make bench-aws), against the emulator on a free loopback port.

argv: the folder of the release binaries (infra, deploy, traffic). Measures, as whole processes:
- `deploy update` (STEPS=50,100, BAKE=0): wall time minus the time the platform spent waiting
  for tasks and drains (it reports each wait with TOOLBOX_TIMING=1), i.e. its control-plane work;
- `traffic shift` (describe the deployment, update the route): wall time.
scripts/emulator/ecs_agent.py plays the ECS agent; AWS's health and drain waits run at a hundredth
of their time (TOOLBOX_EMULATOR_TIME_SCALE), and the images are named (SERVER_IMAGE, CLIENT_IMAGE):
the bench measures the control plane, not a push.
The best run of each is kept (the machine is shared); medians are shown beside them.
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

bin_dir = os.path.abspath(sys.argv[1])
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UPDATES, SHIFTS = int(os.environ.get("BENCH_UPDATES", "5")), int(os.environ.get("BENCH_SHIFTS", "20"))
# The reference figures for the original (AWS CLI scripts) on the same emulator.
ORIGINAL_UPDATE_MS, ORIGINAL_SHIFT_CLI_MS, ORIGINAL_SHIFT_SDK_MS = 16000, 1400, 15
TARGET_UPDATE_MS, TARGET_SHIFT_MS = 500, 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def git(project, *arguments):
    subprocess.run(["git", "-C", project, "-c", "user.name=bench", "-c", "user.email=bench@localhost", *arguments],
                   check=True, stdout=subprocess.DEVNULL)


def run(env, executable, *arguments, extra=None):
    started = time.perf_counter()
    result = subprocess.run([os.path.join(bin_dir, executable), arguments[0], "--project-dir", project, *arguments[1:]],
                            env={**env, **(extra or {})}, capture_output=True, text=True)
    wall = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        sys.exit(f"bench-aws: {executable} {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    waited = sum(int(value) for value in re.findall(r"^timing: waited (\d+) ms$", result.stderr, re.M))
    calls = len(re.findall(r"^aws \S+ \S+ status=", result.stderr, re.M))
    return wall, waited, calls


EMULATOR_TIME = {"TOOLBOX_EMULATOR_TIME_SCALE": "0.01"}
project = tempfile.mkdtemp(prefix="bench-aws-")
port = free_port()
endpoint = f"http://127.0.0.1:{port}"
emulator = subprocess.Popen([sys.executable, os.path.join(root, "scripts/emulator/serve.py"), "-H", "127.0.0.1", "-p", str(port)],
                            env={**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true", **EMULATOR_TIME},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
agent = None
try:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    agent = subprocess.Popen([sys.executable, os.path.join(root, "scripts/emulator/ecs_agent.py"), endpoint, "bench"],
                             env={**os.environ, **EMULATOR_TIME}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.makedirs(os.path.join(project, "Sources/Echo/Version"))
    os.makedirs(os.path.join(project, "Sources/Echo/Client"))
    with open(os.path.join(project, "Sources/Echo/Version/EchoVersion.swift"), "w") as file:
        file.write('public let echoServerVersion = "0.9"\n')
    with open(os.path.join(project, "Sources/Echo/Client/EchoClientMain.swift"), "w") as file:
        file.write('    static let version = "0.1"\n')
    with open(os.path.join(project, ".gitignore"), "w") as file:
        file.write(".toolbox/\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "bench")
    env = {**os.environ, "TARGET": "aws", "PROJECT_NAME": "bench", "AWS_ENDPOINT_URL": endpoint,
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_REGION": "", "AWS_PROFILE": "", "AWS_ACCOUNT_ID": "123456789012",
           # The figures in docs/aws-platform.md compare App Mesh with the original; TRAFFIC_ROUTER=alb benches the ALB.
           "TRAFFIC_ROUTER": os.environ.get("TRAFFIC_ROUTER", "appmesh"),
           "ENVOY_IMAGE": "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod",
           "SERVER_IMAGE": "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench/server:bench",
           "CLIENT_IMAGE": "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench/client:bench",
           # SMOKE=0: the smoke calls' time is the emulator's stand-in front, not the toolbox's.
           "SMOKE": "0", "BAKE": "0", "AWS_POLL_INTERVAL": "0.05", "DRAIN_TIMEOUT": "10", "TOOLBOX_TIMING": "1", "TOOLBOX_DEBUG": "1"}

    wall, _, calls = run(env, "infra", "up")
    print(f"bench-aws: build-infra from nothing: {wall:.0f} ms, {calls} AWS calls (informative)")
    updates = []
    for index in range(UPDATES):
        wall, waited, calls = run(env, "deploy", "update", extra={"VERSION": f"1.{index}", "STEPS": "50,100"})
        updates.append((wall - waited, wall, waited, calls))
    run(env, "deploy", "update", extra={"VERSION": "2.0", "STEPS": "0"})
    shifts = [run(env, "traffic", "shift", str(25 if index % 2 else 50))[0] for index in range(SHIFTS)]
    run(env, "infra", "down")

    best_update = min(updates)
    best_shift = min(shifts)
    print(f"bench-aws: update: control plane {best_update[0]:.0f} ms (wall {best_update[1]:.0f} ms minus "
          f"{best_update[2]:.0f} ms waiting for tasks and drains), {best_update[3]} AWS calls incl. polls; "
          f"median control plane {statistics.median(u[0] for u in updates):.0f} ms over {UPDATES} updates")
    print(f"bench-aws: shift: {best_shift:.0f} ms per process (median {statistics.median(shifts):.0f} ms over {SHIFTS})")
    print()
    print(f"{'measure':<34}{'toolbox':>10}{'original':>12}{'ratio':>10}{'target':>10}")
    rows = [
        ("update, control plane", best_update[0], ORIGINAL_UPDATE_MS, TARGET_UPDATE_MS),
        ("shift, whole process (vs CLI)", best_shift, ORIGINAL_SHIFT_CLI_MS, TARGET_SHIFT_MS),
        ("shift, whole process (vs warm SDK)", best_shift, ORIGINAL_SHIFT_SDK_MS, TARGET_SHIFT_MS),
    ]
    for name, ours, original, target in rows:
        verdict = "met" if ours < target else "MISSED"
        print(f"{name:<34}{ours:>8.0f}ms{original:>10}ms{original / ours:>9.1f}x{f'<{target}ms':>10} {verdict}")
finally:
    if agent:
        stop(agent)
    stop(emulator)
    shutil.rmtree(project, ignore_errors=True)
