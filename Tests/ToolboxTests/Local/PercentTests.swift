import Testing

@testable import ToolboxCore

/// PERCENT is checked once, where it enters, and is a `Percent` from there on.
@Suite struct PercentTests {
    @Test("PERCENT as typed", arguments: [("0", 0), ("50", 50), ("100", 100), ("007", 7)])
    func wholeNumbersFromZeroToAHundredAreAccepted(text: String, value: Int) throws {
        let percent = try Percent(parsing: text)
        #expect(percent.value == value && percent.remainder == 100 - value && percent.description == "\(value)%")
    }

    @Test("Anything else is refused with one line naming PERCENT", arguments: ["", "101", "-1", "+5", " 5", "5%", "1.5", "٣", "1e2"])
    func otherTextIsRefused(text: String) {
        #expect(throws: ToolboxError.refused("PERCENT must be a whole number from 0 to 100, got '\(text)'")) {
            try Percent(parsing: text)
        }
    }

    @Test func numbersOutsideTheRangeAreRefused() throws {
        #expect(throws: ToolboxError.refused("PERCENT must be a whole number from 0 to 100, got -1")) {
            try Percent(checking: -1)
        }
        #expect(try Percent(checking: 30) == 30)
    }
}
