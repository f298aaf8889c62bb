"""make bench-echo: the release echo-server (h2load, unary Echo) and the echo-client HTTP path (wrk),
unpinned and pinned to CPUs; CPU per call, idle and loaded memory, start to first answered call.

With GO_ECHO_SERVER and GO_ECHO_CLIENT naming the Go original's executables (built outside the
project, see docs/echo-bench.md), every shape runs for both in the same run and the table prints
ours/Go ratios, plus our client against the Go server (grpc-go's control frames). Everything runs
on loopback, every load is bounded in count and time, every process started here is stopped here
by PID."""
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import grpc

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60000"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
GO = {"server": os.environ.get("GO_ECHO_SERVER"), "client": os.environ.get("GO_ECHO_CLIENT")}
IMPLEMENTATIONS = ["swift", "go"] if GO["server"] and GO["client"] else ["swift"]


def executable(implementation, role):
    return GO[role] if implementation == "go" else os.path.join(BIN, f"echo-{role}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(implementation, role, env, cpu=None):
    command = [executable(implementation, role)]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    # The Go original listens on every interface of PORT; ours is told to use loopback only.
    env = {**os.environ, **env, "BIND_ADDRESS": "127.0.0.1"}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def echo_call(port, timeout=1.0):
    """The time the answer arrived (perf_counter), before the channel closes: grpcio's close can
    take tens of milliseconds more, which is the probe's time, not the server's."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        call = channel.unary_unary("/proto.echo.EchoService/Echo",
                                   request_serializer=lambda s: b"\x0a" + bytes([len(s)]) + s.encode(),
                                   response_deserializer=lambda b: b)
        call("bench", timeout=timeout)
        return time.perf_counter()


def http_get(port, timeout=0.5):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(b"GET /?name=bench HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        return s.recv(64).startswith(b"HTTP/1.1 200")


def wait_until(answered, limit=10):
    """The first truthy value `answered` returns (retried every 2 ms)."""
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            result = answered()
            if result:
                return result
        except (grpc.RpcError, OSError):
            pass
        time.sleep(0.002)
    raise SystemExit("no answer within 10 s")


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
    return {"rate": rate, "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
            "failed": failed, "calls": REQUESTS}


def wrk(port, connections, seconds, cpu=None):
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency",
               f"http://127.0.0.1:{port}/?name=bench"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": ms("50"),
            "p99": ms("99"), "failed": failed, "calls": int(re.search(r"(\d+) requests in", output).group(1))}


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mib(pid, field):
    return int(re.search(rf"{field}:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1)) / 1024


def measured(process, load):
    """Runs load(); adds the process's CPU per call (µs) and its peak resident memory (MiB)."""
    before = cpu_seconds(process.pid)
    result = load()
    result["cpu"] = (cpu_seconds(process.pid) - before) / max(result["calls"], 1) * 1e6
    result["rss"] = memory_mib(process.pid, "VmHWM")
    return result


SERVER_SHAPES = [("unpinned", None, None), ("pinned (server cpu1, h2load cpu0)", 1, 0)]
CLIENT_SHAPES = [("unpinned", None, None), ("pinned (apps cpu1, wrk cpu0)", 1, 0)]


def bench_servers(rows):
    for label, cpu_server, cpu_load in SERVER_SHAPES:
        for connections, streams in [(1, 100), (8, 16)]:
            shape = f"server {connections}x{streams} {label}"
            for implementation in IMPLEMENTATIONS:
                port = free_port()
                server = start(implementation, "server", {"PORT": str(port)}, cpu_server)
                try:
                    wait_until(lambda: echo_call(port))
                    rows.setdefault(shape, {})[implementation] = measured(
                        server, lambda: h2load(port, connections, streams, cpu_load))
                finally:
                    stop(server)


def start_pair(client, server, cpu=None):
    """A server and a client in front of it, both answering; ([server, client] processes, HTTP port).
    Whatever started is stopped if the other fails to."""
    grpc_port, http_port = free_port(), free_port()
    processes = [start(server, "server", {"PORT": str(grpc_port)}, cpu)]
    try:
        wait_until(lambda: echo_call(grpc_port))
        processes.append(start(client, "client", {"PORT": str(http_port), "ECHO_HOST": f"127.0.0.1:{grpc_port}"}, cpu))
        wait_until(lambda: http_get(http_port))
    except BaseException:
        for process in processes:
            stop(process)
        raise
    return processes, http_port


def stop_all(pairs):
    for processes in pairs:
        for process in processes:
            stop(process)


def bench_client_path(rows, client, server, label, cpu_apps, cpu_load, connections, seconds):
    processes, http_port = start_pair(client, server, cpu_apps)
    try:
        result = measured(processes[1], lambda: wrk(http_port, connections, seconds, cpu_load))
        key = client if client == server else f"{client} client -> {server} server"
        rows.setdefault(label, {})[key] = result
    finally:
        stop_all([processes])


def bench_clients(rows):
    for label, cpu_apps, cpu_load in CLIENT_SHAPES:
        for implementation in IMPLEMENTATIONS:
            bench_client_path(rows, implementation, implementation, f"client path wrk -c50 {label}",
                              cpu_apps, cpu_load, 50, WRK_SECONDS)
    for implementation in IMPLEMENTATIONS:
        bench_client_path(rows, implementation, implementation, "client path wrk -c1 unpinned",
                          None, None, 1, max(3, WRK_SECONDS // 2))
    if "go" in IMPLEMENTATIONS:
        # grpc-go sends a PING per round trip of request data: our client must not drop or fail.
        for label, cpu_apps, cpu_load in CLIENT_SHAPES:
            bench_client_path(rows, "swift", "go", f"client path wrk -c50 {label}", cpu_apps, cpu_load, 50, WRK_SECONDS)
            bench_client_path(rows, "go", "swift", f"client path wrk -c50 {label}", cpu_apps, cpu_load, 50, WRK_SECONDS)


SIDE_BY_SIDE_ROUNDS = 3


def at_once(loads):
    """Runs the loads together, one thread each; their results in order."""
    results = [None] * len(loads)

    def run(index):
        results[index] = loads[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(loads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def cpu_per_call(processes, load):
    """Runs load(); adds the CPU (µs) that `processes` spent per call it made."""
    before = sum(cpu_seconds(process.pid) for process in processes)
    result = load()
    result["cpu"] = (sum(cpu_seconds(process.pid) for process in processes) - before) / max(result["calls"], 1) * 1e6
    return result


def side_by_side_servers(connections, streams):
    """Both servers on CPU 1 at the same time, each under its own h2load on CPU 0: one CPU figure
    per call for each, taken under the same conditions. Sequential shapes move with the shared
    machine's load from one minute to the next; this ratio does not."""
    ports = {implementation: free_port() for implementation in ("swift", "go")}
    servers = {implementation: start(implementation, "server", {"PORT": str(port)}, 1) for implementation, port in ports.items()}
    try:
        for port in ports.values():
            wait_until(lambda: echo_call(port))
        swift, go = at_once([
            lambda name=name: cpu_per_call([servers[name]], lambda: h2load(ports[name], connections, streams, 0))
            for name in ("swift", "go")
        ])
        return swift, go
    finally:
        for server in servers.values():
            stop(server)


def side_by_side_client_paths():
    """Both pairs (client and server) on CPU 1 at the same time, each under its own wrk -c50 on CPU 0:
    the pair's CPU per request."""
    processes, http_ports = {}, {}
    try:
        for implementation in ("swift", "go"):
            processes[implementation], http_ports[implementation] = start_pair(implementation, implementation, 1)
        swift, go = at_once([
            lambda name=name: cpu_per_call(processes[name], lambda: wrk(http_ports[name], 50, max(3, WRK_SECONDS // 2), 0))
            for name in ("swift", "go")
        ])
        return swift, go
    finally:
        stop_all(processes.values())


ONE_AT_A_TIME_ROUNDS = 5


def interleaved_one_at_a_time():
    """Latency cannot be taken side by side (two loads at once would each wait on the other), so
    the two pairs take turns: wrk -c1 through ours, then through Go's, ONE_AT_A_TIME_ROUNDS times,
    both pairs running throughout. Each round's p50, in ms."""
    processes, http_ports = {}, {}
    p50s = {"swift": [], "go": []}
    try:
        for implementation in ("swift", "go"):
            processes[implementation], http_ports[implementation] = start_pair(implementation, implementation)
        failed = 0
        for _ in range(ONE_AT_A_TIME_ROUNDS):
            for implementation in ("swift", "go"):
                result = wrk(http_ports[implementation], 1, 3)
                p50s[implementation].append(result["p50"])
                failed += result["failed"]
        return p50s, failed
    finally:
        stop_all(processes.values())


def print_one_at_a_time(p50s, failed):
    swift, go = statistics.median(p50s["swift"]), statistics.median(p50s["go"])
    print()
    print(f"One request at a time (wrk -c1, unpinned), the pairs taking turns, {ONE_AT_A_TIME_ROUNDS} rounds of 3 s each:")
    print(f"p50 median: swift {swift:.3f} ms, go {go:.3f} ms (ours / Go's {swift / go:.2f}x); failed {failed}")
    for implementation in ("swift", "go"):
        print(f"  {implementation} rounds: " + ", ".join(f"{p50:.3f}" for p50 in p50s[implementation]))


def bench_side_by_side():
    """Ours and Go's measured at the same moment, SIDE_BY_SIDE_ROUNDS times per shape; the table shows
    the median round."""
    shapes = [
        ("server 1x100, both on cpu1 at once", lambda: side_by_side_servers(1, 100)),
        ("server 8x16, both on cpu1 at once", lambda: side_by_side_servers(8, 16)),
        ("client path -c50, both pairs on cpu1 at once", side_by_side_client_paths),
    ]
    rows = []
    for label, measure in shapes:
        rounds = [measure() for _ in range(SIDE_BY_SIDE_ROUNDS)]
        rows.append((label, rounds))
    return rows


def print_side_by_side(rows):
    print()
    print("Side by side: CPU per call (server) or per request (client and server together), ours and Go's")
    print("loaded at the same moment, so the shared machine's load weighs on both alike. efficiency = Go's / ours.")
    print(f"{'shape':<46} {'swift us':>9} {'go us':>9} {'efficiency':>10} {'failed':>6}  (each round)")
    for label, rounds in rows:
        ratios = [go["cpu"] / swift["cpu"] for swift, go in rounds]
        middle = sorted(range(len(rounds)), key=lambda i: ratios[i])[len(rounds) // 2]
        swift, go = rounds[middle]
        failed = sum(result["failed"] for pair in rounds for result in pair)
        each = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
        print(f"{label:<46} {swift['cpu']:>9.1f} {go['cpu']:>9.1f} {ratios[middle]:>9.2f}x {failed:>6}  ({each})")


def start_up_and_idle(implementation):
    """Median of 5: start to first answered call (server: gRPC; client: HTTP through to a running
    server), and idle resident memory half a second after that."""
    starts, idle = {"server": [], "client": []}, {"server": [], "client": []}
    for _ in range(5):
        port, http_port = free_port(), free_port()
        began = time.perf_counter()
        server = start(implementation, "server", {"PORT": str(port)})
        client = None
        try:
            answered = wait_until(lambda: echo_call(port, 0.2))
            starts["server"].append((answered - began) * 1000)
            began = time.perf_counter()
            client = start(implementation, "client", {"PORT": str(http_port), "ECHO_HOST": f"127.0.0.1:{port}"})
            wait_until(lambda: http_get(http_port))
            starts["client"].append((time.perf_counter() - began) * 1000)
            time.sleep(0.5)
            idle["server"].append(memory_mib(server.pid, "VmRSS"))
            idle["client"].append(memory_mib(client.pid, "VmRSS"))
        finally:
            if client:
                stop(client)
            stop(server)
    return {role: (statistics.median(starts[role]), statistics.median(idle[role])) for role in starts}


def print_table(rows):
    others = sorted({key for results in rows.values() for key in results if key not in ("swift", "go")})
    print(f"{'shape':<46} {'who':<22} {'req/s':>9} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'failed':>6} "
          f"{'CPU us/call':>11} {'peak MiB':>8}")
    for shape, results in rows.items():
        for who in ["swift", "go"] + others:
            if who not in results:
                continue
            result = results[who]
            ratio = f"{result['rate'] / results['go']['rate']:.2f}x" if who == "swift" and "go" in results else ""
            print(f"{shape:<46} {who:<22} {result['rate']:>9,.0f} {ratio:>6} {result['p50']:>7.2f} "
                  f"{result['p99']:>7.2f} {result['failed']:>6} {result['cpu']:>11.1f} {result['rss']:>8.1f}")


def main():
    rows = {}
    print(f"load average before: {os.getloadavg()[0]:.2f}; comparing: {', '.join(IMPLEMENTATIONS)}", flush=True)
    bench_servers(rows)
    bench_clients(rows)
    side_by_side = bench_side_by_side() if "go" in IMPLEMENTATIONS else []
    one_at_a_time = interleaved_one_at_a_time() if "go" in IMPLEMENTATIONS else None
    print_table(rows)
    if side_by_side:
        print_side_by_side(side_by_side)
    if one_at_a_time:
        print_one_at_a_time(*one_at_a_time)
    if side_by_side or one_at_a_time:
        print()
    for implementation in IMPLEMENTATIONS:
        for role, (start_ms, idle_mib) in start_up_and_idle(implementation).items():
            print(f"{implementation} echo-{role}: start to first answered call {start_ms:.1f} ms, "
                  f"idle resident memory {idle_mib:.1f} MiB (medians of 5)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
