// Role: namespaced permissions (rbac.authorization.k8s.io/v1 Role).

/// rbac/v1 `Role`.
public struct Role: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "Role", group: "rbac.authorization.k8s.io", plural: "roles")

  public var metadata: ObjectMeta = ObjectMeta()
  public var rules: [PolicyRule] = []

  public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule] = []) {
    self.metadata = metadata
    self.rules = rules
  }
}
