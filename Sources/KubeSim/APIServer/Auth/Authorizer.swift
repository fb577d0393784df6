// Authorizer: `--authorization-mode=Node,RBAC`. Kubelets are judged by the Node authorizer;
// everyone else by RBAC over the Roles, ClusterRoles and bindings stored in the cluster.

final class Authorizer {
  weak var server: APIServer?
  /// Decisions that did not depend on an object name, by request shape; cleared when RBAC changes.
  private var decisions: [String: Bool] = [:]
  private var rbacRevision: Int64 = -1

  /// nil when allowed, else the Forbidden error to return.
  func authorize(_ r: APIRequest) -> APIError? {
    let verb = r.verb.rawValue
    if let node = r.user.nodeName {
      if let reason = NodeAuthorizer.denial(node: node, r, server: server) {
        return .forbidden(
          user: r.user, verb: verb, resource: r.resource, subresource: r.subresource, namespace: r.namespace,
          name: r.name, reason: reason)
      }
      return nil
    }
    if allows(
      user: r.user, verb: verb, resource: r.resource, subresource: r.subresource, namespace: r.namespace, name: r.name)
    {
      return nil
    }
    return .forbidden(
      user: r.user, verb: verb, resource: r.resource, subresource: r.subresource, namespace: r.namespace, name: r.name)
  }

  /// RBAC: does any role bound to the user (or its groups) grant `verb` on the resource?
  func allows(
    user: UserInfo, verb: String, resource: ResourceType, subresource: String, namespace: String, name: String
  )
    -> Bool
  {
    // system:masters short-circuits before RBAC, as upstream's privileged group does.
    if user.groups.contains("system:masters") { return true }
    guard let server else { return false }
    let rev = rbacStateRevision(server)
    if rev != rbacRevision {
      decisions.removeAll()
      rbacRevision = rev
    }
    let res = subresource.isEmpty ? resource.plural : "\(resource.plural)/\(subresource)"
    let shape = "\(user.name)|\(user.groups.joined(separator: ","))|\(verb)|\(resource.group)|\(res)|\(namespace)"
    if let d = decisions[shape], d { return true }
    let granted = rules(for: user, namespace: namespace, server: server).contains { rule in
      Self.matches(rule, verb: verb, group: resource.group, resource: res, name: name)
    }
    if granted {
      // Only remember grants that hold for every name.
      let anyName = rules(for: user, namespace: namespace, server: server).contains { rule in
        rule.resourceNames.isEmpty && Self.matches(rule, verb: verb, group: resource.group, resource: res, name: "")
      }
      if anyName { decisions[shape] = true }
    }
    return granted
  }

  private func rbacStateRevision(_ server: APIServer) -> Int64 {
    var rev: Int64 = 0
    for r in [ClusterRole.resource, ClusterRoleBinding.resource, Role.resource, RoleBinding.resource] {
      if let c = server.caches[r.groupResource] { rev = max(rev, c.lastChangeRevision) }
    }
    return rev
  }

  /// Every rule granted to `user` in `namespace` (cluster-wide grants included).
  func rules(for user: UserInfo, namespace: String, server: APIServer) -> [PolicyRule] {
    var out: [PolicyRule] = []
    let crbs = server.cache(ClusterRoleBinding.resource)
    for key in crbs.candidateKeys(namespace: "", nodeName: nil) {
      guard let b = crbs.get(key) as? ClusterRoleBinding,
        b.subjects.contains(where: { Self.applies($0, to: user, bindingNamespace: "") })
      else { continue }
      if let role = server.cache(ClusterRole.resource).get(b.roleRef.name) as? ClusterRole { out += role.rules }
    }
    if !namespace.isEmpty {
      let rbs = server.cache(RoleBinding.resource)
      for key in rbs.candidateKeys(namespace: namespace, nodeName: nil) {
        guard let b = rbs.get(key) as? RoleBinding,
          b.subjects.contains(where: { Self.applies($0, to: user, bindingNamespace: namespace) })
        else { continue }
        if b.roleRef.kind == "ClusterRole" {
          if let role = server.cache(ClusterRole.resource).get(b.roleRef.name) as? ClusterRole { out += role.rules }
        } else if let role = server.cache(Role.resource).get("\(namespace)/\(b.roleRef.name)") as? Role {
          out += role.rules
        }
      }
    }
    return out
  }

  static func applies(_ s: Subject, to user: UserInfo, bindingNamespace: String) -> Bool {
    switch s.kind {
    case "User": return s.name == user.name
    case "Group": return user.groups.contains(s.name)
    case "ServiceAccount":
      let ns = s.namespace.isEmpty ? bindingNamespace : s.namespace
      return user.name == "system:serviceaccount:\(ns):\(s.name)"
    default: return false
    }
  }

  static func matches(_ rule: PolicyRule, verb: String, group: String, resource: String, name: String) -> Bool {
    guard rule.verbs.contains("*") || rule.verbs.contains(verb) else { return false }
    guard rule.apiGroups.contains("*") || rule.apiGroups.contains(group) else { return false }
    let matchesResource = rule.resources.contains { r in
      if r == "*" || r == resource { return true }
      // `pods/*` covers every subresource of pods; `*/scale` the scale subresource of everything.
      if r.hasSuffix("/*"), resource.hasPrefix(String(r.dropLast(1))) { return true }
      if r.hasPrefix("*/"), let slash = resource.firstIndex(of: "/"), resource[slash...] == r.dropFirst() {
        return true
      }
      return false
    }
    guard matchesResource else { return false }
    if !rule.resourceNames.isEmpty {
      guard !name.isEmpty, rule.resourceNames.contains(name) else { return false }
    }
    return true
  }
}
