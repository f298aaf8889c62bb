"""make bench-echo: throughput and latency of the release echo-server (h2load, unary Echo) and of
the echo-client HTTP path (wrk), unpinned and pinned to CPUs, plus idle memory and start-up time.
Everything runs on loopback; every process started here is stopped here, by PID."""
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import grpc

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60000"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(executable, env, cpu=None):
    command = [os.path.join(BIN, executable)]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def echo_call(port, timeout=1.0):
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        call = channel.unary_unary("/proto.echo.EchoService/Echo",
                                   request_serializer=lambda s: b"\x0a" + bytes([len(s)]) + s.encode(),
                                   response_deserializer=lambda b: b)
        return call("bench", timeout=timeout)


def wait_ready(port, limit=10):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            echo_call(port, 0.5)
            return
        except grpc.RpcError:
            time.sleep(0.005)
    raise SystemExit(f"server on {port} never answered")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def h2load(port, connections, streams, cpu=None):
    body = tempfile.NamedTemporaryFile(delete=False)
    message = b"\x0a\x05bench"
    body.write(b"\x00" + len(message).to_bytes(4, "big") + message)
    body.close()
    log = tempfile.NamedTemporaryFile(delete=False).name
    command = ["h2load", "-n", str(REQUESTS), "-c", str(connections), "-m", str(streams), "-t", "1",
               "-d", body.name, "-H", "content-type: application/grpc", "-H", "te: trailers",
               "--log-file", log, f"http://127.0.0.1:{port}/proto.echo.EchoService/Echo"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    output = subprocess.run(command, capture_output=True, text=True, timeout=300).stdout
    rate = float(re.search(r"finished in [^,]+, ([\d.]+) req/s", output).group(1))
    failed = int(re.search(r"(\d+) failed", output).group(1))
    latencies = [int(line.split("\t")[2]) / 1000 for line in open(log) if line.strip()]
    os.unlink(body.name)
    os.unlink(log)
    return rate, percentile(latencies, 0.5), percentile(latencies, 0.99), failed


def wrk(port, cpu=None):
    command = ["wrk", "-t2", "-c50", "-d10s", "--latency", f"http://127.0.0.1:{port}/?name=bench"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    output = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, ms("50"), ms("99"), int(errors.group(1)) if errors else 0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    rows = []
    for label, cpu_server, cpu_load in [("unpinned", None, None), ("pinned (server cpu 1, load cpu 0)", 1, 0)]:
        port = free_port()
        server = start("echo-server", {"PORT": str(port), "BIND_ADDRESS": "127.0.0.1"}, cpu_server)
        try:
            wait_ready(port)
            for connections, streams in [(1, 100), (8, 16)]:
                before = cpu_seconds(server.pid)
                rate, p50, p99, failed = h2load(port, connections, streams, cpu_load)
                per_call = (cpu_seconds(server.pid) - before) / REQUESTS * 1e6
                rows.append((f"echo-server {label}, {connections} conn x {streams} streams", rate, p50, p99, failed, per_call))
        finally:
            stop(server)
    for label, cpu_apps, cpu_load in [("unpinned", None, None), ("pinned (client+server cpu 1, wrk cpu 0)", 1, 0)]:
        grpc_port, http_port = free_port(), free_port()
        server = start("echo-server", {"PORT": str(grpc_port), "BIND_ADDRESS": "127.0.0.1"}, cpu_apps)
        client = start("echo-client", {"PORT": str(http_port), "BIND_ADDRESS": "127.0.0.1", "ECHO_HOST": f"127.0.0.1:{grpc_port}"}, cpu_apps)
        try:
            wait_ready(grpc_port)
            time.sleep(0.5)
            rate, p50, p99, failed = wrk(http_port, cpu_load)
            rows.append((f"echo-client path {label}, wrk -t2 -c50", rate, p50, p99, failed, float("nan")))
        finally:
            stop(client)
            stop(server)

    starts, resident = [], []
    for _ in range(5):
        port = free_port()
        began = time.perf_counter()
        server = start("echo-server", {"PORT": str(port), "BIND_ADDRESS": "127.0.0.1"})
        try:
            wait_ready(port)
            starts.append((time.perf_counter() - began) * 1000)
            time.sleep(0.5)
            resident.append(int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1)) / 1024)
        finally:
            stop(server)

    print(f"{'shape':<62} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7} {'server CPU us/req':>18}")
    for name, rate, p50, p99, failed, per_call in rows:
        cpu = "" if per_call != per_call else f"{per_call:.1f}"
        print(f"{name:<62} {rate:>9,.0f} {p50:>8.2f} {p99:>8.2f} {failed:>7} {cpu:>18}")
    print(f"echo-server idle resident memory: {statistics.median(resident):.1f} MiB (median of 5)")
    print(f"echo-server start to first answered call: {statistics.median(starts):.1f} ms (median of 5, includes the client's connect)")


if __name__ == "__main__":
    main()
