/// The echo server's version: the one constant to bump for a new release ("0.9" to "1.0" in the
/// README's walkthrough). `make update` reads it from this file to tag the revision.
public let echoServerVersion = "0.9"
