"""An echo server in Python's grpcio (an implementation that shares no code with ours), for
echo-client to call. Messages are encoded by hand, as in grpc_peer.py. By the name asked for:
- "refuse": INVALID_ARGUMENT, with a message that needs percent-encoding on the wire;
- "flaky-...": UNAVAILABLE on the first call with that name, answered on the next;
- "canary": answers with the x-canary metadata it received;
- anything else: "Hello, NAME-san! (grpcio)".
Prints "Listening to port: N"; stops on SIGTERM. Loopback only."""
import signal
import sys
import threading
from concurrent import futures

import grpc

seen = set()


def decode_name(data):
    return data[2 : 2 + data[1]].decode("utf-8") if data else ""


def encode_message(text):
    data = text.encode("utf-8")
    return bytes([0x0A, len(data)]) + data


def echo(name, context):
    if name == "refuse":
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "name 'refuse' is 100% refused, Åsa")
    if name.startswith("flaky-") and name not in seen:
        seen.add(name)
        context.abort(grpc.StatusCode.UNAVAILABLE, "try again")
    if name == "canary":
        return "canary=" + dict(context.invocation_metadata()).get("x-canary", "(none)")
    return f"Hello, {name}-san! (grpcio)"


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    handler = grpc.unary_unary_rpc_method_handler(
        echo, request_deserializer=decode_name, response_serializer=encode_message
    )
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("proto.echo.EchoService", {"Echo": handler})])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"Listening to port: {port}", flush=True)
    stop = threading.Event()
    # A parent may start us with SIGTERM blocked (Foundation's Process does): unblock it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    server.stop(grace=1).wait()


if __name__ == "__main__":
    main()
    sys.exit(0)
