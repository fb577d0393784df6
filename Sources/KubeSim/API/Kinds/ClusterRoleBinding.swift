// ClusterRoleBinding: grants a ClusterRole cluster-wide (rbac.authorization.k8s.io/v1 ClusterRoleBinding).

/// rbac/v1 `ClusterRoleBinding`.
public struct ClusterRoleBinding: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "ClusterRoleBinding", group: "rbac.authorization.k8s.io", plural: "clusterrolebindings", namespaced: false)

  public var metadata: ObjectMeta = ObjectMeta()
  public var subjects: [Subject] = []
  public var roleRef: RoleRef = RoleRef(apiGroup: "", kind: "", name: "")

  public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject] = [], roleRef: RoleRef) {
    self.metadata = metadata
    self.subjects = subjects
    self.roleRef = roleRef
  }
}
