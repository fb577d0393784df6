// DaemonSet: one pod per eligible node (apps/v1 DaemonSet).

/// apps/v1 `DaemonSet`.
public struct DaemonSet: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "DaemonSet", group: "apps", plural: "daemonsets", shortNames: ["ds"], categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: DaemonSetSpec = DaemonSetSpec()
  public var status: DaemonSetStatus = DaemonSetStatus()

  public init(
    metadata: ObjectMeta = ObjectMeta(), spec: DaemonSetSpec = DaemonSetSpec(),
    status: DaemonSetStatus = DaemonSetStatus()
  ) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }
}

/// apps/v1 `DaemonSetSpec`.
public struct DaemonSetSpec: Codable, Sendable, Hashable {
  public var selector: LabelSelector? = nil
  public var template: PodTemplateSpec = PodTemplateSpec()
  public var updateStrategy: DaemonSetUpdateStrategy = DaemonSetUpdateStrategy()
  public var minReadySeconds: Int32? = nil
  /// Defaulted to 10.
  public var revisionHistoryLimit: Int32? = nil

  public init(selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
    self.selector = selector
    self.template = template
  }
}

/// apps/v1 `DaemonSetUpdateStrategyType` values.
public enum DaemonSetUpdateStrategyType {
  public static let rollingUpdate = "RollingUpdate"
  public static let onDelete = "OnDelete"
  public static let all = [onDelete, rollingUpdate]
}

/// apps/v1 `DaemonSetUpdateStrategy`.
public struct DaemonSetUpdateStrategy: Codable, Sendable, Hashable {
  /// Defaulted to `RollingUpdate`.
  public var type: String = ""
  public var rollingUpdate: RollingUpdateDaemonSet? = nil
  public init(type: String = "", rollingUpdate: RollingUpdateDaemonSet? = nil) {
    self.type = type
    self.rollingUpdate = rollingUpdate
  }
}

/// apps/v1 `RollingUpdateDaemonSet`.
public struct RollingUpdateDaemonSet: Codable, Sendable, Hashable {
  /// Defaulted to 1.
  public var maxUnavailable: IntOrString? = nil
  /// Defaulted to 0.
  public var maxSurge: IntOrString? = nil
  public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
    self.maxUnavailable = maxUnavailable
    self.maxSurge = maxSurge
  }
}

/// apps/v1 `DaemonSetStatus`. The first four counters have no omitempty upstream.
public struct DaemonSetStatus: Codable, Sendable, Hashable {
  public var currentNumberScheduled: Int32 = 0
  public var numberMisscheduled: Int32 = 0
  public var desiredNumberScheduled: Int32 = 0
  public var numberReady: Int32 = 0
  public var observedGeneration: Int64? = nil
  public var updatedNumberScheduled: Int32? = nil
  public var numberAvailable: Int32? = nil
  public var numberUnavailable: Int32? = nil
  public var collisionCount: Int32? = nil
  public var conditions: [DaemonSetCondition] = []

  public init() {}
}

/// apps/v1 `DaemonSetCondition`.
public struct DaemonSetCondition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""
  public init(type: String, status: String, lastTransitionTime: Time? = nil, reason: String = "", message: String = "")
  {
    self.type = type
    self.status = status
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}
