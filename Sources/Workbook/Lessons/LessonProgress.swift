// LessonProgress: how far a learner got in each lesson — kept in one versioned JSON file
// (`$XDG_DATA_HOME/kubelab/progress.json`), written atomically, with the commands needed to
// rebuild the very same cluster on resume.
import Foundation
import KubeSim

/// One lesson's progress.
public struct LessonProgress: Codable, Sendable, Equatable {
  /// The current step (0-based).
  public var step: Int = 0
  /// Steps passed, ascending.
  public var passed: [Int] = []
  /// Hints shown, per step.
  public var hintsShown: [Int] = []
  /// Every answer given, in order.
  public var answers: [Answer] = []
  /// Every console command the learner ran since the lesson's setup, in order: replaying them on
  /// the lesson's fresh cluster gives the same state. (Checks only read, with the message log
  /// muted, so they leave nothing to replay.)
  public var journal: [JournalEntry] = []
  /// Where the current step began (for "since the step began").
  public var stepStart = Mark()
  /// Where the session stood after the last command (to notice a replay that went elsewhere).
  public var end = Mark()
  /// The lesson's fingerprint when it was started (cluster and setup).
  public var fingerprint = ""

  public init() {}

  public struct Answer: Codable, Sendable, Equatable {
    public var step: Int
    /// The check's index in the step.
    public var check: Int
    public var text: String
    public var correct: Bool
    /// Given before the cluster moved since the step began (what a prediction needs).
    public var beforeClockMoved: Bool
  }

  public struct JournalEntry: Codable, Sendable, Equatable {
    public var line: String
    /// The heredoc body.
    public var input: String?
    public var ok: Bool
    /// Where the clock stood when the learner interrupted the command (Ctrl-C).
    public var stoppedAt: Mark?

    public init(line: String, input: String?, ok: Bool, stoppedAt: Mark? = nil) {
      self.line = line
      self.input = input
      self.ok = ok
      self.stoppedAt = stoppedAt
    }
  }

  /// A point in the session: journal length, message sequence number, and the clock.
  public struct Mark: Codable, Sendable, Equatable {
    public var journal = 0
    public var seq = 1
    public var tick = 0
    public var phase: String? = nil

    public init(journal: Int = 0, seq: Int = 1, tick: Int = 0, phase: String? = nil) {
      self.journal = journal
      self.seq = seq
      self.tick = tick
      self.phase = phase
    }
  }

  public func isPassed(_ step: Int) -> Bool { passed.contains(step) }

  public func hints(_ step: Int) -> Int { step < hintsShown.count ? hintsShown[step] : 0 }

  /// Every step passed.
  public func isComplete(steps: Int) -> Bool { steps > 0 && (0..<steps).allSatisfy(isPassed) }
}

/// The progress file: `{"version": 1, "lessons": {"en/first-tick": {…}}}`.
public struct ProgressFile: Codable, Sendable, Equatable {
  public static let currentVersion = 1
  public var version = ProgressFile.currentVersion
  /// By lesson key (`en/first-tick`).
  public var lessons: [String: LessonProgress] = [:]
  public init() {}
}

extension ProgressFile {
  /// The file's content as JSON (what a transcript keeps, so a replay resumes lessons alike).
  public var json: JSON {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding plain Codable values cannot fail, and JSONEncoder writes JSON that parses.
    let data = try! encoder.encode(self)
    return try! JSON.parse(String(decoding: data, as: UTF8.self))
  }

  public init(json: JSON) throws {
    self = try JSONDecoder().decode(ProgressFile.self, from: Data(json.compactText.utf8))
  }
}

/// Reads and writes the progress file. Each save re-reads the file and replaces only the lessons
/// it changed, so two kubelab sessions working on different lessons do not undo each other.
public final class ProgressStore {
  /// nil keeps progress in memory only (solution runs, tests).
  public let path: String?
  public private(set) var file = ProgressFile()
  /// Set when the file could not be used (shown once by the console).
  public private(set) var warning: String?
  private var readOnly = false

  public init(path: String?) {
    self.path = path
    guard let path else { return }
    switch Self.read(path) {
    case .missing: break
    case .ok(let f): file = f
    case .newer(let v):
      readOnly = true
      warning = "\(path) is version \(v), newer than this kubelab understands: progress will not be saved"
    case .corrupt(let why):
      let aside = path + ".corrupt"
      try? FileManager.default.removeItem(atPath: aside)
      try? FileManager.default.moveItem(atPath: path, toPath: aside)
      warning = "\(path) could not be read (\(why)); it was moved to \(aside) and progress starts afresh"
    }
  }

  /// `$XDG_DATA_HOME/kubelab/progress.json`, by default `~/.local/share/kubelab/progress.json`.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let d = environment["XDG_DATA_HOME"], d.hasPrefix("/") { return d + "/kubelab/progress.json" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/share/kubelab/progress.json"
  }

  public func progress(_ key: String) -> LessonProgress? { file.lessons[key] }

  /// Replaces what the store holds, without writing it anywhere (a replay, which keeps progress in
  /// memory, starts from the progress the recorded session found).
  public func restore(_ file: ProgressFile) {
    self.file = file
  }

  /// Sets (or, with nil, forgets) one lesson's progress and saves.
  public func set(_ key: String, _ progress: LessonProgress?) throws {
    file.lessons[key] = progress
    guard let path, !readOnly else { return }
    var merged = file
    if case .ok(let onDisk) = Self.read(path) {
      merged.lessons = onDisk.lessons
      merged.lessons[key] = progress
      file.lessons = merged.lessons
    }
    try Self.writeAtomically(merged, to: path)
  }

  enum ReadResult {
    case missing
    case ok(ProgressFile)
    case newer(Int)
    case corrupt(String)
  }

  static func read(_ path: String) -> ReadResult {
    guard let data = FileManager.default.contents(atPath: path) else { return .missing }
    struct Version: Decodable { var version: Int }
    guard let v = try? JSONDecoder().decode(Version.self, from: data) else {
      return .corrupt("not a kubelab progress file")
    }
    guard v.version <= ProgressFile.currentVersion else { return .newer(v.version) }
    do {
      return .ok(try JSONDecoder().decode(ProgressFile.self, from: data))
    } catch {
      return .corrupt("\(error)")
    }
  }

  /// Writes to a temporary file in the same folder, then renames it over `path`: a reader sees the
  /// old file or the new one, never half of one.
  public static func writeAtomically(_ file: ProgressFile, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(file)
    data.append(0x0A)
    let dir = (path as NSString).deletingLastPathComponent
    if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    let temp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    guard FileManager.default.createFile(atPath: temp, contents: data) else {
      throw ProgressError(message: "cannot write \(temp)")
    }
    if let h = FileHandle(forWritingAtPath: temp) {
      try? h.synchronize()
      try? h.close()
    }
    guard rename(temp, path) == 0 else {
      let why = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temp)
      throw ProgressError(message: "cannot replace \(path): \(why)")
    }
  }
}

public struct ProgressError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
