// SetImage: `kubectl set image deployment/web nginx=nginx:1.16.1` — change container images in a
// pod template or a pod (k8s.io/kubectl/pkg/cmd/set/set_image.go).
import KubeSim

enum SetImage {
  static func run(_ inv: Invocation) throws {
    let dry = try inv.dryRun()
    // Arguments: resources first, then CONTAINER=IMAGE pairs.
    let resources = inv.args.filter { !$0.contains("=") }
    let pairs = inv.args.filter { $0.contains("=") }
    if resources.isEmpty && inv.flags.list("filename").isEmpty { throw KubectlError.message(Delete.noResources) }
    if pairs.isEmpty { throw KubectlError.message("at least one image update is required") }
    var images: [(String, String)] = []
    for p in pairs {
      let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
      guard kv.count == 2, !kv[1].isEmpty else { throw KubectlError.message("invalid image update: \(p)") }
      images.append((kv[0], kv[1]))
    }
    var targets: [any KubeObject] = []
    if !inv.flags.list("filename").isEmpty {
      for m in try ManifestReader(inv).read(inv.flags.list("filename"), recursive: false) {
        targets.append(try inv.get(type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
      }
    } else {
      for ref in try ResourceArguments.parse(resources).refs {
        if let name = ref.name {
          targets.append(try inv.get(ref.type, name))
        } else if inv.flags.bool("all") || inv.flags.changed("selector") {
          targets += try inv.list(ref.type, labelSelector: inv.flags.string("selector"))
        } else {
          throw KubectlError.message("resource(s) were provided, but no name was specified")
        }
      }
    }
    for o in targets {
      var j = o.json
      let specPath: [String] = o is Pod ? ["spec"] : ["spec", "template", "spec"]
      var spec = j[specPath]
      var changed = false
      for (container, image) in images {
        var found = false
        for list in ["initContainers", "containers"] {
          guard var cs = spec[list]?.arrayValue else { continue }
          for i in cs.indices where container == "*" || cs[i]["name"]?.stringValue == container {
            found = true
            if cs[i]["image"]?.stringValue != image {
              cs[i]["image"] = .string(image)
              changed = true
            }
          }
          spec[list] = .array(cs)
        }
        if !found {
          inv.fail(.message("unable to find container named \"\(container)\""))
          return
        }
      }
      guard changed else { continue }
      j[specPath] = spec
      guard let patch = MergePatch.diff(from: o.json, to: j) else { continue }
      let result = try inv.mergePatch(o, dry == .none ? inv.recording(patch) : patch, dryRun: dry)
      if let format = try inv.operationFormat() {
        inv.out += try ObjectPrinter.print([result], format: format, asList: false)
      } else {
        inv.out += "\(ObjectPrinter.name(o)) image updated\(dry.suffix)\n"
      }
    }
  }
}

extension JSON {
  /// The value at a path of keys (`.null` when missing).
  subscript(path: [String]) -> JSON {
    get {
      var v = self
      for k in path { v = v[k] ?? .null }
      return v
    }
    set {
      guard let first = path.first else {
        self = newValue
        return
      }
      var child = self[first] ?? .emptyObject
      child[Array(path.dropFirst())] = newValue
      self[first] = child
    }
  }
}
