// Time: metav1.Time and metav1.MicroTime, on the simulated clock.

/// A point in simulated time, kept in microseconds since the Unix epoch.
/// Encodes as RFC 3339 in UTC (`2026-01-01T00:00:05Z`); `MicroTime` fields print microseconds.
public struct Time: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var microseconds: Int64

  public init(microseconds: Int64) { self.microseconds = microseconds }
  public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }

  public var seconds: Int64 { microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000 }

  public static func < (a: Time, b: Time) -> Bool { a.microseconds < b.microseconds }

  public func adding(seconds s: Int64) -> Time { Time(microseconds: microseconds + s * 1_000_000) }

  /// Seconds from `self` to `later` (negative if `later` is earlier).
  public func seconds(until later: Time) -> Int64 { (later.microseconds - microseconds) / 1_000_000 }

  /// `2026-01-01T00:00:05Z`
  public var rfc3339: String { Self.format(microseconds: microseconds, fraction: false) }
  /// `2026-01-01T00:00:05.000000Z`
  public var rfc3339Micro: String { Self.format(microseconds: microseconds, fraction: true) }

  public var description: String { rfc3339 }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self.init(microseconds: 0)
      return
    }
    let s = try c.decode(String.self)
    guard let t = Time.parse(s) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "expected an RFC 3339 time such as 2026-01-01T00:00:00Z, got \"\(s)\"")
    }
    self = t
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rfc3339)
  }

  // MARK: - Calendar arithmetic (proleptic Gregorian, UTC), no Foundation needed.

  static func format(microseconds: Int64, fraction: Bool) -> String {
    let secs = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
    let micros = microseconds - secs * 1_000_000
    var days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
    let rem = secs - days * 86_400
    let (y, m, d) = civil(fromDays: &days)
    func pad(_ v: Int64, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    var out =
      "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))"
    if fraction { out += "." + pad(micros, 6) }
    return out + "Z"
  }

  private static func civil(fromDays days: inout Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
  public static func parse(_ text: String) -> Time? {
    let b = Array(text.utf8)
    func num(_ from: Int, _ len: Int) -> Int64? {
      guard from + len <= b.count else { return nil }
      var v: Int64 = 0
      for i in from..<(from + len) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int64(b[i] - 48)
      }
      return v
    }
    guard b.count >= 20, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
      b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58, let mi = num(14, 2), b[16] == 58,
      let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var i = 19
    var micros: Int64 = 0
    if i < b.count, b[i] == 46 {
      i += 1
      var digits = 0
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        if digits < 6 { micros = micros * 10 + Int64(b[i] - 48) }
        digits += 1
        i += 1
      }
      guard digits > 0 else { return nil }
      if digits < 6 { for _ in digits..<6 { micros *= 10 } }
    }
    var offset: Int64 = 0
    guard i < b.count else { return nil }
    if b[i] == 90 || b[i] == 122 {
      i += 1
    } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), b.count > i + 3, b[i + 3] == 58, let om = num(i + 4, 2)
    {
      offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
      i += 6
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let secs = days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
    return Time(microseconds: secs * 1_000_000 + micros)
  }
}

/// metav1.MicroTime: the same instant, printed with microseconds (Lease renewTime, Event eventTime).
public struct MicroTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var time: Time
  public init(_ time: Time) { self.time = time }
  public static func < (a: MicroTime, b: MicroTime) -> Bool { a.time < b.time }
  public var description: String { time.rfc3339Micro }
  public init(from decoder: any Decoder) throws { time = try Time(from: decoder) }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(time.rfc3339Micro)
  }
}
