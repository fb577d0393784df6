// HumanDuration: apimachinery's duration.HumanDuration and ShortHumanDuration — the AGE column.
import KubeSim

enum HumanDuration {
  /// `5s`, `3m20s`, `45m`, `5h30m`, `23h`, `3d4h`, `200d`, `2y10d`.
  static func format(seconds: Int64) -> String {
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 10 {
      let s = seconds % 60
      return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
    }
    if minutes < 180 { return "\(minutes)m" }
    let hours = seconds / 3600
    if hours < 8 {
      let m = minutes % 60
      return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
    }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 {
      let h = hours % 24
      return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
    }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    if hours < 24 * 365 * 8 {
      let dy = (hours / 24) % 365
      return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
    }
    return "\(hours / 24 / 365)y"
  }

  /// `ShortHumanDuration`: one unit only (`5s`, `3m`, `5h`, `3d`, `2y`).
  static func short(seconds: Int64) -> String {
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 60 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 60 { return "\(minutes)m" }
    let hours = minutes / 60
    if hours < 24 { return "\(hours)h" }
    if hours < 24 * 365 { return "\(hours / 24)d" }
    return "\(hours / 24 / 365)y"
  }

  /// printers.go `translateTimestampSince`: `<unknown>` for a missing time.
  static func since(_ t: Time?, now: Time) -> String {
    guard let t, t.microseconds != 0 else { return "<unknown>" }
    return format(seconds: secondsBetween(t, now))
  }

  /// Whole seconds from `t` to `now`, truncated toward zero as Go's Duration.Seconds → int does.
  static func secondsBetween(_ t: Time, _ now: Time) -> Int64 { (now.microseconds - t.microseconds) / 1_000_000 }
}
