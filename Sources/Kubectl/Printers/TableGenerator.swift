// TableGenerator: the server-side printing of a kind as a Table (k8s.io/kubernetes
// pkg/printers/internalversion/printers.go): its column definitions and one row per object.
import KubeSim

/// A column of a kind's table; priority 1 columns show only with `-o wide`.
struct TableColumn: Sendable {
  let name: String
  let priority: Int
  init(_ name: String, priority: Int = 0) {
    self.name = name
    self.priority = priority
  }
}

/// What printers.go registers for one kind: columns and a row function.
struct TableGenerator: Sendable {
  let columns: [TableColumn]
  /// The row's cells: the priority-0 cells, followed by the wide ones when `wide` is true.
  let row: @Sendable (_ object: any KubeObject, _ wide: Bool, _ now: Time) -> [String]

  /// The header names shown (uppercased as kubectl does).
  func headers(wide: Bool) -> [String] {
    columns.filter { wide || $0.priority == 0 }.map { $0.name.uppercased() }
  }

  /// The generator for a kind; kinds without one get NAME and AGE, as kubectl's default table.
  static func forResource(_ r: ResourceType) -> TableGenerator {
    registry[r.groupResource]
      ?? TableGenerator(columns: [TableColumn("Name"), TableColumn("Age")]) { o, _, now in
        [o.metadata.name, HumanDuration.since(o.metadata.creationTimestamp, now: now)]
      }
  }

  static let registry: [String: TableGenerator] = [
    Pod.resource.groupResource: WorkloadTables.pod,
    ReplicaSet.resource.groupResource: WorkloadTables.replicaSet,
    Deployment.resource.groupResource: WorkloadTables.deployment,
    DaemonSet.resource.groupResource: WorkloadTables.daemonSet,
    Job.resource.groupResource: WorkloadTables.job,
    Service.resource.groupResource: NetworkTables.service,
    Endpoints.resource.groupResource: NetworkTables.endpoints,
    EndpointSlice.resource.groupResource: NetworkTables.endpointSlice,
    Node.resource.groupResource: ClusterTables.node,
    Namespace.resource.groupResource: ClusterTables.namespace,
    Event.resource.groupResource: ClusterTables.event,
    Lease.resource.groupResource: ClusterTables.lease,
    ConfigMap.resource.groupResource: ConfigTables.configMap,
    Secret.resource.groupResource: ConfigTables.secret,
    ServiceAccount.resource.groupResource: ConfigTables.serviceAccount,
    Role.resource.groupResource: RBACTables.role,
    ClusterRole.resource.groupResource: RBACTables.clusterRole,
    RoleBinding.resource.groupResource: RBACTables.roleBinding,
    ClusterRoleBinding.resource.groupResource: RBACTables.clusterRoleBinding,
  ]
}

/// Helpers the row functions share.
enum Cells {
  static func age(_ o: any KubeObject, _ now: Time) -> String {
    HumanDuration.since(o.metadata.creationTimestamp, now: now)
  }

  /// `layoutContainerCells`: names and images joined by commas.
  static func containers(_ cs: [Container]) -> (String, String) {
    (cs.map(\.name).joined(separator: ","), cs.map(\.image).joined(separator: ","))
  }

  /// labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty.
  static func labels(_ l: [String: String]?) -> String {
    guard let l, !l.isEmpty else { return "<none>" }
    return l.keys.sorted().map { "\($0)=\(l[$0]!)" }.joined(separator: ",")
  }
}
