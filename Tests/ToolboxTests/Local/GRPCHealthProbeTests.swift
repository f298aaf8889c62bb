import Testing
@testable import ToolboxLocal
import ToolboxSigV4

@Suite struct GRPCHealthProbeTests {
    @Test func theRequestIsAClientPrefaceThenSettingsHeadersAndData() {
        let bytes = GRPCHealthProbe.request(service: "proto.echo.EchoService")
        let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        #expect(Array(bytes.prefix(preface.count)) == preface)
        var offset = preface.count
        var frames: [(type: UInt8, flags: UInt8, payload: [UInt8])] = []
        while offset < bytes.count {
            let length = Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
            frames.append((bytes[offset + 3], bytes[offset + 4], Array(bytes[(offset + 9)..<(offset + 9 + length)])))
            offset += 9 + length
        }
        #expect(offset == bytes.count)
        #expect(frames.map(\.type) == [0x4, 0x1, 0x0])
        #expect(frames[2].flags == 0x1)
        let service = Array("proto.echo.EchoService".utf8)
        #expect(frames[2].payload == [0, 0, 0, 0, UInt8(service.count + 2), 0x0A, UInt8(service.count)] + service)
        #expect(String(decoding: frames[1].payload, as: UTF8.self).contains("/grpc.health.v1.Health/Check"))
    }

    @Test func servingIsStatusOneInAFramedMessage() {
        #expect(Digest.hex(GRPCHealthProbe.servingResponse) == "00000000020801")
    }
}
