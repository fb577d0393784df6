// ShellWords: splits a command line into words as a POSIX shell would (quotes, backslashes),
// so `kubectl exec web -- sh -c "echo hi; sleep 1"` arrives as kubectl expects.

public enum ShellWords {
  public struct SyntaxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  public static func split(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character? = nil
    var escape = false
    for c in line {
      if escape {
        current.append(c)
        escape = false
        inWord = true
        continue
      }
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\" && q == "\"" {
          escape = true
        } else {
          current.append(c)
        }
        continue
      }
      switch c {
      case "\\":
        escape = true
      case "'", "\"":
        quote = c
        inWord = true
      case " ", "\t":
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
      default:
        current.append(c)
        inWord = true
      }
    }
    if let q = quote { throw SyntaxError(message: "unterminated \(q == "'" ? "single" : "double") quote") }
    if escape { current.append("\\") }
    if inWord { words.append(current) }
    return words
  }

  /// Splits a line at every `|` outside quotes: `kubectl get pods | grep web` → two command lines.
  /// A line without such a `|` comes back as it is, alone.
  public static func pipeline(_ line: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var quote: Character? = nil
    var escape = false
    for c in line {
      if escape {
        escape = false
      } else if let q = quote {
        if c == q { quote = nil } else if c == "\\" && q == "\"" { escape = true }
      } else if c == "\\" {
        escape = true
      } else if c == "'" || c == "\"" {
        quote = c
      } else if c == "|" {
        parts.append(current)
        current = ""
        continue
      }
      current.append(c)
    }
    parts.append(current)
    return parts
  }

  /// Quotes a word so `split` gives it back (for echoing commands in transcripts).
  public static func quote(_ word: String) -> String {
    if word.isEmpty { return "''" }
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
    if safe { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
