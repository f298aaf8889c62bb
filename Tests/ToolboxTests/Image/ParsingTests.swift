import Testing

@testable import ToolboxCore

/// Table-driven checks of the small parsers: ldd output, version constants, references,
/// registry names and WWW-Authenticate challenges.
@Suite("Image parsers")
struct ParsingTests {
    @Test("ldd output gives the libraries and the loader; vDSO skipped")
    func lddOutput() throws {
        let output = """
            \tlinux-vdso.so.1 (0x00007ffc2b5f2000)
            \tlibswiftCore.so => /usr/share/swift/usr/lib/swift/linux/libswiftCore.so (0x00007f0a1c000000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0a1be00000)
            \tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f0a1bd00000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f0a1c800000)
            """
        let closure = try LibraryClosure.parse(lddOutput: output)
        #expect(closure.loader == "/lib64/ld-linux-x86-64.so.2")
        #expect(
            closure.libraries == [
                "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6",
                "/usr/share/swift/usr/lib/swift/linux/libswiftCore.so",
            ]
        )
        #expect(throws: ImageError.self) { try LibraryClosure.parse(lddOutput: "\tlibgone.so.1 => not found\n") }
    }

    @Test("The closure of a system executable has libc and the loader, and all files exist")
    func lddOnRealExecutable() throws {
        let closure = try LibraryClosure.of(executable: .init(fileURLWithPath: "/usr/bin/git"))
        #expect(closure.loader?.contains("ld-linux") == true)
        #expect(closure.libraries.contains { $0.hasSuffix("/libc.so.6") })
        #expect(closure.libraries.contains { $0.contains("libz.so") })
    }

    @Test(
        "Version constant",
        arguments: [
            ("public let echoServerVersion = \"0.9\"\n", "0.9"),
            ("/// the version\nlet echoServerVersion = \"1.0\" // bumped\n", "1.0"),
            ("public let echoServerVersion=\"2.0-rc1\"", "2.0-rc1"),
            ("// let echoServerVersion = \"9.9\"\nlet other = 1", nil),
            ("let echoServerVersionSuffix = 3\nlet echoServerVersion = \"1.1\"", "1.1"),
            ("let notechoServerVersion = \"5\"", nil),
        ] as [(String, String?)]
    )
    func versionConstant(source: String, expected: String?) {
        #expect(VersionConstant.parse(source, constant: "echoServerVersion") == expected)
    }

    @Test(
        "Image references",
        arguments: [
            ("echo-server:0.9-1a2b3c4", "echo-server", "0.9-1a2b3c4"),
            ("team/echo-server:1.0-abcdef0-dirty", "team/echo-server", "1.0-abcdef0-dirty"),
        ]
    )
    func references(text: String, name: String, tag: String) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.name == name && reference.tag == tag && reference.description == text)
    }

    @Test("Malformed references are refused", arguments: ["echo-server", "Echo:1", "echo:-x", "../x:1", "a:b/c"])
    func badReferences(text: String) {
        #expect(throws: ImageError.self) { try ImageReference(parsing: text) }
    }

    @Test(
        "REGISTRY values",
        arguments: [
            ("127.0.0.1:5000", "http://127.0.0.1:5000", "", "echo-server"),
            ("localhost:5000/team", "http://localhost:5000", "team", "team/echo-server"),
            (
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                "", "echo-server"
            ),
            ("http://registry.internal:5000/", "http://registry.internal:5000", "", "echo-server"),
            ("https://127.0.0.1:5443/a/b", "https://127.0.0.1:5443", "a/b", "a/b/echo-server"),
        ]
    )
    func registryEndpoints(text: String, baseURL: String, namespace: String, repository: String) throws {
        let endpoint = try RegistryEndpoint(parsing: text)
        #expect(endpoint.baseURL == baseURL)
        #expect(endpoint.namespace == namespace)
        #expect(endpoint.repository(for: "echo-server") == repository)
        #expect(try RegistryEndpoint(parsing: endpoint.description) == endpoint)
    }

    @Test(
        "WWW-Authenticate challenges",
        arguments: [
            ("Basic realm=\"basic-realm\"", "Basic", ["realm": "basic-realm"]),
            (
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"",
                "Bearer",
                [
                    "realm": "https://auth.example/token", "service": "registry.example",
                    "scope": "repository:a/b:pull,push",
                ]
            ),
            (
                "Bearer realm=http://127.0.0.1:1/t, Service=\"x \\\"y\\\"\"", "Bearer",
                ["realm": "http://127.0.0.1:1/t", "service": "x \"y\""]
            ),
        ]
    )
    func challenges(header: String, scheme: String, parameters: [String: String]) throws {
        let challenge = try #require(AuthenticationChallenge(header: header))
        #expect(challenge.scheme == scheme)
        #expect(challenge.parameters == parameters)
    }

    @Test("Credentials never show the password")
    func credentialsRedacted() {
        let credentials = RegistryCredentials(username: "ci", password: "s3cret-Value")
        #expect(!"\(credentials)".contains("s3cret"))
        #expect(RegistryCredentials.from(environment: ["REGISTRY_USERNAME": "ci"]) == nil)
        #expect(
            RegistryCredentials.from(environment: ["REGISTRY_USERNAME": "ci", "REGISTRY_PASSWORD": "p"])?.username
                == "ci"
        )
    }
}

/// The dirty-image rule of `make update`.
@Suite("Dirty image policy")
struct DirtyImagePolicyTests {
    static let dirty = ImageReference(name: "echo-server", tag: "1.0-abc1234-dirty")
    static let clean = ImageReference(name: "echo-server", tag: "1.0-abc1234")

    @Test("Clean images pass silently everywhere")
    func clean() throws {
        #expect(try DirtyImagePolicy.check(Self.clean, remoteTarget: true, allowDirty: false) == nil)
        #expect(try DirtyImagePolicy.check(Self.clean, remoteTarget: false, allowDirty: false) == nil)
    }

    @Test("Dirty images: refused on AWS without ALLOW_DIRTY, accepted with a notice otherwise")
    func dirty() throws {
        #expect(throws: ImageError.self) {
            try DirtyImagePolicy.check(Self.dirty, remoteTarget: true, allowDirty: false)
        }
        #expect(
            try DirtyImagePolicy.check(Self.dirty, remoteTarget: true, allowDirty: true)?.contains("ALLOW_DIRTY=1")
                == true
        )
        #expect(
            try DirtyImagePolicy.check(Self.dirty, remoteTarget: false, allowDirty: false)?.contains("locally") == true
        )
    }
}
