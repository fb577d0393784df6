// PrefixWriter: describe.go's writer — text indented two spaces per level, aligned by a tabwriter
// (minwidth 0, padding 2) that `Flush` cuts into separately aligned blocks.
import KubeSim

final class PrefixWriter {
  private var done = ""
  private var pending = ""

  /// Writes `text` indented by `level` (0, 1, 2, 3 → 0, 2, 4, 6 spaces).
  func write(_ level: Int, _ text: String) {
    pending += String(repeating: "  ", count: level) + text
  }

  /// Writes `text` and a newline.
  func line(_ text: String) { pending += text + "\n" }

  /// Aligns what was written so far on its own (describe flushes before the Events table).
  func flush() {
    done += TabWriter.describe.format(pending)
    pending = ""
  }

  var text: String {
    flush()
    return done
  }
}

extension Time {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Go's RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:05 +0000`.
  var rfc1123Z: String {
    let s = rfc3339  // 2026-01-01T00:00:05Z
    let parts = Array(s)
    let year = String(parts[0..<4])
    let month = Int(String(parts[5..<7])) ?? 1
    let day = String(parts[8..<10])
    let clock = String(parts[11..<19])
    let secs = seconds
    let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
    let weekday = Int(((days % 7) + 7 + 4) % 7)
    return "\(Time.weekdays[weekday]), \(day) \(Time.months[month - 1]) \(year) \(clock) +0000"
  }
}
