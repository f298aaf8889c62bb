import Foundation
import ToolboxCore

/// An image in the project's image store, named the way skopeo and umoci name it
/// (`oci:<layout folder>:<tag>`): what a local revision runs when LOCAL_ARTIFACT=image.
struct LocalImageArtifact: Sendable {
    var store: ImageStore
    var reference: ImageReference

    static let scheme = "oci:"

    var artifact: String { "\(Self.scheme)\(store.layoutDirectory(for: reference.name).path):\(reference.tag)" }

    init(store: ImageStore, reference: ImageReference) {
        self.store = store
        self.reference = reference
    }

    /// Nil when `artifact` is not an `oci:` name (an executable's path).
    init?(artifact: String) {
        guard artifact.hasPrefix(Self.scheme), let colon = artifact.lastIndex(of: ":") else { return nil }
        let layout = URL(fileURLWithPath: String(artifact[artifact.index(artifact.startIndex, offsetBy: Self.scheme.count)..<colon]))
        store = ImageStore(root: layout.deletingLastPathComponent())
        reference = ImageReference(name: layout.lastPathComponent, tag: String(artifact[artifact.index(after: colon)...]))
    }
}

extension RevisionSource {
    /// A revision of `spec` that runs the image `make image` built from the working tree as it
    /// is now. Refused, changing nothing, when that image is missing or was built from other
    /// uncommitted work (a `-dirty` tag names the commit, not the changes).
    static func localImage(
        _ spec: ServiceSpec,
        settings: ToolboxSettings,
        environment: [String: String]
    ) throws(ToolboxError) -> RevisionSource {
        let identity = try RevisionIdentity.current(spec, settings: settings)
        let store = ImageStore(projectRoot: settings.projectDirectory)
        let image = LocalImageArtifact(store: store, reference: ImageReference(name: spec.executable, tag: try RevisionIdentity.images(at: settings.projectDirectory).tag))
        do {
            guard let (_, manifest) = try? image.store.manifest(for: image.reference) else {
                throw ToolboxError.refused(
                    "no image \(image.reference) in \(store.root.path): build it with make image (make update and make build-infra do), or set LOCAL_ARTIFACT=executable"
                )
            }
            let treeLabel = try image.store.configuration(of: manifest, for: spec.executable).config.Labels?[OCIAnnotation.tree]
            if DirtyImagePolicy.isDirty(image.reference) {
                let workingTree = try GitRepository(discoveringFrom: settings.projectDirectory).workingTreeID().hex
                guard treeLabel == workingTree else {
                    throw ToolboxError.refused(
                        "image \(image.reference) was built from other uncommitted changes than the working tree's; run make image again"
                    )
                }
            }
            if let notice = try DirtyImagePolicy.check(image.reference, remoteTarget: false, allowDirty: true) {
                Console.say(notice)
            }
        } catch let error as ToolboxError {
            throw error
        } catch {
            throw ToolboxError.refused("cannot read the image of \(spec.executable): \(error)")
        }
        return RevisionSource(tag: identity.tag, version: identity.version, commit: identity.commit, artifact: .localImage(image.artifact), environment: environment)
    }
}
