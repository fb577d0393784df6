// ManifestReader: `-f FILE|DIR|URL|-` — reading manifests (YAML or JSON, several documents,
// `kind: List`) and decoding them into the simulation's kinds, with kubectl's error texts.
import KubeSim

/// One object read from a manifest.
struct Manifest {
  /// Where it came from, as kubectl names it in messages (`nginx.yaml`, `STDIN`).
  let source: String
  /// The object as written (for apply's last-applied-configuration).
  let json: JSON
  var object: any KubeObject
}

struct ManifestReader {
  let inv: Invocation

  init(_ inv: Invocation) { self.inv = inv }

  func read(_ paths: [String], recursive: Bool) throws -> [Manifest] {
    var out: [Manifest] = []
    for p in paths {
      for (source, text) in try texts(p, recursive: recursive) {
        out += try decode(text, source: source)
      }
    }
    if out.isEmpty { throw KubectlError.message("no objects passed to \(inv.path.split(separator: " ").first ?? "")") }
    return out
  }

  /// The texts `-f` names: stdin, a URL, a file, or the manifests in a directory.
  private func texts(_ p: String, recursive: Bool) throws -> [(String, String)] {
    if p == "-" {
      return [("STDIN", inv.stdin ?? "")]
    }
    if p.hasPrefix("http://") || p.hasPrefix("https://") {
      guard let text = inv.runner.fetchURL?(p) else {
        throw KubectlError.message(
          "unable to read URL \"\(p)\", server reported 404 Not Found, status code=404 (KubeLab has no network: only the bundled examples can be fetched)"
        )
      }
      return [(p, text)]
    }
    let full =
      p.hasPrefix("/")
      ? p : (inv.workingDirectory.hasSuffix("/") ? inv.workingDirectory + p : inv.workingDirectory + "/" + p)
    if let entries = inv.runner.listDirectory(full) {
      var out: [(String, String)] = []
      for e in entries {
        let child = p.hasSuffix("/") ? p + e.name : p + "/" + e.name
        if e.isDirectory {
          if recursive { out += try texts(child, recursive: true) }
          continue
        }
        guard e.name.hasSuffix(".yaml") || e.name.hasSuffix(".yml") || e.name.hasSuffix(".json") else { continue }
        out += try texts(child, recursive: recursive)
      }
      return out
    }
    guard let text = inv.runner.readFile(full) else {
      throw KubectlError.message("the path \"\(p)\" does not exist")
    }
    return [(p, text)]
  }

  /// Decodes every document of a text into objects.
  func decode(_ text: String, source: String) throws -> [Manifest] {
    let docs: [YAMLDocument]
    do {
      docs = try YAMLReader.documents(text)
    } catch let e as YAMLSyntaxError {
      throw KubectlError.message(
        "error parsing \(source): error converting YAML to JSON: yaml: line \(e.line): \(e.message)")
    }
    var out: [Manifest] = []
    for d in docs {
      var trees = [d.json]
      if d.json["kind"]?.stringValue == "List", let items = d.json["items"]?.arrayValue { trees = items }
      for j in trees { out.append(try decodeObject(j, source: source)) }
    }
    return out
  }

  func decodeObject(_ j: JSON, source: String) throws -> Manifest {
    guard case .object = j else {
      throw KubectlError.message(
        "error validating \"\(source)\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false"
      )
    }
    let apiVersion = j["apiVersion"]?.stringValue ?? ""
    let kind = j["kind"]?.stringValue ?? ""
    if kind.isEmpty || apiVersion.isEmpty {
      let missing = [apiVersion.isEmpty ? "apiVersion not set" : nil, kind.isEmpty ? "kind not set" : nil].compactMap {
        $0
      }
      throw KubectlError.message(
        "error validating \"\(source)\": error validating data: [\(missing.joined(separator: ", "))]; if you choose to ignore these errors, turn validation off with --validate=false"
      )
    }
    let name = j["metadata"]?["name"]?.stringValue ?? ""
    let ns = j["metadata"]?["namespace"]?.stringValue ?? ""
    guard let t = KindRegistry.kind(apiVersion: apiVersion, kind: kind), t != Status.self, t != Binding.self else {
      throw KubectlError.message(
        "resource mapping not found for name: \"\(name)\" namespace: \"\(ns)\" from \"\(source)\": no matches for kind \"\(kind)\" in version \"\(apiVersion)\"\nensure CRDs are installed first"
      )
    }
    func dec<T: KubeObject>(_: T.Type) throws -> (any KubeObject, [String]) {
      let (o, unknown) = try T.decode(from: j)
      return (o, unknown)
    }
    let decoded: (any KubeObject, [String])
    do {
      decoded = try dec(t)
    } catch {
      // kubectl validates on the server (--validate=strict): a field of the wrong type fails the
      // apiserver's decoding of the request body. Simulation: Go's words are `json: cannot unmarshal
      // string into Go struct field DeploymentSpec.spec.replicas of type int32`; the simulation
      // names the field the same way but says in plain words what it expected.
      throw KubectlError.api(
        reason: "BadRequest",
        message:
          "error when creating \"\(source)\": \(kind) in version \"\(t.resource.version)\" cannot be handled as a \(kind): \(decodingFailure(error))"
      )
    }
    if !decoded.1.isEmpty && inv.flags.string("validate", default: "strict") != "false"
      && inv.flags.string("validate", default: "strict") != "ignore"
    {
      let verb = inv.path == "apply" ? "creating" : "creating"
      let fields = decoded.1.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
      throw KubectlError.api(
        reason: "BadRequest",
        message:
          "error when \(verb) \"\(source)\": \(kind) in version \"\(t.resource.version)\" cannot be handled as a \(kind): strict decoding error: \(fields)"
      )
    }
    var object = decoded.0
    // The namespace: the manifest's, else -n, else the context's; a mismatch with -n is an error.
    if t.resource.namespaced {
      if object.metadata.namespace.isEmpty {
        object.metadata.namespace = inv.namespace
      } else if inv.namespaceGiven && inv.flags.changed("namespace") && object.metadata.namespace != inv.namespace {
        throw KubectlError.message(
          "the namespace from the provided object \"\(object.metadata.namespace)\" does not match the namespace \"\(inv.namespace)\". You must pass '--namespace=\(object.metadata.namespace)' to perform this operation."
        )
      }
    } else {
      object.metadata.namespace = ""
    }
    return Manifest(source: source, json: j, object: object)
  }
}
