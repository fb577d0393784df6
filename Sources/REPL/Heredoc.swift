// Heredoc: `kubectl apply -f - <<EOF` … `EOF` — a manifest given inline, as in a shell.

import Foundation

enum Heredoc {
  /// Splits `cmd <<EOF` into the command and the delimiter (`<<'EOF'`, `<<"EOF"`, `<<-EOF` too).
  static func split(_ line: String) -> (command: String, delimiter: String, stripTabs: Bool)? {
    guard let r = line.range(of: "<<", options: .backwards) else { return nil }
    var rest = line[r.upperBound...]
    var stripTabs = false
    if rest.hasPrefix("-") {
      stripTabs = true
      rest = rest.dropFirst()
    }
    var word = rest.trimmingCharacters(in: .whitespaces)
    if (word.hasPrefix("'") && word.hasSuffix("'")) || (word.hasPrefix("\"") && word.hasSuffix("\"")), word.count >= 2 {
      word = String(word.dropFirst().dropLast())
    }
    guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
    let command = String(line[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
    return (command, word, stripTabs)
  }

  /// Whether `line` ends the heredoc.
  static func ends(_ line: String, delimiter: String, stripTabs: Bool) -> Bool {
    var l = Substring(line)
    if stripTabs { l = l.drop { $0 == "\t" } }
    return l == delimiter
  }
}
