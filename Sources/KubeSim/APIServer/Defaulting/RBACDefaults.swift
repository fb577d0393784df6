// RBACDefaults: rbac.authorization.k8s.io/v1 defaults (SetDefaults_RoleBinding, _ClusterRoleBinding, _Subject).

extension RoleBinding: SchemeDefaultable {
  /// `roleRef.apiGroup` defaults to `rbac.authorization.k8s.io`; subjects' apiGroup by kind.
  public mutating func applyDefaults() {
    if roleRef.apiGroup.isEmpty { roleRef.apiGroup = RBACNames.group }
    for i in subjects.indices { subjects[i].applyDefaults() }
  }
}

extension ClusterRoleBinding: SchemeDefaultable {
  /// `roleRef.apiGroup` defaults to `rbac.authorization.k8s.io`; subjects' apiGroup by kind.
  public mutating func applyDefaults() {
    if roleRef.apiGroup.isEmpty { roleRef.apiGroup = RBACNames.group }
    for i in subjects.indices { subjects[i].applyDefaults() }
  }
}

extension Subject {
  /// Upstream `SetDefaults_Subject`: `rbac.authorization.k8s.io` for User and Group, "" for ServiceAccount.
  mutating func applyDefaults() {
    guard apiGroup.isEmpty else { return }
    if kind == RBACNames.userKind || kind == RBACNames.groupKind { apiGroup = RBACNames.group }
  }
}
