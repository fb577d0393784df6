// Proxier: kube-proxy's iptables proxier — the rules it writes for each service port and the fixed
// chains around them, following upstream pkg/proxy/iptables/proxier.go syncProxyRules.

/// The rules one service port contributes: filter rules (into shared chains), its own nat chains,
/// and its nat rules (into KUBE-SERVICES / KUBE-NODEPORTS and into its own chains), in write order.
public struct ServicePortRules: Hashable, Sendable {
  public var filterRules: [IPTablesRule] = []
  public var natChains: [String] = []
  public var natRules: [IPTablesRule] = []
}

/// What the iptables proxier writes, as pure functions of its inputs.
public enum Proxier {
  /// `largeClusterEndpointsThreshold`: above this many endpoints comments are dropped from SEP rules.
  static let largeClusterEndpointsThreshold = 1000
  static let ctStateInvalidCounter = "ct_state_invalid_dropped_pkts"
  static let localhostNodePortCounter = "localhost_nps_accepted_pkts"

  /// Upstream `CategorizeEndpoints`: ready endpoints (falling back to serving-terminating ones when
  /// none is ready), filtered by zone hints when every ready endpoint has one for this zone.
  static func categorize(_ endpoints: [EndpointInfo], _ svc: ServicePortInfo, zone: String) -> (
    cluster: [EndpointInfo], local: [EndpointInfo], reachable: [EndpointInfo], hasAny: Bool
  ) {
    var cluster: [EndpointInfo] = []
    var local: [EndpointInfo] = []
    var hasAny = false
    var topology = false
    if svc.usesClusterEndpoints {
      let ready = endpoints.filter(\.ready)
      topology =
        !zone.isEmpty && !ready.isEmpty && ready.allSatisfy { !$0.zoneHints.isEmpty }
        && ready.contains { $0.zoneHints.contains(zone) }
      cluster = ready.filter { !topology || $0.zoneHints.contains(zone) }
      if cluster.isEmpty { cluster = endpoints.filter { $0.serving && $0.terminating } }
      hasAny = !cluster.isEmpty
    }
    guard svc.usesLocalEndpoints else { return (cluster, [], cluster, hasAny) }
    var localReady = false
    var localServingTerminating = false
    for ep in endpoints {
      if ep.ready {
        hasAny = true
        if ep.isLocal { localReady = true }
      } else if ep.serving && ep.terminating {
        hasAny = true
        if ep.isLocal { localServingTerminating = true }
      }
    }
    if localReady {
      local = endpoints.filter { $0.isLocal && $0.ready }
    } else if localServingTerminating {
      local = endpoints.filter { $0.isLocal && $0.serving && $0.terminating }
    }
    guard svc.usesClusterEndpoints else { return (cluster, local, local, hasAny) }
    if !topology && !localServingTerminating { return (cluster, local, cluster, hasAny) }
    var merged: [String: EndpointInfo] = [:]
    for ep in cluster + local { merged[ep.string] = ep }
    return (cluster, local, merged.keys.sorted(by: GoFormat.less).map { merged[$0]! }, hasAny)
  }

  /// The rules of one service port on node `nodeName` (the body of upstream's per-service loop).
  public static func rules(
    for svc: ServicePortInfo, endpoints all: [EndpointInfo], config: KubeProxyConfiguration, nodeIP: String,
    zone: String = "", largeCluster: Bool = false
  ) -> ServicePortRules {
    var out = ServicePortRules()
    let proto = svc.proto
    let name = svc.name
    let (clusterEndpoints, localEndpoints, reachable, hasEndpoints) = categorize(all, svc, zone: zone)
    let clusterPolicyChain = svc.clusterPolicyChain
    let usesClusterPolicyChain = !clusterEndpoints.isEmpty && svc.usesClusterEndpoints
    let localPolicyChain = svc.localPolicyChain
    let usesLocalPolicyChain = !localEndpoints.isEmpty && svc.usesLocalEndpoints

    var internalTrafficChain = clusterPolicyChain
    var hasInternalEndpoints = hasEndpoints
    if svc.internalPolicyLocal {
      internalTrafficChain = localPolicyChain
      if localEndpoints.isEmpty { hasInternalEndpoints = false }
    }
    var externalPolicyChain = clusterPolicyChain
    var hasExternalEndpoints = hasEndpoints
    if svc.externalPolicyLocal {
      externalPolicyChain = localPolicyChain
      if localEndpoints.isEmpty { hasExternalEndpoints = false }
    }
    let externalTrafficChain = svc.externalChain
    let usesExternalTrafficChain = hasEndpoints && svc.externallyAccessible
    let fwChain = svc.firewallChain
    let usesFWChain = hasEndpoints && !svc.loadBalancerVIPs.isEmpty && !svc.loadBalancerSourceRanges.isEmpty
    let loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain

    var internalFilter: IPTablesRule.Target = .accept
    var internalFilterComment = ""
    var externalFilter: IPTablesRule.Target = .accept
    var externalFilterComment = ""
    if !hasEndpoints {
      internalFilter = .reject
      internalFilterComment = "\(name) has no endpoints"
      externalFilter = .reject
      externalFilterComment = internalFilterComment
    } else {
      if !hasInternalEndpoints {
        internalFilter = .drop
        internalFilterComment = "\(name) has no local endpoints"
      }
      if !hasExternalEndpoints {
        externalFilter = .drop
        externalFilterComment = "\(name) has no local endpoints"
      }
    }

    func nat(_ chain: String, _ parts: [IPTablesRule.Part], _ target: IPTablesRule.Target) {
      out.natRules.append(IPTablesRule(chain, parts, target))
    }
    func filter(_ chain: String, _ parts: [IPTablesRule.Part], _ target: IPTablesRule.Target) {
      out.filterRules.append(IPTablesRule(chain, parts, target))
    }
    func dest(_ ip: String, _ port: Int) -> [IPTablesRule.Part] {
      [.protoMatch(proto), .proto(proto), .destination(ip, negated: false), .dport(port)]
    }

    // Capture the clusterIP.
    if hasInternalEndpoints {
      nat(
        ChainNames.services, [.comment("\(name) cluster IP")] + dest(svc.clusterIP, svc.port),
        .jump(internalTrafficChain))
    } else {
      filter(ChainNames.services, [.comment(internalFilterComment)] + dest(svc.clusterIP, svc.port), internalFilter)
    }
    // Capture externalIPs.
    for externalIP in svc.externalIPs {
      if hasEndpoints {
        nat(
          ChainNames.services, [.comment("\(name) external IP")] + dest(externalIP, svc.port),
          .jump(externalTrafficChain))
      }
      if !hasExternalEndpoints {
        filter(
          ChainNames.externalServices, [.comment(externalFilterComment)] + dest(externalIP, svc.port), externalFilter)
      }
    }
    // Capture load-balancer ingress.
    for lbip in svc.loadBalancerVIPs {
      if hasEndpoints {
        nat(
          ChainNames.services, [.comment("\(name) loadbalancer IP")] + dest(lbip, svc.port),
          .jump(loadBalancerTrafficChain))
      }
      if usesFWChain {
        filter(
          ChainNames.proxyFirewall, [.comment("\(name) traffic not accepted by \(fwChain)")] + dest(lbip, svc.port),
          .drop)
      }
    }
    if !hasExternalEndpoints {
      for lbip in svc.loadBalancerVIPs {
        filter(
          ChainNames.externalServices, [.comment(externalFilterComment)] + dest(lbip, svc.port), externalFilter)
      }
    }
    // Capture nodeports.
    if svc.nodePort != 0 {
      if hasEndpoints {
        if config.localhostNodePorts && config.nfacct {
          nat(
            ChainNames.nodePorts,
            [
              .comment(name), .protoMatch(proto), .proto(proto), .destination("127.0.0.0/8", negated: false),
              .dport(svc.nodePort), .nfacct(localhostNodePortCounter),
            ], .jump(externalTrafficChain))
        }
        nat(
          ChainNames.nodePorts, [.comment(name), .protoMatch(proto), .proto(proto), .dport(svc.nodePort)],
          .jump(externalTrafficChain))
      }
      if !hasExternalEndpoints {
        filter(
          ChainNames.externalServices,
          [
            .comment(externalFilterComment), .addrType("LOCAL", src: false), .protoMatch(proto), .proto(proto),
            .dport(svc.nodePort),
          ], externalFilter)
      }
    }
    // Capture healthCheckNodePorts.
    if svc.healthCheckNodePort != 0 {
      filter(
        ChainNames.nodePorts,
        [
          .comment("\(name) health check node port"), .protoMatch("tcp"), .proto("tcp"),
          .dport(svc.healthCheckNodePort),
        ],
        .accept)
    }

    // Internal traffic: masquerade what comes from outside the cluster network.
    if hasInternalEndpoints {
      let args: [IPTablesRule.Part] = [.comment("\(name) cluster IP")] + dest(svc.clusterIP, svc.port)
      if config.masqueradeAll {
        nat(internalTrafficChain, args, .jump(ChainNames.markMasq))
      } else if !config.clusterCIDR.isEmpty {
        nat(internalTrafficChain, args + [.source(config.clusterCIDR, negated: true)], .jump(ChainNames.markMasq))
      }
    }
    // External traffic (NodePort, external IPs, load balancers) enters through the EXT chain.
    if usesExternalTrafficChain {
      out.natChains.append(externalTrafficChain)
      if !svc.externalPolicyLocal {
        nat(
          externalTrafficChain, [.comment("masquerade traffic for \(name) external destinations")],
          .jump(ChainNames.markMasq))
      } else {
        if !config.clusterCIDR.isEmpty {
          nat(
            externalTrafficChain,
            [.comment("pod traffic for \(name) external destinations"), .source(config.clusterCIDR, negated: false)],
            .jump(clusterPolicyChain))
        }
        nat(
          externalTrafficChain,
          [.comment("masquerade LOCAL traffic for \(name) external destinations"), .addrType("LOCAL", src: true)],
          .jump(ChainNames.markMasq))
        nat(
          externalTrafficChain,
          [.comment("route LOCAL traffic for \(name) external destinations"), .addrType("LOCAL", src: true)],
          .jump(clusterPolicyChain))
      }
      if hasExternalEndpoints { nat(externalTrafficChain, [], .jump(externalPolicyChain)) }
    }
    // The load-balancer firewall chain.
    if usesFWChain {
      out.natChains.append(fwChain)
      var allowFromNode = false
      for cidr in svc.loadBalancerSourceRanges {
        nat(fwChain, [.comment("\(name) loadbalancer IP"), .source(cidr, negated: false)], .jump(externalTrafficChain))
        if IPv4.contains(cidr, nodeIP) { allowFromNode = true }
      }
      if allowFromNode {
        for lbip in svc.loadBalancerVIPs {
          nat(
            fwChain, [.comment("\(name) loadbalancer IP"), .source(lbip, negated: false)], .jump(externalTrafficChain))
        }
      }
      nat(fwChain, [.comment("other traffic to \(name) will be dropped by KUBE-PROXY-FIREWALL")], .none)
    }
    if usesClusterPolicyChain {
      out.natChains.append(clusterPolicyChain)
      writeServiceToEndpointRules(&out, svc, clusterPolicyChain, clusterEndpoints, largeCluster: largeCluster)
    }
    if usesLocalPolicyChain {
      out.natChains.append(localPolicyChain)
      writeServiceToEndpointRules(&out, svc, localPolicyChain, localEndpoints, largeCluster: largeCluster)
    }
    // The per-endpoint chains.
    for ep in reachable {
      out.natChains.append(ep.chainName)
      let comment: [IPTablesRule.Part] = largeCluster ? [] : [.comment(name)]
      nat(ep.chainName, comment + [.source(ep.ip, negated: false)], .jump(ChainNames.markMasq))
      var parts = comment
      if svc.clientIPAffinity { parts.append(.recentSet(name: ep.chainName)) }
      nat(ep.chainName, parts + [.protoMatch(proto), .proto(proto)], .dnat(ep.string))
    }
    return out
  }

  /// Session-affinity rules, then one probabilistic rule per endpoint (the last one always matches).
  static func writeServiceToEndpointRules(
    _ out: inout ServicePortRules, _ svc: ServicePortInfo, _ chain: String, _ endpoints: [EndpointInfo],
    largeCluster: Bool
  ) {
    if svc.clientIPAffinity {
      for ep in endpoints {
        let comment: [IPTablesRule.Part] = largeCluster ? [] : [.comment("\(svc.name) -> \(ep.string)")]
        out.natRules.append(
          IPTablesRule(
            chain, comment + [.recentCheck(name: ep.chainName, seconds: svc.stickyMaxAgeSeconds)], .jump(ep.chainName)))
      }
    }
    for (i, ep) in endpoints.enumerated() {
      var parts: [IPTablesRule.Part] = largeCluster ? [] : [.comment("\(svc.name) -> \(ep.string)")]
      if i < endpoints.count - 1 { parts.append(.probability(IPTablesRule.probability(endpoints.count - i))) }
      out.natRules.append(IPTablesRule(chain, parts, .jump(ep.chainName)))
    }
  }

  // MARK: - The fixed chains

  /// Rules kube-proxy writes on every sync outside the per-service ones, by table, in write order:
  /// `head` before the services, `tail` after them.
  static func fixedRules(_ config: KubeProxyConfiguration) -> (
    filterHead: [IPTablesRule], filterTail: [IPTablesRule], natHead: [IPTablesRule], natTail: [IPTablesRule]
  ) {
    let mark = config.masqueradeMark
    var natHead = [
      IPTablesRule(ChainNames.postrouting, [.mark("\(mark)/\(mark)", negated: true)], .return),
      IPTablesRule(ChainNames.postrouting, [], .markXor(mark)),
      IPTablesRule(
        ChainNames.postrouting, [.comment("kubernetes service traffic requiring SNAT")],
        .masquerade(randomFully: config.randomFully)),
    ]
    natHead.append(IPTablesRule(ChainNames.markMasq, [], .markOr(mark)))
    var filterHead: [IPTablesRule] = []
    if config.localhostNodePorts {
      filterHead.append(
        IPTablesRule(
          ChainNames.kubeletFirewall,
          [
            .comment("block incoming localnet connections"), .destination("127.0.0.0/8", negated: false),
            .source("127.0.0.0/8", negated: true), .ctState("RELATED,ESTABLISHED,DNAT", negated: true),
          ], .drop))
    }
    var destinations: [IPTablesRule.Part] = [.addrType("LOCAL", src: false)]
    if !config.localhostNodePorts { destinations.append(.destination("127.0.0.0/8", negated: true)) }
    let natTail = [
      IPTablesRule(
        ChainNames.services,
        [.comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain")] + destinations,
        .jump(ChainNames.nodePorts))
    ]
    var invalid: [IPTablesRule.Part] = [.ctState("INVALID", negated: false)]
    if config.nfacct { invalid.append(.nfacct(ctStateInvalidCounter)) }
    let filterTail = [
      IPTablesRule(ChainNames.forward, invalid, .drop),
      IPTablesRule(
        ChainNames.forward, [.comment("kubernetes forwarding rules"), .mark("\(mark)/\(mark)", negated: false)], .accept
      ),
      IPTablesRule(
        ChainNames.forward,
        [.comment("kubernetes forwarding conntrack rule"), .ctState("RELATED,ESTABLISHED", negated: false)], .accept),
    ]
    return (filterHead, filterTail, natHead, natTail)
  }

  /// The chains kube-proxy declares on every sync, in upstream's order.
  static let filterChains = [
    ChainNames.services, ChainNames.externalServices, ChainNames.forward, ChainNames.nodePorts,
    ChainNames.proxyFirewall,
  ]
  static let natChains = [ChainNames.services, ChainNames.nodePorts, ChainNames.postrouting, ChainNames.markMasq]

  /// `iptablesJumpChains` then the kubelet's: the rules kube-proxy makes sure exist (prepending
  /// them) in the built-in chains: (table, chain jumped to, built-in chain, comment, conntrack NEW).
  static let jumpChains: [(table: String, to: String, from: String, comment: String, new: Bool)] = [
    ("filter", ChainNames.externalServices, "INPUT", "kubernetes externally-visible service portals", true),
    ("filter", ChainNames.externalServices, "FORWARD", "kubernetes externally-visible service portals", true),
    ("filter", ChainNames.nodePorts, "INPUT", "kubernetes health check service ports", false),
    ("filter", ChainNames.services, "FORWARD", "kubernetes service portals", true),
    ("filter", ChainNames.services, "OUTPUT", "kubernetes service portals", true),
    ("filter", ChainNames.forward, "FORWARD", "kubernetes forwarding rules", false),
    ("filter", ChainNames.proxyFirewall, "INPUT", "kubernetes load balancer firewall", true),
    ("filter", ChainNames.proxyFirewall, "OUTPUT", "kubernetes load balancer firewall", true),
    ("filter", ChainNames.proxyFirewall, "FORWARD", "kubernetes load balancer firewall", true),
    ("nat", ChainNames.services, "OUTPUT", "kubernetes service portals", false),
    ("nat", ChainNames.services, "PREROUTING", "kubernetes service portals", false),
    ("nat", ChainNames.postrouting, "POSTROUTING", "kubernetes postrouting rules", false),
    ("filter", ChainNames.kubeletFirewall, "INPUT", "", false),
    ("filter", ChainNames.kubeletFirewall, "OUTPUT", "", false),
  ]
}
