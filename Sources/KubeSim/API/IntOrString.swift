// IntOrString: a field that holds either a number or a string (ports, maxSurge "25%").

/// Kubernetes' `intstr.IntOrString`.
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible {
  case int(Int)
  case string(String)

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .int(0)
    } else if let i = try? c.decode(Int.self) {
      self = .int(i)
    } else {
      self = .string(try c.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .int(let i): try c.encode(i)
    case .string(let s): try c.encode(s)
    }
  }

  public var description: String {
    switch self {
    case .int(let i): return String(i)
    case .string(let s): return s
    }
  }

  /// Resolves a number or a percentage of `total`, rounding up or down as upstream's
  /// `GetScaledValueFromIntOrPercent` does. Returns nil for a malformed value.
  public func scaledValue(total: Int, roundUp: Bool) -> Int? {
    switch self {
    case .int(let i):
      return i
    case .string(let s):
      guard s.hasSuffix("%"), let p = Int(s.dropLast()) else { return Int(s) }
      let product = p * total
      return roundUp ? (product + 99) / 100 : product / 100
    }
  }
}
