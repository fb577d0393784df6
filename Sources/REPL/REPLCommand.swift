// REPLCommand: one console command (`step`, `messages`, `kubectl` …) with its help and completion.

public enum CommandGroup: String, CaseIterable, Sendable {
  case cluster = "Working with the cluster"
  case time = "Stepping the control loop"
  case messages = "Seeing the messages"
  case inside = "Looking inside components"
  case faults = "Faults"
  case workbook = "Lessons"
  case session = "Session"
}

public protocol REPLCommand {
  var name: String { get }
  var aliases: [String] { get }
  var group: CommandGroup { get }
  /// One line for `help`.
  var summary: String { get }
  /// `help NAME`: usage lines, flags, and at least one example.
  var usage: String { get }
  /// The flags it accepts (for completion and "did you mean").
  var flags: [String] { get }
  /// Runs with the words after the command name. Returns false when the command failed.
  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool
  /// Completions for the last word of `args` (the word being typed).
  func complete(_ args: [String], session: Session) -> [String]
}

extension REPLCommand {
  public var aliases: [String] { [] }
  public var flags: [String] { [] }
  public func complete(_ args: [String], session: Session) -> [String] { [] }
}
