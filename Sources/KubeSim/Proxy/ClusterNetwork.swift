// ClusterNetwork: the cluster's data plane — DNS through CoreDNS, and connections that go through
// the source node's kube-proxy rules (and the target node's, for a NodePort) to a pod's container.

/// The pod network (a flat layer-3 network: each node routes its pod CIDR, as flannel does) with
/// kube-proxy's iptables rules on every node.
///
/// A request from a pod:
/// 1. DNS when the host is a name: resolv.conf's search path, the query to the kube-dns ClusterIP
///    (itself DNATed by kube-proxy's rules to a CoreDNS pod), CoreDNS's answer;
/// 2. the source node's `nat` table (PREROUTING for a pod, OUTPUT for the node itself): KUBE-SERVICES →
///    KUBE-SVC (a `-m statistic` draw) → KUBE-SEP → DNAT to `podIP:port`;
/// 3. the `filter` table (REJECT for a service without endpoints), POSTROUTING (masquerade when marked);
/// 4. routing: the node whose pod CIDR holds the address, or the node whose IP it is (where its own
///    `nat` table runs: NodePorts); anything else goes nowhere;
/// 5. the container on that address answers (`serve`).
public final class ClusterNetwork: PodNetwork {
  /// One node on the network.
  public struct Host {
    public let name: String
    public let internalIP: String
    public let podCIDR: String
    public let proxy: KubeProxy
    public internal(set) var endpoints: any PodEndpointHost
  }

  public private(set) var hosts: [Host] = []
  /// Routing tables: node InternalIP → host, and pod CIDR (by prefix length, then network) → host.
  private var byNodeIP: [String: Int] = [:]
  private var byName: [String: Int] = [:]
  private var byPodCIDR: [Int: [UInt32: Int]] = [:]
  let dns: CoreDNS
  let context: SimContext
  /// Shared by the nodes' kube-proxies (see ProxierRuleCache).
  let ruleCache = ProxierRuleCache()
  /// The kube-dns Service's ClusterIP (kubelet `clusterDNS`).
  public var clusterDNS = "10.96.0.10"
  public var clusterDomain = "cluster.local"
  /// The nameserver of the nodes' own resolv.conf (`dnsPolicy: Default`).
  /// Simulation: it has no upstream, so it knows no names.
  public var nodeNameserver = "192.168.56.1"

  public init(dns: CoreDNS, context: SimContext) {
    self.dns = dns
    self.context = context
  }

  /// Puts a node on the network with its container runtime answering on its pod IPs.
  public func attach(node config: NodeConfig, proxy: KubeProxy, runtime: ContainerRuntime) {
    attach(node: config, proxy: proxy, endpoints: RuntimeEndpoints(runtime))
  }

  /// Puts a node on the network: its pod CIDR is routed to it and its kube-proxy's rules apply.
  public func attach(node config: NodeConfig, proxy: KubeProxy, endpoints: any PodEndpointHost) {
    proxy.ruleCache = ruleCache
    proxy.nodeIP = config.internalIP
    byNodeIP[config.internalIP] = hosts.count
    byName[config.name] = hosts.count
    if let (net, len) = IPv4.parseCIDR(config.podCIDR) { byPodCIDR[len, default: [:]][net] = hosts.count }
    hosts.append(
      Host(
        name: config.name, internalIP: config.internalIP, podCIDR: config.podCIDR, proxy: proxy, endpoints: endpoints))
  }

  /// Replaces what answers on a node's pod IPs (tests use a fake runtime).
  public func setEndpoints(_ endpoints: any PodEndpointHost, forNode name: String) {
    guard let i = byName[name] else { return }
    hosts[i].endpoints = endpoints
  }

  private func host(_ name: String) -> Host? { byName[name].map { hosts[$0] } }

  /// The node whose pod CIDR holds `ip`.
  private func podCIDROwner(_ ip: String) -> Host? {
    guard let a = IPv4.parse(ip) else { return nil }
    for len in byPodCIDR.keys.sorted(by: >) {
      if let i = byPodCIDR[len]![a & IPv4.mask(len)] { return hosts[i] }
    }
    return nil
  }

  // MARK: - DNS

  /// The resolv.conf a source uses: cluster DNS for `ClusterFirst` pods, the node's otherwise
  /// (`Default`, a hostNetwork pod with `ClusterFirst`, or the node itself).
  public func resolvConf(for source: NetworkSource) -> ResolvConf {
    let onHost = source.namespace.isEmpty || host(source.node)?.internalIP == source.ip
    let cluster =
      source.dnsPolicy == "ClusterFirstWithHostNet" || (source.dnsPolicy == "ClusterFirst" && !onHost)
      || (source.dnsPolicy.isEmpty && !onHost)
    if cluster && !source.namespace.isEmpty {
      return ResolvConf.clusterFirst(namespace: source.namespace, nameserver: clusterDNS, domain: clusterDomain)
    }
    return ResolvConf(nameservers: [nodeNameserver])
  }

  /// Looks `name` up as the source's stub resolver would, hop by hop.
  public func resolve(_ name: String, type: String = "A", from source: NetworkSource) -> DNSResolution {
    var qtype = type.uppercased()
    var query = name
    if IPv4.parse(name) != nil && (qtype == "A" || qtype == "PTR") {
      query = NSLookup.reverseName(name) + "."
      qtype = "PTR"
    }
    let conf = resolvConf(for: source)
    let server = conf.nameservers.first ?? clusterDNS
    var r = DNSResolution(query: name, type: qtype, resolvConf: conf, server: server, fqdn: name)
    r.hops.append(
      NetworkHop(
        kind: "dns",
        text: "resolv.conf: nameserver \(server)"
          + (conf.searches.isEmpty ? "" : ", search \(conf.searches.joined(separator: " ")), ndots:\(conf.ndots)")))
    guard server == clusterDNS else {
      // Simulation: the node's upstream resolver has no internet behind it.
      r.message = DNSMessage(question: name, type: qtype, rcode: .nxDomain)
      r.hops.append(NetworkHop(kind: "dns", text: "\(server): no upstream DNS in the simulation → NXDOMAIN"))
      return r
    }
    var hops: [NetworkHop] = []
    switch connect(to: server, port: 53, proto: "udp", from: source, display: server, hops: &hops) {
    case .failure(let failure):
      r.hops += hops
      switch failure {
      case .refused: r.failure = "connection refused"
      default: r.failure = "timed out"
      }
      r.hops.append(NetworkHop(kind: "dns", text: "no answer from \(server)#53: \(r.failure!)"))
      return r
    case .success(let connection):
      r.hops += hops
      r.answeredBy = connection.ip
      var nodata: DNSMessage? = nil
      var last: DNSMessage? = nil
      for candidate in conf.candidates(for: query) {
        let m = dns.resolve(candidate, type: qtype)
        let summary =
          m.rcode != .noError
          ? m.rcode.rawValue : m.answers.isEmpty ? "no \(qtype) record" : m.answers.map(\.data).joined(separator: ", ")
        r.hops.append(
          NetworkHop(kind: "dns", text: "coredns \(connection.ip): \(candidate) \(qtype) → \(summary)"))
        last = m
        r.fqdn = candidate
        if m.rcode == .noError && !m.answers.isEmpty {
          r.message = m
          return r
        }
        if m.rcode == .noError && nodata == nil { nodata = m }
        if m.rcode == .servFail { break }
      }
      if let nodata {
        r.message = nodata
        r.fqdn = nodata.question
      } else {
        r.message = last
      }
      return r
    }
  }

  /// PodNetwork: a lookup through CoreDNS with the source's search path.
  public func lookup(_ name: String, type: String, from source: NetworkSource) -> (
    answer: DNSAnswer, hops: [NetworkHop]
  ) {
    let r = resolve(name, type: type, from: source)
    return (r.answer, r.hops)
  }

  // MARK: - Requests

  /// A connection that reached a pod (or a node's own address).
  struct Connection {
    var ip: String
    var port: Int
    var host: Host
    /// The source address the server sees (after masquerading).
    var source: String
  }

  /// PodNetwork: `curl URL` from the source.
  public func httpGet(_ url: String, from source: NetworkSource) -> NetworkTrace { request(url, from: source).trace }

  /// An HTTP GET with the reason it failed, if it did (the trace's `error` is `failure.reason`;
  /// `failure.curl` is curl's line, `failure.wget` busybox wget's).
  public func request(_ url: String, headers: [String: String] = [:], from source: NetworkSource) -> (
    trace: NetworkTrace, failure: NetworkFailure?
  ) {
    let target = Self.parseURL(url)
    var trace = NetworkTrace()
    func fail(_ f: NetworkFailure) -> (NetworkTrace, NetworkFailure?) {
      trace.error = f.reason
      return (trace, f)
    }
    guard let ip = address(of: target.host, from: source, hops: &trace.hops) else {
      return fail(.unresolved(host: target.host))
    }
    trace.address = ip
    switch connect(to: ip, port: target.port, proto: "tcp", from: source, display: target.host, hops: &trace.hops) {
    case .failure(let f): return fail(f)
    case .success(let c):
      var h = headers
      h["Host"] = target.port == 80 || target.port == 443 ? target.host : "\(target.host):\(target.port)"
      if let response = c.host.endpoints.serve(
        ip: c.ip, port: c.port, path: target.path, headers: h, client: c.source)
      {
        trace.hops.append(
          NetworkHop(
            kind: "container",
            text: "\(c.ip):\(c.port) on \(c.host.name) answered GET \(target.path): \(response.status)"))
        trace.response = response
        return (trace, nil)
      }
      if c.host.endpoints.listens(ip: c.ip, port: c.port) {
        trace.hops.append(
          NetworkHop(kind: "container", text: "\(c.ip):\(c.port) on \(c.host.name) closed the connection"))
        return fail(.emptyReply(host: target.host, ip: ip, port: target.port))
      }
      trace.hops.append(
        NetworkHop(kind: "container", text: "nothing listens on \(c.ip):\(c.port) (\(c.host.name)): RST"))
      // The client reports the address it dialed, not where kube-proxy's DNAT sent it.
      return fail(.refused(host: target.host, ip: ip, port: target.port, ms: 0))
    }
  }

  /// PodNetwork: a TCP connection attempt (tcpSocket probes, `nc -z`); `error` nil means connected.
  public func tcpConnect(host name: String, port: Int, from source: NetworkSource) -> NetworkTrace {
    connectTCP(host: name, port: port, from: source).trace
  }

  /// A TCP connection attempt with the reason it failed (`failure.dial` is Go's
  /// `dial tcp 10.244.1.5:80: connect: connection refused`, as kubelet probes report it).
  public func connectTCP(host name: String, port: Int, from source: NetworkSource) -> (
    trace: NetworkTrace, failure: NetworkFailure?
  ) {
    var trace = NetworkTrace()
    guard let ip = address(of: name, from: source, hops: &trace.hops) else {
      let f = NetworkFailure.unresolved(host: name)
      trace.error = f.reason
      return (trace, f)
    }
    trace.address = ip
    switch connect(to: ip, port: port, proto: "tcp", from: source, display: name, hops: &trace.hops) {
    case .failure(let f):
      trace.error = f.reason
      return (trace, f)
    case .success(let c):
      if c.host.endpoints.listens(ip: c.ip, port: c.port) {
        trace.hops.append(
          NetworkHop(kind: "container", text: "\(c.ip):\(c.port) on \(c.host.name) accepted the connection"))
      } else {
        trace.hops.append(
          NetworkHop(kind: "container", text: "nothing listens on \(c.ip):\(c.port) (\(c.host.name)): RST"))
        let f = NetworkFailure.refused(host: name, ip: ip, port: port, ms: 0)
        trace.error = f.reason
        return (trace, f)
      }
    }
    return (trace, nil)
  }

  /// The address to connect to: the host itself when it is an IP, else the first A record.
  private func address(of name: String, from source: NetworkSource, hops: inout [NetworkHop]) -> String? {
    if IPv4.parse(name) != nil { return name }
    if name == "localhost" { return "127.0.0.1" }
    let r = resolve(name, type: "A", from: source)
    hops += r.hops
    return r.addresses.first
  }

  /// Follows a new connection from the source to the pod (or node address) that accepts it.
  func connect(
    to ip: String, port: Int, proto: String, from source: NetworkSource, display: String, hops: inout [NetworkHop]
  ) -> Result<Connection, NetworkFailure> {
    guard var node = host(source.node) else {
      return .failure(.timedOut(host: display, ip: ip, port: port, ms: Self.connectTimeoutMS))
    }
    var fromHost = source.ip == node.internalIP || source.namespace.isEmpty
    if !fromHost && IPv4.contains("127.0.0.0/8", ip) {
      // A pod's own loopback: its network namespace, not the node's.
      return .success(Connection(ip: source.ip, port: port, host: node, source: source.ip))
    }
    var packet = Packet(src: source.ip, dst: ip, dport: port, proto: proto)
    for _ in 0..<4 {
      let isLocal: (String) -> Bool = { [node] a in a == node.internalIP || IPv4.contains("127.0.0.0/8", a) }
      let tables = node.proxy.iptables
      let now = context.now.seconds
      let hook = fromHost ? "OUTPUT" : "PREROUTING"
      hops.append(
        NetworkHop(
          kind: "node", text: "\(node.name): \(packet.src) → \(packet.dst):\(packet.dport)/\(proto) (nat \(hook))"))
      // 1. nat: the service rules.
      var matched: [IPTablesRule] = []
      let before = packet.dst
      _ = tables.traverse(
        table: "nat", hook: hook, packet: &packet, isLocal: isLocal, now: now, rng: &context.rng, matched: &matched)
      if packet.dst != before || packet.dnat {
        hops += matched.map { NetworkHop(kind: "iptables", text: $0.saveLine) }
      } else if tables.programmed {
        hops.append(
          NetworkHop(
            kind: "iptables", text: "no rule in nat KUBE-SERVICES matches \(packet.dst):\(packet.dport)/\(proto)"))
      }
      // 2. filter: REJECT/DROP for services without (local) endpoints.
      let local = isLocal(packet.dst)
      let filterHook = fromHost ? "OUTPUT" : local ? "INPUT" : "FORWARD"
      var filtered: [IPTablesRule] = []
      let verdict = tables.traverse(
        table: "filter", hook: filterHook, packet: &packet, isLocal: isLocal, now: now, rng: &context.rng,
        matched: &filtered)
      switch verdict {
      case .accept: break
      case .reject:
        hops += filtered.map { NetworkHop(kind: "iptables", text: $0.saveLine) }
        return .failure(.refused(host: display, ip: ip, port: port, ms: 0))
      case .drop:
        hops += filtered.map { NetworkHop(kind: "iptables", text: $0.saveLine) }
        return .failure(.timedOut(host: display, ip: ip, port: port, ms: Self.connectTimeoutMS))
      }
      // 3. Delivery to this node's own address.
      if local {
        return .success(Connection(ip: node.internalIP, port: packet.dport, host: node, source: packet.src))
      }
      // 4. POSTROUTING: masquerade what kube-proxy marked.
      var post: [IPTablesRule] = []
      _ = tables.traverse(
        table: "nat", hook: "POSTROUTING", packet: &packet, isLocal: isLocal, now: now, rng: &context.rng,
        matched: &post)
      if packet.masqueraded {
        hops += post.filter { if case .masquerade = $0.target { return true } else { return false } }.map {
          NetworkHop(kind: "iptables", text: $0.saveLine)
        }
        packet.src = node.internalIP
        packet.masqueraded = false
        packet.mark = 0
      }
      // 5. Routing.
      if let owner = podCIDROwner(packet.dst) {
        hops.append(NetworkHop(kind: "route", text: "\(packet.dst) is in \(owner.name)'s pod CIDR \(owner.podCIDR)"))
        guard owner.endpoints.podIPs.contains(packet.dst) else {
          hops.append(NetworkHop(kind: "route", text: "no pod has \(packet.dst) on \(owner.name): no ARP reply"))
          return .failure(.noRoute(host: display, ip: ip, port: port, ms: Self.noRouteMS))
        }
        return .success(Connection(ip: packet.dst, port: packet.dport, host: owner, source: packet.src))
      }
      if let i = byNodeIP[packet.dst] {
        let next = hosts[i]
        hops.append(NetworkHop(kind: "route", text: "\(packet.dst) is node \(next.name)"))
        node = next
        fromHost = false
        packet.dnat = false
        continue
      }
      hops.append(NetworkHop(kind: "route", text: "nothing routes \(packet.dst): the packets are lost"))
      return .failure(.timedOut(host: display, ip: ip, port: port, ms: Self.connectTimeoutMS))
    }
    return .failure(.timedOut(host: display, ip: ip, port: port, ms: Self.connectTimeoutMS))
  }

  /// How long curl waits for a lost SYN: Linux gives up after 6 retries (~130 s).
  static let connectTimeoutMS = 130_000
  /// How long ARP takes to give up (3 probes).
  static let noRouteMS = 3_070

  /// `http://web.default:8080/path?q` → host `web.default`, port 8080, path `/path?q`.
  static func parseURL(_ url: String) -> (scheme: String, host: String, port: Int, path: String) {
    var rest = Substring(url)
    var scheme = "http"
    if let r = rest.range(of: "://") {
      scheme = rest[..<r.lowerBound].lowercased()
      rest = rest[r.upperBound...]
    }
    let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    var authority = rest[..<slash]
    var path = String(rest[slash...])
    if path.isEmpty { path = "/" } else if path.hasPrefix("?") { path = "/" + path }
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    var host = String(authority)
    var port = scheme == "https" ? 443 : 80
    if let colon = authority.lastIndex(of: ":"), let p = Int(authority[authority.index(after: colon)...]) {
      host = String(authority[..<colon])
      port = p
    }
    return (scheme, host.lowercased(), port, path)
  }
}
