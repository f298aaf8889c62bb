#!/usr/bin/env python3
"""The AWS client benchmark, against moto's server on a free loopback port.

argv: the aws-bench driver binary, the number of warm calls. Prints, in one run:
- a whole toolbox process making one DescribeClusters call, versus the AWS CLI doing the same;
- per-call cost of N sequential calls from one warm toolbox process, versus the emulator's own
  cost (a bare keep-alive HTTP client posting the same request) and a warm botocore client.
Measurements are interleaved in rounds and each side keeps its best round (the machine is shared).
"""
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

driver, warm_calls = sys.argv[1], int(sys.argv[2])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(command, env, runs):
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


port = free_port()
endpoint = f"http://127.0.0.1:{port}"
moto = subprocess.Popen(
    [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    home = tempfile.mkdtemp(prefix="aws-bench-home-")
    env = dict(os.environ, HOME=home, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="bench",
               AWS_SECRET_ACCESS_KEY="bench", AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1",
               AWS_EC2_METADATA_DISABLED="true", BENCH_CLUSTER="bench")
    env.pop("TOOLBOX_DEBUG", None)
    subprocess.run(["aws", "ecs", "create-cluster", "--cluster-name", "bench"], env=env, check=True,
                   stdout=subprocess.DEVNULL)

    # The machine may be busy with other work: measurements are interleaved in rounds, and each side
    # keeps its best round, so a burst of load does not land on one side only.
    toolbox_runs, cli_runs = [], []
    for _ in range(5):
        cli_runs.append(timed(["aws", "ecs", "describe-clusters", "--clusters", "bench"], env, 1))
        toolbox_runs.append(timed([driver, "1"], env, 3))
    toolbox_process, cli_process = min(toolbox_runs), min(cli_runs)

    # The emulator's own cost: the same request from a bare keep-alive client (moto checks no signature).
    body = json.dumps({"clusters": ["bench"]})
    headers = {"Content-Type": "application/x-amz-json-1.1",
               "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeClusters",
               "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/ecs/aws4_request, "
                                "SignedHeaders=host, Signature=0"}
    connection = http.client.HTTPConnection("127.0.0.1", port)

    def emulator_round(calls):
        durations = []
        for _ in range(calls):
            started = time.perf_counter()
            connection.request("POST", "/", body=body, headers=headers)
            connection.getresponse().read()
            durations.append((time.perf_counter() - started) * 1000)
        return statistics.median(durations[1:])

    def toolbox_round(calls):
        output = subprocess.run([driver, str(calls)], env=env, check=True, capture_output=True, text=True).stdout
        return json.loads(output)["warm_median_ms"]

    per_round = warm_calls
    toolbox_warm_rounds, emulator_rounds = [], []
    for _ in range(3):
        toolbox_warm_rounds.append(toolbox_round(per_round))
        emulator_rounds.append(emulator_round(per_round))
    toolbox_warm, emulator = min(toolbox_warm_rounds), min(emulator_rounds)

    import botocore.session
    client = botocore.session.get_session().create_client(
        "ecs", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="bench",
        aws_secret_access_key="bench")
    warm_boto = []
    for _ in range(per_round):
        started = time.perf_counter()
        client.describe_clusters(clusters=["bench"])
        warm_boto.append((time.perf_counter() - started) * 1000)
    botocore_warm = statistics.median(warm_boto[1:])
finally:
    moto.terminate()
    try:
        moto.wait(timeout=5)
    except subprocess.TimeoutExpired:
        moto.kill()

print("AWS client bench (moto on loopback, ECS DescribeClusters)")
print(f"  one call, whole process: toolbox {toolbox_process:7.1f} ms   AWS CLI {cli_process:7.1f} ms"
      f"   ratio {cli_process / toolbox_process:5.1f}x   (target: toolbox < 40 ms, ratio >= 15x)")
print(f"  warm call, {per_round} per process, best of 3 rounds: toolbox {toolbox_warm:6.2f} ms   emulator alone {emulator:6.2f} ms"
      f"   ratio {toolbox_warm / emulator:4.2f}   (target <= 1.5)   warm botocore {botocore_warm:6.2f} ms")
