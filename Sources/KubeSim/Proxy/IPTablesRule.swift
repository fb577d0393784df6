// IPTablesRule: one netfilter rule as kube-proxy writes it (iptables-restore input) and as
// iptables-save prints it back from the kernel (addresses with /32, IP header fields first,
// `--set-xmark` marks, `--probability` rounded to the kernel's 31-bit fraction).

/// One rule of a chain. `parts` keep the order kube-proxy wrote the arguments in.
public struct IPTablesRule: Hashable, Sendable {
  /// One argument group of a rule.
  public enum Part: Hashable, Sendable {
    /// `-m comment --comment TEXT`.
    case comment(String)
    /// `-m tcp` / `-m udp` (the protocol's match module; carries `--dport` in the kernel).
    case protoMatch(String)
    /// `-p tcp`.
    case proto(String)
    /// `[!] -s ADDR[/LEN]`.
    case source(String, negated: Bool)
    /// `[!] -d ADDR[/LEN]`.
    case destination(String, negated: Bool)
    /// `--dport N` (belongs to the protocol match).
    case dport(Int)
    /// `-m addrtype --dst-type LOCAL` (`src: true` for `--src-type`).
    case addrType(String, src: Bool)
    /// `-m statistic --mode random --probability P` with P as kube-proxy printed it (`%0.10f`).
    case probability(String)
    /// `-m recent --name NAME --rcheck --seconds N --reap`.
    case recentCheck(name: String, seconds: Int)
    /// `-m recent --name NAME --set`.
    case recentSet(name: String)
    /// `-m mark [!] --mark VALUE/MASK`.
    case mark(String, negated: Bool)
    /// `-m conntrack [!] --ctstate STATES`.
    case ctState(String, negated: Bool)
    /// `-m nfacct --nfacct-name NAME`.
    case nfacct(String)
  }

  /// What a matching rule does.
  public enum Target: Hashable, Sendable {
    /// Jump to a user chain.
    case jump(String)
    case accept, drop, reject, `return`
    /// `-j DNAT --to-destination IP:PORT`.
    case dnat(String)
    /// `-j MARK --or-mark V` (saved as `--set-xmark V/V`).
    case markOr(String)
    /// `-j MARK --xor-mark V` (saved as `--set-xmark V/0x0`).
    case markXor(String)
    /// `-j MASQUERADE [--random-fully]`.
    case masquerade(randomFully: Bool)
    /// A rule without `-j` (it only counts packets).
    case none
  }

  public var chain: String
  public var parts: [Part]
  public var target: Target

  public init(_ chain: String, _ parts: [Part], _ target: Target) {
    self.chain = chain
    self.parts = parts
    self.target = target
  }

  // MARK: - iptables-restore input (what kube-proxy writes)

  /// The line kube-proxy hands to iptables-restore: `-A KUBE-SVC-… -m comment --comment "…" … -j …`.
  public var restoreLine: String {
    var words = ["-A", chain]
    for part in parts {
      switch part {
      case .comment(let text): words += ["-m", "comment", "--comment", Self.restoreQuoted(text)]
      case .protoMatch(let p): words += ["-m", p]
      case .proto(let p): words += ["-p", p]
      case .source(let a, let neg): words += (neg ? ["!"] : []) + ["-s", a]
      case .destination(let a, let neg): words += (neg ? ["!"] : []) + ["-d", a]
      case .dport(let port): words += ["--dport", String(port)]
      case .addrType(let type, let src): words += ["-m", "addrtype", src ? "--src-type" : "--dst-type", type]
      case .probability(let p): words += ["-m", "statistic", "--mode", "random", "--probability", p]
      case .recentCheck(let name, let seconds):
        words += ["-m", "recent", "--name", name, "--rcheck", "--seconds", String(seconds), "--reap"]
      case .recentSet(let name): words += ["-m", "recent", "--name", name, "--set"]
      case .mark(let m, let neg): words += ["-m", "mark"] + (neg ? ["!"] : []) + ["--mark", m]
      case .ctState(let s, let neg): words += ["-m", "conntrack"] + (neg ? ["!"] : []) + ["--ctstate", s]
      case .nfacct(let name): words += ["-m", "nfacct", "--nfacct-name", name]
      }
    }
    switch target {
    case .jump(let c): words += ["-j", c]
    case .accept: words += ["-j", "ACCEPT"]
    case .drop: words += ["-j", "DROP"]
    case .reject: words += ["-j", "REJECT"]
    case .return: words += ["-j", "RETURN"]
    case .dnat(let d): words += ["-j", "DNAT", "--to-destination", d]
    case .markOr(let v): words += ["-j", "MARK", "--or-mark", v]
    case .markXor(let v): words += ["-j", "MARK", "--xor-mark", v]
    case .masquerade(let random): words += ["-j", "MASQUERADE"] + (random ? ["--random-fully"] : [])
    case .none: break
    }
    return words.joined(separator: " ")
  }

  /// kube-proxy writes `"…"` around comments with spaces and leaves the others bare.
  private static func restoreQuoted(_ text: String) -> String { text.contains(" ") ? "\"\(text)\"" : text }

  // MARK: - iptables-save output (what the kernel gives back)

  /// The line `iptables-save` prints: `[!] -s`, `[!] -d`, `-p` first, then the match modules in the
  /// order they were given (with their options), then the target with the options the kernel keeps.
  public var saveLine: String {
    var header: [String] = []
    var matches: [String] = []
    var dport: Int? = nil
    for case .dport(let p) in parts { dport = p }
    for part in parts {
      if case .source(let a, let neg) = part { header += (neg ? ["!"] : []) + ["-s", Self.cidr(a)] }
    }
    for part in parts {
      if case .destination(let a, let neg) = part { header += (neg ? ["!"] : []) + ["-d", Self.cidr(a)] }
    }
    for part in parts {
      if case .proto(let p) = part { header += ["-p", p] }
    }
    for part in parts {
      switch part {
      case .comment(let text): matches += ["-m", "comment", "--comment", Self.saveString(text)]
      case .protoMatch(let p):
        matches += ["-m", p]
        if let dport { matches += ["--dport", String(dport)] }
      case .addrType(let type, let src): matches += ["-m", "addrtype", src ? "--src-type" : "--dst-type", type]
      case .probability(let p):
        matches += ["-m", "statistic", "--mode", "random", "--probability", Self.savedProbability(p)]
      case .recentCheck(let name, let seconds):
        matches += [
          "-m", "recent", "--rcheck", "--seconds", String(seconds), "--reap", "--name", name, "--mask",
          "255.255.255.255", "--rsource",
        ]
      case .recentSet(let name):
        matches += ["-m", "recent", "--set", "--name", name, "--mask", "255.255.255.255", "--rsource"]
      case .mark(let m, let neg):
        let normalized = m.split(separator: "/").map { Self.hex(String($0)) }.joined(separator: "/")
        matches += ["-m", "mark"] + (neg ? ["!"] : []) + ["--mark", normalized]
      case .ctState(let s, let neg): matches += ["-m", "conntrack"] + (neg ? ["!"] : []) + ["--ctstate", s]
      // libxt_nfacct prints `--nfacct-name ` and then the saved string with its own leading space.
      case .nfacct(let name): matches += ["-m", "nfacct", "--nfacct-name", " " + name]
      case .source, .destination, .proto, .dport: break
      }
    }
    var words = ["-A", chain] + header + matches
    switch target {
    case .jump(let c): words += ["-j", c]
    case .accept: words += ["-j", "ACCEPT"]
    case .drop: words += ["-j", "DROP"]
    case .reject: words += ["-j", "REJECT", "--reject-with", "icmp-port-unreachable"]
    case .return: words += ["-j", "RETURN"]
    case .dnat(let d): words += ["-j", "DNAT", "--to-destination", d]
    case .markOr(let v): words += ["-j", "MARK", "--set-xmark", "\(Self.hex(v))/\(Self.hex(v))"]
    case .markXor(let v): words += ["-j", "MARK", "--set-xmark", "\(Self.hex(v))/0x0"]
    case .masquerade(let random): words += ["-j", "MASQUERADE"] + (random ? ["--random-fully"] : [])
    case .none: break
    }
    return words.joined(separator: " ")
  }

  /// The kernel keeps marks as numbers: `0x00004000` prints back as `0x4000`.
  static func hex(_ text: String) -> String {
    let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
    guard let v = UInt32(digits, radix: 16) else { return text }
    return "0x" + String(v, radix: 16)
  }

  /// The kernel keeps addresses with their prefix length: `10.96.0.10` → `10.96.0.10/32`.
  static func cidr(_ address: String) -> String { address.contains("/") ? address : address + "/32" }

  /// `xtables_save_string`: bare when only `[A-Za-z0-9_-]`, otherwise double-quoted with `"` and `\` escaped.
  static func saveString(_ text: String) -> String {
    let bare =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
      }
    if bare { return text }
    var out = "\""
    for ch in text {
      if ch == "\"" || ch == "\\" || ch == "'" { out.append("\\") }
      out.append(ch)
    }
    return out + "\""
  }

  // MARK: - Probabilities

  /// Go's `fmt.Sprintf("%0.10f", 1.0/float64(n))`, computed exactly (round half to even).
  public static func probability(_ n: Int) -> String {
    precondition(n > 0)
    let scale: UInt64 = 10_000_000_000
    var digits = scale / UInt64(n)
    let remainder = scale % UInt64(n)
    if remainder * 2 > UInt64(n) || (remainder * 2 == UInt64(n) && digits % 2 == 1) { digits += 1 }
    return fixed(digits, decimals: 10)
  }

  /// The kernel stores `lround(p × 2³¹)` (xt_statistic); this is that integer.
  public static func kernelProbability(_ text: String) -> UInt32 {
    let value = parseDecimal(text)
    return UInt32(min(0x8000_0000, (value * 2_147_483_648.0).rounded(.toNearestOrAwayFromZero)))
  }

  /// What iptables-save prints for a stored probability: `%.11f` of `stored / 2³¹`
  /// (`0.3333333333` → `0.33333333349`, `0.5000000000` → `0.50000000000`).
  public static func savedProbability(_ text: String) -> String {
    let stored = UInt64(kernelProbability(text))
    let denominator: UInt64 = 0x8000_0000
    var integer = stored / denominator
    var remainder = stored % denominator
    var digits: [UInt64] = []
    for _ in 0..<11 {
      remainder *= 10
      digits.append(remainder / denominator)
      remainder %= denominator
    }
    // Round the exact binary value to 11 places, half to even, as glibc's printf does.
    let roundUp = remainder * 2 > denominator || (remainder * 2 == denominator && (digits.last ?? 0) % 2 == 1)
    if roundUp {
      var i = digits.count - 1
      while i >= 0 {
        digits[i] += 1
        if digits[i] < 10 { break }
        digits[i] = 0
        i -= 1
      }
      if i < 0 { integer += 1 }
    }
    return "\(integer)." + digits.map(String.init).joined()
  }

  private static func fixed(_ scaled: UInt64, decimals: Int) -> String {
    var p: UInt64 = 1
    for _ in 0..<decimals { p *= 10 }
    let frac = String(scaled % p)
    return "\(scaled / p)." + String(repeating: "0", count: decimals - frac.count) + frac
  }

  private static func parseDecimal(_ text: String) -> Double { Double(text) ?? 0 }

}
