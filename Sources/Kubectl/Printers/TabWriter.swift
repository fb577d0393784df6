// TabWriter: Go's text/tabwriter (as vendored by liggitt/tabwriter for kubectl): cells end at a
// tab, a column block is a run of lines that have a cell in that column, and every cell in a
// block is padded to the widest cell plus `padding` (at least `minWidth`).

/// Aligns tab-separated text the way kubectl's printers do.
public struct TabWriter: Sendable {
  public var minWidth: Int
  public var padding: Int

  public init(minWidth: Int, padding: Int) {
    self.minWidth = minWidth
    self.padding = padding
  }

  /// cli-runtime's `printers.GetNewTabWriter`: minwidth 6, tabwidth 4, padding 3.
  static let table = TabWriter(minWidth: 6, padding: 3)
  /// kubectl describe's writer: minwidth 0, tabwidth 8, padding 2.
  static let describe = TabWriter(minWidth: 0, padding: 2)

  /// Formats `text` (lines ending in `\n`, cells ending in `\t`).
  public func format(_ text: String) -> String {
    var lines: [[String]] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    // A final newline leaves an empty last line, which is not a line of its own.
    let endsWithNewline = text.hasSuffix("\n")
    if endsWithNewline { lines.removeLast() }
    var out = ""
    var widths: [Int] = []
    formatBlock(lines, 0, lines.count, &widths, &out)
    if !endsWithNewline && out.hasSuffix("\n") { out.removeLast() }
    return out
  }

  private func width(_ s: String) -> Int { s.unicodeScalars.count }

  private func formatBlock(
    _ lines: [[String]], _ line0In: Int, _ line1: Int, _ widths: inout [Int], _ out: inout String
  ) {
    var line0 = line0In
    let column = widths.count
    var this = line0
    while this < line1 {
      if column >= lines[this].count - 1 {
        this += 1
        continue
      }
      writeLines(lines, line0, this, widths, &out)
      line0 = this
      var w = minWidth
      while this < line1 {
        let line = lines[this]
        if column >= line.count - 1 { break }
        w = max(w, width(line[column]) + padding)
        this += 1
      }
      widths.append(w)
      formatBlock(lines, line0, this, &widths, &out)
      widths.removeLast()
      line0 = this
    }
    writeLines(lines, line0, line1, widths, &out)
  }

  private func writeLines(_ lines: [[String]], _ from: Int, _ to: Int, _ widths: [Int], _ out: inout String) {
    guard from < to else { return }
    for i in from..<to {
      let line = lines[i]
      for (j, cell) in line.enumerated() {
        out += cell
        if j < widths.count { out += String(repeating: " ", count: max(0, widths[j] - width(cell))) }
      }
      out += "\n"
    }
  }
}
