import EchoService
import Testing

@Suite struct ServerAddressTests {
    typealias Interface = ServerAddress.Interface
    static let loopback = Interface(address: "127.0.0.1", isIPv4: true, isLoopback: true)
    static let loopback6 = Interface(address: "::1", isIPv4: false, isLoopback: true)
    static let ethernet = Interface(address: "10.1.2.3", isIPv4: true, isLoopback: false)
    static let ethernet6 = Interface(address: "fe80::1", isIPv4: false, isLoopback: false)

    @Test func aSpecificBoundAddressIsReported() {
        #expect(ServerAddress.choose(boundHost: "127.0.0.7", interfaces: [Self.ethernet]) == "127.0.0.7")
    }

    @Test(arguments: ["0.0.0.0", "::", ""])
    func aWildcardBindReportsTheFirstExternalIPv4(host: String) {
        let interfaces = [Self.loopback, Self.ethernet6, Self.ethernet]
        #expect(ServerAddress.choose(boundHost: host, interfaces: interfaces) == "10.1.2.3")
    }

    @Test func withoutExternalIPv4TheFirstAddressIsReported() {
        #expect(ServerAddress.choose(boundHost: nil, interfaces: [Self.loopback6, Self.loopback]) == "::1")
        #expect(ServerAddress.choose(boundHost: nil, interfaces: []) == "unknown")
    }

    @Test func theMachineHasALoopbackInterface() {
        #expect(ServerAddress.localInterfaces().contains { $0.address == "127.0.0.1" && $0.isLoopback })
    }
}
