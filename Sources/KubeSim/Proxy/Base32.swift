// Base32: RFC 4648 base32 with the standard alphabet and padding (Go's base32.StdEncoding).

enum Base32 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

  /// Encodes `bytes` as Go's `base32.StdEncoding.EncodeToString` does.
  static func encode(_ bytes: [UInt8]) -> String {
    var out = ""
    var buffer: UInt64 = 0
    var bits = 0
    for byte in bytes {
      buffer = buffer << 8 | UInt64(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        out.append(alphabet[Int((buffer >> UInt64(bits)) & 0x1F)])
      }
    }
    if bits > 0 { out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 0x1F)]) }
    while out.count % 8 != 0 { out.append("=") }
    return out
  }
}
