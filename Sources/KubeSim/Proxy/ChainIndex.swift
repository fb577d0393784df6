// ChainIndex: the per-service rules of a shared chain (KUBE-SERVICES, KUBE-NODEPORTS …) indexed by
// destination address and port, so a packet's walk looks only at the rules that could match it.

/// Rules of one shared chain contributed by services, in the chain's order (service key, then
/// position in the service's block), findable by the packet's destination.
struct ChainIndex {
  struct Entry {
    let service: String
    let position: Int
    let rule: IPTablesRule
  }

  private var byDestination: [String: [Entry]] = [:]
  private var byPort: [Int: [Entry]] = [:]
  private var wild: [Entry] = []

  /// Where a rule is filed: its exact (/32) destination, else its destination port, else nowhere in particular.
  private enum Bucket {
    case destination(String), port(Int), wild
  }

  private static func bucket(_ rule: IPTablesRule) -> Bucket {
    for part in rule.parts {
      if case .destination(let a, false) = part {
        if !a.contains("/") { return .destination(a) }
        if a.hasSuffix("/32") { return .destination(String(a.dropLast(3))) }
      }
    }
    for part in rule.parts { if case .dport(let p) = part { return .port(p) } }
    return .wild
  }

  mutating func add(service: String, position: Int, rule: IPTablesRule) {
    let e = Entry(service: service, position: position, rule: rule)
    switch Self.bucket(rule) {
    case .destination(let a): byDestination[a, default: []].append(e)
    case .port(let p): byPort[p, default: []].append(e)
    case .wild: wild.append(e)
    }
  }

  mutating func remove(service: String, rule: IPTablesRule) {
    switch Self.bucket(rule) {
    case .destination(let a):
      byDestination[a]?.removeAll { $0.service == service }
      if byDestination[a]?.isEmpty == true { byDestination[a] = nil }
    case .port(let p):
      byPort[p]?.removeAll { $0.service == service }
      if byPort[p]?.isEmpty == true { byPort[p] = nil }
    case .wild: wild.removeAll { $0.service == service }
    }
  }

  /// The rules that could match a packet to `dst:dport`, in chain order.
  func candidates(dst: String, dport: Int) -> [IPTablesRule] {
    let found = (byDestination[dst] ?? []) + (byPort[dport] ?? []) + wild
    if found.count <= 1 { return found.map(\.rule) }
    return found.sorted {
      $0.service != $1.service ? GoFormat.less($0.service, $1.service) : $0.position < $1.position
    }.map(\.rule)
  }
}
