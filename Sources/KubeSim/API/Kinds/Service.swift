// Service: a stable virtual IP and name for a set of pods (core/v1 Service).

/// core/v1 `Service`. Stored under `/registry/services/specs/`.
public struct Service: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Service", plural: "services", shortNames: ["svc"], etcdPrefix: "services/specs", categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: ServiceSpec = ServiceSpec()
  public var status: ServiceStatus = ServiceStatus()

  public init(
    metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec = ServiceSpec(), status: ServiceStatus = ServiceStatus()
  ) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// `clusterIP: None`.
  public var isHeadless: Bool { spec.clusterIP == ServiceSpec.clusterIPNone }
}

/// core/v1 `ServiceType` values.
public enum ServiceType {
  public static let clusterIP = "ClusterIP"
  public static let nodePort = "NodePort"
  public static let loadBalancer = "LoadBalancer"
  public static let externalName = "ExternalName"
  /// In the order upstream validation lists them.
  public static let all = [clusterIP, externalName, loadBalancer, nodePort]
}

/// core/v1 `ServiceAffinity` values.
public enum ServiceAffinity {
  public static let none = "None"
  public static let clientIP = "ClientIP"
  public static let all = [clientIP, none]
  /// Upstream `DefaultClientIPServiceAffinitySeconds` (3 hours).
  public static let defaultClientIPTimeoutSeconds: Int32 = 10800
}

/// core/v1 traffic policy values (`Cluster`, `Local`).
public enum ServiceTrafficPolicy {
  public static let cluster = "Cluster"
  public static let local = "Local"
  public static let all = [cluster, local]
}

/// core/v1 `IPFamily` and `IPFamilyPolicy` values.
public enum IPFamily {
  public static let ipv4 = "IPv4"
  public static let ipv6 = "IPv6"
  public static let singleStack = "SingleStack"
  public static let preferDualStack = "PreferDualStack"
  public static let requireDualStack = "RequireDualStack"
}

/// core/v1 `ServiceSpec`.
public struct ServiceSpec: Codable, Sendable, Hashable {
  public static let clusterIPNone = "None"

  public var ports: [ServicePort] = []
  public var selector: [String: String] = [:]
  /// Allocated by the apiserver; `None` makes a headless service.
  public var clusterIP: String = ""
  public var clusterIPs: [String] = []
  /// Defaulted to `ClusterIP`.
  public var type: String = ""
  public var externalIPs: [String] = []
  /// Defaulted to `None`.
  public var sessionAffinity: String = ""
  public var loadBalancerIP: String = ""
  public var loadBalancerSourceRanges: [String] = []
  public var externalName: String = ""
  /// Defaulted to `Cluster` for NodePort and LoadBalancer services.
  public var externalTrafficPolicy: String = ""
  public var healthCheckNodePort: Int32? = nil
  public var publishNotReadyAddresses: Bool? = nil
  public var sessionAffinityConfig: SessionAffinityConfig? = nil
  public var ipFamilies: [String] = []
  public var ipFamilyPolicy: String? = nil
  public var allocateLoadBalancerNodePorts: Bool? = nil
  public var loadBalancerClass: String? = nil
  /// Defaulted to `Cluster`.
  public var internalTrafficPolicy: String? = nil
  public var trafficDistribution: String? = nil

  public init(type: String = "", selector: [String: String] = [:], ports: [ServicePort] = []) {
    self.type = type
    self.selector = selector
    self.ports = ports
  }
}

/// core/v1 `ServicePort`.
public struct ServicePort: Codable, Sendable, Hashable {
  public var name: String = ""
  /// Defaulted to `TCP`.
  public var `protocol`: String = ""
  public var appProtocol: String? = nil
  public var port: Int32 = 0
  /// Defaulted to `port`.
  public var targetPort: IntOrString? = nil
  public var nodePort: Int32? = nil

  public init(
    name: String = "", protocol proto: String = "", port: Int32, targetPort: IntOrString? = nil, nodePort: Int32? = nil
  ) {
    self.name = name
    self.protocol = proto
    self.port = port
    self.targetPort = targetPort
    self.nodePort = nodePort
  }
}

/// core/v1 `SessionAffinityConfig`.
public struct SessionAffinityConfig: Codable, Sendable, Hashable {
  public var clientIP: ClientIPConfig? = nil
  public init(clientIP: ClientIPConfig? = nil) { self.clientIP = clientIP }
}

/// core/v1 `ClientIPConfig`.
public struct ClientIPConfig: Codable, Sendable, Hashable {
  public var timeoutSeconds: Int32? = nil
  public init(timeoutSeconds: Int32? = nil) { self.timeoutSeconds = timeoutSeconds }
}

/// core/v1 `ServiceStatus`.
public struct ServiceStatus: Codable, Sendable, Hashable {
  /// Not a pointer upstream: always printed, `loadBalancer: {}` when empty.
  public var loadBalancer: LoadBalancerStatus = LoadBalancerStatus()
  public var conditions: [Condition] = []
  public init() {}
}

/// core/v1 `LoadBalancerStatus`.
public struct LoadBalancerStatus: Codable, Sendable, Hashable {
  public var ingress: [LoadBalancerIngress] = []
  public init(ingress: [LoadBalancerIngress] = []) { self.ingress = ingress }
}

/// core/v1 `LoadBalancerIngress`.
public struct LoadBalancerIngress: Codable, Sendable, Hashable {
  public var ip: String = ""
  public var hostname: String = ""
  public var ipMode: String? = nil
  public var ports: [JSON] = []
  public init(ip: String = "", hostname: String = "") {
    self.ip = ip
    self.hostname = hostname
  }
}
