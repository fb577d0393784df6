// EndpointSliceCache: kube-proxy's view of a service's EndpointSlices — endpoints per service port,
// deduplicated and sorted as upstream pkg/proxy/endpointslicecache.go builds them.

/// Builds kube-proxy's per-service-port endpoint lists from EndpointSlices.
enum EndpointSliceCache {
  /// Endpoints of `service` by service port name (`ns/svc:port`) + protocol, sorted by `ip:port`
  /// as upstream sorts them; duplicates keep the non-terminating one.
  static func endpoints(
    for serviceKey: String, slices: [EndpointSlice], nodeName: String, chainName: (String, String, String) -> String
  ) -> [String: [EndpointInfo]] {
    var byPort: [String: [String: EndpointInfo]] = [:]
    for slice in slices where slice.addressType == AddressType.ipv4 {
      for port in slice.ports {
        guard let name = port.name, let number = port.port, number != 0 else { continue }
        let proto = (port.protocol ?? "TCP")
        let portName = name.isEmpty ? serviceKey : "\(serviceKey):\(name)"
        let key = portName + "/" + proto
        var set = byPort[key] ?? [:]
        for ep in slice.endpoints {
          guard let address = ep.addresses.first else { continue }
          let terminating = ep.conditions.terminating ?? false
          let endpoint = "\(address):\(number)"
          if set[endpoint] != nil && terminating { continue }
          set[endpoint] = EndpointInfo(
            ip: address, port: Int(number), isLocal: ep.nodeName != nil && ep.nodeName == nodeName,
            ready: ep.conditions.ready ?? true, serving: ep.conditions.serving ?? true, terminating: terminating,
            zoneHints: ep.hints?.forZones.map(\.name) ?? [],
            chainName: chainName(portName, proto.lowercased(), endpoint))
        }
        byPort[key] = set
      }
    }
    return byPort.mapValues { set in set.keys.sorted(by: GoFormat.less).map { set[$0]! } }
  }
}
