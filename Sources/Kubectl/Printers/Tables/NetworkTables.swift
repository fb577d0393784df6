// NetworkTables: printers.go's tables for services, endpoints and endpoint slices.
import KubeSim

enum NetworkTables {
  // MARK: - Service

  static let service = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Type"), TableColumn("Cluster-IP"), TableColumn("External-IP"),
      TableColumn("Port(s)"), TableColumn("Age"), TableColumn("Selector", priority: 1),
    ]
  ) { o, wide, now in
    guard let s = o as? Service else { return [] }
    let clusterIP = s.spec.clusterIPs.first ?? (s.spec.clusterIP.isEmpty ? "<none>" : s.spec.clusterIP)
    var ports = portString(s.spec.ports)
    if ports.isEmpty { ports = "<none>" }
    var cells = [s.metadata.name, s.spec.type, clusterIP, externalIP(s, wide: wide), ports, Cells.age(s, now)]
    if wide { cells.append(Cells.labels(s.spec.selector)) }
    return cells
  }

  /// `makePortString`: `80/TCP`, `80:30080/TCP`, joined by commas.
  static func portString(_ ports: [ServicePort]) -> String {
    ports.map { p in
      let proto = p.protocol.isEmpty ? "TCP" : p.protocol
      if let np = p.nodePort, np > 0 { return "\(p.port):\(np)/\(proto)" }
      return "\(p.port)/\(proto)"
    }.joined(separator: ",")
  }

  /// `getServiceExternalIP`.
  static func externalIP(_ s: Service, wide: Bool) -> String {
    switch s.spec.type {
    case ServiceType.clusterIP, ServiceType.nodePort, "":
      return s.spec.externalIPs.isEmpty ? "<none>" : s.spec.externalIPs.joined(separator: ",")
    case ServiceType.loadBalancer:
      let lb = loadBalancerStatus(s.status.loadBalancer, wide: wide)
      if !s.spec.externalIPs.isEmpty {
        var results: [String] = []
        if !lb.isEmpty { results += lb.split(separator: ",").map(String.init) }
        return (results + s.spec.externalIPs).joined(separator: ",")
      }
      return lb.isEmpty ? "<pending>" : lb
    case ServiceType.externalName:
      return s.spec.externalName
    default:
      return "<unknown>"
    }
  }

  /// `loadBalancerStatusStringer`: ingress IPs or hostnames, cut to 16 characters unless wide.
  static func loadBalancerStatus(_ st: LoadBalancerStatus, wide: Bool) -> String {
    let r = st.ingress.compactMap { i -> String? in
      if !i.ip.isEmpty { return i.ip }
      if !i.hostname.isEmpty { return i.hostname }
      return nil
    }.joined(separator: ",")
    if !wide && r.count > 16 { return String(r.prefix(13)) + "..." }
    return r
  }

  // MARK: - Endpoints

  static let endpoints = TableGenerator(columns: [TableColumn("Name"), TableColumn("Endpoints"), TableColumn("Age")]) {
    o, _, now in
    guard let e = o as? Endpoints else { return [] }
    return [e.metadata.name, formatEndpoints(e), Cells.age(e, now)]
  }

  /// `formatEndpoints`: the first three `ip:port`, then ` + N more...`; `<none>` without subsets.
  static func formatEndpoints(_ e: Endpoints) -> String {
    if e.subsets.isEmpty { return "<none>" }
    var list: [String] = []
    let maxShown = 3
    var more = false
    var count = 0
    for ss in e.subsets {
      if ss.ports.isEmpty {
        count += ss.addresses.count
        for a in ss.addresses {
          if list.count == maxShown {
            more = true
            break
          }
          list.append(a.ip)
        }
        continue
      }
      for p in ss.ports {
        count += ss.addresses.count
        for a in ss.addresses {
          if list.count == maxShown {
            more = true
            break
          }
          list.append(joinHostPort(a.ip, Int(p.port)))
        }
      }
    }
    let ret = list.joined(separator: ",")
    return more ? "\(ret) + \(count - maxShown) more..." : ret
  }

  static func joinHostPort(_ host: String, _ port: Int) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  // MARK: - EndpointSlice

  static let endpointSlice = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("AddressType"), TableColumn("Ports"), TableColumn("Endpoints"),
      TableColumn("Age"),
    ]
  ) { o, _, now in
    guard let s = o as? EndpointSlice else { return [] }
    var ports: [String] = []
    var portCount = 0
    var morePorts = false
    for p in s.ports {
      if ports.count < 3 {
        ports.append(p.port.map(String.init) ?? p.name ?? "*")
      } else {
        morePorts = true
      }
      portCount += 1
    }
    var addrs: [String] = []
    var addrCount = 0
    var moreAddrs = false
    for e in s.endpoints {
      for a in e.addresses {
        if addrs.count < 3 {
          addrs.append(a)
        } else {
          moreAddrs = true
        }
        addrCount += 1
      }
    }
    return [
      s.metadata.name, s.addressType, listWithMore(ports, morePorts, portCount),
      listWithMore(addrs, moreAddrs, addrCount), Cells.age(s, now),
    ]
  }

  static func listWithMore(_ list: [String], _ more: Bool, _ count: Int) -> String {
    let ret = list.joined(separator: ",")
    if more { return "\(ret) + \(count - 3) more..." }
    return ret.isEmpty ? "<unset>" : ret
  }
}
