// TEMPORARY: a rough stand-in for the arithmetic the real Quantity (branch `quantity`) provides,
// so PodRequests and QoS compile and test before that branch is merged. Delete when merging it.

extension Quantity {
  public static let zero = Quantity("0")

  /// Rough milli-units: enough for tests with m, k/M/G, Ki/Mi/Gi suffixes and plain decimals.
  var tempMilli: Int64 {
    let suffixes: [(String, Double)] = [
      ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("m", 0.001),
      ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ]
    for (s, mult) in suffixes where text.hasSuffix(s) {
      return Int64(((Double(text.dropLast(s.count)) ?? 0) * mult * 1000).rounded(.up))
    }
    return Int64(((Double(text) ?? 0) * 1000).rounded(.up))
  }

  public var isZero: Bool { tempMilli == 0 }
  public var sign: Int { tempMilli == 0 ? 0 : (tempMilli < 0 ? -1 : 1) }
  public func compare(_ other: Quantity) -> Int {
    tempMilli == other.tempMilli ? 0 : (tempMilli < other.tempMilli ? -1 : 1)
  }
  public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
    let m = lhs.tempMilli + rhs.tempMilli
    return Quantity(m % 1000 == 0 ? String(m / 1000) : "\(m)m")
  }
  public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }
}
