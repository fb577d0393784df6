// KindRegistry: every kind the simulated apiserver serves, and how kubectl's names resolve to them.

/// The simulated kinds and lookups by apiVersion/kind and by the names kubectl accepts.
///
/// kubectl resolves `pods`, `pod`, `po`, `Pod`, `pods.`, `pods.v1.`, `deployments.apps`,
/// `deploy.apps`, `deployments.v1.apps` case-insensitively (upstream's RESTMapper lowercases
/// the argument and expands short names first).
public enum KindRegistry {
  /// The stored kinds, in discovery order: the core group, then apps, batch, rbac, coordination,
  /// discovery; within a group by plural name (the order `kubectl api-resources` and
  /// `kubectl get all` follow).
  public static let storedKinds: [any KubeObject.Type] = [
    ConfigMap.self, Endpoints.self, Event.self, Namespace.self, Node.self, Pod.self, Secret.self,
    ServiceAccount.self, Service.self,
    DaemonSet.self, Deployment.self, ReplicaSet.self,
    Job.self,
    ClusterRoleBinding.self, ClusterRole.self, RoleBinding.self, Role.self,
    Lease.self,
    EndpointSlice.self,
  ]

  /// Kinds that are request or response bodies but never stored: `Binding` (pods/binding) and `Status`.
  public static let bodyKinds: [any KubeObject.Type] = [Binding.self, Status.self]

  /// The kind served as `apiVersion`/`kind` (stored kinds and bodies), or nil.
  public static func kind(apiVersion: String, kind: String) -> (any KubeObject.Type)? {
    (storedKinds + bodyKinds).first { $0.resource.apiVersion == apiVersion && $0.resource.kind == kind }
  }

  /// The stored kind of `resource` (plural) in `group` (`""` for core).
  public static func kind(group: String, resource: String) -> (any KubeObject.Type)? {
    storedKinds.first { $0.resource.group == group && $0.resource.plural == resource }
  }

  /// The stored kind a kubectl resource argument names: plural, singular, short name or kind,
  /// optionally followed by `.group` or `.version.group`; case-insensitive. Nil when unknown.
  public static func resolve(_ name: String) -> (any KubeObject.Type)? {
    let lowered = name.lowercased()
    let parts = lowered.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let head = parts[0]
    guard !head.isEmpty else { return nil }
    let candidates = storedKinds.filter { matchesName($0.resource, head) }
    guard parts.count == 2 else { return candidates.first }
    let rest = parts[1]
    // `resource.group` first, then `resource.version.group` (as upstream's ParseResourceArg tries both).
    if let t = candidates.first(where: { $0.resource.group == rest }) { return t }
    let versioned = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard versioned.count == 2 else { return nil }
    return candidates.first { $0.resource.version == versioned[0] && $0.resource.group == versioned[1] }
  }

  /// Every stored kind whose resource lists `category` (`all`), in discovery order.
  public static func kinds(inCategory category: String) -> [any KubeObject.Type] {
    storedKinds.filter { $0.resource.categories.contains(category) }
  }

  /// The stored kinds' names, sorted (`ClusterRole`, `ClusterRoleBinding`, `ConfigMap`, …).
  public static var supportedKinds: [String] { storedKinds.map { $0.resource.kind }.sorted() }

  /// The stored resources' plural names, sorted (`clusterrolebindings`, `clusterroles`, …).
  public static var supportedResources: [String] { storedKinds.map { $0.resource.plural }.sorted() }

  private static func matchesName(_ r: ResourceType, _ name: String) -> Bool {
    name == r.plural || name == r.singular || name == r.kind.lowercased() || r.shortNames.contains(name)
  }
}
