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
