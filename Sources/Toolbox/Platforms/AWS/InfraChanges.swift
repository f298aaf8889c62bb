import ToolboxCore

/// Finds each resource of the infrastructure and creates (or fixes) only what is missing, with a
/// progress line per change. In plan mode (`--dry-run`) it calls only describe APIs and records
/// what it would do; a resource that would be created gets a placeholder id, and lookups that
/// depend on a placeholder are skipped (nothing can exist under a VPC that does not exist yet).
final class InfraChanges: @unchecked Sendable {
    enum Change: Equatable {
        case create(String)
        case change(String)
        case delete(String)
    }

    let dryRun: Bool
    private(set) var changes: [Change] = []

    init(dryRun: Bool) { self.dryRun = dryRun }

    static func placeholder(_ what: String) -> String { "(new \(what))" }
    static func isPlaceholder(_ id: String) -> Bool { id.hasPrefix("(new ") }

    /// The id of `what`: found by `find`, else created by `create` (or planned).
    package func ensure(
        _ what: String,
        after dependencies: [String] = [],
        find: () async throws -> String?,
        create: () async throws -> String
    ) async throws -> String {
        if !dependencies.contains(where: Self.isPlaceholder), let found = try await find() {
            return found
        }
        changes.append(.create(what))
        guard !dryRun else { return Self.placeholder(what) }
        let id = try await create()
        Console.say("Created \(what): \(id)")
        return id
    }

    /// Brings one property in line: `isDone` checks, `apply` fixes (not called in plan mode).
    func converge(
        _ what: String,
        after dependencies: [String] = [],
        isDone: () async throws -> Bool,
        apply: () async throws -> Void
    ) async throws {
        let isNew = dependencies.contains(where: Self.isPlaceholder)
        if !isNew, try await isDone() { return }
        // A property of something the plan creates is part of creating it.
        changes.append(isNew ? .create(what) : .change(what))
        guard !dryRun else { return }
        try await apply()
        Console.say("Updated: \(what)")
    }

    /// Deletes what `exists` says is there (tear-down and its plan).
    func remove(_ what: String, exists: Bool, delete: () async throws -> Void) async throws {
        guard exists else { return }
        changes.append(.delete(what))
        guard !dryRun else { return }
        try await delete()
        Console.say("Deleted \(what)")
    }

    /// A change found by a caller's own check (recorded only; plan mode).
    func record(_ change: Change) { changes.append(change) }

    var didChange: Bool { !changes.isEmpty }

    /// The plan as printed by `--dry-run`.
    func planLines() -> [String] {
        let creates = changes.filter { if case .create = $0 { true } else { false } }.count
        let updates = changes.filter { if case .change = $0 { true } else { false } }.count
        let deletes = changes.filter { if case .delete = $0 { true } else { false } }.count
        var lines = [
            "Plan: \(creates) to create, \(updates) to change, \(deletes) to delete (dry run: nothing was changed)"
        ]
        for change in changes {
            switch change {
            case .create(let what): lines.append("  + create \(what)")
            case .change(let what): lines.append("  ~ change \(what)")
            case .delete(let what): lines.append("  - delete \(what)")
            }
        }
        return lines
    }
}
