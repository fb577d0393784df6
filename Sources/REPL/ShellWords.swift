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

  /// Quotes a word so `split` gives it back (for echoing commands in transcripts).
  public static func quote(_ word: String) -> String {
    if word.isEmpty { return "''" }
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
    if safe { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
