// ObjectReference: core/v1 references from one object to another (ObjectReference, LocalObjectReference).

/// core/v1 `ObjectReference`: enough to find an object (events' involvedObject, endpoints' targetRef).
public struct ObjectReference: Codable, Sendable, Hashable {
  public var kind: String = ""
  public var namespace: String = ""
  public var name: String = ""
  public var uid: String = ""
  public var apiVersion: String = ""
  public var resourceVersion: String = ""
  public var fieldPath: String = ""

  public init(
    kind: String = "", namespace: String = "", name: String = "", uid: String = "", apiVersion: String = "",
    resourceVersion: String = "", fieldPath: String = ""
  ) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.uid = uid
    self.apiVersion = apiVersion
    self.resourceVersion = resourceVersion
    self.fieldPath = fieldPath
  }

  /// A reference to `object` as events and endpoints record it.
  public static func to(_ object: some KubeObject, fieldPath: String = "") -> ObjectReference {
    ObjectReference(
      kind: object.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name,
      uid: object.metadata.uid, apiVersion: object.resource.apiVersion,
      resourceVersion: object.metadata.resourceVersion, fieldPath: fieldPath)
  }
}

/// core/v1 `LocalObjectReference`: a name in the same namespace (imagePullSecrets).
public struct LocalObjectReference: Codable, Sendable, Hashable {
  public var name: String = ""
  public init(name: String = "") { self.name = name }
}

/// core/v1 `TypedLocalObjectReference`.
public struct TypedLocalObjectReference: Codable, Sendable, Hashable {
  public var apiGroup: String? = nil
  public var kind: String = ""
  public var name: String = ""
  public init(apiGroup: String? = nil, kind: String, name: String) {
    self.apiGroup = apiGroup
    self.kind = kind
    self.name = name
  }
}
