// ServiceDescribers: `kubectl describe service|endpoints` in describe.go's layout.
import KubeSim

enum ServiceDescribers {
  static func service(_ s: Service, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(s.metadata.name)\n")
    w.write(0, "Namespace:\t\(s.metadata.namespace)\n")
    Describer.labels(w, "Labels", s.metadata.labels)
    Describer.annotations(w, "Annotations", s.metadata.annotations)
    w.write(0, "Selector:\t\(Cells.labels(s.spec.selector))\n")
    w.write(0, "Type:\t\(s.spec.type)\n")
    if let p = s.spec.ipFamilyPolicy { w.write(0, "IP Family Policy:\t\(p)\n") }
    w.write(0, "IP Families:\t\(s.spec.ipFamilies.isEmpty ? "<none>" : s.spec.ipFamilies.joined(separator: ","))\n")
    w.write(0, "IP:\t\(s.spec.clusterIP)\n")
    if !s.spec.clusterIPs.isEmpty { w.write(0, "IPs:\t\(s.spec.clusterIPs.joined(separator: ","))\n") }
    if !s.spec.externalIPs.isEmpty { w.write(0, "External IPs:\t\(s.spec.externalIPs.joined(separator: ","))\n") }
    if !s.spec.loadBalancerIP.isEmpty { w.write(0, "IP:\t\(s.spec.loadBalancerIP)\n") }
    if let c = s.spec.loadBalancerClass { w.write(0, "LoadBalancer Class:\t\(c)\n") }
    if !s.status.loadBalancer.ingress.isEmpty {
      let list = s.status.loadBalancer.ingress.map { $0.ip.isEmpty ? $0.hostname : $0.ip }.joined(separator: ", ")
      w.write(0, "LoadBalancer Ingress:\t\(list)\n")
    }
    let slices =
      ((try? ctx.inv.list(
        EndpointSlice.self, namespace: s.metadata.namespace,
        labelSelector: "\(EndpointSliceLabel.serviceName)=\(s.metadata.name)")) ?? []).compactMap {
        $0 as? EndpointSlice
      }
    for p in s.spec.ports {
      let name = p.name.isEmpty ? "<unset>" : p.name
      let proto = p.protocol.isEmpty ? "TCP" : p.protocol
      w.write(0, "Port:\t\(name)\t\(p.port)/\(proto)\n")
      switch p.targetPort ?? .int(Int(p.port)) {
      case .int(let i): w.write(0, "TargetPort:\t\(i)/\(proto)\n")
      case .string(let t): w.write(0, "TargetPort:\t\(t)/\(proto)\n")
      }
      if let np = p.nodePort, np != 0 { w.write(0, "NodePort:\t\(name)\t\(np)/\(proto)\n") }
      w.write(0, "Endpoints:\t\(formatSlices(slices, portName: p.name))\n")
    }
    w.write(0, "Session Affinity:\t\(s.spec.sessionAffinity)\n")
    if !s.spec.externalTrafficPolicy.isEmpty {
      w.write(0, "External Traffic Policy:\t\(s.spec.externalTrafficPolicy)\n")
    }
    if let p = s.spec.internalTrafficPolicy { w.write(0, "Internal Traffic Policy:\t\(p)\n") }
    if let h = s.spec.healthCheckNodePort, h != 0 { w.write(0, "HealthCheck NodePort:\t\(h)\n") }
    if !s.spec.loadBalancerSourceRanges.isEmpty {
      w.write(0, "LoadBalancer Source Ranges:\t\(s.spec.loadBalancerSourceRanges.joined(separator: ","))\n")
    }
    Describer.events(w, ctx.events(for: s), now: ctx.now)
    return w.text
  }

  /// `formatEndpointSlices`: ready endpoints of one port, the first three, then ` + N more...`.
  static func formatSlices(_ slices: [EndpointSlice], portName: String) -> String {
    if slices.isEmpty { return "<none>" }
    var list: [String] = []
    var count = 0
    for s in slices {
      let ready = s.endpoints.filter { $0.conditions.ready ?? true }
      if s.ports.isEmpty {
        for e in ready {
          for a in e.addresses {
            count += 1
            if list.count < 3 { list.append(a) }
          }
        }
        continue
      }
      for p in s.ports where (p.name ?? "") == portName {
        for e in ready {
          for a in e.addresses {
            count += 1
            if list.count < 3 { list.append(NetworkTables.joinHostPort(a, Int(p.port ?? 0))) }
          }
        }
      }
    }
    let ret = list.joined(separator: ",")
    return count > 3 ? "\(ret) + \(count - 3) more..." : ret
  }

  static func endpoints(_ e: Endpoints, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(e.metadata.name)\n")
    w.write(0, "Namespace:\t\(e.metadata.namespace)\n")
    Describer.labels(w, "Labels", e.metadata.labels)
    Describer.annotations(w, "Annotations", e.metadata.annotations)
    w.write(0, "Subsets:\n")
    for ss in e.subsets {
      let ready = ss.addresses.map(\.ip).joined(separator: ",")
      let notReady = ss.notReadyAddresses.map(\.ip).joined(separator: ",")
      w.write(1, "Addresses:\t\(ready.isEmpty ? "<none>" : ready)\n")
      w.write(1, "NotReadyAddresses:\t\(notReady.isEmpty ? "<none>" : notReady)\n")
      if !ss.ports.isEmpty {
        w.write(1, "Ports:\n")
        w.write(2, "Name\tPort\tProtocol\n")
        w.write(2, "----\t----\t--------\n")
        for p in ss.ports {
          w.write(2, "\(p.name.isEmpty ? "<unset>" : p.name)\t\(p.port)\t\(p.protocol.isEmpty ? "TCP" : p.protocol)\n")
        }
      }
      w.write(0, "\n")
    }
    Describer.events(w, ctx.events(for: e), now: ctx.now)
    return w.text
  }
}
