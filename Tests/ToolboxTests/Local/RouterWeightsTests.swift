import Testing
@testable import ToolboxCore
@testable import ToolboxLocal

@Suite struct RouterWeightsTests {
    @Test func aShareIsSpreadOverTheRevisionsTasks() throws {
        let route = try Route([("old", 50), ("new", 50)])
        let weights = RouterWeights.serverWeights(route: route, tasksByRevision: ["old": ["o1", "o2"], "new": ["n1", "n2", "n3", "n4"]])
        #expect(weights == ["o1": 256, "o2": 256, "n1": 128, "n2": 128, "n3": 128, "n4": 128])
    }

    @Test func aRevisionAtZeroAndOneTheRouteDoesNotNameGetNothing() throws {
        let route = try Route([("old", 100), ("new", 0)])
        let weights = RouterWeights.serverWeights(route: route, tasksByRevision: ["old": ["o1"], "new": ["n1"], "gone": ["g1"]])
        #expect(weights == ["o1": 256, "n1": 0, "g1": 0])
    }

    @Test func aTinyShareKeepsItsTasksInRotation() throws {
        let route = try Route([("old", 99), ("new", 1)])
        let weights = RouterWeights.serverWeights(route: route, tasksByRevision: ["old": ["o1"], "new": ["n1", "n2", "n3"]])
        #expect(weights["n1"] == 1)
    }

    @Test func risingWeightsAreSetBeforeFallingOnes() {
        let commands = RouterWeights.commands(backend: "be", from: ["o": 256, "n": 0], to: ["o": 0, "n": 256])
        #expect(commands == ["set weight be/n 256", "set weight be/o 0"])
    }
}

@Suite struct RouteTests {
    @Test(arguments: [[101, -1], [50, 40], [60, 60]])
    func weightsOutsideTheRulesAreRefused(weights: [Int]) {
        #expect(throws: ToolboxError.self) { try Route(weights.enumerated().map { ("r\($0.offset)", $0.element) }) }
    }

    @Test func splitGivesTheNewerRevisionThePercent() throws {
        let route = try Route.split(older: "a", newer: "b", percent: 30)
        #expect(route.weight(of: "a") == 70 && route.weight(of: "b") == 30)
        #expect(throws: ToolboxError.refused("PERCENT must be a whole number from 0 to 100, got 101")) {
            try Route.split(older: "a", newer: "b", percent: 101)
        }
    }

    @Test func aRevisionWithTrafficCannotBeRemoved() {
        #expect(throws: ToolboxError.self) { try Route.only("a").removing("a") }
    }
}
