// Apply: client-side `kubectl apply -f` — create with the last-applied-configuration annotation,
// or a three-way merge of last-applied, live and the new manifest sent as a patch
// (k8s.io/kubectl/pkg/cmd/apply).
import KubeSim

enum Apply {
  static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

  static func run(_ inv: Invocation) throws {
    let files = inv.flags.list("filename")
    guard !files.isEmpty else { throw KubectlError.message("must specify one of -f and -k") }
    if !inv.args.isEmpty { throw KubectlError.usageHint("Unexpected args: [\(inv.args.joined(separator: " "))]") }
    if inv.flags.bool("server-side") {
      throw KubectlError.message("KubeLab simulates client-side apply only: run kubectl apply without --server-side")
    }
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    let manifests = try ManifestReader(inv).read(
      files, recursive: inv.flags.bool("recursive"), continueOnError: true)
    for m in manifests {
      do {
        try apply(inv, m, dryRun: dry, format: format)
      } catch let KubectlError.api(reason, message) where reason != "Invalid" {
        inv.fail(.api(reason: reason, message: message))
      } catch let e as KubectlError {
        inv.fail(e)
      }
    }
  }

  /// The configuration kubectl records: the manifest with its namespace, without the annotation
  /// itself (leaving `annotations: {}`), as compact JSON with sorted keys.
  static func lastApplied(_ manifest: JSON, namespace: String) -> JSON {
    var j = manifest
    var meta = j["metadata"] ?? .emptyObject
    var annotations = meta["annotations"] ?? .emptyObject
    annotations[lastAppliedAnnotation] = nil
    meta["annotations"] = annotations
    if !namespace.isEmpty { meta["namespace"] = .string(namespace) }
    j["metadata"] = meta
    return j.sortedKeys()
  }

  /// The object with `kubectl.kubernetes.io/last-applied-configuration` set from its manifest.
  static func withLastApplied(_ o: any KubeObject, _ manifest: JSON) -> any KubeObject {
    var o = o
    let text = lastApplied(manifest, namespace: o.metadata.namespace).compactText + "\n"
    var a = o.metadata.annotations ?? [:]
    a[lastAppliedAnnotation] = text
    o.metadata.annotations = a
    return o
  }

  private static func apply(_ inv: Invocation, _ m: Manifest, dryRun: DryRun, format: OutputFormat?) throws {
    let type = Swift.type(of: m.object)
    let name = m.object.metadata.name
    guard !name.isEmpty else {
      throw KubectlError.message(
        "error when retrieving current configuration of:\nResource: \"\(type.resource.group)/\(type.resource.version), Resource=\(type.resource.plural)\", GroupVersionKind: \"\(type.resource.apiVersion), Kind=\(type.resource.kind)\"\nName: \"\", Namespace: \"\(m.object.metadata.namespace)\"\nfrom server for: \"\(m.source)\": resource name may not be empty"
      )
    }
    let desired = withLastApplied(m.object, m.json)
    // 1. Read the live object.
    let live: any KubeObject
    do {
      live = try inv.get(type, name, namespace: m.object.metadata.namespace)
    } catch KubectlError.api(let reason, _) where reason == "NotFound" {
      // 2. Not there: create it, recording the configuration.
      do {
        let stored = try inv.create(desired, dryRun: dryRun)
        try inv.printOperation(stored, "created", dryRun: dryRun, format: format)
      } catch let KubectlError.api(reason, message) {
        throw KubectlError.api(reason: reason, message: "error when creating \"\(m.source)\": \(message)")
      }
      return
    }
    // 3. There: merge last-applied, live and the new manifest; send the difference as a patch.
    let liveJSON = live.json
    var original: JSON? = nil
    if let text = live.metadata.annotations?[lastAppliedAnnotation] {
      original = try? JSON.parse(text)
    } else {
      inv.err +=
        "Warning: resource \(type.resource.plural)/\(name) is missing the \(lastAppliedAnnotation) annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n"
    }
    var modified = lastApplied(m.json, namespace: m.object.metadata.namespace)
    modified["metadata"]?["annotations"]?[lastAppliedAnnotation] = .string(
      desired.metadata.annotations?[lastAppliedAnnotation] ?? "")
    let merged = StrategicMerge.threeWay(original: original, modified: modified, current: liveJSON)
    guard var patch = MergePatch.diff(from: liveJSON, to: merged) else {
      try inv.printOperation(live, "unchanged", dryRun: dryRun, format: format)
      return
    }
    patch["metadata"] = (patch["metadata"] ?? .emptyObject)
    patch["metadata"]?["resourceVersion"] = .string(live.metadata.resourceVersion)
    do {
      let stored = try inv.mergePatch(live, patch, dryRun: dryRun)
      try inv.printOperation(stored, "configured", dryRun: dryRun, format: format)
    } catch let KubectlError.api(reason, message) {
      throw KubectlError.api(reason: reason, message: "error when patching \"\(m.source)\": \(message)")
    }
  }
}
