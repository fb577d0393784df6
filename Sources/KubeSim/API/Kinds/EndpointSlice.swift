// EndpointSlice: a shard of a service's backends (discovery.k8s.io/v1 EndpointSlice).

/// discovery.k8s.io/v1 `EndpointSlice`.
public struct EndpointSlice: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "EndpointSlice", group: "discovery.k8s.io", plural: "endpointslices")

  public var metadata: ObjectMeta = ObjectMeta()
  /// `IPv4`, `IPv6` or `FQDN`.
  public var addressType: String = ""
  public var endpoints: [Endpoint] = []
  public var ports: [EndpointSlicePort] = []

  public init(
    metadata: ObjectMeta = ObjectMeta(), addressType: String = AddressType.ipv4, endpoints: [Endpoint] = [],
    ports: [EndpointSlicePort] = []
  ) {
    self.metadata = metadata
    self.addressType = addressType
    self.endpoints = endpoints
    self.ports = ports
  }
}

/// discovery.k8s.io/v1 `AddressType` values.
public enum AddressType {
  public static let ipv4 = "IPv4"
  public static let ipv6 = "IPv6"
  public static let fqdn = "FQDN"
  public static let all = [fqdn, ipv4, ipv6]
}

/// Labels the EndpointSlice controller sets.
public enum EndpointSliceLabel {
  public static let serviceName = "kubernetes.io/service-name"
  public static let managedBy = "endpointslice.kubernetes.io/managed-by"
  public static let controllerName = "endpointslice-controller.k8s.io"
}

/// discovery.k8s.io/v1 `Endpoint`.
public struct Endpoint: Codable, Sendable, Hashable {
  public var addresses: [String] = []
  /// Not a pointer upstream: always printed.
  public var conditions: EndpointConditions = EndpointConditions()
  public var hostname: String? = nil
  public var targetRef: ObjectReference? = nil
  public var deprecatedTopology: [String: String] = [:]
  public var nodeName: String? = nil
  public var zone: String? = nil
  public var hints: EndpointHints? = nil

  public init(
    addresses: [String], conditions: EndpointConditions = EndpointConditions(), targetRef: ObjectReference? = nil,
    nodeName: String? = nil, zone: String? = nil
  ) {
    self.addresses = addresses
    self.conditions = conditions
    self.targetRef = targetRef
    self.nodeName = nodeName
    self.zone = zone
  }
}

/// discovery.k8s.io/v1 `EndpointConditions`.
public struct EndpointConditions: Codable, Sendable, Hashable {
  public var ready: Bool? = nil
  public var serving: Bool? = nil
  public var terminating: Bool? = nil
  public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
    self.ready = ready
    self.serving = serving
    self.terminating = terminating
  }
}

/// discovery.k8s.io/v1 `EndpointHints`.
public struct EndpointHints: Codable, Sendable, Hashable {
  public var forZones: [ForZone] = []
  public var forNodes: [ForZone] = []
  public init(forZones: [ForZone] = []) { self.forZones = forZones }
}

/// discovery.k8s.io/v1 `ForZone` (and `ForNode`: both are `{name}`).
public struct ForZone: Codable, Sendable, Hashable {
  public var name: String = ""
  public init(name: String) { self.name = name }
}

/// discovery.k8s.io/v1 `EndpointPort` (every field is a pointer, unlike core/v1's).
public struct EndpointSlicePort: Codable, Sendable, Hashable {
  public var name: String? = nil
  public var `protocol`: String? = nil
  public var port: Int32? = nil
  public var appProtocol: String? = nil

  public init(name: String? = nil, protocol proto: String? = nil, port: Int32? = nil, appProtocol: String? = nil) {
    self.name = name
    self.protocol = proto
    self.port = port
    self.appProtocol = appProtocol
  }
}
