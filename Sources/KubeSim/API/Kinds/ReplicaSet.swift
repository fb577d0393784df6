// ReplicaSet: keeps a number of identical pods running (apps/v1 ReplicaSet).

/// apps/v1 `ReplicaSet`.
public struct ReplicaSet: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "ReplicaSet", group: "apps", plural: "replicasets", shortNames: ["rs"], categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: ReplicaSetSpec = ReplicaSetSpec()
  public var status: ReplicaSetStatus = ReplicaSetStatus()

  public init(
    metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec = ReplicaSetSpec(),
    status: ReplicaSetStatus = ReplicaSetStatus()
  ) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }
}

/// apps/v1 `ReplicaSetSpec`.
public struct ReplicaSetSpec: Codable, Sendable, Hashable {
  /// Defaulted to 1.
  public var replicas: Int32? = nil
  public var minReadySeconds: Int32? = nil
  public var selector: LabelSelector? = nil
  public var template: PodTemplateSpec = PodTemplateSpec()

  public init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
    self.replicas = replicas
    self.selector = selector
    self.template = template
  }
}

/// apps/v1 `ReplicaSetStatus`. `replicas` has no omitempty upstream, so `replicas: 0` prints.
public struct ReplicaSetStatus: Codable, Sendable, Hashable {
  public var replicas: Int32 = 0
  public var fullyLabeledReplicas: Int32? = nil
  public var readyReplicas: Int32? = nil
  public var availableReplicas: Int32? = nil
  public var terminatingReplicas: Int32? = nil
  public var observedGeneration: Int64? = nil
  public var conditions: [ReplicaSetCondition] = []

  public init(replicas: Int32 = 0) { self.replicas = replicas }
}

/// apps/v1 `ReplicaSetCondition`.
public struct ReplicaSetCondition: Codable, Sendable, Hashable {
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
