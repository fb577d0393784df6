// SchedulerTestSupport: building clusters, nodes and pods for the scheduler's tests.

@testable import KubeSim

/// The scheduler alone: a cluster without machines whose nodes are Node objects created as admin,
/// with the `default` service account in place so pods can be created.
///
/// No kubelet runs behind these nodes, so the controller-manager is stopped: its DaemonSet and
/// Deployment controllers would otherwise place kubeadm's kube-proxy and CoreDNS pods (100m CPU,
/// 70Mi each) on them, and its node lifecycle controller would find the nodes silent and taint
/// them unreachable. The tests then see exactly the pods and nodes they create.
struct SchedulerTestCluster {
  let cluster: Cluster

  static let gi: Int64 = 1024 * 1024 * 1024
  static let mi: Int64 = 1024 * 1024

  /// No kubeadm machines; `nodes` are registered by hand.
  init(seed: UInt64 = 1, nodes: [Node] = SchedulerTestCluster.kubeadmNodes()) {
    var options = ClusterOptions(seed: seed, workers: 0, controlPlanes: 0)
    options.bootstrap = false
    cluster = Cluster(options: options)
    cluster.controllerManager.stop()
    _ = cluster.kubectl.perform(
      APIRequest(
        .create, ServiceAccount.resource, namespace: "default",
        body: .object(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: "default")))))
    for n in nodes { createNode(n) }
    // Let the scheduler list, watch and see the nodes.
    cluster.runTick()
    cluster.runTick()
  }

  var scheduler: Scheduler { cluster.scheduler }

  /// kubeadm's default layout: `control-plane` (2 CPU, 4Gi, tainted) and workers of 4 CPU / 8Gi.
  static func kubeadmNodes(workers: Int = 2) -> [Node] {
    var nodes = [
      node(
        "control-plane", cpu: "2", memory: "4Gi",
        labels: ["node-role.kubernetes.io/control-plane": ""],
        taints: [Taint(key: "node-role.kubernetes.io/control-plane", effect: TaintEffect.noSchedule)])
    ]
    for i in 1...max(workers, 1) where workers > 0 { nodes.append(node("node-\(i)", cpu: "4", memory: "8Gi")) }
    return nodes
  }

  /// A Ready node with the given allocatable (and the same capacity).
  static func node(
    _ name: String, cpu: String = "4", memory: String = "8Gi", pods: Int = 110, labels: [String: String] = [:],
    taints: [Taint] = [], unschedulable: Bool = false, images: [ContainerImage] = [],
    extended: ResourceList = [:]
  ) -> Node {
    var n = Node(metadata: ObjectMeta(name: name))
    var l = ["kubernetes.io/hostname": name, "kubernetes.io/os": "linux"]
    for (k, v) in labels { l[k] = v }
    n.metadata.labels = l
    n.spec.taints = taints
    n.spec.unschedulable = unschedulable ? true : nil
    var resources: ResourceList = [
      ResourceName.cpu: Quantity(cpu), ResourceName.memory: Quantity(memory),
      ResourceName.pods: Quantity(value: Int64(pods)),
    ]
    for (k, v) in extended { resources[k] = v }
    n.status.capacity = resources
    n.status.allocatable = resources
    n.status.conditions = [NodeCondition(type: NodeConditionType.ready, status: ConditionStatus.true)]
    n.status.images = images
    return n
  }

  /// A pod with one container `app` requesting `cpu`/`memory` (nil: no request).
  static func pod(
    _ name: String, cpu: String? = nil, memory: String? = nil, image: String = "nginx:1.14.2",
    nodeSelector: [String: String] = [:], tolerations: [Toleration] = [], affinity: Affinity? = nil,
    hostPort: Int32? = nil, priorityClassName: String = "", schedulerName: String = "", nodeName: String = "",
    extended: ResourceList = [:]
  ) -> Pod {
    var requests: ResourceList = [:]
    if let cpu { requests[ResourceName.cpu] = Quantity(cpu) }
    if let memory { requests[ResourceName.memory] = Quantity(memory) }
    for (k, v) in extended { requests[k] = v }
    var limits: ResourceList = [:]
    for (k, v) in extended { limits[k] = v }
    var c = Container(name: "app", image: image, resources: ResourceRequirements(limits: limits, requests: requests))
    if let hostPort { c.ports = [ContainerPort(containerPort: 80, hostPort: hostPort)] }
    var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
    p.spec.containers = [c]
    p.spec.nodeSelector = nodeSelector
    p.spec.tolerations = tolerations
    p.spec.affinity = affinity
    p.spec.priorityClassName = priorityClassName
    p.spec.schedulerName = schedulerName
    p.spec.nodeName = nodeName
    return p
  }

  @discardableResult
  func createNode(_ n: Node) -> APIResult {
    let r = cluster.kubectl.perform(APIRequest(.create, Node.resource, body: .object(n)))
    if case .failure(let e) = r { fatalError("node \(n.metadata.name): \(e)") }
    return r
  }

  @discardableResult
  func create(_ p: Pod) -> Pod {
    let r = cluster.kubectl.perform(APIRequest(.create, Pod.resource, namespace: "default", body: .object(p)))
    guard case .success(.object(let o)) = r, let created = o as? Pod else { fatalError("pod \(p.metadata.name): \(r)") }
    return created
  }

  func get(_ name: String, namespace: String = "default") -> Pod? {
    guard
      case .success(.object(let o)) = cluster.kubectl.perform(
        APIRequest(.get, Pod.resource, namespace: namespace, name: name))
    else { return nil }
    return o as? Pod
  }

  func getNode(_ name: String) -> Node? {
    guard case .success(.object(let o)) = cluster.kubectl.perform(APIRequest(.get, Node.resource, name: name))
    else { return nil }
    return o as? Node
  }

  /// `status: true` writes through `nodes/NAME/status` (as the kubelet does).
  func updateNode(_ name: String, status: Bool = false, _ change: (inout Node) -> Void) {
    guard var n = getNode(name) else { fatalError("no node \(name)") }
    change(&n)
    let r = cluster.kubectl.perform(
      APIRequest(.update, Node.resource, name: name, subresource: status ? "status" : "", body: .object(n)))
    if case .failure(let e) = r { fatalError("update node \(name): \(e)") }
  }

  func delete(_ name: String, gracePeriod: Int64? = nil) {
    var o = RequestOptions()
    o.gracePeriodSeconds = gracePeriod
    _ = cluster.kubectl.perform(APIRequest(.delete, Pod.resource, namespace: "default", name: name, options: o))
  }

  func nodeName(_ pod: String) -> String { get(pod)?.spec.nodeName ?? "" }

  /// Events about the pod, oldest first.
  func events(_ pod: String) -> [Event] {
    guard case .success(.list(let l)) = cluster.kubectl.perform(APIRequest(.list, Event.resource, namespace: "default"))
    else { return [] }
    return l.items.compactMap { $0 as? Event }.filter { $0.involvedObject.name == pod }
      .sorted {
        ($0.firstTimestamp ?? Time(seconds: 0), $0.metadata.name) < (
          $1.firstTimestamp ?? Time(seconds: 0), $1.metadata.name
        )
      }
  }

  func ticks(_ n: Int) { for _ in 0..<n { cluster.runTick() } }
}
