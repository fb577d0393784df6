// UserInfo: the identity every request carries (authentication's result).

public struct UserInfo: Hashable, Sendable, CustomStringConvertible {
  public var name: String
  public var groups: [String]

  public init(name: String, groups: [String] = []) {
    self.name = name
    self.groups = groups.contains("system:authenticated") ? groups : groups + ["system:authenticated"]
  }

  public var description: String { name }

  /// The learner: kubeadm's admin.conf identity, bound to cluster-admin.
  public static let admin = UserInfo(name: "kubernetes-admin", groups: ["kubeadm:cluster-admins"])
  public static let scheduler = UserInfo(name: "system:kube-scheduler")
  /// Simulation: upstream kubeadm runs each controller under its own service account
  /// (--use-service-account-credentials); here the controller-manager uses one identity.
  public static let controllerManager = UserInfo(name: "system:kube-controller-manager")
  public static let kubeProxy = UserInfo(name: "system:kube-proxy")
  public static let coreDNS = serviceAccount(namespace: "kube-system", name: "coredns")
  public static let dashboard = serviceAccount(namespace: "kubernetes-dashboard", name: "kubernetes-dashboard")

  public static func node(_ name: String) -> UserInfo {
    UserInfo(name: "system:node:\(name)", groups: ["system:nodes"])
  }

  public static func serviceAccount(namespace: String, name: String) -> UserInfo {
    UserInfo(
      name: "system:serviceaccount:\(namespace):\(name)",
      groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"])
  }

  /// The node name of a kubelet identity (`system:node:node-1` → `node-1`).
  public var nodeName: String? {
    guard groups.contains("system:nodes"), name.hasPrefix("system:node:") else { return nil }
    return String(name.dropFirst("system:node:".count))
  }

  /// Parses `--as` values: a plain user, `system:serviceaccount:NS:NAME`, or `system:node:NAME`.
  public static func impersonating(_ name: String, groups: [String] = []) -> UserInfo {
    if name.hasPrefix("system:serviceaccount:") {
      let parts = name.split(separator: ":", omittingEmptySubsequences: false)
      if parts.count == 4 {
        var u = serviceAccount(namespace: String(parts[2]), name: String(parts[3]))
        u.groups.append(contentsOf: groups.filter { !u.groups.contains($0) })
        return u
      }
    }
    if name.hasPrefix("system:node:") {
      return UserInfo(name: name, groups: ["system:nodes"] + groups)
    }
    return UserInfo(name: name, groups: groups)
  }
}
