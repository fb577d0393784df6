// Namespace: a scope for names (core/v1 Namespace).

/// core/v1 `Namespace`.
public struct Namespace: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Namespace", plural: "namespaces", shortNames: ["ns"], namespaced: false)

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: NamespaceSpec = NamespaceSpec()
  public var status: NamespaceStatus = NamespaceStatus()

  public init(
    metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec = NamespaceSpec(),
    status: NamespaceStatus = NamespaceStatus()
  ) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  public init(name: String) { self.metadata = ObjectMeta(name: name) }

  public var isTerminating: Bool { status.phase == NamespacePhase.terminating }
}

/// core/v1 `NamespacePhase` values.
public enum NamespacePhase {
  public static let active = "Active"
  public static let terminating = "Terminating"
}

/// Finalizer and label names namespaces carry.
public enum NamespaceNames {
  /// The finalizer the namespace controller removes once the namespace is empty.
  public static let kubernetesFinalizer = "kubernetes"
  /// The label every namespace gets, holding its own name.
  public static let metadataNameLabel = "kubernetes.io/metadata.name"
  public static let `default` = "default"
  public static let kubeSystem = "kube-system"
  public static let kubePublic = "kube-public"
  public static let kubeNodeLease = "kube-node-lease"
}

/// core/v1 `NamespaceSpec`.
public struct NamespaceSpec: Codable, Sendable, Hashable {
  public var finalizers: [String] = []
  public init(finalizers: [String] = []) { self.finalizers = finalizers }
}

/// core/v1 `NamespaceStatus`.
public struct NamespaceStatus: Codable, Sendable, Hashable {
  public var phase: String = ""
  public var conditions: [NamespaceCondition] = []
  public init(phase: String = "") { self.phase = phase }
}

/// core/v1 `NamespaceCondition`.
public struct NamespaceCondition: Codable, Sendable, Hashable {
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
