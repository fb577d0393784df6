// ClusterRole: cluster-wide permissions (rbac.authorization.k8s.io/v1 ClusterRole).

/// rbac/v1 `ClusterRole`.
public struct ClusterRole: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "ClusterRole", group: "rbac.authorization.k8s.io", plural: "clusterroles", namespaced: false)

  public var metadata: ObjectMeta = ObjectMeta()
  public var rules: [PolicyRule] = []
  public var aggregationRule: AggregationRule? = nil

  public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule] = [], aggregationRule: AggregationRule? = nil) {
    self.metadata = metadata
    self.rules = rules
    self.aggregationRule = aggregationRule
  }
}
