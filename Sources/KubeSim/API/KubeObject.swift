// KubeObject: what every simulated kind has in common (Kubernetes' runtime.Object).

/// An object the apiserver stores: a kind with `metadata`, usually `spec` and `status`.
///
/// Conventions for the Codable shapes of every kind (they decide what `-o yaml` prints):
/// - a missing key decodes as the zero value of a non-optional property (Go's semantics);
/// - a non-optional `String`, array or dictionary is left out when empty (Go's `omitempty`);
/// - a non-optional number, `Bool` or struct is always printed (Go fields without `omitempty`);
/// - an `Optional` is printed whenever it is set, even when empty or zero (Go pointers).
/// `apiVersion` and `kind` are not properties: they come from `resource` when encoding.
public protocol KubeObject: Codable, Sendable, Equatable {
  /// The resource this kind is served as (`pods`, `deployments.apps`, …).
  static var resource: ResourceType { get }
  var metadata: ObjectMeta { get set }
}

extension KubeObject {
  public var resource: ResourceType { Self.resource }
  public var name: String { metadata.name }
  public var namespace: String { metadata.namespace }
  /// `namespace/name`, or `name` for cluster-scoped objects: the key informers cache by.
  public var key: String { metadata.namespace.isEmpty ? metadata.name : "\(metadata.namespace)/\(metadata.name)" }
}

/// A served resource: its kind, group, version, plural name and storage prefix.
public struct ResourceType: Sendable, Hashable, CustomStringConvertible {
  public let kind: String
  public let group: String
  public let version: String
  public let plural: String
  public let singular: String
  public let shortNames: [String]
  public let namespaced: Bool
  /// The etcd key prefix under `/registry/` (`minions` for nodes, `services/specs` for services).
  public let etcdPrefix: String
  /// The `kubectl api-resources` categories (`all` for the workload kinds).
  public let categories: [String]

  public init(
    kind: String, group: String = "", version: String = "v1", plural: String, singular: String? = nil,
    shortNames: [String] = [], namespaced: Bool = true, etcdPrefix: String? = nil, categories: [String] = []
  ) {
    self.kind = kind
    self.group = group
    self.version = version
    self.plural = plural
    self.singular = singular ?? kind.lowercased()
    self.shortNames = shortNames
    self.namespaced = namespaced
    self.etcdPrefix = etcdPrefix ?? plural
    self.categories = categories
  }

  /// `v1` or `apps/v1`.
  public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
  /// `pods` or `deployments.apps`: the name kubectl and error messages use.
  public var groupResource: String { group.isEmpty ? plural : "\(plural).\(group)" }
  /// `pod` or `deployment.apps`: the prefix of kubectl's `deployment.apps/web created`.
  public var kubectlName: String { group.isEmpty ? singular : "\(singular).\(group)" }

  public var description: String { groupResource }
}
