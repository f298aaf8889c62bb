import ArgumentParser
import Foundation
import Toolbox

/// `make receipts`: every rollout's receipt, oldest first, as tables or JSON (changes nothing).
struct ReceiptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipts",
        abstract: "List the receipts of past rollout commands (.toolbox/receipts)."
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the receipts as a JSON array.")
    var json = false

    @Option(help: "Show only the last N receipts.")
    var last: Int?

    func run() async throws {
        try await CommandRunner.run {
            let settings = try project.settings()
            let store = ReceiptStore(stateDirectory: settings.stateDirectory)
            let files = store.files().suffix(last ?? Int.max)
            let receipts = files.compactMap { file in store.load(file).map { (file, $0) } }
            if json {
                let data = try JSONEncoder.toolbox.encode(receipts.map(\.1))
                Console.say(String(decoding: data, as: UTF8.self))
                return
            }
            guard !receipts.isEmpty else {
                Console.say("No receipts yet in \(store.directory.path): make update, shift, promote, rollback and abort write them.")
                return
            }
            for (file, receipt) in receipts {
                for line in ReceiptTable(receipt: receipt, file: file).lines() { Console.say(line) }
                Console.say("")
            }
        }
    }
}
