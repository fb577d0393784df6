// TranscriptRecorder: writes a session's transcript as it goes — a JSONL file with a header line and
// one line per command, each written at once so a killed process loses at most the command in flight.
import Foundation
import KubeSim

/// Records commands into a session file (or only in memory) and takes lesson annotations.
///
/// The console calls `record(_:)` once a command and all its `afterCommand` hooks have run. A lesson
/// engine's hook calls `annotate(lesson:step:stepTitle:checks:completed:)` before that: the
/// annotation goes with the command being run.
public final class TranscriptRecorder {
  public let header: TranscriptHeader
  /// The session file, or nil when recording only in memory.
  public let path: String?
  /// At most this many messages per command are kept in full (all are counted).
  public var messageLimit = 5_000
  /// Renders the recorded messages' bodies, each stored object state once.
  public let bodies = TranscriptBodyCache()
  /// True while `replay --verify` re-runs a transcript: commands must not act outside the session
  /// (`export` prints what it would have written, but writes nothing).
  public var isReplay = false
  /// The first write error, if writing the session file failed (recording then stops).
  public private(set) var failure: String?
  /// How many commands have been recorded.
  public private(set) var count = 0
  /// The commands, kept only when there is no file (the file is read back otherwise).
  private var kept: [TranscriptCommand] = []
  private var handle: FileHandle?
  /// The annotation for the command being run.
  private var pendingLesson: LessonAnnotation?
  /// The workbook's progress, noted for the command being run.
  private var pendingProgress: JSON?

  /// Starts recording. With a path, creates the file (and its directory) and writes the header line.
  public init(header: TranscriptHeader, path: String? = nil) throws {
    self.header = header
    self.path = path
    guard let path else { return }
    let dir = (path as NSString).deletingLastPathComponent
    do {
      if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    } catch {
      throw TranscriptError("cannot create \(dir): \(error.localizedDescription)")
    }
    guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
      throw TranscriptError("cannot create \(path)")
    }
    handle = h
    write(header.json)
    if let failure { throw TranscriptError(failure) }
  }

  deinit { try? handle?.close() }

  /// Appends one command (numbered here: 1, 2, 3 …) and writes its line.
  public func record(_ command: TranscriptCommand) {
    var c = command
    count += 1
    c.number = count
    if let l = pendingLesson, c.lesson == nil { c.lesson = l }
    if let p = pendingProgress, c.progress == nil { c.progress = p }
    pendingLesson = nil
    pendingProgress = nil
    if path == nil {
      kept.append(c)
      return
    }
    write(c.json(type: "command"))
  }

  /// Says where the lesson stands after the command being run (steps count from 1) and how the
  /// checks it ran came out. A later call for the same command replaces an earlier one.
  public func annotate(
    lesson: String, step: Int, stepTitle: String = "", checks: [TranscriptCheck] = [], completed: Bool = false
  ) {
    pendingLesson = LessonAnnotation(
      lesson: lesson, step: step, stepTitle: stepTitle, checks: checks, completed: completed)
  }

  /// Notes the workbook's saved progress (the progress file's content) as the command being run
  /// found it, when it is the first to use the lessons: a replay starts from the same progress.
  public func noteProgress(_ progress: JSON) {
    pendingProgress = progress
  }

  /// Whether the command being run has been annotated already.
  public var hasPendingAnnotation: Bool { pendingLesson != nil }

  /// Everything recorded so far.
  public func transcript() throws -> Transcript {
    guard let path else { return Transcript(header: header, commands: kept) }
    if let failure { throw TranscriptError("the session file could not be written: \(failure)") }
    return try TranscriptFile.load(path).transcript
  }

  /// Stops writing.
  public func close() {
    try? handle?.close()
    handle = nil
  }

  private func write(_ json: JSON) {
    guard let handle, failure == nil else { return }
    do {
      // One write per line: a process killed between two commands leaves only whole lines.
      try handle.write(contentsOf: Data((json.compactText + "\n").utf8))
    } catch {
      failure = "\(path ?? ""): \(error.localizedDescription)"
    }
  }
}
