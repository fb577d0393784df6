// RoleBinding: grants a Role or ClusterRole within a namespace (rbac.authorization.k8s.io/v1 RoleBinding).

/// rbac/v1 `RoleBinding`.
public struct RoleBinding: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "RoleBinding", group: "rbac.authorization.k8s.io", plural: "rolebindings")

  public var metadata: ObjectMeta = ObjectMeta()
  public var subjects: [Subject] = []
  public var roleRef: RoleRef = RoleRef(apiGroup: "", kind: "", name: "")

  public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject] = [], roleRef: RoleRef) {
    self.metadata = metadata
    self.subjects = subjects
    self.roleRef = roleRef
  }
}
