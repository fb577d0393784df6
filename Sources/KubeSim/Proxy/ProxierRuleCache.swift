// ProxierRuleCache: per-service-port rules computed once and shared by every node's kube-proxy
// whose inputs are the same, so that a change costs one computation, not one per node.

/// Simulation: upstream each kube-proxy computes its own rules. The result depends only on the
/// inputs (the Service, its EndpointSlices at given resourceVersions, the configuration and — for
/// Local policies, topology hints and source ranges — the node), so nodes with equal inputs share it.
final class ProxierRuleCache {
  private var rules: [String: (signature: String, rules: ServicePortRules)] = [:]
  private var endpointChains: [String: String] = [:]

  /// `KUBE-SEP-…` for a service port name, protocol and `ip:port`, hashed once.
  func endpointChain(_ servicePortName: String, _ proto: String, _ endpoint: String) -> String {
    let key = servicePortName + "\u{0}" + proto + "\u{0}" + endpoint
    if let name = endpointChains[key] { return name }
    if endpointChains.count > 500_000 { endpointChains.removeAll(keepingCapacity: true) }
    let name = ChainNames.endpoint(servicePortName, proto, endpoint)
    endpointChains[key] = name
    return name
  }

  /// The cached rules for `key` when they were computed from the same `signature`, else `compute()`.
  func rules(key: String, signature: String, compute: () -> ServicePortRules) -> ServicePortRules {
    if let entry = rules[key], entry.signature == signature { return entry.rules }
    let r = compute()
    rules[key] = (signature, r)
    return r
  }

  /// Forgets a service port's rules (it was deleted).
  func forget(_ key: String) { rules[key] = nil }
}
