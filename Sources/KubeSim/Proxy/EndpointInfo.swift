// EndpointInfo: one backend of a service port as kube-proxy sees it in the EndpointSlices
// (upstream BaseEndpointInfo, built by EndpointSliceCache).

/// One `ip:port` backend with the conditions that decide whether traffic may go to it.
public struct EndpointInfo: Hashable, Sendable {
  public var ip: String
  public var port: Int
  /// On the node this kube-proxy runs on.
  public var isLocal: Bool
  /// `conditions.ready` (nil counts as true).
  public var ready: Bool
  /// `conditions.serving` (nil counts as true).
  public var serving: Bool
  /// `conditions.terminating` (nil counts as false).
  public var terminating: Bool
  public var zoneHints: [String]
  /// The endpoint's chain: `KUBE-SEP-…` from the service port name, protocol and `ip:port`.
  public var chainName: String

  /// `ip:port`.
  public var string: String { "\(ip):\(port)" }
}

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
