"""A scripted HTTP/2 gRPC client that sends a PING with every call, as grpc-go does under load
(its bandwidth-delay estimate), far past swift-nio-http2's default of 200 control frames in 30 s.

Usage: ping_per_call_client.py PORT CALLS. Makes CALLS unary Echo calls one after another on one
connection, each followed by a PING, and prints "calls=C answered=A acks=P goaways=G". Plaintext,
loopback only, standard library only."""
import socket
import struct
import sys

DATA, HEADERS, SETTINGS, PING, GOAWAY = 0x0, 0x1, 0x4, 0x6, 0x7
END_STREAM, ACK, END_HEADERS = 0x1, 0x1, 0x4
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def literal(name, value):
    # HPACK literal header field without indexing, new name, no Huffman coding.
    return bytes([0x00, len(name)]) + name + bytes([len(value)]) + value


REQUEST_HEADERS = b"".join(literal(n, v) for n, v in [
    (b":method", b"POST"), (b":scheme", b"http"), (b":path", b"/proto.echo.EchoService/Echo"),
    (b":authority", b"localhost"), (b"content-type", b"application/grpc"), (b"te", b"trailers"),
])
MESSAGE = b"\x0a\x04ping"
REQUEST_BODY = b"\x00" + struct.pack(">I", len(MESSAGE)) + MESSAGE


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed by the server")
        data += chunk
    return data


def main():
    port, calls = int(sys.argv[1]), int(sys.argv[2])
    answered = acks = goaways = 0
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(PREFACE + frame(SETTINGS, 0, 0))
        try:
            for call in range(calls):
                stream = 2 * call + 1
                sock.sendall(
                    frame(HEADERS, END_HEADERS, stream, REQUEST_HEADERS)
                    + frame(DATA, END_STREAM, stream, REQUEST_BODY)
                    + frame(PING, 0, 0, struct.pack(">Q", call))
                )
                done = False
                while not done:
                    header = read_exactly(sock, 9)
                    length = int.from_bytes(header[:3], "big")
                    kind, flags = header[3], header[4]
                    on_stream = int.from_bytes(header[5:9], "big") & 0x7FFFFFFF
                    payload = read_exactly(sock, length)
                    if kind == SETTINGS and not flags & ACK:
                        sock.sendall(frame(SETTINGS, ACK, 0))
                    elif kind == PING and flags & ACK:
                        acks += 1
                    elif kind == PING:
                        sock.sendall(frame(PING, ACK, 0, payload))
                    elif kind == GOAWAY:
                        goaways += 1
                        raise ConnectionError("GOAWAY")
                    elif kind == HEADERS and on_stream == stream and flags & END_STREAM:
                        answered += 1
                        done = True
        except (ConnectionError, socket.timeout) as error:
            print(f"stopped: {error}", flush=True)
    print(f"calls={calls} answered={answered} acks={acks} goaways={goaways}", flush=True)


if __name__ == "__main__":
    main()
