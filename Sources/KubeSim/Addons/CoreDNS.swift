// CoreDNS: the cluster DNS addon (the `kubernetes` plugin with `pods insecure`) — it watches Services
// and EndpointSlices and answers names under cluster.local from its informer caches.

/// The DNS server behind the `kube-dns` Service.
///
/// Names it answers (zone `cluster.local`, TTL 30):
/// - `svc.ns.svc.cluster.local` A → the ClusterIP; headless → the ready endpoint IPs (all of them
///   with `publishNotReadyAddresses`); ExternalName → CNAME.
/// - `_port._proto.svc.ns.svc.cluster.local` SRV for named ports (per endpoint when headless).
/// - `hostname.svc.ns.svc.cluster.local` A for headless endpoints (their hostname, else the dashed IP).
/// - `a-b-c-d.ns.pod.cluster.local` A (`pods insecure`: not checked against pods).
/// - PTR for ClusterIPs and headless endpoint IPs.
/// Everything else is NXDOMAIN. Simulation: no upstream resolver (`forward . /etc/resolv.conf`
/// has no internet to reach), and no `loadbalance` shuffling: records come in a stable order.
public final class CoreDNS {
  let client: APIClient
  let context: SimContext
  public let zone = "cluster.local"
  /// `ttl 30` in kubeadm's Corefile.
  public static let ttl = 30

  private var services: Informer<Service>?
  private var slices: Informer<EndpointSlice>?

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  /// LIST and WATCH Services and EndpointSlices.
  public func start() {
    guard services == nil else { return }
    let s = Informer<Service>(client: client)
    let e = Informer<EndpointSlice>(client: client)
    e.addIndex("service") { slice in
      guard let svc = slice.metadata.labels?[EndpointSliceLabel.serviceName] else { return [] }
      return ["\(slice.metadata.namespace)/\(svc)"]
    }
    s.addIndex("clusterIP") { svc in svc.spec.clusterIPs.isEmpty ? [svc.spec.clusterIP] : svc.spec.clusterIPs }
    services = s
    slices = e
    s.start()
    e.start()
  }

  public func stop() {
    services?.stop()
    slices?.stop()
    services = nil
    slices = nil
  }

  /// The `run` phase. CoreDNS answers straight from its informer caches, which the `dispatch`
  /// phase keeps current, so there is nothing to rebuild here.
  public func sync() {}

  /// Whether the `kubernetes` plugin has synced (before that CoreDNS answers SERVFAIL).
  public var ready: Bool { (services?.hasSynced ?? false) && (slices?.hasSynced ?? false) }

  // MARK: - Answering

  /// Answers one query for a fully qualified name (no search path: that is the client's job).
  public func resolve(_ name: String, type: String = "A") -> DNSMessage {
    let qname = Self.normalize(name)
    let qtype = type.uppercased()
    func message(_ rcode: DNSRcode, _ answers: [DNSRecord] = []) -> DNSMessage {
      DNSMessage(question: qname, type: qtype, rcode: rcode, answers: answers)
    }
    guard ready, let services, let slices else { return message(.servFail) }
    if qname.hasSuffix(".in-addr.arpa") { return reverse(qname, qtype) }
    guard qname.hasSuffix("." + zone) else { return message(.nxDomain) }
    let labels = qname.dropLast(zone.count + 1).split(separator: ".", omittingEmptySubsequences: false).map(
      String.init)
    guard let kind = labels.last else { return message(.nxDomain) }

    if kind == "pod", labels.count == 3 {
      // a-b-c-d.ns.pod.cluster.local
      let ip = labels[0].replacingDashes
      guard IPv4.parse(ip) != nil else { return message(.nxDomain) }
      return message(.noError, qtype == "A" || qtype == "ANY" ? [record(qname, "A", ip)] : [])
    }
    guard kind == "svc", labels.count >= 3 else { return message(.nxDomain) }
    let ns = labels[labels.count - 2]
    let svcName = labels[labels.count - 3]
    guard let svc = services.get(namespace: ns, name: svcName) else { return message(.nxDomain) }
    let serviceFQDN = "\(svcName).\(ns).svc.\(zone)"
    let endpoints = readyEndpoints(of: svc, slices: slices.byIndex("service", "\(ns)/\(svcName)"))

    switch labels.count {
    case 3:
      if svc.spec.type == ServiceType.externalName {
        // The CNAME, and what it points to when that is a name CoreDNS itself serves.
        let target = Self.normalize(svc.spec.externalName)
        var answers = [record(qname, "CNAME", Self.absolute(svc.spec.externalName))]
        if target.hasSuffix("." + zone) && target != qname && qtype != "CNAME" {
          answers += resolve(target, type: qtype).answers
        }
        return message(.noError, answers)
      }
      if svc.isHeadless {
        guard !endpoints.isEmpty else { return message(.nxDomain) }
        switch qtype {
        case "A", "ANY":
          let ips = Array(Set(endpoints.map(\.ip))).sorted(by: Self.ipLess)
          return message(.noError, ips.map { record(qname, "A", $0) })
        case "SRV":
          return message(.noError, headlessSRV(qname, svc, endpoints, portName: nil, proto: nil))
        default: return message(.noError)
        }
      }
      switch qtype {
      case "A", "ANY": return message(.noError, [record(qname, "A", svc.spec.clusterIP)])
      case "SRV":
        let ports = svc.spec.ports.filter { !$0.name.isEmpty }
        let weight = Self.weight(ports.count)
        return message(
          .noError, ports.map { record(qname, "SRV", "0 \(weight) \($0.port) \(serviceFQDN).") })
      default: return message(.noError)
      }
    case 4:
      // An endpoint of a headless service: hostname.svc.ns.svc.cluster.local.
      guard svc.isHeadless else { return message(.nxDomain) }
      let host = labels[0]
      let ips = endpoints.filter { $0.hostname == host }.map(\.ip)
      guard !ips.isEmpty else { return message(.nxDomain) }
      return message(.noError, qtype == "A" || qtype == "ANY" ? ips.map { record(qname, "A", $0) } : [])
    case 5:
      // _port._proto.svc.ns.svc.cluster.local
      let portLabel = labels[0]
      let protoLabel = labels[1]
      guard portLabel.hasPrefix("_"), protoLabel.hasPrefix("_") else { return message(.nxDomain) }
      let portName = String(portLabel.dropFirst())
      let proto = String(protoLabel.dropFirst())
      let ports = svc.spec.ports.filter {
        !$0.name.isEmpty && $0.name == portName && ($0.protocol.isEmpty ? "tcp" : $0.protocol.lowercased()) == proto
      }
      guard let port = ports.first else { return message(.nxDomain) }
      guard qtype == "SRV" || qtype == "ANY" else { return message(.noError) }
      if svc.isHeadless {
        let records = headlessSRV(qname, svc, endpoints, portName: portName, proto: proto)
        return records.isEmpty ? message(.nxDomain) : message(.noError, records)
      }
      return message(.noError, [record(qname, "SRV", "0 100 \(port.port) \(serviceFQDN).")])
    default:
      return message(.nxDomain)
    }
  }

  /// A ready endpoint of a service as DNS names it.
  struct DNSEndpoint {
    var ip: String
    /// The endpoint's hostname, or its IP with dashes (`10-244-1-5`).
    var hostname: String
    /// Port name → (port, protocol).
    var ports: [(name: String, port: Int32, proto: String)]
  }

  private func readyEndpoints(of svc: Service, slices: [EndpointSlice]) -> [DNSEndpoint] {
    let all = svc.spec.publishNotReadyAddresses == true
    var out: [DNSEndpoint] = []
    var seen: Set<String> = []
    for slice in slices where slice.addressType == AddressType.ipv4 {
      let ports = slice.ports.map { ($0.name ?? "", $0.port ?? 0, ($0.protocol ?? "TCP").lowercased()) }
      for ep in slice.endpoints where all || (ep.conditions.ready ?? true) {
        for ip in ep.addresses where !seen.contains(ip) {
          seen.insert(ip)
          let host = ep.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? ip.dashed
          out.append(DNSEndpoint(ip: ip, hostname: host, ports: ports))
        }
      }
    }
    return out.sorted { Self.ipLess($0.ip, $1.ip) }
  }

  private func headlessSRV(
    _ qname: String, _ svc: Service, _ endpoints: [DNSEndpoint], portName: String?, proto: String?
  ) -> [DNSRecord] {
    let base = "\(svc.metadata.name).\(svc.metadata.namespace).svc.\(zone)"
    var targets: [(Int32, String)] = []
    for ep in endpoints {
      for p in ep.ports where !p.name.isEmpty {
        if let portName, p.name != portName { continue }
        if let proto, p.proto != proto { continue }
        targets.append((p.port, "\(ep.hostname).\(base)."))
      }
    }
    let weight = Self.weight(targets.count)
    return targets.map { record(qname, "SRV", "0 \(weight) \($0.0) \($0.1)") }
  }

  /// PTR: a ClusterIP names its service; a headless endpoint IP names the endpoint.
  private func reverse(_ qname: String, _ qtype: String) -> DNSMessage {
    let octets = qname.dropLast(".in-addr.arpa".count).split(separator: ".").reversed().joined(separator: ".")
    var names: [String] = []
    if let services, let slices, IPv4.parse(octets) != nil {
      for svc in services.byIndex("clusterIP", octets) where !svc.isHeadless {
        names.append("\(svc.metadata.name).\(svc.metadata.namespace).svc.\(zone).")
      }
      if names.isEmpty {
        for svc in services.list() where svc.isHeadless {
          let eps = readyEndpoints(of: svc, slices: slices.byIndex("service", svc.key))
          for ep in eps where ep.ip == octets {
            names.append("\(ep.hostname).\(svc.metadata.name).\(svc.metadata.namespace).svc.\(zone).")
          }
        }
      }
    }
    guard !names.isEmpty else { return DNSMessage(question: qname, type: qtype, rcode: .nxDomain) }
    let answers = qtype == "PTR" || qtype == "ANY" ? names.map { record(qname, "PTR", $0) } : []
    return DNSMessage(question: qname, type: qtype, rcode: .noError, answers: answers)
  }

  private func record(_ name: String, _ type: String, _ data: String) -> DNSRecord {
    DNSRecord(name: name + ".", ttl: Self.ttl, type: type, data: data)
  }

  /// SRV weight as CoreDNS spreads it over records of equal priority.
  static func weight(_ count: Int) -> Int { count <= 1 ? 100 : max(1, 100 / count) }

  static func normalize(_ name: String) -> String {
    var n = name.lowercased()
    while n.hasSuffix(".") { n.removeLast() }
    return n
  }

  static func absolute(_ name: String) -> String { name.hasSuffix(".") ? name : name + "." }

  /// Orders IPv4 addresses numerically.
  static func ipLess(_ a: String, _ b: String) -> Bool {
    switch (IPv4.parse(a), IPv4.parse(b)) {
    case (let x?, let y?): return x < y
    default: return a < b
    }
  }
}

extension String {
  /// `10-244-1-5` → `10.244.1.5`.
  fileprivate var replacingDashes: String { String(map { $0 == "-" ? "." : $0 }) }

  /// `10.244.1.5` → `10-244-1-5`.
  fileprivate var dashed: String { String(map { $0 == "." ? "-" : $0 }) }
}
