// Lesson: one lesson of the workbook — its front matter, the cluster it starts from, and its steps.
import Foundation
import KubeSim

/// A lesson read from a Markdown file (see lessons/README.md for the format).
public struct Lesson: Sendable {
  /// The file it was read from, as given to the loader.
  public var file: String
  public var id: String
  public var title: String
  /// `en` or `zh`.
  public var language: String
  public var summary: String
  /// Ids of lessons (same language) to do first.
  public var prerequisites: [SourceText]
  /// The cluster the lesson starts from (`cluster:` in the front matter).
  public var cluster: ClusterOptions
  /// Console commands run silently before the first step.
  public var setup: [ConsoleCommand]
  /// Markdown between the front matter and the first step.
  public var introduction: String
  public var steps: [LessonStep]
  /// Line of `id:` (for problems that concern the whole lesson).
  public var idLine: Int
  /// A digest of what decides the starting state (cluster settings and setup): replaying recorded
  /// commands onto a lesson whose digest changed may not give the same cluster.
  public var fingerprint: String

  /// The key progress is kept under: `en/first-tick`.
  public var key: String { "\(language)/\(id)" }
}

/// One `## ` section: prose, then what the learner may type and what is checked.
public struct LessonStep: Sendable {
  public var title: String
  public var line: Int
  /// Markdown prose of the step (without its `lesson` block).
  public var prose: String
  /// Suggested console commands shown to the learner.
  public var commands: [ConsoleCommand]
  /// Progressive hints (Markdown), shown one at a time.
  public var hints: [String]
  /// The reference solution: console commands that make every check pass.
  public var solution: [ConsoleCommand]
  public var checks: [LessonCheck]

  /// The step's questions, in order (with their index among the checks).
  public var questions: [(index: Int, question: LessonQuestion)] {
    checks.enumerated().compactMap { i, c in
      if case .question(let q) = c.kind { return (i, q) }
      return nil
    }
  }
}

/// A check that decides whether a step is done.
public struct LessonCheck: Sendable {
  public enum Kind: Sendable {
    /// The output of a console command equals / contains / matches a value.
    case command(String, OutputExpectation)
    /// A message was (or, with `absent`, was not) recorded since the step began.
    case message(MessageFilter, absent: Bool)
    /// The learner ran a command matching the pattern (successfully) since the step began; with an
    /// expectation, one such command's output also met it (a check can see what the learner's own
    /// `kubectl exec` printed without running it again: checks only read).
    case ran(String, OutputExpectation?)
    /// A question the learner answers with `answer`.
    case question(LessonQuestion)
  }

  public var kind: Kind
  /// Shown when it passes or fails; a default is made from the check when empty.
  public var description: String
  public var line: Int
}

/// What a command check expects of the output (trailing whitespace trimmed).
public enum OutputExpectation: Sendable {
  case equals(String)
  case contains(String)
  case matches(String)
}

public struct LessonQuestion: Sendable {
  public var text: String
  public var choices: [String]
  /// Accepted answers (compared case-insensitively, trimmed).
  public var answers: [String]
  /// Must be answered before the cluster moves (no step/tick/run since the step began).
  public var predict: Bool
  /// Shown after a wrong answer.
  public var explanation: String

  public init(text: String, choices: [String] = [], answers: [String], predict: Bool = false, explanation: String = "")
  {
    self.text = text
    self.choices = choices
    self.answers = answers
    self.predict = predict
    self.explanation = explanation
  }

  /// Whether `text` is an accepted answer; a number picks a choice (`answer 2`).
  public func accepts(_ text: String) -> Bool {
    let given = resolve(text)
    return answers.contains { Self.normalize($0) == given }
  }

  /// The given text, normalised, with a choice number replaced by the choice.
  func resolve(_ text: String) -> String {
    let t = Self.normalize(text)
    if let n = Int(t), choices.indices.contains(n - 1),
      !choices.contains(where: { Self.normalize($0) == t })
    {
      return Self.normalize(choices[n - 1])
    }
    return t
  }

  static func normalize(_ s: String) -> String {
    s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}

/// One console command as a lesson writes it: a line, and the body of its heredoc if it has one.
public struct ConsoleCommand: Sendable, Hashable {
  /// The command as the console runs it (a heredoc's `<<EOF` removed).
  public var line: String
  public var input: String?
  /// Line in the lesson file (0 when not from a file).
  public var sourceLine: Int

  public init(line: String, input: String? = nil, sourceLine: Int = 0) {
    self.line = line
    self.input = input
    self.sourceLine = sourceLine
  }

  /// The command's name: its first word (after a leading `!`, which inverts its success).
  public var name: String {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    return String((words.first == "!" ? words.dropFirst().first : words.first) ?? "")
  }

  /// The command as typed: `kubectl apply -f - <<EOF`, the body, `EOF`.
  public var text: String {
    guard let input else { return line }
    return line + " <<EOF\n" + input + (input.hasSuffix("\n") || input.isEmpty ? "" : "\n") + "EOF"
  }
}

/// A piece of text with the line it came from.
public struct SourceText: Sendable, Hashable {
  public var text: String
  public var line: Int
}
