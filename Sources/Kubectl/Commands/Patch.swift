// Patch: `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (k8s.io/kubectl/pkg/cmd/patch).
// Simulation: kubectl computes strategic and JSON patches client-side here and sends the result as
// a merge patch; the apiserver applies merge patches only.
import KubeSim

enum Patch {
  static func run(_ inv: Invocation) throws {
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    var patchText = inv.flags.string("patch")
    if inv.flags.changed("patch-file") {
      guard let t = inv.runner.readFile(Create.resolve(inv, inv.flags.string("patch-file"))) else {
        throw KubectlError.message(
          "unable to read patch file: open \(inv.flags.string("patch-file")): no such file or directory")
      }
      patchText = t
    }
    guard !patchText.isEmpty else {
      throw KubectlError.message("must specify --patch or --patch-file containing the contents of the patch")
    }
    let type = inv.flags.string("type", default: "strategic")
    guard ["strategic", "merge", "json"].contains(type) else {
      throw KubectlError.message("--type must be one of [\"json\" \"merge\" \"strategic\"], not \"\(type)\"")
    }
    let patch: JSON
    do {
      guard let doc = try YAMLReader.documents(patchText).first else {
        throw KubectlError.message("unable to parse \"\(patchText)\": empty patch")
      }
      patch = doc.json
    } catch let e as YAMLSyntaxError {
      throw KubectlError.message("unable to parse \"\(patchText)\": yaml: line \(e.line): \(e.message)")
    }
    var targets: [any KubeObject] = []
    if !inv.flags.list("filename").isEmpty {
      for m in try ManifestReader(inv).read(inv.flags.list("filename"), recursive: false) {
        targets.append(
          try inv.get(Swift.type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
      }
    } else {
      if inv.args.isEmpty { throw KubectlError.message(Delete.noResources) }
      for ref in try ResourceArguments.parse(inv.args).refs {
        guard let name = ref.name else {
          throw KubectlError.message("resource(s) were provided, but no name was specified")
        }
        targets.append(try inv.get(ref.type, name))
      }
    }
    for o in targets {
      let current = o.json
      let result: JSON
      switch type {
      case "merge": result = MergePatch.apply(patch, to: current)
      case "json": result = try JSONPatch.apply(patch, to: current)
      default:
        guard case .object = patch else {
          throw KubectlError.message(
            "unable to parse \"\(patchText)\": json: cannot unmarshal array into Go value of type map[string]interface {}"
          )
        }
        result = StrategicMerge.apply(patch, to: current)
      }
      guard let diff = MergePatch.diff(from: current, to: result) else {
        if let format {
          inv.out += try ObjectPrinter.print([o], format: format, asList: false)
        } else {
          inv.out += "\(ObjectPrinter.name(o)) patched (no change)\n"
        }
        continue
      }
      let stored = try inv.mergePatch(
        o, dry == .none && inv.flags.string("subresource").isEmpty ? inv.recording(diff) : diff, dryRun: dry,
        subresource: inv.flags.string("subresource"))
      if let format {
        inv.out += try ObjectPrinter.print([stored], format: format, asList: false)
      } else {
        inv.out += "\(ObjectPrinter.name(o)) patched\(dry.suffix)\n"
      }
    }
  }
}

/// RFC 6902 JSON patch: add, remove, replace, move, copy, test.
enum JSONPatch {
  static func apply(_ ops: JSON, to doc: JSON) throws -> JSON {
    guard case .array(let list) = ops else {
      throw KubectlError.message(
        "unable to parse patch: json: cannot unmarshal object into Go value of type jsonpatch.Patch")
    }
    var d = doc
    for op in list {
      let kind = op["op"]?.stringValue ?? ""
      let path = pointer(op["path"]?.stringValue ?? "")
      switch kind {
      case "add": d = try set(d, path, op["value"] ?? .null, insert: true)
      case "replace":
        guard get(d, path) != nil else {
          throw KubectlError.message(
            "jsonpatch replace operation does not apply: doc is missing key: \(op["path"]?.stringValue ?? "")")
        }
        d = try set(d, path, op["value"] ?? .null, insert: false)
      case "remove":
        guard get(d, path) != nil else {
          throw KubectlError.message(
            "jsonpatch remove operation does not apply: doc is missing path: \(op["path"]?.stringValue ?? "")")
        }
        d = remove(d, path)
      case "move", "copy":
        let from = pointer(op["from"]?.stringValue ?? "")
        guard let v = get(d, from) else {
          throw KubectlError.message("jsonpatch \(kind) operation does not apply: doc is missing from path")
        }
        if kind == "move" { d = remove(d, from) }
        d = try set(d, path, v, insert: true)
      case "test":
        guard get(d, path) == op["value"] else {
          throw KubectlError.message("testing value \(op["path"]?.stringValue ?? "") failed: test failed")
        }
      default:
        throw KubectlError.message("Unexpected kind: \(kind)")
      }
    }
    return d
  }

  static func pointer(_ p: String) -> [String] {
    p.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }

  static func get(_ d: JSON, _ path: [String]) -> JSON? {
    var v = d
    for k in path {
      if case .array(let a) = v, let i = Int(k), a.indices.contains(i) {
        v = a[i]
      } else if let c = v[k] {
        v = c
      } else {
        return nil
      }
    }
    return v
  }

  static func set(_ d: JSON, _ path: [String], _ value: JSON, insert: Bool) throws -> JSON {
    guard let k = path.first else { return value }
    let rest = Array(path.dropFirst())
    if case .array(var a) = d {
      if k == "-" && rest.isEmpty {
        a.append(value)
        return .array(a)
      }
      guard let i = Int(k), i >= 0, i <= a.count else { throw KubectlError.message("jsonpatch: invalid index \(k)") }
      if rest.isEmpty {
        if insert { a.insert(value, at: i) } else if i < a.count { a[i] = value }
      } else {
        guard i < a.count else { throw KubectlError.message("jsonpatch: invalid index \(k)") }
        a[i] = try set(a[i], rest, value, insert: insert)
      }
      return .array(a)
    }
    var o = d.objectValue != nil ? d : .emptyObject
    if rest.isEmpty {
      o[k] = value
    } else {
      guard let child = o[k] else {
        throw KubectlError.message(
          "jsonpatch add operation does not apply: doc is missing path: /\(path.joined(separator: "/"))")
      }
      o[k] = try set(child, rest, value, insert: insert)
    }
    return o
  }

  static func remove(_ d: JSON, _ path: [String]) -> JSON {
    guard let k = path.first else { return .null }
    let rest = Array(path.dropFirst())
    if case .array(var a) = d, let i = Int(k), a.indices.contains(i) {
      if rest.isEmpty { a.remove(at: i) } else { a[i] = remove(a[i], rest) }
      return .array(a)
    }
    var o = d
    if rest.isEmpty { o[k] = nil } else if let c = o[k] { o[k] = remove(c, rest) }
    return o
  }
}
