import EchoService
import Testing

@Suite struct EMFLineTests {
    static let line = EMFLine(namespace: "EchoToolbox", service: "echo-server", revision: "1.0-3f2a9c1")

    @Test func anIntervalWithoutCallsIsZerosNotSilence() {
        let counts = [Int](repeating: 0, count: CallOutcomes.codeNames.count)
        #expect(
            Self.line.render(counts: counts, timestampMilliseconds: 1_764_460_800_000)
                == #"{"_aws":{"Timestamp":1764460800000,"CloudWatchMetrics":[{"Namespace":"EchoToolbox","#
                + #""Dimensions":[["Service","Revision"]],"Metrics":[{"Name":"Calls","Unit":"Count"},{"Name":"Errors","Unit":"Count"}]}]},"#
                + #""Service":"echo-server","Revision":"1.0-3f2a9c1","Calls":0,"Errors":0}"#
        )
    }

    @Test func eachNonOKCodeSeenIsAMetricOfItsOwn() {
        var counts = [Int](repeating: 0, count: CallOutcomes.codeNames.count)
        counts[0] = 7
        counts[3] = 1
        counts[14] = 2
        let text = Self.line.render(counts: counts, timestampMilliseconds: 1)
        #expect(text.contains(#"{"Name":"INVALID_ARGUMENT","Unit":"Count"},{"Name":"UNAVAILABLE","Unit":"Count"}]"#))
        #expect(text.hasSuffix(#""Calls":10,"Errors":3,"INVALID_ARGUMENT":1,"UNAVAILABLE":2}"#))
    }

    @Test func quotesAndBackslashesInSettingsStayJSON() {
        let odd = EMFLine(namespace: "EchoToolbox", service: #"a"b\c"#, revision: "r")
        #expect(odd.render(counts: [], timestampMilliseconds: 1).contains(#""Service":"a\"b\\c""#))
    }

    @Test func recordedCodesAreTakenOnceAndUnknownCodesCountAsUNKNOWN() {
        let outcomes = CallOutcomes()
        outcomes.record(code: 0)
        outcomes.record(code: 14)
        outcomes.record(code: 99)
        let first = outcomes.take()
        #expect(first[0] == 1 && first[14] == 1 && first[2] == 1 && first.reduce(0, +) == 3)
        #expect(outcomes.take().reduce(0, +) == 0)
    }
}
