import EchoClientCore
import Testing

/// The `grpc-timeout` value echo-client sends: at most eight digits, in the finest unit that fits.
@Suite struct GRPCTimeoutHeaderTests {
    @Test func theFinestUnitWithAtMostEightDigits() {
        #expect(GRPCTimeoutHeader.value(for: .milliseconds(50)) == "50000000n")
        #expect(GRPCTimeoutHeader.value(for: .seconds(2)) == "2000000u")
        #expect(GRPCTimeoutHeader.value(for: .seconds(100)) == "100000m")
        #expect(GRPCTimeoutHeader.value(for: .seconds(200_000)) == "200000S")
    }

    @Test func partsOfAUnitRoundUpAndNothingLeftIsOneNanosecond() {
        #expect(GRPCTimeoutHeader.value(for: .nanoseconds(100_000_001)) == "100001u")
        #expect(GRPCTimeoutHeader.value(for: .zero) == "1n")
        #expect(GRPCTimeoutHeader.value(for: .milliseconds(-5)) == "1n")
    }
}
