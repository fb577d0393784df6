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

  /// The objects of every manifest `paths` name. With `continueOnError` (apply and create, as
  /// kubectl's resource builder runs for them), an object that cannot be read — a kind the
  /// cluster does not have, a field of the wrong type — is reported (`inv.fail`) and the others are
  /// still returned; otherwise the first such error is thrown.
  func read(_ paths: [String], recursive: Bool, continueOnError: Bool = false) throws -> [Manifest] {
    var out: [Manifest] = []
    var failed = false
    for p in paths {
      for (source, text) in try texts(p, recursive: recursive) {
        out += try decode(text, source: source) { error in
          guard continueOnError else { throw error }
          inv.fail(error)
          failed = true
        }
      }
    }
    if out.isEmpty && !failed {
      throw KubectlError.message("no objects passed to \(inv.path.split(separator: " ").first ?? "")")
    }
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
  func decode(
    _ text: String, source: String, onError: (KubectlError) throws -> Void = { throw $0 }
  ) throws -> [Manifest] {
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
      for j in trees {
        do {
          out.append(try decodeObject(j, source: source))
        } catch let e as KubectlError {
          try onError(e)
        }
      }
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
      // kubectl's words, then what KubeLab has instead.
      let versions = KindRegistry.storedKinds.filter { $0.resource.kind == kind }.map { $0.resource.apiVersion }
      let note =
        versions.isEmpty
        ? "KubeLab does not simulate \(kind); it simulates \(KindRegistry.supportedKinds.joined(separator: ", "))"
        : "KubeLab serves \(kind) as \(versions.joined(separator: ", "))"
      throw KubectlError.message(
        "resource mapping not found for name: \"\(name)\" namespace: \"\(ns)\" from \"\(source)\": no matches for kind \"\(kind)\" in version \"\(apiVersion)\"\nensure CRDs are installed first (\(note))"
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
    // Simulation: the simulated kinds model most, not all, of upstream's fields. So that every real
    // manifest is taken, a field the simulation does not know is dropped with the warning the
    // apiserver's Warn mode gives (`--validate=warn`); the strict error of kubectl's default comes
    // only when `--validate=strict` (or `true`) is asked for explicitly.
    let validate = inv.flags.string("validate", default: "strict")
    if !decoded.1.isEmpty && !inv.flags.changed("validate") || validate == "warn" {
      for field in decoded.1 { inv.err += "Warning: unknown field \"\(field)\"\n" }
    }
    if !decoded.1.isEmpty && inv.flags.changed("validate") && (validate == "strict" || validate == "true") {
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
