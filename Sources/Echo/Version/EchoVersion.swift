/// The echo server's version: the one constant to bump for a new release ("0.9" to "1.0" in the
/// README's walkthrough). `make update` reads it from this file to tag the revision. It is a module
/// of its own, imported by the server alone, so a bump recompiles this file and the server's small
/// module, not the generated code of the service.
public let echoServerVersion = "0.9"
