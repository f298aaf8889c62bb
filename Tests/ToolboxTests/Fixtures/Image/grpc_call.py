"""Calls a gRPC echo server at argv[1] from Python's grpcio (no code shared with the Swift
side): one Echo call with a hand-written protobuf message, then the standard health check."""
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def request_bytes(name):
    # proto.echo.EchoRequest { string name = 1; }: tag 0x0A, length, UTF-8 bytes.
    encoded = name.encode()
    return b"\x0a" + bytes([len(encoded)]) + encoded


def reply_text(message):
    # The reply's field 1 is a short string: skip tag and length.
    return message[2:2 + message[1]].decode()


channel = grpc.insecure_channel(sys.argv[1])
call = channel.unary_unary("/proto.echo.EchoService/Echo",
                           request_serializer=lambda value: value,
                           response_deserializer=lambda value: value)
print(reply_text(call(request_bytes("Image"), timeout=10)))
status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=10)
print(health_pb2.HealthCheckResponse.ServingStatus.Name(status.status))
channel.close()
