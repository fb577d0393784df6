// IPv4: parsing addresses and CIDRs for rule matching and routing (no Foundation).

enum IPv4 {
  /// `10.96.0.10` → its 32-bit value.
  static func parse(_ text: String) -> UInt32? { parse(Substring(text)) }

  static func parse(_ text: Substring) -> UInt32? {
    var value: UInt32 = 0
    var octet: UInt32 = 0
    var digits = 0
    var dots = 0
    for b in text.utf8 {
      if b == UInt8(ascii: ".") {
        guard digits > 0, dots < 3 else { return nil }
        value = value << 8 | octet
        octet = 0
        digits = 0
        dots += 1
      } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
        octet = octet * 10 + UInt32(b - UInt8(ascii: "0"))
        digits += 1
        guard digits <= 3, octet <= 255 else { return nil }
      } else {
        return nil
      }
    }
    guard dots == 3, digits > 0 else { return nil }
    return value << 8 | octet
  }

  /// `10.244.0.0/16` → (network, prefix length); a bare address is a /32.
  static func parseCIDR(_ text: String) -> (UInt32, Int)? {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let first = parts.first, let ip = parse(first) else { return nil }
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
