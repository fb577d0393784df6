// Node: a worker machine (core/v1 Node, NodeSpec, NodeStatus, NodeCondition).

/// core/v1 `Node`. Stored under `/registry/minions/`, the name nodes had in the earliest API.
public struct Node: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Node", plural: "nodes", shortNames: ["no"], namespaced: false, etcdPrefix: "minions")

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: NodeSpec = NodeSpec()
  public var status: NodeStatus = NodeStatus()

  public init(metadata: ObjectMeta = ObjectMeta(), spec: NodeSpec = NodeSpec(), status: NodeStatus = NodeStatus()) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// The condition of `type`, if reported.
  public func condition(_ type: String) -> NodeCondition? { status.conditions.first { $0.type == type } }
  /// The `Ready` condition is `True`.
  public var isReady: Bool { condition(NodeConditionType.ready)?.status == ConditionStatus.true }
  /// `spec.unschedulable` is true (cordoned).
  public var isUnschedulable: Bool { spec.unschedulable == true }
  /// The first address of `type` (`InternalIP`, `Hostname`, …).
  public func address(_ type: String) -> String? { status.addresses.first { $0.type == type }?.address }
}

/// core/v1 `NodeConditionType` values.
public enum NodeConditionType {
  public static let ready = "Ready"
  public static let memoryPressure = "MemoryPressure"
  public static let diskPressure = "DiskPressure"
  public static let pidPressure = "PIDPressure"
  public static let networkUnavailable = "NetworkUnavailable"
}

/// core/v1 `NodeAddressType` values.
public enum NodeAddressType {
  public static let hostname = "Hostname"
  public static let internalIP = "InternalIP"
  public static let externalIP = "ExternalIP"
  public static let internalDNS = "InternalDNS"
  public static let externalDNS = "ExternalDNS"
}

/// core/v1 `NodeSpec`.
public struct NodeSpec: Codable, Sendable, Hashable {
  public var podCIDR: String = ""
  public var podCIDRs: [String] = []
  public var providerID: String = ""
  public var unschedulable: Bool? = nil
  public var taints: [Taint] = []
  public var configSource: JSON? = nil
  /// Deprecated, unused.
  public var externalID: String = ""

  public init(podCIDR: String = "", unschedulable: Bool? = nil, taints: [Taint] = []) {
    self.podCIDR = podCIDR
    if !podCIDR.isEmpty { self.podCIDRs = [podCIDR] }
    self.unschedulable = unschedulable
    self.taints = taints
  }
}

/// core/v1 `NodeStatus`.
public struct NodeStatus: Codable, Sendable, Hashable {
  public var capacity: ResourceList = [:]
  /// Defaulted to `capacity` when unset.
  public var allocatable: ResourceList = [:]
  /// Deprecated, unused.
  public var phase: String = ""
  public var conditions: [NodeCondition] = []
  public var addresses: [NodeAddress] = []
  public var daemonEndpoints: NodeDaemonEndpoints = NodeDaemonEndpoints()
  public var nodeInfo: NodeSystemInfo = NodeSystemInfo()
  public var images: [ContainerImage] = []
  public var volumesInUse: [String] = []
  public var volumesAttached: [JSON] = []
  public var config: JSON? = nil
  public var runtimeHandlers: [JSON] = []
  public var features: JSON? = nil

  public init(capacity: ResourceList = [:], allocatable: ResourceList = [:]) {
    self.capacity = capacity
    self.allocatable = allocatable
  }
}

/// core/v1 `NodeCondition`.
public struct NodeCondition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var lastHeartbeatTime: Time? = nil
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""

  public init(
    type: String, status: String, lastHeartbeatTime: Time? = nil, lastTransitionTime: Time? = nil,
    reason: String = "", message: String = ""
  ) {
    self.type = type
    self.status = status
    self.lastHeartbeatTime = lastHeartbeatTime
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}

/// core/v1 `NodeAddress`.
public struct NodeAddress: Codable, Sendable, Hashable {
  public var type: String = ""
  public var address: String = ""
  public init(type: String, address: String) {
    self.type = type
    self.address = address
  }
}

/// core/v1 `NodeDaemonEndpoints`.
public struct NodeDaemonEndpoints: Codable, Sendable, Hashable {
  public var kubeletEndpoint: DaemonEndpoint = DaemonEndpoint()
  public init(kubeletEndpoint: DaemonEndpoint = DaemonEndpoint()) { self.kubeletEndpoint = kubeletEndpoint }
}

/// core/v1 `DaemonEndpoint`. Upstream's JSON key really is the capitalised `Port`.
public struct DaemonEndpoint: Codable, Sendable, Hashable {
  public var port: Int32 = 0
  public init(port: Int32 = 0) { self.port = port }
  enum CodingKeys: String, CodingKey { case port = "Port" }
}

/// core/v1 `NodeSystemInfo`.
public struct NodeSystemInfo: Codable, Sendable, Hashable {
  public var machineID: String = ""
  public var systemUUID: String = ""
  public var bootID: String = ""
  public var kernelVersion: String = ""
  public var osImage: String = ""
  public var containerRuntimeVersion: String = ""
  public var kubeletVersion: String = ""
  public var kubeProxyVersion: String = ""
  public var operatingSystem: String = ""
  public var architecture: String = ""
  public var swap: JSON? = nil

  public init(
    machineID: String = "", systemUUID: String = "", bootID: String = "", kernelVersion: String = "",
    osImage: String = "", containerRuntimeVersion: String = "", kubeletVersion: String = "",
    kubeProxyVersion: String = "", operatingSystem: String = "", architecture: String = ""
  ) {
    self.machineID = machineID
    self.systemUUID = systemUUID
    self.bootID = bootID
    self.kernelVersion = kernelVersion
    self.osImage = osImage
    self.containerRuntimeVersion = containerRuntimeVersion
    self.kubeletVersion = kubeletVersion
    self.kubeProxyVersion = kubeProxyVersion
    self.operatingSystem = operatingSystem
    self.architecture = architecture
  }
}

/// core/v1 `ContainerImage`: an image present on the node.
public struct ContainerImage: Codable, Sendable, Hashable {
  public var names: [String] = []
  public var sizeBytes: Int64? = nil
  public init(names: [String], sizeBytes: Int64? = nil) {
    self.names = names
    self.sizeBytes = sizeBytes
  }
}
