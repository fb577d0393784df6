// ObjectMeta: the metadata every stored object carries (metav1.ObjectMeta).

public struct ObjectMeta: Codable, Sendable, Hashable {
  public var name: String = ""
  public var generateName: String = ""
  public var namespace: String = ""
  public var uid: String = ""
  /// The etcd mod_revision of the stored object, as a string.
  public var resourceVersion: String = ""
  /// Bumped by the apiserver on every change of `spec` (for kinds that have one).
  public var generation: Int64? = nil
  public var creationTimestamp: Time? = nil
  public var deletionTimestamp: Time? = nil
  public var deletionGracePeriodSeconds: Int64? = nil
  public var labels: [String: String]? = nil
  public var annotations: [String: String]? = nil
  public var ownerReferences: [OwnerReference]? = nil
  public var finalizers: [String]? = nil

  public init(
    name: String = "", namespace: String = "", labels: [String: String]? = nil,
    annotations: [String: String]? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
  }

  /// The owner reference with `controller: true`, if any.
  public var controllerRef: OwnerReference? {
    ownerReferences?.first { $0.controller == true }
  }

  public func label(_ key: String) -> String? { labels?[key] }
  public func annotation(_ key: String) -> String? { annotations?[key] }
}

/// metav1.OwnerReference: who owns an object, for the garbage collector.
public struct OwnerReference: Codable, Sendable, Hashable {
  public var apiVersion: String = ""
  public var kind: String = ""
  public var name: String = ""
  public var uid: String = ""
  public var controller: Bool? = nil
  public var blockOwnerDeletion: Bool? = nil

  public init(
    apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
    blockOwnerDeletion: Bool? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.uid = uid
    self.controller = controller
    self.blockOwnerDeletion = blockOwnerDeletion
  }

  /// A controller reference to `owner`, as controllers set on what they create.
  public static func controller(of owner: some KubeObject) -> OwnerReference {
    OwnerReference(
      apiVersion: owner.resource.apiVersion, kind: owner.resource.kind, name: owner.metadata.name,
      uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true)
  }
}
