// ServiceAccount: an identity for processes in pods (core/v1 ServiceAccount).

/// core/v1 `ServiceAccount`.
public struct ServiceAccount: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "ServiceAccount", plural: "serviceaccounts", shortNames: ["sa"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var secrets: [ObjectReference] = []
  public var imagePullSecrets: [LocalObjectReference] = []
  public var automountServiceAccountToken: Bool? = nil

  public init(metadata: ObjectMeta = ObjectMeta()) { self.metadata = metadata }
}
