"""An independent gRPC peer (Python grpcio): calls Echo and Health Check on the server at argv[1]
with hand-encoded messages, proving the wire format matches the original's echo.proto."""
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def encode_string_field_1(text):
    data = text.encode("utf-8")
    assert len(data) < 128
    return bytes([0x0A, len(data)]) + data


def decode_string_field_1(data):
    assert data[0] == 0x0A, data
    return data[2 : 2 + data[1]].decode("utf-8")


def main():
    with grpc.insecure_channel(sys.argv[1]) as channel:
        echo = channel.unary_unary(
            "/proto.echo.EchoService/Echo",
            request_serializer=encode_string_field_1,
            response_deserializer=decode_string_field_1,
        )
        print(echo("Python", timeout=5))
        health = health_pb2_grpc.HealthStub(channel)
        reply = health.Check(health_pb2.HealthCheckRequest(service="proto.echo.EchoService"), timeout=5)
        print(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))


if __name__ == "__main__":
    main()
