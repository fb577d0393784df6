// SessionStore: where recorded sessions live (`$XDG_STATE_HOME/kubelab/sessions/`), their ids, the list
// `kubelab sessions` prints, and finding one by id, path or `last`.
import Foundation
import KubeSim

public enum SessionStore {
  /// `$XDG_STATE_HOME/kubelab/sessions`, else `~/.local/state/kubelab/sessions`; nil without either.
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let s = environment["XDG_STATE_HOME"], !s.isEmpty { return s + "/kubelab/sessions" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/kubelab/sessions" }
    return nil
  }

  /// `2026-01-01T12-00-00-seed1-3fa2`: the wall-clock start (UTC), the seed, 4 random hex digits.
  // Simulation: the wall clock and the system RNG are used here only for names and metadata, never
  // for anything replay compares.
  public static func newID(seed: UInt64, now: Date = Date()) -> String {
    let stamp = Time(seconds: Int64(now.timeIntervalSince1970)).rfc3339.dropLast()  // no "Z"
    let hex = String(UInt16.random(in: 0...UInt16.max), radix: 16)
    return
      "\(stamp.replacingOccurrences(of: ":", with: "-"))-seed\(seed)-\(String(repeating: "0", count: 4 - hex.count))\(hex)"
  }

  /// The `recordedAt` of a session starting now (RFC 3339, UTC).
  public static func timestamp(_ now: Date = Date()) -> String {
    Time(seconds: Int64(now.timeIntervalSince1970)).rfc3339
  }

  /// One saved session, for `kubelab sessions`.
  public struct Summary: Sendable {
    public var id: String
    public var path: String
    public var recordedAt: String
    public var seed: String
    public var nodes: Int
    public var commands: Int
    /// Lesson ids seen in its annotations, in order.
    public var lessons: [String]
    /// The last line was cut off (the process was killed while writing it).
    public var incomplete: Bool
    /// Set when the file is not a readable session; the other fields are then mostly empty.
    public var problem: String?
    public var modified: Date
  }

  /// The session files in `directory`, oldest first.
  public static func list(_ directory: String) -> [Summary] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.map { summary(directory + "/" + $0) }.sorted(by: isOlder)
  }

  static func isOlder(_ a: Summary, _ b: Summary) -> Bool {
    if a.recordedAt != b.recordedAt { return a.recordedAt < b.recordedAt }
    if a.modified != b.modified { return a.modified < b.modified }
    return a.id < b.id
  }

  /// Reads a session file cheaply: the header in full, the other lines only by their start.
  public static func summary(_ path: String) -> Summary {
    let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let modified =
      (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
      ?? Date(timeIntervalSince1970: 0)
    var s = Summary(
      id: id, path: path, recordedAt: "", seed: "", nodes: 0, commands: 0, lessons: [], incomplete: false, problem: nil,
      modified: modified)
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      s.problem = "cannot read it"
      return s
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let first = lines.first, let headerJSON = try? JSON.parse(String(first)) else {
      s.problem = "no header line"
      return s
    }
    do {
      let header = try TranscriptHeader(json: headerJSON)
      s.id = header.id
      s.recordedAt = header.recordedAt ?? ""
      s.seed = String(header.seed)
      s.nodes = header.cluster.nodes.count
    } catch {
      s.problem = "\(error)"
      return s
    }
    for line in lines.dropFirst() {
      guard line.hasPrefix("{\"type\":\"command\"") else { continue }
      s.commands += 1
      // `"lesson":{"id":"…"` comes last on a command's line: read it without parsing the messages.
      if let r = line.range(of: "\"lesson\":{\"id\":", options: .backwards),
        let id = try? JSON.parse(String(line[r.upperBound...].prefix { $0 != "," })).stringValue,
        !s.lessons.contains(id)
      {
        s.lessons.append(id)
      }
    }
    if !text.hasSuffix("\n") {
      s.incomplete = true
      if let last = lines.last, last.hasPrefix("{\"type\":\"command\""), (try? JSON.parse(String(last))) == nil {
        s.commands -= 1
      }
    }
    return s
  }

  /// Finds a session: an existing file path, `last` (the newest in `directory`), an id, or a unique id prefix.
  public static func resolve(_ name: String, directory: String?) throws -> String {
    if name != "last", FileManager.default.fileExists(atPath: name) { return name }
    guard let directory else {
      throw TranscriptError("\(name): no such file (and no session directory: set HOME or XDG_STATE_HOME)")
    }
    if name == "last" {
      guard let newest = list(directory).last else { throw TranscriptError("no saved sessions in \(directory)") }
      return newest.path
    }
    let exact = directory + "/" + name + (name.hasSuffix(".jsonl") ? "" : ".jsonl")
    if FileManager.default.fileExists(atPath: exact) { return exact }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasPrefix(name) && $0.hasSuffix(".jsonl")
    }.sorted()
    if names.count == 1 { return directory + "/" + names[0] }
    if names.count > 1 {
      throw TranscriptError("\(name): matches \(names.count) sessions (\(names.prefix(3).joined(separator: ", "))…)")
    }
    throw TranscriptError("\(name): no such file or session (see `kubelab sessions`)")
  }
}
