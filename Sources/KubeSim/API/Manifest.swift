// Manifest: reading the YAML or JSON files a learner gives `kubectl apply -f` into typed objects,
// with the warnings and errors a real cluster would give (and the file, line and column).

/// One object read from a manifest.
public struct ManifestObject: Sendable {
  public var object: any KubeObject
  /// Fields the simulation does not model, dropped as the apiserver's field validation does in
  /// Warn mode: `unknown field "spec.foo"`.
  public var warnings: [String]
  /// Where the object's document starts.
  public var file: String
  public var line: Int
}

/// Why a manifest (or one document of it) could not be read.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String
  /// The message as kubectl would print it after `error: `.
  public var description: String { "\(file):\(line):\(column): \(message)" }
}

public enum Manifest {
  /// Reads every document of `text`. A syntax error fails the whole file; otherwise each document
  /// is an object or its own error, in order.
  public static func decode(_ text: String, file: String) throws(ManifestError) -> [Result<
    ManifestObject, ManifestError
  >] {
    let docs: [YAMLDocument]
    do {
      docs = try YAMLReader.documents(text)
    } catch let e as YAMLSyntaxError {
      throw ManifestError(
        file: file, line: e.line, column: e.column, message: "error converting YAML to JSON: yaml: \(e.message)")
    } catch {
      throw ManifestError(file: file, line: 1, column: 1, message: "\(error)")
    }
    return docs.flatMap { doc -> [Result<ManifestObject, ManifestError>] in
      // A `kind: List` carries its objects in `items`.
      if doc.json["kind"]?.stringValue == "List", let items = doc.json["items"]?.arrayValue {
        return items.enumerated().map { i, item in
          let sub = YAMLDocument(
            json: item, line: doc.positions["items[\(i)]"]?.line ?? doc.line,
            positions: doc.positions.reduce(into: [:]) { acc, kv in
              let prefix = "items[\(i)]"
              if kv.key == prefix {
                acc[""] = kv.value
              } else if kv.key.hasPrefix(prefix + ".") {
                acc[String(kv.key.dropFirst(prefix.count + 1))] = kv.value
              }
            })
          return decode(document: sub, file: file)
        }
      }
      return [decode(document: doc, file: file)]
    }
  }

  static func decode(document doc: YAMLDocument, file: String) -> Result<ManifestObject, ManifestError> {
    func fail(_ path: [CodingKey], _ message: String) -> Result<ManifestObject, ManifestError> {
      let pos = doc.position(of: path)
      return .failure(
        ManifestError(file: file, line: pos?.line ?? doc.line, column: pos?.column ?? 1, message: message))
    }
    guard case .object = doc.json else {
      return fail([], "error validating data: expected an object (a Kubernetes manifest), found a \(doc.json.typeName)")
    }
    let apiVersion = doc.json["apiVersion"]?.stringValue ?? ""
    let kind = doc.json["kind"]?.stringValue ?? ""
    var missing: [String] = []
    if apiVersion.isEmpty { missing.append("apiVersion not set") }
    if kind.isEmpty { missing.append("kind not set") }
    if !missing.isEmpty {
      return fail(
        [],
        "error validating data: [\(missing.joined(separator: ", "))]; if you choose to ignore these errors, turn validation off with --validate=false"
      )
    }
    guard let type = KindRegistry.kind(apiVersion: apiVersion, kind: kind) else {
      let name = doc.json["metadata"]?["name"]?.stringValue ?? ""
      let ns = doc.json["metadata"]?["namespace"]?.stringValue ?? ""
      let known = KindRegistry.storedKinds.contains { $0.resource.kind == kind }
      var message =
        "resource mapping not found for name: \"\(name)\" namespace: \"\(ns)\" from \"\(file)\": no matches for kind \"\(kind)\" in version \"\(apiVersion)\""
      if known {
        let versions = KindRegistry.storedKinds.filter { $0.resource.kind == kind }.map { $0.resource.apiVersion }
        message += " (KubeLab serves \(kind) as \(versions.joined(separator: ", ")))"
      } else {
        message +=
          " (KubeLab does not simulate \(kind); it simulates \(KindRegistry.supportedKinds.joined(separator: ", ")))"
      }
      return fail([JSONKey("kind")], message)
    }
    func decodeAs<T: KubeObject>(_ t: T.Type) -> Result<ManifestObject, ManifestError> {
      do {
        let (obj, unknown) = try TreeDecoder().decodeReportingUnknownFields(
          T.self, from: doc.json, ignoring: ["apiVersion", "kind"])
        // Warnings in the order the fields appear in the file.
        let ordered = unknown.sorted { a, b in
          let pa = doc.position(of: a)
          let pb = doc.position(of: b)
          return (pa?.line ?? 0, pa?.column ?? 0) < (pb?.line ?? 0, pb?.column ?? 0)
        }
        return .success(
          ManifestObject(
            object: obj, warnings: ordered.map { "unknown field \"\(fieldPath($0))\"" }, file: file, line: doc.line))
      } catch let DecodingError.typeMismatch(_, ctx) {
        return fail(ctx.codingPath, cannotHandle(T.resource, "\(fieldPath(ctx.codingPath)): \(ctx.debugDescription)"))
      } catch let DecodingError.dataCorrupted(ctx) {
        return fail(ctx.codingPath, cannotHandle(T.resource, "\(fieldPath(ctx.codingPath)): \(ctx.debugDescription)"))
      } catch let DecodingError.valueNotFound(_, ctx) {
        return fail(ctx.codingPath, cannotHandle(T.resource, "\(fieldPath(ctx.codingPath)): \(ctx.debugDescription)"))
      } catch let DecodingError.keyNotFound(key, ctx) {
        return fail(ctx.codingPath, cannotHandle(T.resource, "\(fieldPath(ctx.codingPath + [key])): required"))
      } catch {
        return fail([], cannotHandle(T.resource, "\(error)"))
      }
    }
    return decodeAs(type)
  }

  /// Upstream's decode failure: `Pod in version "v1" cannot be handled as a Pod: …`.
  static func cannotHandle(_ r: ResourceType, _ detail: String) -> String {
    "\(r.kind) in version \"\(r.version)\" cannot be handled as a \(r.kind): \(detail)"
  }
}
