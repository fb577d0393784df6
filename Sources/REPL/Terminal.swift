// Terminal: what the console knows about where it prints — is it a terminal, how wide, may it colour.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum Terminal {
  public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
  public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
  public static var colorAllowed: Bool {
    if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
    if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
    return stdoutIsTerminal
  }

  public static var width: Int {
    var w = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return Int(w.ws_col) }
    if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 0 { return n }
    return 80
  }
}

/// Lays words out in columns, as shells list completions.
enum Columns {
  static func layout(_ words: [String], width: Int) -> String {
    guard let longest = words.map(\.count).max() else { return "" }
    let colWidth = longest + 2
    let perRow = max(1, width / colWidth)
    let rows = (words.count + perRow - 1) / perRow
    var lines: [String] = []
    for r in 0..<rows {
      var line = ""
      for c in 0..<perRow {
        let i = c * rows + r
        guard i < words.count else { continue }
        let w = words[i]
        line += (c == perRow - 1 || i + rows >= words.count) ? w : w + String(repeating: " ", count: colWidth - w.count)
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
