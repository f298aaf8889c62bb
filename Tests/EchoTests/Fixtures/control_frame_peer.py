"""A scripted HTTP/2 gRPC server that sends control frames the way grpc-go does, and more often.

grpc-go answers each burst of request data with WINDOW_UPDATEs and, for its bandwidth-delay
estimate, a PING per round trip. This peer sends a PING and connection and stream WINDOW_UPDATEs
for every DATA frame it receives, then answers Echo (`Hello, NAME-san!`). It checks that every PING
it sent is acknowledged with the same payload. It prints "Listening to port: N" at start, one
"connection N" line per accepted connection, and on SIGTERM a final line
"connections=C pings=P acks=A bad_acks=B goaways=G".

With `--goaway-every N`, it answers N calls on a connection, then sends GOAWAY naming the last
stream it answered, leaves later streams unanswered and closes the connection, as a server does
when it restarts or a proxy reloads. Plaintext, loopback only, standard library only."""
import argparse
import asyncio
import signal
import struct
import sys

DATA, HEADERS, SETTINGS, PING, GOAWAY, WINDOW_UPDATE = 0x0, 0x1, 0x4, 0x6, 0x7, 0x8
END_STREAM, ACK, END_HEADERS = 0x1, 0x1, 0x4
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
stats = {"connections": 0, "pings": 0, "acks": 0, "bad_acks": 0, "goaways": 0}
GOAWAY_EVERY = 0


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def literal(name, value):
    # HPACK literal header field without indexing, new name, no Huffman coding.
    return bytes([0x00, len(name)]) + name + bytes([len(value)]) + value


def echo_reply(stream, request):
    name = request[7 : 7 + request[6]] if len(request) > 6 else b""
    message = b"Hello, " + name + b"-san!"
    body = b"\x0a" + bytes([len(message)]) + message
    return (
        frame(HEADERS, END_HEADERS, stream, b"\x88" + literal(b"content-type", b"application/grpc"))
        + frame(DATA, 0, stream, b"\x00" + struct.pack(">I", len(body)) + body)
        + frame(HEADERS, END_HEADERS | END_STREAM, stream, literal(b"grpc-status", b"0"))
    )


async def serve(reader, writer):
    stats["connections"] += 1
    print(f"connection {stats['connections']}", flush=True)
    sent_pings = set()
    bodies = {}
    answered = 0
    try:
        if await reader.readexactly(len(PREFACE)) != PREFACE:
            return
        writer.write(frame(SETTINGS, 0, 0))
        while True:
            header = await reader.readexactly(9)
            length = int.from_bytes(header[:3], "big")
            kind, flags = header[3], header[4]
            stream = int.from_bytes(header[5:9], "big") & 0x7FFFFFFF
            payload = await reader.readexactly(length)
            if kind == SETTINGS and not flags & ACK:
                writer.write(frame(SETTINGS, ACK, 0))
            elif kind == PING and flags & ACK:
                stats["acks"] += 1
                if payload not in sent_pings:
                    stats["bad_acks"] += 1
                sent_pings.discard(payload)
            elif kind == PING:
                writer.write(frame(PING, ACK, 0, payload))
            elif kind == HEADERS:
                bodies[stream] = b""
            elif kind == DATA:
                bodies[stream] = bodies.get(stream, b"") + payload
                stats["pings"] += 1
                ping = struct.pack(">Q", stats["pings"])
                sent_pings.add(ping)
                update = struct.pack(">I", max(length, 1))
                writer.write(frame(WINDOW_UPDATE, 0, 0, update) + frame(PING, 0, 0, ping))
                if length:
                    writer.write(frame(WINDOW_UPDATE, 0, stream, update))
                if flags & END_STREAM:
                    writer.write(echo_reply(stream, bodies.pop(stream)))
                    answered += 1
                    if answered == GOAWAY_EVERY:
                        stats["goaways"] += 1
                        writer.write(frame(GOAWAY, 0, 0, struct.pack(">II", stream, 0)))
                        await writer.drain()
                        await asyncio.sleep(0.05)
                        return
            elif kind == GOAWAY:
                return
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):  # closed, or stopping
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"Listening to port: {server.sockets[0].getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    # A parent may start us with SIGTERM blocked (Foundation's Process does): unblock it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    server.close()
    print("connections={connections} pings={pings} acks={acks} bad_acks={bad_acks} goaways={goaways}".format(**stats), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--goaway-every", type=int, default=0)
    GOAWAY_EVERY = parser.parse_args().goaway_every
    asyncio.run(main())
    sys.exit(0)
