// Pod: the smallest deployable unit (core/v1 Pod, PodSpec, PodStatus, PodCondition).

/// core/v1 `Pod`.
public struct Pod: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Pod", plural: "pods", shortNames: ["po"], categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  /// `spec` and `status`, shared between copies until one of them changes.
  private var storage: Storage

  public var spec: PodSpec {
    get { storage.spec }
    set {
      makeUnique()
      storage.spec = newValue
    }
    _modify {
      makeUnique()
      yield &storage.spec
    }
  }

  public var status: PodStatus {
    get { storage.status }
    set {
      makeUnique()
      storage.status = newValue
    }
    _modify {
      makeUnique()
      yield &storage.status
    }
  }

  public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec(), status: PodStatus = PodStatus()) {
    self.metadata = metadata
    self.storage = Storage(spec: spec, status: status)
  }

  /// Copy-on-write storage for `spec` and `status`. A pod is copied into every cache, informer,
  /// event and message; with the two large structs inline, each copy retained every string and
  /// array they hold (about a hundred references), which dominated the cost of 150,000 pods.
  private final class Storage: @unchecked Sendable {
    // Unchecked: only mutated through `makeUnique()`, i.e. when this pod is its sole owner.
    var spec: PodSpec
    var status: PodStatus
    init(spec: PodSpec, status: PodStatus) {
      self.spec = spec
      self.status = status
    }
  }

  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(spec: storage.spec, status: storage.status) }
  }

  private enum CodingKeys: String, CodingKey { case metadata, spec, status }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    storage = Storage(
      spec: try c.decode(PodSpec.self, forKey: .spec), status: try c.decode(PodStatus.self, forKey: .status))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(metadata, forKey: .metadata)
    try c.encode(storage.spec, forKey: .spec)
    try c.encode(storage.status, forKey: .status)
  }

  public static func == (a: Pod, b: Pod) -> Bool {
    a.metadata == b.metadata
      && (a.storage === b.storage || (a.storage.spec == b.storage.spec && a.storage.status == b.storage.status))
  }

  public func hash(into h: inout Hasher) {
    h.combine(metadata)
    h.combine(storage.spec)
    h.combine(storage.status)
  }

  /// `Succeeded` or `Failed`: the pod will never run again.
  public var isTerminal: Bool { status.phase == PodPhase.succeeded || status.phase == PodPhase.failed }
  /// Bound to a node.
  public var isScheduled: Bool { !spec.nodeName.isEmpty }
  /// `metadata.deletionTimestamp` is set.
  public var isTerminating: Bool { metadata.deletionTimestamp != nil }
  /// The condition of `type`, if reported.
  public func condition(_ type: String) -> PodCondition? { status.conditions.first { $0.type == type } }
  /// The `Ready` condition is `True` (upstream `IsPodReady`).
  public var isReady: Bool { condition(PodConditionType.ready)?.status == ConditionStatus.true }
  /// The status of the app container `name`.
  public func containerStatus(named name: String) -> ContainerStatus? {
    status.containerStatuses.first { $0.name == name }
  }
}

/// core/v1 `PodPhase` values.
public enum PodPhase {
  public static let pending = "Pending"
  public static let running = "Running"
  public static let succeeded = "Succeeded"
  public static let failed = "Failed"
  public static let unknown = "Unknown"
}

/// core/v1 `PodConditionType` values.
public enum PodConditionType {
  public static let podScheduled = "PodScheduled"
  public static let podReadyToStartContainers = "PodReadyToStartContainers"
  public static let initialized = "Initialized"
  public static let containersReady = "ContainersReady"
  public static let ready = "Ready"
  public static let disruptionTarget = "DisruptionTarget"
}

/// core/v1 `RestartPolicy` values.
public enum RestartPolicy {
  public static let always = "Always"
  public static let onFailure = "OnFailure"
  public static let never = "Never"
  /// In the order upstream validation lists them.
  public static let all = [always, onFailure, never]
}

/// core/v1 `DNSPolicy` values.
public enum DNSPolicy {
  public static let clusterFirstWithHostNet = "ClusterFirstWithHostNet"
  public static let clusterFirst = "ClusterFirst"
  public static let `default` = "Default"
  public static let none = "None"
  /// In the order upstream validation lists them.
  public static let all = [clusterFirstWithHostNet, clusterFirst, `default`, none]
}

/// core/v1 `PodQOSClass` values.
public enum PodQOSClass {
  public static let guaranteed = "Guaranteed"
  public static let burstable = "Burstable"
  public static let bestEffort = "BestEffort"
}

/// core/v1 `PreemptionPolicy` values.
public enum PreemptionPolicy {
  public static let preemptLowerPriority = "PreemptLowerPriority"
  public static let never = "Never"
}

/// core/v1 `PodSpec`. Subtrees the simulation does not act on are JSON under their upstream names.
public struct PodSpec: Codable, Sendable, Hashable {
  public var volumes: [Volume] = []
  public var initContainers: [Container] = []
  public var containers: [Container] = []
  public var ephemeralContainers: [JSON] = []
  /// Defaulted to `Always`.
  public var restartPolicy: String = ""
  /// Defaulted to 30.
  public var terminationGracePeriodSeconds: Int64? = nil
  public var activeDeadlineSeconds: Int64? = nil
  /// Defaulted to `ClusterFirst`.
  public var dnsPolicy: String = ""
  public var nodeSelector: [String: String] = [:]
  /// Set to `default` by the ServiceAccount admission plugin.
  public var serviceAccountName: String = ""
  /// Deprecated alias of `serviceAccountName`, kept in sync by the apiserver.
  public var serviceAccount: String = ""
  public var automountServiceAccountToken: Bool? = nil
  /// The node the pod is bound to; set through the `pods/binding` subresource.
  public var nodeName: String = ""
  public var hostNetwork: Bool? = nil
  public var hostPID: Bool? = nil
  public var hostIPC: Bool? = nil
  public var shareProcessNamespace: Bool? = nil
  /// Defaulted to `{}`.
  public var securityContext: JSON? = nil
  public var imagePullSecrets: [LocalObjectReference] = []
  public var hostname: String = ""
  public var subdomain: String = ""
  public var affinity: Affinity? = nil
  /// Defaulted to `default-scheduler`.
  public var schedulerName: String = ""
  public var tolerations: [Toleration] = []
  public var hostAliases: [JSON] = []
  public var priorityClassName: String = ""
  /// Set by the Priority admission plugin (0 without a priority class).
  public var priority: Int32? = nil
  public var dnsConfig: JSON? = nil
  public var readinessGates: [PodReadinessGate] = []
  public var runtimeClassName: String? = nil
  /// Defaulted to true.
  public var enableServiceLinks: Bool? = nil
  /// Set by the Priority admission plugin (`PreemptLowerPriority`).
  public var preemptionPolicy: String? = nil
  public var overhead: ResourceList = [:]
  public var topologySpreadConstraints: [JSON] = []
  public var setHostnameAsFQDN: Bool? = nil
  public var os: JSON? = nil
  public var hostUsers: Bool? = nil
  public var schedulingGates: [PodSchedulingGate] = []
  public var resourceClaims: [JSON] = []
  /// Pod-level resources (alpha in 1.32).
  public var resources: ResourceRequirements? = nil

  public init(containers: [Container] = [], restartPolicy: String = "", nodeName: String = "") {
    self.containers = containers
    self.restartPolicy = restartPolicy
    self.nodeName = nodeName
  }

  /// Init containers then app containers, as upstream's `VisitContainers` walks them (no ephemeral ones).
  public var allContainers: [Container] { initContainers + containers }

  /// The app or init container called `name`.
  public func container(named name: String) -> Container? {
    containers.first { $0.name == name } ?? initContainers.first { $0.name == name }
  }

  /// The container port with `name` in any app container (how a named targetPort resolves).
  public func containerPort(named name: String) -> ContainerPort? {
    for c in containers { if let p = c.port(named: name) { return p } }
    return nil
  }

  public var usesHostNetwork: Bool { hostNetwork == true }
}

/// core/v1 `PodReadinessGate`.
public struct PodReadinessGate: Codable, Sendable, Hashable {
  public var conditionType: String = ""
  public init(conditionType: String) { self.conditionType = conditionType }
}

/// core/v1 `PodSchedulingGate`.
public struct PodSchedulingGate: Codable, Sendable, Hashable {
  public var name: String = ""
  public init(name: String) { self.name = name }
}

/// core/v1 `PodStatus`.
public struct PodStatus: Codable, Sendable, Hashable {
  public var phase: String = ""
  public var conditions: [PodCondition] = []
  public var message: String = ""
  public var reason: String = ""
  public var nominatedNodeName: String = ""
  public var hostIP: String = ""
  public var hostIPs: [HostIP] = []
  public var podIP: String = ""
  public var podIPs: [PodIP] = []
  public var startTime: Time? = nil
  public var initContainerStatuses: [ContainerStatus] = []
  public var containerStatuses: [ContainerStatus] = []
  /// Set by the apiserver on create from the pod's requests and limits.
  public var qosClass: String = ""
  public var ephemeralContainerStatuses: [ContainerStatus] = []
  public var resize: String = ""
  public var resourceClaimStatuses: [JSON] = []

  public init(phase: String = "") { self.phase = phase }
}

/// core/v1 `PodCondition`.
public struct PodCondition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var lastProbeTime: Time? = nil
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""

  public init(
    type: String, status: String, lastProbeTime: Time? = nil, lastTransitionTime: Time? = nil, reason: String = "",
    message: String = ""
  ) {
    self.type = type
    self.status = status
    self.lastProbeTime = lastProbeTime
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}

/// core/v1 `PodIP`.
public struct PodIP: Codable, Sendable, Hashable {
  public var ip: String = ""
  public init(ip: String) { self.ip = ip }
}

/// core/v1 `HostIP`.
public struct HostIP: Codable, Sendable, Hashable {
  public var ip: String = ""
  public init(ip: String) { self.ip = ip }
}
