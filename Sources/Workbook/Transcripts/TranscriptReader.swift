// TranscriptReader: reads a transcript file — the JSON export or a session's JSONL, even one cut short
// by a killed process — and turns anything else into a one-line error naming the file.
import Foundation
import KubeSim

/// A transcript read from disk.
public struct TranscriptFile: Sendable {
  public enum Layout: String, Sendable {
    /// The canonical export: one JSON object with `commands`.
    case export
    /// A session file: a header line, then one line per command.
    case session
  }

  public var path: String
  public var layout: Layout
  public var transcript: Transcript
  /// Set when the last line of a session file was cut off (the process was killed while writing it).
  public var warning: String?

  /// Reads `path`. Errors are `TranscriptError`s whose message starts with the path.
  public static func load(_ path: String) throws -> TranscriptFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw TranscriptError("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw TranscriptError("\(path): is a directory, not a transcript") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TranscriptError("\(path): cannot read it")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw TranscriptError("\(path): not a kubelab transcript (not UTF-8 text)")
    }
    do {
      return try parse(text, path: path)
    } catch let e as TranscriptError {
      throw TranscriptError("\(path): \(e.message)")
    }
  }

  /// Parses transcript text (either layout). Errors do not name a file.
  public static func parse(_ text: String, path: String = "<text>") throws -> TranscriptFile {
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw TranscriptError("empty file (not a kubelab transcript)")
    }
    let whole: JSON
    do {
      whole = try JSON.parse(text)
    } catch let wholeError as JSONParseError {
      return try parseLines(text, path: path, wholeError: wholeError)
    }
    // One JSON value: the export, or a session file holding only its header.
    if whole["commands"] == nil, whole["format"] != nil {
      let header = try TranscriptHeader(json: whole)
      return TranscriptFile(path: path, layout: .session, transcript: Transcript(header: header))
    }
    return TranscriptFile(path: path, layout: .export, transcript: try Transcript(json: whole))
  }

  /// A session file: a header line, then one `{"type":"command",…}` line per command.
  private static func parseLines(_ text: String, path: String, wholeError: JSONParseError) throws -> TranscriptFile {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = String(lines[0])
    guard !first.trimmingCharacters(in: .whitespaces).isEmpty, let headerJSON = try? JSON.parse(first) else {
      // Not line-per-record: report the document's own error.
      if !text.drop(while: { $0.isWhitespace }).hasPrefix("{") && !text.drop(while: { $0.isWhitespace }).hasPrefix("[")
      {
        throw TranscriptError("not a kubelab transcript (not JSON)")
      }
      throw TranscriptError("line \(wholeError.line): \(describe(wholeError, in: text))")
    }
    let header = try TranscriptHeader(json: headerJSON)
    var commands: [TranscriptCommand] = []
    var warning: String? = nil
    let lastNonEmpty = lines.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0
    for index in 1..<lines.count {
      let raw = lines[index]
      let lineNumber = index + 1
      guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      let record: JSON
      do {
        record = try JSON.parse(String(raw))
      } catch let e as JSONParseError {
        if index == lastNonEmpty {
          warning =
            "line \(lineNumber) is incomplete (\(describe(e, in: String(raw)))): the session was cut off; kept the \(commands.count) complete commands before it"
          break
        }
        throw TranscriptError("line \(lineNumber): \(describe(e, in: String(raw)))")
      }
      let context = "line \(lineNumber)"
      guard let type = record["type"] else { throw TranscriptError("\(context): missing \"type\"") }
      switch type.stringValue {
      case "command":
        commands.append(try TranscriptCommand(json: record, context: context))
      default:
        throw TranscriptError(
          "\(context): unknown record type \(type.compactText) (expected \"command\")")
      }
    }
    return TranscriptFile(
      path: path, layout: .session, transcript: Transcript(header: header, commands: commands), warning: warning)
  }

  /// The parser's message, with every kind of cut-off text (an error at its very end) said the same way.
  static func describe(_ e: JSONParseError, in text: String) -> String {
    if e.message.hasPrefix("unexpected end of input") || e.message == "unterminated string" {
      return "unexpected end of JSON"
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while lines.count > 1, lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
    if e.line >= lines.count, e.column > lines[lines.count - 1].count { return "unexpected end of JSON" }
    return e.message
  }
}
