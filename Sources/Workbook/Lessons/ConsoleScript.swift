// ConsoleScript: console commands written as text — one per line, `#` comments, and heredocs
// (`kubectl apply -f - <<EOF` … `EOF`), read the way the batch runner reads a script.
import Foundation

public enum ConsoleScript {
  public struct ParseError: Error, Sendable, CustomStringConvertible {
    /// 0-based line of the script where the problem starts.
    public var line: Int
    public var description: String
  }

  /// Splits `text` into commands. `firstLine` is the file line of the text's first line.
  public static func parse(_ text: String, firstLine: Int = 1) throws -> [ConsoleCommand] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var commands: [ConsoleCommand] = []
    var i = 0
    while i < lines.count {
      let start = i
      let line = lines[i].trimmingCharacters(in: .whitespaces)
      i += 1
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let h = heredoc(line) else {
        commands.append(ConsoleCommand(line: line, sourceLine: firstLine + start))
        continue
      }
      var body: [String] = []
      var closed = false
      while i < lines.count {
        let l = lines[i]
        i += 1
        let candidate = h.stripTabs ? String(l.drop { $0 == "\t" }) : l
        if candidate == h.delimiter {
          closed = true
          break
        }
        body.append(candidate)
      }
      guard closed else {
        throw ParseError(line: start, description: "here-document is not closed by \(h.delimiter)")
      }
      commands.append(
        ConsoleCommand(line: h.command, input: body.joined(separator: "\n") + "\n", sourceLine: firstLine + start))
    }
    return commands
  }

  /// The heredoc of `cmd <<EOF` (also `<<'EOF'`, `<<"EOF"`, `<<-EOF`), as the console reads it.
  static func heredoc(_ line: String) -> (command: String, delimiter: String, stripTabs: Bool)? {
    guard let r = line.range(of: "<<", options: .backwards) else { return nil }
    var rest = line[r.upperBound...]
    var stripTabs = false
    if rest.hasPrefix("-") {
      stripTabs = true
      rest = rest.dropFirst()
    }
    var word = rest.trimmingCharacters(in: .whitespaces)
    if word.count >= 2, (word.hasPrefix("'") && word.hasSuffix("'")) || (word.hasPrefix("\"") && word.hasSuffix("\"")) {
      word = String(word.dropFirst().dropLast())
    }
    guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
    return (String(line[..<r.lowerBound]).trimmingCharacters(in: .whitespaces), word, stripTabs)
  }
}
