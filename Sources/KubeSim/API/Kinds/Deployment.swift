// Deployment: declarative rollouts of ReplicaSets (apps/v1 Deployment).

/// apps/v1 `Deployment`.
public struct Deployment: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Deployment", group: "apps", plural: "deployments", shortNames: ["deploy"], categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: DeploymentSpec = DeploymentSpec()
  public var status: DeploymentStatus = DeploymentStatus()

  public init(
    metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec = DeploymentSpec(),
    status: DeploymentStatus = DeploymentStatus()
  ) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// The condition of `type`, if reported.
  public func condition(_ type: String) -> DeploymentCondition? { status.conditions.first { $0.type == type } }
}

/// apps/v1 `DeploymentSpec`.
public struct DeploymentSpec: Codable, Sendable, Hashable {
  /// Defaulted to 1.
  public var replicas: Int32? = nil
  public var selector: LabelSelector? = nil
  public var template: PodTemplateSpec = PodTemplateSpec()
  public var strategy: DeploymentStrategy = DeploymentStrategy()
  public var minReadySeconds: Int32? = nil
  /// Defaulted to 10.
  public var revisionHistoryLimit: Int32? = nil
  public var paused: Bool? = nil
  /// Defaulted to 600.
  public var progressDeadlineSeconds: Int32? = nil

  public init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
    self.replicas = replicas
    self.selector = selector
    self.template = template
  }
}

/// apps/v1 `DeploymentStrategyType` values.
public enum DeploymentStrategyType {
  public static let recreate = "Recreate"
  public static let rollingUpdate = "RollingUpdate"
  public static let all = [recreate, rollingUpdate]
}

/// apps/v1 `DeploymentStrategy`.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
  /// Defaulted to `RollingUpdate`.
  public var type: String = ""
  public var rollingUpdate: RollingUpdateDeployment? = nil
  public init(type: String = "", rollingUpdate: RollingUpdateDeployment? = nil) {
    self.type = type
    self.rollingUpdate = rollingUpdate
  }
}

/// apps/v1 `RollingUpdateDeployment`.
public struct RollingUpdateDeployment: Codable, Sendable, Hashable {
  /// Defaulted to `25%`.
  public var maxUnavailable: IntOrString? = nil
  /// Defaulted to `25%`.
  public var maxSurge: IntOrString? = nil
  public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
    self.maxUnavailable = maxUnavailable
    self.maxSurge = maxSurge
  }
}

/// apps/v1 `DeploymentStatus`.
public struct DeploymentStatus: Codable, Sendable, Hashable {
  public var observedGeneration: Int64? = nil
  public var replicas: Int32? = nil
  public var updatedReplicas: Int32? = nil
  public var readyReplicas: Int32? = nil
  public var availableReplicas: Int32? = nil
  public var unavailableReplicas: Int32? = nil
  public var terminatingReplicas: Int32? = nil
  public var conditions: [DeploymentCondition] = []
  public var collisionCount: Int32? = nil

  public init() {}
}

/// apps/v1 `DeploymentConditionType` values.
public enum DeploymentConditionType {
  public static let available = "Available"
  public static let progressing = "Progressing"
  public static let replicaFailure = "ReplicaFailure"
}

/// apps/v1 `DeploymentCondition`.
public struct DeploymentCondition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var lastUpdateTime: Time? = nil
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""
  public init(
    type: String, status: String, lastUpdateTime: Time? = nil, lastTransitionTime: Time? = nil, reason: String = "",
    message: String = ""
  ) {
    self.type = type
    self.status = status
    self.lastUpdateTime = lastUpdateTime
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}
