// Endpoints: the legacy list of a service's backend addresses (core/v1 Endpoints).

/// core/v1 `Endpoints`. Stored under `/registry/services/endpoints/`, named like its Service.
public struct Endpoints: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Endpoints", plural: "endpoints", singular: "endpoints", shortNames: ["ep"],
    etcdPrefix: "services/endpoints")

  public var metadata: ObjectMeta = ObjectMeta()
  public var subsets: [EndpointSubset] = []

  public init(metadata: ObjectMeta = ObjectMeta(), subsets: [EndpointSubset] = []) {
    self.metadata = metadata
    self.subsets = subsets
  }
}

/// core/v1 `EndpointSubset`: addresses that share the same ports.
public struct EndpointSubset: Codable, Sendable, Hashable {
  public var addresses: [EndpointAddress] = []
  public var notReadyAddresses: [EndpointAddress] = []
  public var ports: [EndpointPort] = []

  public init(addresses: [EndpointAddress] = [], notReadyAddresses: [EndpointAddress] = [], ports: [EndpointPort] = [])
  {
    self.addresses = addresses
    self.notReadyAddresses = notReadyAddresses
    self.ports = ports
  }
}

/// core/v1 `EndpointAddress`.
public struct EndpointAddress: Codable, Sendable, Hashable {
  public var ip: String = ""
  public var hostname: String = ""
  public var nodeName: String? = nil
  public var targetRef: ObjectReference? = nil

  public init(ip: String, hostname: String = "", nodeName: String? = nil, targetRef: ObjectReference? = nil) {
    self.ip = ip
    self.hostname = hostname
    self.nodeName = nodeName
    self.targetRef = targetRef
  }
}

/// core/v1 `EndpointPort`.
public struct EndpointPort: Codable, Sendable, Hashable {
  public var name: String = ""
  public var port: Int32 = 0
  /// Defaulted to `TCP`.
  public var `protocol`: String = ""
  public var appProtocol: String? = nil

  public init(name: String = "", port: Int32, protocol proto: String = "", appProtocol: String? = nil) {
    self.name = name
    self.port = port
    self.protocol = proto
    self.appProtocol = appProtocol
  }
}
