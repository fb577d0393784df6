// TranscriptJSON: a transcript as JSON — the canonical export (`"format": "kubelab-transcript"`,
// version 1) and the lines of a session's JSONL file — and back, with one-line errors.
import KubeSim

/// What a transcript file says about itself.
public enum TranscriptFormatInfo {
  public static let name = "kubelab-transcript"
  /// The newest version this kubelab writes and reads.
  public static let version: Int64 = 1
}

/// A transcript that cannot be read: one line naming what is wrong (the file is added by the reader).
public struct TranscriptError: Error, CustomStringConvertible, Sendable, Equatable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

// MARK: - Writing

extension Transcript {
  /// The canonical JSON export: the header's fields, then `commands`.
  public var json: JSON {
    var o = header.json
    o["commands"] = .array(commands.map { $0.json() })
    return o
  }

  /// The export as text: two-space indentation, a final newline.
  public var jsonText: String { json.indentedText(indent: "  ") + "\n" }
}

extension TranscriptHeader {
  /// The header fields (also the first line of a session's JSONL file).
  public var json: JSON {
    var o: JSON = [
      "format": .string(TranscriptFormatInfo.name), "version": .int(TranscriptFormatInfo.version), "id": .string(id),
    ]
    if let recordedAt { o["recordedAt"] = .string(recordedAt) }
    o["kubelab"] = .string(kubelab)
    o["kubernetes"] = .string(kubernetes)
    o["seed"] = TranscriptCluster.seedJSON(cluster.seed)
    o["cluster"] = TranscriptCluster.json(cluster)
    o["language"] = .string(language)
    o["source"] = .string(source)
    if let script { o["script"] = .string(script) }
    if let title { o["title"] = .string(title) }
    return o
  }
}

extension TranscriptCommand {
  /// The command's fields; `type` first when given (`"command"` in session files).
  public func json(type: String? = nil) -> JSON {
    var o: JSON = [:]
    if let type { o["type"] = .string(type) }
    o["n"] = .int(Int64(number))
    o["prompt"] = .string(prompt)
    o["line"] = .string(line)
    if let input { o["input"] = .string(input) }
    o["output"] = .string(output)
    o["stderr"] = .string(stderr)
    o["success"] = .bool(success)
    o["tickBefore"] = .int(Int64(tickBefore))
    o["tickAfter"] = .int(Int64(tickAfter))
    o["phaseBefore"] = phaseBefore.map { .string($0.description) } ?? .null
    o["phaseAfter"] = phaseAfter.map { .string($0.description) } ?? .null
    o["messageCount"] = .int(Int64(messageCount))
    o["messages"] = .array(messages.map(\.json))
    if let rebuilt { o["rebuilt"] = TranscriptCluster.json(rebuilt) }
    if let lesson { o["lesson"] = lesson.json }
    if let progress { o["progress"] = progress }
    return o
  }
}

extension TranscriptMessage {
  public var json: JSON {
    var o: JSON = [
      "seq": .int(Int64(seq)), "tick": .int(Int64(tick)), "phase": phase.map { .string($0.description) } ?? .null,
      "from": .string(from), "to": .string(to), "kind": .string(kind), "verb": .string(verb), "object": .string(object),
      "namespace": .string(namespace), "detail": .string(detail),
    ]
    if let body { o["body"] = body }
    return o
  }
}

extension LessonAnnotation {
  public var json: JSON {
    let list: [JSON] = checks.map {
      ["name": .string($0.name), "passed": .bool($0.passed), "message": .string($0.message)]
    }
    return [
      "id": .string(lesson), "step": .int(Int64(step)), "stepTitle": .string(stepTitle), "checks": .array(list),
      "completed": .bool(completed),
    ]
  }
}

/// Cluster options in the cluster-file shape (`ClusterOptions.parse` reads them back).
public enum TranscriptCluster {
  public static func json(_ o: ClusterOptions) -> JSON {
    let nodes: [JSON] = o.nodes.map { n in
      var labels: JSON = [:]
      for k in n.labels.keys.sorted() { labels[k] = .string(n.labels[k]!) }
      let taints: [JSON] = n.taints.map {
        ["key": .string($0.key), "value": .string($0.value), "effect": .string($0.effect)]
      }
      var node: JSON = [
        "name": .string(n.name), "role": .string(n.role.rawValue), "cpu": .string(n.cpu.description),
        "memory": .string(n.memory.description), "pods": .int(Int64(n.pods)), "labels": labels,
        "taints": .array(taints),
      ]
      // kubeadm's manifests are named, anything else is written out.
      if n.staticPods == KubeadmStaticPods.manifests(advertiseAddress: n.internalIP) {
        node["staticPods"] = "kubeadm"
      } else if !n.staticPods.isEmpty {
        node["staticPods"] = .array(n.staticPods.map(\.json))
      }
      return node
    }
    return [
      "seed": seedJSON(o.seed), "messageWindow": .int(Int64(o.messageWindow)), "start": .string(o.start.rfc3339),
      "bootstrap": .bool(o.bootstrap), "nodes": .array(nodes),
    ]
  }

  /// Seeds above Int64.max are written as strings of digits.
  static func seedJSON(_ seed: UInt64) -> JSON {
    seed <= UInt64(Int64.max) ? .int(Int64(seed)) : .string(String(seed))
  }

  static func seed(_ j: JSON?) -> UInt64? {
    if let i = j?.intValue, i >= 0 { return UInt64(i) }
    if let s = j?.stringValue { return UInt64(s) }
    return nil
  }

  /// Reads options written by `json(_:)`.
  public static func options(_ j: JSON, context: String) throws -> ClusterOptions {
    guard j.objectValue != nil else { throw TranscriptError("\(context): expected an object, got \(j.typeName)") }
    guard let seed = seed(j["seed"]) else {
      throw TranscriptError("\(context): \"seed\" should be a non-negative integer")
    }
    var o = j
    o["seed"] = nil
    // Settings a cluster file does not have.
    let start = j["start"]?.stringValue
    let bootstrap = j["bootstrap"]
    o["start"] = nil
    o["bootstrap"] = nil
    let staticPods = j["nodes"]?.arrayValue?.map { $0["staticPods"] } ?? []
    if var nodes = o["nodes"]?.arrayValue {
      for i in nodes.indices { nodes[i]["staticPods"] = nil }
      o["nodes"] = .array(nodes)
    }
    do {
      var options = try ClusterOptions.from(o, file: context)
      options.seed = seed
      if let start {
        guard let t = Time.parse(start) else {
          throw TranscriptError("\(context): \"start\" should be an RFC 3339 time")
        }
        options.start = t
      }
      for (i, pods) in staticPods.enumerated() {
        guard let pods, i < options.nodes.count else { continue }
        if pods.stringValue == "kubeadm" {
          options.nodes[i].staticPods = KubeadmStaticPods.manifests(advertiseAddress: options.nodes[i].internalIP)
        } else if let list = pods.arrayValue {
          options.nodes[i].staticPods = try list.enumerated().map { k, p in
            do {
              return try TreeDecoder().decode(Pod.self, from: p)
            } catch {
              throw TranscriptError("\(context): nodes[\(i)].staticPods[\(k)]: \(error)")
            }
          }
        } else {
          throw TranscriptError("\(context): nodes[\(i)].staticPods should be \"kubeadm\" or a list of pods")
        }
      }
      if let bootstrap {
        guard let b = bootstrap.boolValue else {
          throw TranscriptError("\(context): \"bootstrap\" should be true or false")
        }
        options.bootstrap = b
      }
      return options
    } catch let e as TranscriptError {
      throw e
    } catch {
      throw TranscriptError("\(error)")
    }
  }
}

// MARK: - Reading

/// Reads the fields of one JSON object, naming `context` in errors (`command 3: "output" should be a string`).
struct FieldReader {
  let object: JSON
  let context: String

  init(_ json: JSON, context: String) throws {
    guard json.objectValue != nil else { throw TranscriptError("\(context): expected an object, got \(json.typeName)") }
    object = json
    self.context = context
  }

  func fail(_ key: String, _ expected: String) -> TranscriptError {
    object[key] == nil
      ? TranscriptError("\(context): missing \"\(key)\"")
      : TranscriptError("\(context): \"\(key)\" should be \(expected), got \(object[key]!.typeName)")
  }

  func string(_ key: String) throws -> String {
    guard let s = object[key]?.stringValue else { throw fail(key, "a string") }
    return s
  }

  func optionalString(_ key: String) throws -> String? {
    guard let v = object[key], !v.isNull else { return nil }
    guard let s = v.stringValue else { throw fail(key, "a string") }
    return s
  }

  func int(_ key: String) throws -> Int {
    guard let i = object[key]?.intValue, let n = Int(exactly: i) else { throw fail(key, "an integer") }
    return n
  }

  func bool(_ key: String) throws -> Bool {
    guard let b = object[key]?.boolValue else { throw fail(key, "true or false") }
    return b
  }

  func array(_ key: String) throws -> [JSON] {
    guard let a = object[key]?.arrayValue else { throw fail(key, "a list") }
    return a
  }

  func phase(_ key: String) throws -> Phase? {
    guard let v = object[key], !v.isNull else { return nil }
    guard let s = v.stringValue, let p = Phase.allCases.first(where: { $0.description == s }) else {
      throw TranscriptError(
        "\(context): \"\(key)\" should be null or one of \(Phase.allCases.map(\.description).joined(separator: ", "))")
    }
    return p
  }
}

extension TranscriptHeader {
  /// Reads a header after checking `format` and `version`.
  public init(json: JSON) throws {
    guard json.objectValue != nil else {
      throw TranscriptError("not a kubelab transcript (expected a JSON object, got \(json.typeName))")
    }
    let o = json
    guard let format = o["format"] else { throw TranscriptError("not a kubelab transcript (missing \"format\")") }
    guard format.stringValue == TranscriptFormatInfo.name else {
      throw TranscriptError(
        "not a kubelab transcript (\"format\" is \(format.compactText), not \"\(TranscriptFormatInfo.name)\")")
    }
    guard let version = o["version"] else { throw TranscriptError("missing \"version\"") }
    guard let v = version.intValue else {
      throw TranscriptError("\"version\" should be an integer, got \(version.compactText)")
    }
    guard v <= TranscriptFormatInfo.version else {
      throw TranscriptError(
        "version \(v) is newer than this kubelab understands (kubelab \(KubeLabVersion.string) reads version \(TranscriptFormatInfo.version))"
      )
    }
    guard v >= 1 else { throw TranscriptError("version \(v) is not a transcript version (versions start at 1)") }
    let f = try FieldReader(json, context: "header")
    guard let clusterJSON = o["cluster"] else { throw TranscriptError("header: missing \"cluster\"") }
    let cluster = try TranscriptCluster.options(clusterJSON, context: "header: cluster")
    self.init(
      id: try f.string("id"), recordedAt: try f.optionalString("recordedAt"), kubelab: try f.string("kubelab"),
      kubernetes: try f.string("kubernetes"), cluster: cluster, language: try f.optionalString("language") ?? "en",
      source: try f.optionalString("source") ?? "console", script: try f.optionalString("script"),
      title: try f.optionalString("title"))
  }
}

extension TranscriptCommand {
  public init(json: JSON, context: String) throws {
    let f = try FieldReader(json, context: context)
    // Fields in the order they are written, so the first problem reported is the first in the text.
    let (number, prompt, line) = (try f.int("n"), try f.string("prompt"), try f.string("line"))
    let (input, output, stderr) = (
      try f.optionalString("input"), try f.string("output"), try f.optionalString("stderr")
    )
    let (success, tickBefore, tickAfter) = (try f.bool("success"), try f.int("tickBefore"), try f.int("tickAfter"))
    let (phaseBefore, phaseAfter) = (try f.phase("phaseBefore"), try f.phase("phaseAfter"))
    let count = f.object["messageCount"] == nil ? nil : try f.int("messageCount")
    let messages = try f.array("messages").enumerated().map { i, m in
      try TranscriptMessage(json: m, context: "\(context), message \(i + 1)")
    }
    var rebuilt: ClusterOptions? = nil
    if let r = f.object["rebuilt"], !r.isNull {
      rebuilt = try TranscriptCluster.options(r, context: "\(context): rebuilt")
    }
    var lesson: LessonAnnotation? = nil
    if let l = f.object["lesson"], !l.isNull { lesson = try LessonAnnotation(json: l, context: "\(context): lesson") }
    var progress: JSON? = nil
    if let p = f.object["progress"], !p.isNull {
      guard p.objectValue != nil else {
        throw TranscriptError("\(context): \"progress\" should be an object, got \(p.typeName)")
      }
      progress = p
    }
    self.init(
      number: number, prompt: prompt, line: line, input: input, output: output, stderr: stderr ?? "", success: success,
      tickBefore: tickBefore, tickAfter: tickAfter, phaseBefore: phaseBefore, phaseAfter: phaseAfter,
      messageCount: count ?? messages.count, messages: messages, rebuilt: rebuilt, lesson: lesson, progress: progress)
  }

}

extension TranscriptMessage {
  public init(json: JSON, context: String) throws {
    let f = try FieldReader(json, context: context)
    self.init(
      seq: try f.int("seq"), tick: try f.int("tick"), phase: try f.phase("phase"), from: try f.string("from"),
      to: try f.string("to"), kind: try f.string("kind"), verb: try f.string("verb"), object: try f.string("object"),
      namespace: try f.optionalString("namespace") ?? "", detail: try f.optionalString("detail") ?? "",
      body: f.object["body"].flatMap { $0.isNull ? nil : $0 })
  }
}

extension LessonAnnotation {
  public init(json: JSON, context: String) throws {
    let f = try FieldReader(json, context: context)
    let checks = try (f.object["checks"] == nil ? [] : f.array("checks")).enumerated().map { i, c in
      let g = try FieldReader(c, context: "\(context), check \(i + 1)")
      return TranscriptCheck(
        name: try g.string("name"), passed: try g.bool("passed"), message: try g.optionalString("message") ?? "")
    }
    self.init(
      lesson: try f.string("id"), step: try f.int("step"), stepTitle: try f.optionalString("stepTitle") ?? "",
      checks: checks, completed: f.object["completed"]?.boolValue ?? false)
  }
}

extension Transcript {
  /// Reads the canonical export (an object with `commands`).
  public init(json: JSON) throws {
    let header = try TranscriptHeader(json: json)
    guard let list = json["commands"] else { throw TranscriptError("missing \"commands\"") }
    guard let items = list.arrayValue else {
      throw TranscriptError("\"commands\" should be a list, got \(list.typeName)")
    }
    let commands = try items.enumerated().map { i, c in try TranscriptCommand(json: c, context: "command \(i + 1)") }
    self.init(header: header, commands: commands)
  }
}
