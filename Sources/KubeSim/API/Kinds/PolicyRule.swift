// PolicyRule and the binding parts shared by the four RBAC kinds (rbac.authorization.k8s.io/v1).

/// rbac/v1 `PolicyRule`: verbs allowed on resources (or non-resource URLs).
public struct PolicyRule: Codable, Sendable, Hashable {
  public var verbs: [String] = []
  public var apiGroups: [String] = []
  public var resources: [String] = []
  public var resourceNames: [String] = []
  public var nonResourceURLs: [String] = []

  public init(
    verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
    nonResourceURLs: [String] = []
  ) {
    self.verbs = verbs
    self.apiGroups = apiGroups
    self.resources = resources
    self.resourceNames = resourceNames
    self.nonResourceURLs = nonResourceURLs
  }
}

/// rbac/v1 `Subject`: a user, group or service account a binding grants to.
public struct Subject: Codable, Sendable, Hashable {
  /// `User`, `Group` or `ServiceAccount`.
  public var kind: String = ""
  /// `rbac.authorization.k8s.io` for users and groups, "" for service accounts.
  public var apiGroup: String = ""
  public var name: String = ""
  public var namespace: String = ""

  public init(kind: String, apiGroup: String = "", name: String, namespace: String = "") {
    self.kind = kind
    self.apiGroup = apiGroup
    self.name = name
    self.namespace = namespace
  }
}

/// rbac/v1 `RoleRef`: the Role or ClusterRole a binding grants.
public struct RoleRef: Codable, Sendable, Hashable {
  public var apiGroup: String = ""
  public var kind: String = ""
  public var name: String = ""

  public init(apiGroup: String = RBACNames.group, kind: String, name: String) {
    self.apiGroup = apiGroup
    self.kind = kind
    self.name = name
  }
}

/// rbac/v1 `AggregationRule`.
public struct AggregationRule: Codable, Sendable, Hashable {
  public var clusterRoleSelectors: [LabelSelector] = []
  public init(clusterRoleSelectors: [LabelSelector] = []) { self.clusterRoleSelectors = clusterRoleSelectors }
}

/// RBAC constants.
public enum RBACNames {
  public static let group = "rbac.authorization.k8s.io"
  public static let userKind = "User"
  public static let groupKind = "Group"
  public static let serviceAccountKind = "ServiceAccount"
  /// The wildcard in verbs, apiGroups and resources.
  public static let all = "*"
}
