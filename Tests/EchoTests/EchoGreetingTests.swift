import EchoService
import Testing

@Suite struct EchoGreetingTests {
    @Test func messageIsTheOriginalsWordForWord() {
        #expect(
            EchoGreeting.message(name: "Yusuke", address: "169.254.172.42", version: "0.9")
                == "Hello, Yusuke-san! (Said 169.254.172.42, Version 0.9)"
        )
    }

    @Test(arguments: [
        ("", true), (String(repeating: "a", count: 4096), true), (String(repeating: "a", count: 4097), false),
        (String(repeating: "é", count: 2048), true), (String(repeating: "é", count: 2049), false),
    ])
    func namesUpTo4KiBAreAccepted(name: String, accepted: Bool) {
        #expect((EchoGreeting.problem(withName: name) == nil) == accepted)
    }

    @Test func refusalSaysTheSizeAndTheLimit() {
        let problem = EchoGreeting.problem(withName: String(repeating: "x", count: 5000))
        #expect(problem == "name is 5000 bytes; at most 4096 are accepted")
    }
}
