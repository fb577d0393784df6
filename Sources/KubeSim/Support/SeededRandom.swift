// SeededRandom: the cluster's one source of randomness (SplitMix64), so a seed replays exactly.

public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A random integer in 0..<n.
  public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

  /// A version 4 UUID, as the apiserver gives objects (`4f2a…-…`).
  public mutating func uuid() -> String {
    let a = next()
    let b = next()
    let hex = "0123456789abcdef".map { $0 }
    var chars: [Character] = []
    for i in 0..<16 { chars.append(hex[Int((a >> (UInt64(i) * 4)) & 0xF)]) }
    for i in 0..<16 { chars.append(hex[Int((b >> (UInt64(i) * 4)) & 0xF)]) }
    chars[12] = "4"
    chars[16] = hex[8 + Int((b >> 2) & 0x3)]
    let s = String(chars)
    func part(_ from: Int, _ len: Int) -> Substring {
      let st = s.index(s.startIndex, offsetBy: from)
      return s[st..<s.index(st, offsetBy: len)]
    }
    return "\(part(0, 8))-\(part(8, 4))-\(part(12, 4))-\(part(16, 4))-\(part(20, 12))"
  }

  /// `count` characters from Kubernetes' random-string alphabet (no vowels): `x2x9k`.
  public mutating func kubernetesSuffix(_ count: Int = 5) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    return String((0..<count).map { _ in alphabet[int(alphabet.count)] })
  }

  /// A hex string of `count` characters (container and image ids).
  public mutating func hex(_ count: Int) -> String {
    var s = ""
    while s.count < count {
      let v = next()
      for i in 0..<16 where s.count < count {
        s.append(
          "0123456789abcdef"[String.Index(utf16Offset: Int((v >> (UInt64(i) * 4)) & 0xF), in: "0123456789abcdef")])
      }
    }
    return s
  }
}
