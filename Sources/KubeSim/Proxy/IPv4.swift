// IPv4: parsing addresses and CIDRs for rule matching and routing (no Foundation).

enum IPv4 {
  /// `10.96.0.10` → its 32-bit value.
  static func parse(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for p in parts {
      guard !p.isEmpty, p.count <= 3, let n = UInt32(p), n <= 255 else { return nil }
      value = value << 8 | n
    }
    return value
  }

  /// `10.244.0.0/16` → (network, prefix length); a bare address is a /32.
  static func parseCIDR(_ text: String) -> (UInt32, Int)? {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let first = parts.first, let ip = parse(String(first)) else { return nil }
    guard parts.count == 2 else { return (ip, 32) }
    guard let len = Int(parts[1]), (0...32).contains(len) else { return nil }
    return (ip & mask(len), len)
  }

  static func mask(_ len: Int) -> UInt32 { len == 0 ? 0 : UInt32.max << UInt32(32 - len) }

  /// Whether `address` lies in `cidr` (`10.244.1.5` in `10.244.0.0/16`).
  static func contains(_ cidr: String, _ address: String) -> Bool {
    guard let (net, len) = parseCIDR(cidr), let ip = parse(address) else { return false }
    return ip & mask(len) == net
  }

  static func format(_ value: UInt32) -> String {
    "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
  }
}
