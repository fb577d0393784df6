// IPTables: the netfilter tables of one node as its kernel holds them — the kubelet's chains from
// boot plus what kube-proxy restores — printed the way `iptables-save` prints them.

/// One node's iptables state (mangle, filter and nat; IPv4 only).
///
/// kube-proxy's per-service rules are kept per service port and assembled into chains on demand
/// (cached), so a sync that changes one service costs that service only.
public final class IPTables {
  /// Tables in the order `iptables-save` (nf_tables backend) prints them.
  public static let tables = ["mangle", "filter", "nat"]
  /// Built-in chains of each table, in the kernel's order.
  public static let builtinChains: [String: [String]] = [
    "mangle": ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
    "filter": ["INPUT", "FORWARD", "OUTPUT"],
    "nat": ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  ]
  /// The version line iptables-save prints. Simulation: a Debian/Ubuntu node with iptables-nft.
  public static let version = "iptables-save v1.8.10 (nf_tables)"

  /// Rules of chains outside the per-service blocks, split around where the services' rules go.
  struct ChainContent {
    var head: [IPTablesRule] = []
    var tail: [IPTablesRule] = []
  }

  /// table → chain → content, for every declared chain that is not a per-service chain.
  private var fixed: [String: [String: ChainContent]] = [:]
  /// kube-proxy's per-service-port rules, by service port key.
  private var services: [String: ServicePortRules] = [:]
  private var sortedServiceKeys: [String]? = nil
  private var assembled: [String: [String: [IPTablesRule]]]? = nil
  /// Per-service rules of the shared chains, indexed for packet walks: table → chain → index.
  private var filterShared: [String: ChainIndex] = [:]
  private var natShared: [String: ChainIndex] = [:]
  /// The service port owning each per-service nat chain.
  private var owner: [String: String] = [:]

  /// `-m recent` lists: name → source IP → last seen (seconds since the epoch).
  public internal(set) var recent: [String: [String: Int64]] = [:]

  /// Whether kube-proxy has programmed this node since it booted.
  public private(set) var programmed = false

  /// A freshly booted node: built-in chains, and what the kubelet creates at start
  /// (`KUBE-IPTABLES-HINT`, `KUBE-KUBELET-CANARY`, `KUBE-FIREWALL` with its localnet rule).
  /// Simulation: no CNI plugin chains (flannel's masquerade rules) are modelled.
  public init() {
    for table in Self.tables {
      var chains: [String: ChainContent] = [:]
      for c in Self.builtinChains[table]! { chains[c] = ChainContent() }
      chains[ChainNames.kubeletCanary] = ChainContent()
      fixed[table] = chains
    }
    fixed["mangle"]![ChainNames.iptablesHint] = ChainContent()
    fixed["filter"]![ChainNames.kubeletFirewall] = ChainContent(
      head: Proxier.fixedRules(KubeProxyConfiguration()).filterHead)
    fixed["filter"]!["INPUT"]!.head.append(IPTablesRule("INPUT", [], .jump(ChainNames.kubeletFirewall)))
    fixed["filter"]!["OUTPUT"]!.head.append(IPTablesRule("OUTPUT", [], .jump(ChainNames.kubeletFirewall)))
  }

  // MARK: - What kube-proxy does

  /// kube-proxy's start-up: its canary chains, and the jump rules from the built-in chains
  /// (`EnsureRule(Prepend, …)`: a rule that already exists stays where it is).
  func ensureKubeProxyChains() {
    for table in Self.tables { declare(table, ChainNames.proxyCanary) }
    for jump in Proxier.jumpChains {
      declare(jump.table, jump.to)
      var parts: [IPTablesRule.Part] = []
      if jump.new { parts.append(.ctState("NEW", negated: false)) }
      if !jump.comment.isEmpty { parts.append(.comment(jump.comment)) }
      let rule = IPTablesRule(jump.from, parts, .jump(jump.to))
      if !fixed[jump.table]![jump.from]!.head.contains(rule) { fixed[jump.table]![jump.from]!.head.insert(rule, at: 0) }
    }
    assembled = nil
  }

  private func declare(_ table: String, _ chain: String) {
    if fixed[table]![chain] == nil { fixed[table]![chain] = ChainContent() }
  }

  /// An `iptables-restore --noflush`: the fixed chains kube-proxy declares are flushed and refilled,
  /// changed services replace their rules (nil: the service port is gone and its chains deleted).
  func restore(config: KubeProxyConfiguration, services changes: [String: ServicePortRules?]) {
    let f = Proxier.fixedRules(config)
    for c in Proxier.filterChains { fixed["filter"]![c] = ChainContent() }
    for c in Proxier.natChains { fixed["nat"]![c] = ChainContent() }
    if config.localhostNodePorts { fixed["filter"]![ChainNames.kubeletFirewall] = ChainContent() }
    for r in f.filterHead { fixed["filter"]![r.chain]!.head.append(r) }
    for r in f.filterTail { fixed["filter"]![r.chain]!.tail.append(r) }
    for r in f.natHead { fixed["nat"]![r.chain]!.head.append(r) }
    for r in f.natTail { fixed["nat"]![r.chain]!.tail.append(r) }
    for (key, rules) in changes {
      if services[key] == nil || rules == nil { sortedServiceKeys = nil }
      if let old = services[key] { unindex(key, old) }
      services[key] = rules
      if let rules { index(key, rules) }
    }
    programmed = true
    assembled = nil
  }

  /// The nat chains where services add rules next to kube-proxy's own (the others are per service).
  static let sharedNATChains: Set<String> = [ChainNames.services, ChainNames.nodePorts]

  private func index(_ key: String, _ block: ServicePortRules) {
    for (i, r) in block.filterRules.enumerated() {
      filterShared[r.chain, default: ChainIndex()].add(service: key, position: i, rule: r)
    }
    for (i, r) in block.natRules.enumerated() where Self.sharedNATChains.contains(r.chain) {
      natShared[r.chain, default: ChainIndex()].add(service: key, position: i, rule: r)
    }
    for c in block.natChains { owner[c] = key }
  }

  private func unindex(_ key: String, _ block: ServicePortRules) {
    for r in block.filterRules { filterShared[r.chain]?.remove(service: key, rule: r) }
    for r in block.natRules where Self.sharedNATChains.contains(r.chain) {
      natShared[r.chain]?.remove(service: key, rule: r)
    }
    for c in block.natChains where owner[c] == key { owner[c] = nil }
  }

  /// The rules of `chain` that could match a packet to `dst:dport`, in order — what a packet walk
  /// reads instead of the whole chain (KUBE-SERVICES holds a rule per service port).
  func walkRules(table: String, chain: String, dst: String, dport: Int) -> [IPTablesRule] {
    if table == "nat", let key = owner[chain], let block = services[key] {
      return block.natRules.filter { $0.chain == chain }
    }
    guard let content = fixed[table]?[chain] else { return [] }
    var out = content.head
    if let index = table == "nat" ? natShared[chain] : table == "filter" ? filterShared[chain] : nil {
      out += index.candidates(dst: dst, dport: dport)
    }
    return out + content.tail
  }

  /// The rules kube-proxy currently has for one service port (nil: none).
  func serviceRules(_ key: String) -> ServicePortRules? { services[key] }

  /// Service port keys kube-proxy has rules for.
  var serviceKeys: [String] {
    if let k = sortedServiceKeys { return k }
    let k = services.keys.sorted(by: GoFormat.less)
    sortedServiceKeys = k
    return k
  }

  // MARK: - Reading the tables

  /// Every chain's rules, assembled from the fixed chains and the per-service blocks.
  private func tablesAssembled() -> [String: [String: [IPTablesRule]]] {
    if let a = assembled { return a }
    var out: [String: [String: [IPTablesRule]]] = [:]
    for table in Self.tables {
      var chains: [String: [IPTablesRule]] = [:]
      for (c, content) in fixed[table]! { chains[c] = content.head }
      out[table] = chains
    }
    for key in serviceKeys {
      let block = services[key]!
      for r in block.filterRules { out["filter"]![r.chain, default: []].append(r) }
      for c in block.natChains where out["nat"]![c] == nil { out["nat"]![c] = [] }
      for r in block.natRules { out["nat"]![r.chain, default: []].append(r) }
    }
    for table in Self.tables {
      for (c, content) in fixed[table]! where !content.tail.isEmpty { out[table]![c]!.append(contentsOf: content.tail) }
    }
    assembled = out
    return out
  }

  /// The rules of `chain` in `table`, in order (empty when the chain does not exist).
  public func rules(table: String, chain: String) -> [IPTablesRule] { tablesAssembled()[table]?[chain] ?? [] }

  /// Whether `chain` exists in `table`.
  public func hasChain(table: String, chain: String) -> Bool { tablesAssembled()[table]?[chain] != nil }

  /// The chains of `table` as iptables-save lists them: built-ins first, then the others by name.
  public func chains(table: String) -> [String] {
    let builtins = Self.builtinChains[table] ?? []
    let others = (tablesAssembled()[table] ?? [:]).keys.filter { !builtins.contains($0) }.sorted(by: GoFormat.less)
    return builtins + others
  }

  /// `iptables-save [-t table]` at `time`: per table a `# Generated by` line, `*table`, chain
  /// declarations (`:KUBE-SERVICES - [0:0]`), the rules chain by chain, `COMMIT`, `# Completed on`.
  /// Simulation: packet counters are not kept; every chain shows `[0:0]`.
  public func save(at time: Time, table only: String? = nil) -> String {
    let stamp = Self.ctime(time)
    var out = ""
    for table in Self.tables where only == nil || only == table {
      out += "# Generated by \(Self.version) on \(stamp)\n*\(table)\n"
      let chains = chains(table: table)
      let builtins = Self.builtinChains[table] ?? []
      for c in chains { out += ":\(c) \(builtins.contains(c) ? "ACCEPT" : "-") [0:0]\n" }
      for c in chains {
        for r in rules(table: table, chain: c) { out += r.saveLine + "\n" }
      }
      out += "COMMIT\n# Completed on \(stamp)\n"
    }
    return out
  }

  /// What kube-proxy's last full sync handed to `iptables-restore` (the format of upstream's
  /// proxier_test.go expectations): `*filter`, its chain lines and rules, `COMMIT`, then `*nat`.
  /// Simulation: services are written in name order (upstream iterates a Go map).
  public func restoreInput(config: KubeProxyConfiguration) -> String {
    let f = Proxier.fixedRules(config)
    var filterChains = Proxier.filterChains
    if config.localhostNodePorts { filterChains.append(ChainNames.kubeletFirewall) }
    var natChains = Proxier.natChains
    var filterRules = f.filterHead
    var natRules = f.natHead
    for key in serviceKeys {
      let block = services[key]!
      filterRules += block.filterRules
      natChains += block.natChains
      natRules += block.natRules
    }
    filterRules += f.filterTail
    natRules += f.natTail
    var out = "*filter\n"
    for c in filterChains { out += ":\(c) - [0:0]\n" }
    for r in filterRules { out += r.restoreLine + "\n" }
    out += "COMMIT\n*nat\n"
    for c in natChains { out += ":\(c) - [0:0]\n" }
    for r in natRules { out += r.restoreLine + "\n" }
    return out + "COMMIT\n"
  }

  /// C's `ctime()` without the newline: `Thu Jan  1 00:00:10 2026`.
  public static func ctime(_ time: Time) -> String {
    let secs = time.seconds
    let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
    let weekday = Int(((days % 7) + 7 + 4) % 7)
    let text = Array(time.rfc3339)  // 2026-01-01T00:00:10Z
    let year = String(text[0..<4])
    let month = Int(String(text[5..<7]))!
    let day = Int(String(text[8..<10]))!
    let clock = String(text[11..<19])
    let days3 = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let dd = day < 10 ? " \(day)" : "\(day)"
    return "\(days3[weekday]) \(months[month - 1]) \(dd) \(clock) \(year)"
  }
}
