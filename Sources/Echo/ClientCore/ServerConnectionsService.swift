import ServiceLifecycle

/// Closes the caller's connections inside the application's service group, so that SIGTERM closes
/// them only after the HTTP server has finished its open requests.
package struct ServerConnectionsService: Service {
    let caller: EchoCaller

    package init(caller: EchoCaller) { self.caller = caller }

    package func run() async throws {
        // Returns at graceful shutdown, or throws when the group is cancelled: close either way.
        try? await gracefulShutdown()
        await caller.shutDown()
    }
}
