// RegistryKey: where the kube-apiserver keeps each object in etcd (/registry/<prefix>/<namespace>/<name>).

/// The etcd key of one Kubernetes object.
///
/// The apiserver stores namespaced objects at `/registry/<prefix>/<namespace>/<name>` and
/// cluster-scoped ones at `/registry/<prefix>/<name>`. The prefix is the plural resource name
/// without its group (`pods`, `deployments`), except for a few historical ones: `minions` for
/// nodes, `services/specs`, `services/endpoints`, `controllers` for replication controllers.
/// `ResourceType.etcdPrefix` holds it.
///
///     /registry/pods/default/nginx-7d4b9-x2x9k
///     /registry/minions/node-1
///     /registry/services/specs/default/kubernetes
///     /registry/leases/kube-node-lease/node-1
public struct RegistryKey: Sendable, Hashable, CustomStringConvertible {
  /// The apiserver's default `--etcd-prefix`.
  public static let defaultRoot = "/registry"

  public var root: String
  /// The resource's storage prefix, e.g. `pods` or `services/specs`.
  public var resourcePrefix: String
  /// Empty for cluster-scoped objects.
  public var namespace: String
  public var name: String

  public init(resourcePrefix: String, namespace: String = "", name: String, root: String = RegistryKey.defaultRoot) {
    self.root = root
    self.resourcePrefix = resourcePrefix
    self.namespace = namespace
    self.name = name
  }

  /// The key of the object `name` of `resource` (the namespace is dropped for cluster-scoped resources).
  public init(_ resource: ResourceType, namespace: String = "", name: String, root: String = RegistryKey.defaultRoot) {
    self.init(
      resourcePrefix: resource.etcdPrefix, namespace: resource.namespaced ? namespace : "", name: name, root: root)
  }

  /// The key as stored: `/registry/pods/default/nginx`.
  public var path: String {
    namespace.isEmpty ? "\(root)/\(resourcePrefix)/\(name)" : "\(root)/\(resourcePrefix)/\(namespace)/\(name)"
  }

  public var description: String { path }

  // MARK: - Prefixes

  /// The prefix of every object of a resource (`/registry/pods/`), or of one namespace's
  /// (`/registry/pods/default/`). The trailing slash keeps `pods` from matching `podtemplates`.
  public static func prefix(_ resourcePrefix: String, namespace: String = "", root: String = defaultRoot) -> String {
    namespace.isEmpty ? "\(root)/\(resourcePrefix)/" : "\(root)/\(resourcePrefix)/\(namespace)/"
  }

  /// The prefix of every object of `resource`, or of those in `namespace`.
  public static func prefix(for resource: ResourceType, namespace: String = "", root: String = defaultRoot) -> String {
    prefix(resource.etcdPrefix, namespace: resource.namespaced ? namespace : "", root: root)
  }

  // MARK: - Parsing

  /// Parses `key` as a key of the resource stored under `resourcePrefix`; nil if it is not one.
  public init?(parsing key: String, resourcePrefix: String, namespaced: Bool, root: String = RegistryKey.defaultRoot) {
    let start = "\(root)/\(resourcePrefix)/"
    guard key.hasPrefix(start) else { return nil }
    let parts = key.dropFirst(start.count).split(separator: "/", omittingEmptySubsequences: false)
    guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
    switch (namespaced, parts.count) {
    case (true, 2):
      self.init(resourcePrefix: resourcePrefix, namespace: String(parts[0]), name: String(parts[1]), root: root)
    case (false, 1): self.init(resourcePrefix: resourcePrefix, name: String(parts[0]), root: root)
    default: return nil
    }
  }

  /// Parses `key` as a key of `resource`; nil if it is not one.
  public init?(parsing key: String, resource: ResourceType, root: String = RegistryKey.defaultRoot) {
    self.init(parsing: key, resourcePrefix: resource.etcdPrefix, namespaced: resource.namespaced, root: root)
  }

  /// Parses any registry key without knowing its resource. The prefix is one segment, or two for
  /// `services/…` and for custom resources (`<group>/<plural>`, the group has a dot); what follows is
  /// `<namespace>/<name>` or `<name>`. Nil for keys outside `root` or of another shape.
  public init?(parsing key: String, root: String = RegistryKey.defaultRoot) {
    guard key.hasPrefix(root + "/") else { return nil }
    let parts = key.dropFirst(root.count + 1).split(separator: "/", omittingEmptySubsequences: false)
    guard let first = parts.first, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
    let prefixLength = (first == "services" || first.contains(".")) ? 2 : 1
    let rest = parts.dropFirst(prefixLength)
    guard parts.count > prefixLength, rest.count <= 2 else { return nil }
    let prefix = parts.prefix(prefixLength).joined(separator: "/")
    if rest.count == 2 {
      self.init(resourcePrefix: prefix, namespace: String(rest.first!), name: String(rest.last!), root: root)
    } else {
      self.init(resourcePrefix: prefix, name: String(rest.first!), root: root)
    }
  }
}
