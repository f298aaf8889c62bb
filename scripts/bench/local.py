"""make bench-local: the cost of the local router. Latency and throughput of the public endpoint
through HAProxy versus one echo-client task directly (as ratios in one run), and the time of a
traffic shift as a whole `traffic shift` process. Runs in a throwaway project on loopback and
destroys everything it started."""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, connections, seconds=8):
    output = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, timeout=120).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", output).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    project = tempfile.mkdtemp(prefix="bench-local-")
    env = {**os.environ, "PUBLIC_PORT": str(free_port()), "VIRTUAL_SERVICE_PORT": str(free_port()),
           "TASK_NETWORK": "127.231.7", "TOOLBOX_BIN_DIR": BIN, "BAKE": "0",
           "LOCAL_ARTIFACT": "executable"}
    for folder, name, text in [("Sources/Echo/Version", "EchoVersion.swift", 'public let echoServerVersion = "0.9"\n'),
                               ("Sources/Echo/Client", "EchoClientMain.swift", '    static let version = "0.1"\n')]:
        os.makedirs(os.path.join(project, folder), exist_ok=True)
        open(os.path.join(project, folder, name), "w").write(text)
    git = ["git", "-C", project, "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "bench"], check=True)

    def tool(*args, **extra):
        return subprocess.run([os.path.join(BIN, args[0]), args[1], "--project-dir", project, *args[2:]],
                              env={**env, **extra}, capture_output=True, text=True, timeout=120)

    try:
        assert tool("infra", "up").returncode == 0
        status = json.loads(tool("traffic", "status", "--json").stdout)
        client = status["deployment"]["client"]["revisions"][0]["tasks"][0]
        direct = f"http://{client['address']}:{client['port']}/?name=bench"
        routed = f"http://127.0.0.1:{env['PUBLIC_PORT']}/?name=bench"
        rows = []
        for label, connections in [("one call at a time", 1), ("saturated, 50 connections", 50)]:
            direct_rate, direct_p50 = wrk(direct, connections)
            routed_rate, routed_p50 = wrk(routed, connections)
            rows.append((label, direct_rate, routed_rate, direct_p50, routed_p50))
        assert tool("deploy", "update", STEPS="0", VERSION="1.0").returncode == 0
        shifts = []
        for percent in [50, 0, 50, 0, 50, 0, 50, 0, 50, 0]:
            began = time.perf_counter()
            result = tool("traffic", "shift", str(percent))
            shifts.append((time.perf_counter() - began) * 1000)
            assert result.returncode == 0, result.stderr
    finally:
        tool("infra", "down")
        shutil.rmtree(project, ignore_errors=True)

    print(f"{'load':<28} {'direct req/s':>13} {'via HAProxy':>12} {'ratio':>6} {'direct p50 ms':>14} {'via p50 ms':>11} {'added ms':>9}")
    for label, direct_rate, routed_rate, direct_p50, routed_p50 in rows:
        print(f"{label:<28} {direct_rate:>13,.0f} {routed_rate:>12,.0f} {routed_rate / direct_rate:>6.2f} "
              f"{direct_p50:>14.2f} {routed_p50:>11.2f} {routed_p50 - direct_p50:>9.2f}")
    print(f"traffic shift, whole process from start to weights applied: median {statistics.median(shifts):.1f} ms, "
          f"max {max(shifts):.1f} ms over {len(shifts)} shifts")


if __name__ == "__main__":
    main()
