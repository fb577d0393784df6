// ServicePortInfo: what kube-proxy keeps of one port of one Service (upstream BaseServicePortInfo
// plus the iptables proxier's precomputed chain names).

/// One proxied service port: `ns/svc:port` with its protocol, addresses and policies.
public struct ServicePortInfo: Hashable, Sendable {
  /// `ns/svc:port`, or `ns/svc` for an unnamed port (upstream `ServicePortName.String()`).
  public var name: String
  /// `ns/svc`.
  public var serviceKey: String
  /// The port's name (`""` when unnamed).
  public var portName: String
  /// `TCP`, `UDP` or `SCTP`.
  public var protocolName: String
  public var clusterIP: String
  public var port: Int
  public var nodePort: Int
  public var externalIPs: [String]
  public var loadBalancerVIPs: [String]
  public var loadBalancerSourceRanges: [String]
  public var healthCheckNodePort: Int
  /// `sessionAffinity: ClientIP`.
  public var clientIPAffinity: Bool
  public var stickyMaxAgeSeconds: Int
  public var externalPolicyLocal: Bool
  public var internalPolicyLocal: Bool

  /// `tcp`, `udp`, `sctp`: the spelling used in rules and chain hashes.
  public var proto: String { protocolName.lowercased() }

  public var clusterPolicyChain: String { ChainNames.clusterPolicy(name, proto) }
  public var localPolicyChain: String { ChainNames.localPolicy(name, proto) }
  public var firewallChain: String { ChainNames.firewall(name, proto) }
  public var externalChain: String { ChainNames.external(name, proto) }

  /// Reachable from outside the cluster network: a NodePort, a load-balancer VIP or an external IP.
  public var externallyAccessible: Bool { nodePort != 0 || !loadBalancerVIPs.isEmpty || !externalIPs.isEmpty }
  public var usesClusterEndpoints: Bool { !internalPolicyLocal || (externallyAccessible && !externalPolicyLocal) }
  public var usesLocalEndpoints: Bool { internalPolicyLocal || (externallyAccessible && externalPolicyLocal) }

  /// The proxied ports of a Service; none for headless and ExternalName services (no cluster IP),
  /// as upstream's `ServiceChangeTracker` skips them.
  public static func ports(of svc: Service) -> [ServicePortInfo] {
    let ip = svc.spec.clusterIP
    guard !ip.isEmpty, ip != ServiceSpec.clusterIPNone, IPv4.parse(ip) != nil else { return [] }
    let key = "\(svc.metadata.namespace)/\(svc.metadata.name)"
    let type = svc.spec.type.isEmpty ? ServiceType.clusterIP : svc.spec.type
    let lbVIPs = svc.status.loadBalancer.ingress.compactMap { $0.ip.isEmpty || $0.ipMode == "Proxy" ? nil : $0.ip }
    let ranges = svc.spec.loadBalancerSourceRanges.map { $0.trimmingSpaces }.filter { IPv4.parseCIDR($0) != nil }
    let affinity = svc.spec.sessionAffinity == ServiceAffinity.clientIP
    let timeout = Int(
      svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? ServiceAffinity.defaultClientIPTimeoutSeconds)
    return svc.spec.ports.map { p in
      let proto = p.protocol.isEmpty ? "TCP" : p.protocol
      var info = ServicePortInfo(
        name: p.name.isEmpty ? key : "\(key):\(p.name)", serviceKey: key, portName: p.name, protocolName: proto,
        clusterIP: ip, port: Int(p.port),
        nodePort: type == ServiceType.nodePort || type == ServiceType.loadBalancer ? Int(p.nodePort ?? 0) : 0,
        externalIPs: svc.spec.externalIPs.filter { IPv4.parse($0) != nil },
        loadBalancerVIPs: type == ServiceType.loadBalancer ? lbVIPs : [],
        loadBalancerSourceRanges: type == ServiceType.loadBalancer ? ranges : [],
        healthCheckNodePort: 0, clientIPAffinity: affinity, stickyMaxAgeSeconds: affinity ? timeout : 0,
        externalPolicyLocal: false, internalPolicyLocal: svc.spec.internalTrafficPolicy == ServiceTrafficPolicy.local)
      info.externalPolicyLocal =
        info.externallyAccessible && svc.spec.externalTrafficPolicy == ServiceTrafficPolicy.local
      if type == ServiceType.loadBalancer && info.externalPolicyLocal {
        info.healthCheckNodePort = Int(svc.spec.healthCheckNodePort ?? 0)
      }
      return info
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs (upstream trims source ranges).
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
