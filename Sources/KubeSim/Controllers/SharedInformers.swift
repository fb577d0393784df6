// SharedInformers: client-go's SharedInformerFactory for kube-controller-manager — one informer
// per resource, shared by every controller, with the indexes the controllers look things up by.

/// Index names used across the controllers.
enum IndexName {
  /// Every object: its namespace.
  static let namespace = "namespace"
  /// Pods: `spec.nodeName`.
  static let node = "node"
  /// Pods and ReplicaSets: the uid of their controller owner reference.
  static let controller = "controller"
  /// Pods: the namespace of pods without a controller reference (orphans to adopt).
  static let orphan = "orphan"
  /// Pods: `namespace\u{0}key=value` for each label (serves selectors with an `=` requirement).
  static let label = "label"
  /// EndpointSlices: `namespace/service` from the `kubernetes.io/service-name` label.
  static let service = "service"
}

/// A type-erased view of an informer, for the controllers that handle every kind alike
/// (the garbage collector and the namespace controller).
protocol AnyInformer: AnyObject {
  var resourceType: ResourceType { get }
  var synced: Bool { get }
  func anyObject(forKey key: String) -> (any KubeObject)?
  /// Cached objects of `namespace`, sorted by key.
  func anyObjects(inNamespace namespace: String) -> [any KubeObject]
  func countObjects(inNamespace namespace: String) -> Int
  func addAnyHandlers(
    add: @escaping (any KubeObject) -> Void, update: @escaping (any KubeObject, any KubeObject) -> Void,
    delete: @escaping (any KubeObject) -> Void)
  func start()
  func stop()
}

extension Informer: AnyInformer {
  var resourceType: ResourceType { T.resource }
  var synced: Bool { hasSynced }
  func anyObject(forKey key: String) -> (any KubeObject)? { get(key) }
  func anyObjects(inNamespace namespace: String) -> [any KubeObject] { byIndex(IndexName.namespace, namespace) }
  func countObjects(inNamespace namespace: String) -> Int { countByIndex(IndexName.namespace, namespace) }
  func addAnyHandlers(
    add: @escaping (any KubeObject) -> Void, update: @escaping (any KubeObject, any KubeObject) -> Void,
    delete: @escaping (any KubeObject) -> Void
  ) {
    onAdd.append { add($0) }
    onUpdate.append { update($0, $1) }
    onDelete.append { delete($0) }
  }
}

/// The controller-manager's informers: one per resource, all started together.
///
/// Simulation: Events and RBAC objects are not watched (no controller here needs them); the
/// namespace controller deletes them blind with a deletecollection.
final class SharedInformers {
  let pods: Informer<Pod>
  let nodes: Informer<Node>
  let namespaces: Informer<Namespace>
  let replicaSets: Informer<ReplicaSet>
  let deployments: Informer<Deployment>
  let daemonSets: Informer<DaemonSet>
  let jobs: Informer<Job>
  let services: Informer<Service>
  let endpoints: Informer<Endpoints>
  let endpointSlices: Informer<EndpointSlice>
  let serviceAccounts: Informer<ServiceAccount>
  let configMaps: Informer<ConfigMap>
  let secrets: Informer<Secret>
  let leases: Informer<Lease>

  /// Every informer, in discovery order (KindRegistry's order).
  let all: [any AnyInformer]

  init(client: APIClient) {
    pods = Informer(client: client)
    nodes = Informer(client: client)
    namespaces = Informer(client: client)
    replicaSets = Informer(client: client)
    deployments = Informer(client: client)
    daemonSets = Informer(client: client)
    jobs = Informer(client: client)
    services = Informer(client: client)
    endpoints = Informer(client: client)
    endpointSlices = Informer(client: client)
    serviceAccounts = Informer(client: client)
    configMaps = Informer(client: client)
    secrets = Informer(client: client)
    leases = Informer(client: client)
    all = [
      configMaps, endpoints, namespaces, nodes, pods, secrets, serviceAccounts, services, daemonSets, deployments,
      replicaSets, jobs, leases, endpointSlices,
    ]
    addIndexes()
  }

  private func addIndexes() {
    func byNamespace<T: KubeObject>(_ i: Informer<T>) { i.addIndex(IndexName.namespace) { [$0.metadata.namespace] } }
    byNamespace(pods)
    byNamespace(replicaSets)
    byNamespace(deployments)
    byNamespace(daemonSets)
    byNamespace(jobs)
    byNamespace(services)
    byNamespace(endpoints)
    byNamespace(endpointSlices)
    byNamespace(serviceAccounts)
    byNamespace(configMaps)
    byNamespace(secrets)
    byNamespace(leases)
    byNamespace(nodes)
    byNamespace(namespaces)
    pods.addIndex(IndexName.node) { $0.spec.nodeName.isEmpty ? [] : [$0.spec.nodeName] }
    pods.addIndex(IndexName.controller) { $0.metadata.controllerRef.map { [$0.uid] } ?? [] }
    pods.addIndex(IndexName.orphan) { $0.metadata.controllerRef == nil ? [$0.metadata.namespace] : [] }
    pods.addIndex(IndexName.label) { pod in
      (pod.metadata.labels ?? [:]).map { "\(pod.metadata.namespace)\u{0}\($0.key)=\($0.value)" }
    }
    replicaSets.addIndex(IndexName.controller) { $0.metadata.controllerRef.map { [$0.uid] } ?? [] }
    endpointSlices.addIndex(IndexName.service) { slice in
      slice.metadata.labels?[EndpointSliceLabel.serviceName].map { ["\(slice.metadata.namespace)/\($0)"] } ?? []
    }
  }

  func start() { for i in all { i.start() } }
  func stop() { for i in all { i.stop() } }

  /// True once every informer has listed (client-go's `WaitForCacheSync`).
  var synced: Bool { all.allSatisfy { $0.synced } }

  // MARK: - Lookups

  /// Pods of `namespace` that `selector` matches, sorted by key. Narrowed through the label
  /// index by one `key=value` requirement when the selector has one, so a lookup costs the
  /// size of the smallest matching label set rather than the namespace.
  func pods(in namespace: String, matching selector: Selector) -> [Pod] {
    if selector.matchesNothing { return [] }
    var best: (key: String, count: Int)? = nil
    for r in selector.requirements {
      guard let v = selector.requiresExactMatch(r.key) else { continue }
      let k = "\(namespace)\u{0}\(r.key)=\(v)"
      let n = pods.countByIndex(IndexName.label, k)
      if best == nil || n < best!.count { best = (k, n) }
    }
    let candidates = best.map { pods.byIndex(IndexName.label, $0.key) } ?? pods.byIndex(IndexName.namespace, namespace)
    return candidates.filter { selector.matches($0.metadata.labels ?? [:]) }
  }

  /// A controller's candidate pods: those it controls (by uid) and the orphans of its namespace
  /// that `selector` matches, sorted by key (what upstream's claim sees of the namespace).
  func candidatePods(controller uid: String, namespace: String, selector: Selector) -> [Pod] {
    let owned = pods.byIndex(IndexName.controller, uid)
    let orphans = pods.byIndex(IndexName.orphan, namespace).filter { selector.matches($0.metadata.labels ?? [:]) }
    if orphans.isEmpty { return owned }
    return (owned + orphans).sorted { $0.key < $1.key }
  }

  /// Pods whose controller owner reference has `uid`, sorted by key.
  func pods(controlledBy uid: String) -> [Pod] { pods.byIndex(IndexName.controller, uid) }

  func pods(onNode node: String) -> [Pod] { pods.byIndex(IndexName.node, node) }

  /// The informer that caches `resource`, if the controller-manager watches it.
  func informer(for resource: ResourceType) -> (any AnyInformer)? {
    all.first { $0.resourceType == resource }
  }

  /// The informer for an owner reference's `apiVersion` and `kind`.
  func informer(apiVersion: String, kind: String) -> (any AnyInformer)? {
    all.first { $0.resourceType.apiVersion == apiVersion && $0.resourceType.kind == kind }
  }
}
