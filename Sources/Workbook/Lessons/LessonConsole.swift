// LessonConsole: what the lesson engine needs of the console — the cluster, a way to start over,
// ways to run console commands, and the transcript recorder (the REPL's Session provides it; tests
// may fake it).
import KubeSim

public protocol LessonConsole: AnyObject {
  var cluster: Cluster { get }
  /// Starts over on a fresh cluster.
  func rebuild(with options: ClusterOptions)
  /// Runs a command as if the learner typed it. The console reports it to the engine
  /// (`LessonEngine.learnerRan`) as it does for every command typed.
  @discardableResult
  func run(_ command: ConsoleCommand) -> ConsoleResult
  /// Runs a command for the workbook itself (setup, replaying the journal): not recorded as the
  /// learner's, not reported to the engine, its output not shown. What it does to the cluster is
  /// recorded as usual (its messages are in the log).
  @discardableResult
  func runQuietly(_ command: ConsoleCommand) -> ConsoleResult
  /// Runs a check's command, which only reads the cluster: as `runQuietly`, with the message log
  /// muted, so the check leaves no trace (no messages, no sequence numbers used).
  func read(_ command: ConsoleCommand) -> ConsoleResult
  /// The session's transcript recorder while it records (the engine annotates check results).
  var recorder: TranscriptRecorder? { get }
}

extension LessonConsole {
  public var recorder: TranscriptRecorder? { nil }
}

/// A console command's output (standard output and error, in order) and whether it succeeded.
public struct ConsoleResult: Sendable {
  public var output: String
  public var success: Bool

  public init(output: String, success: Bool) {
    self.output = output
    self.success = success
  }
}
