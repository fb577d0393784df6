// Netfilter: walks a packet through one node's iptables chains as the kernel does — rule by rule,
// jumping into chains, drawing `-m statistic` with the cluster's RNG, keeping `-m recent` lists.

/// The connection being traced: addresses, the masquerade mark, and whether it was DNATed.
struct Packet {
  var src: String
  var dst: String
  var dport: Int
  var proto: String
  var mark: UInt32 = 0
  var dnat = false
  var masqueraded = false
}

/// How a walk through a table's chain ended.
enum NetfilterVerdict {
  case accept, drop, reject
}

extension IPTables {
  /// Runs `packet` through `table`'s built-in chain `hook` (PREROUTING, OUTPUT, FORWARD …).
  /// `matched` receives every rule that matched, as iptables-save prints it.
  /// - Parameter isLocal: whether an address is one of this node's own (`addrtype LOCAL`).
  func traverse(
    table: String, hook: String, packet: inout Packet, isLocal: (String) -> Bool, now: Int64,
    rng: inout SeededRandom, matched: inout [IPTablesRule]
  ) -> NetfilterVerdict {
    switch walk(table, hook, &packet, isLocal, now, &rng, &matched, depth: 0) {
    case .some(let verdict): return verdict
    case .none: return .accept  // the built-in chain's policy
    }
  }

  /// nil: the chain ran out (or RETURNed) without a verdict.
  private func walk(
    _ table: String, _ chain: String, _ packet: inout Packet, _ isLocal: (String) -> Bool, _ now: Int64,
    _ rng: inout SeededRandom, _ matched: inout [IPTablesRule], depth: Int
  ) -> NetfilterVerdict? {
    guard depth < 16 else { return .drop }
    for rule in walkRules(table: table, chain: chain, dst: packet.dst, dport: packet.dport) {
      guard matches(rule, &packet, isLocal, now, &rng) else { continue }
      matched.append(rule)
      switch rule.target {
      case .jump(let next):
        if let verdict = walk(table, next, &packet, isLocal, now, &rng, &matched, depth: depth + 1) { return verdict }
      case .return: return nil
      case .accept: return .accept
      case .drop: return .drop
      case .reject: return .reject
      case .dnat(let destination):
        let parts = destination.split(separator: ":")
        packet.dst = String(parts[0])
        if parts.count > 1, let p = Int(parts[1]) { packet.dport = p }
        packet.dnat = true
        return .accept
      case .markOr(let v): packet.mark |= Self.markValue(v)
      case .markXor(let v): packet.mark ^= Self.markValue(v)
      case .masquerade:
        packet.masqueraded = true
        return .accept
      case .none: break
      }
    }
    return nil
  }

  private func matches(
    _ rule: IPTablesRule, _ packet: inout Packet, _ isLocal: (String) -> Bool, _ now: Int64,
    _ rng: inout SeededRandom
  ) -> Bool {
    for part in rule.parts {
      switch part {
      case .comment, .nfacct: continue
      case .protoMatch(let p), .proto(let p): if packet.proto != p { return false }
      case .source(let cidr, let neg): if IPv4.contains(cidr, packet.src) == neg { return false }
      case .destination(let cidr, let neg): if IPv4.contains(cidr, packet.dst) == neg { return false }
      case .dport(let port): if packet.dport != port { return false }
      case .addrType(let type, let src):
        guard type == "LOCAL" else { return false }
        if !isLocal(src ? packet.src : packet.dst) { return false }
      case .probability(let p):
        // xt_statistic: match when a random 31-bit number is below the stored probability.
        let draw = UInt32(truncatingIfNeeded: rng.next()) & 0x7FFF_FFFF
        if draw >= IPTablesRule.kernelProbability(p) { return false }
      case .recentCheck(let name, let seconds):
        var list = recent[name] ?? [:]
        list = list.filter { now - $0.value <= Int64(seconds) }  // --reap
        recent[name] = list
        if list[packet.src] == nil { return false }
      case .recentSet(let name): recent[name, default: [:]][packet.src] = now
      case .mark(let spec, let neg):
        let p = spec.split(separator: "/").map { Self.markValue(String($0)) }
        let mask = p.count > 1 ? p[1] : UInt32.max
        if (packet.mark & mask == p[0]) == neg { return false }
      case .ctState(let states, let neg):
        var mine: Set<String> = ["NEW"]
        if packet.dnat { mine.insert("DNAT") }
        let hit = states.split(separator: ",").contains { mine.contains(String($0)) }
        if hit == neg { return false }
      }
    }
    return true
  }

  static func markValue(_ text: String) -> UInt32 {
    UInt32(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16) ?? 0
  }
}
