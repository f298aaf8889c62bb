import EchoService
import Testing

@Suite struct QueryStringTests {
    @Test(arguments: [
        ("name=Yusuke", "Yusuke"),
        ("name=Yusuke+Izumi", "Yusuke Izumi"),
        ("name=Yusuke%20Izumi", "Yusuke Izumi"),
        ("name=%E5%92%8C%E6%B3%89", "和泉"),
        ("a=1&name=b%26c%3Dd&name=second", "b&c=d"),
        ("name=", ""),
        ("name", ""),
        ("name=100%", "100%"),
        ("name=%zz", "%zz"),
        ("name=%FF", "\u{FFFD}"),
        ("na%6De=encoded-key", "encoded-key"),
    ])
    func decodesAsBrowsersSendIt(query: String, expected: String) {
        #expect(QueryString.value(named: "name", in: query) == expected)
    }

    @Test func anAbsentParameterIsNil() {
        #expect(QueryString.value(named: "name", in: "other=1") == nil)
        #expect(QueryString.value(named: "name", in: "") == nil)
    }
}
