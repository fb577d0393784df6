// ControllerTestSupport: a driver that ticks a Cluster and reads and writes it as the learner
// would; stand-ins for the kubelet and the scheduler (as admin writes) to test a controller in
// isolation; and the two test clusters (isolated, or with every component running).

@testable import KubeSim

/// Ticks a cluster and reads and writes its objects as `kubernetes-admin`.
class ClusterDriver {
  let cluster: Cluster
  var kubectl: APIClient { cluster.kubectl }

  init(_ cluster: Cluster) { self.cluster = cluster }

  var now: Time { cluster.context.now }

  /// One tick of the cluster, then `act()`.
  func tick(_ n: Int = 1) {
    for _ in 0..<n {
      cluster.runTick()
      act()
    }
  }

  /// Ticks until `condition` holds, at most `limit` ticks. Returns whether it held.
  @discardableResult
  func tick(until condition: () -> Bool, limit: Int = 120) -> Bool {
    for _ in 0..<limit {
      if condition() { return true }
      tick()
    }
    return condition()
  }

  /// What the driver does after each tick: nothing; the cluster's own components do the work.
  func act() {}

  // MARK: - Reading

  func list<T: KubeObject>(_ r: ResourceType, namespace: String = "") -> [T] {
    guard case .success(.list(let l)) = kubectl.perform(APIRequest(.list, r, namespace: namespace)) else { return [] }
    return l.items.compactMap { $0 as? T }
  }

  func get<T: KubeObject>(_ type: T.Type, _ namespace: String, _ name: String) -> T? {
    guard
      case .success(.object(let o)) = kubectl.perform(APIRequest(.get, T.resource, namespace: namespace, name: name))
    else { return nil }
    return o as? T
  }

  func node(_ name: String) -> Node? { get(Node.self, "", name) }

  func pods(_ namespace: String = "default", labels: [String: String] = [:]) -> [Pod] {
    (list(Pod.resource, namespace: namespace) as [Pod]).filter { p in
      labels.allSatisfy { p.metadata.labels?[$0.key] == $0.value }
    }
  }

  func events(_ namespace: String = "default") -> [Event] { list(Event.resource, namespace: namespace) }

  /// Messages of events with `reason` about `name` (any namespace when empty).
  func eventMessages(reason: String, involving name: String? = nil, namespace: String = "") -> [String] {
    (list(Event.resource, namespace: namespace) as [Event]).filter {
      $0.reason == reason && (name == nil || $0.involvedObject.name == name)
    }.sorted { ($0.firstTimestamp ?? now, $0.metadata.name) < ($1.firstTimestamp ?? now, $1.metadata.name) }
      .map(\.message)
  }

  @discardableResult
  func create(_ object: any KubeObject) -> APIResult {
    kubectl.perform(APIRequest(.create, object.resource, namespace: object.metadata.namespace, body: .object(object)))
  }

  @discardableResult
  func patch(_ r: ResourceType, _ namespace: String, _ name: String, _ patch: JSON) -> APIResult {
    kubectl.perform(APIRequest(.patch, r, namespace: namespace, name: name, body: .mergePatch(patch)))
  }

  @discardableResult
  func delete(_ r: ResourceType, _ namespace: String, _ name: String, propagation: PropagationPolicy? = nil)
    -> APIResult
  {
    var o = RequestOptions()
    o.propagationPolicy = propagation
    return kubectl.perform(APIRequest(.delete, r, namespace: namespace, name: name, options: o))
  }
}

/// Plays the parts of the components a controller test needs beside the controller-manager, in a
/// cluster whose own scheduler and kubelets are stopped (`testCluster`): registers nodes and renews
/// their leases (kubelet), binds pending pods (scheduler), and moves bound pods to Running/Ready and
/// finishes terminating ones (kubelet).
final class FakeNodes: ClusterDriver {
  /// Nodes whose "kubelet" is stopped: no lease renewals, no pod status, no final deletes.
  var down: Set<String> = []
  /// Whether the fake kubelet marks running pods Ready.
  var podsBecomeReady = true
  /// Whether the fake scheduler binds pending pods.
  var scheduling = true
  private var nextIP = 10
  private var lastLease: [String: Int64] = [:]

  override init(_ cluster: Cluster) {
    super.init(cluster)
    register()
  }

  /// Creates the Node objects (Ready) and their Leases, as the kubelets would register them.
  func register() {
    for config in cluster.options.nodes {
      var node = Node(metadata: ObjectMeta(name: config.name, labels: config.registrationLabels))
      node.spec.taints = config.taints
      node.spec.podCIDR = config.podCIDR
      node.spec.podCIDRs = [config.podCIDR]
      node.status.addresses = [
        NodeAddress(type: NodeAddressType.internalIP, address: config.internalIP),
        NodeAddress(type: NodeAddressType.hostname, address: config.name),
      ]
      func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> NodeCondition {
        NodeCondition(
          type: type, status: status, lastHeartbeatTime: now, lastTransitionTime: now, reason: reason, message: message)
      }
      node.status.conditions = [
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ]
      _ = kubectl.perform(APIRequest(.create, Node.resource, body: .object(node)))
      if case .success(.object(let o)) = kubectl.perform(APIRequest(.get, Node.resource, name: config.name)),
        var n = o as? Node, n.condition(NodeConditionType.ready) == nil
      {
        n.status.conditions = node.status.conditions
        n.status.addresses = node.status.addresses
        _ = kubectl.perform(
          APIRequest(.update, Node.resource, name: n.metadata.name, subresource: "status", body: .object(n)))
      }
      renewLease(config.name)
    }
  }

  func renewLease(_ name: String) {
    lastLease[name] = cluster.context.clock.seconds
    let get = kubectl.perform(APIRequest(.get, Lease.resource, namespace: "kube-node-lease", name: name))
    if case .success(.object(let o)) = get, var lease = o as? Lease {
      lease.spec.renewTime = MicroTime(now)
      _ = kubectl.perform(
        APIRequest(.update, Lease.resource, namespace: "kube-node-lease", name: name, body: .object(lease)))
    } else {
      var lease = Lease(metadata: ObjectMeta(name: name, namespace: "kube-node-lease"))
      lease.spec = LeaseSpec(holderIdentity: name, leaseDurationSeconds: 40, renewTime: MicroTime(now))
      _ = kubectl.perform(APIRequest(.create, Lease.resource, namespace: "kube-node-lease", body: .object(lease)))
    }
  }

  override func act() {
    for config in cluster.options.nodes where !down.contains(config.name) {
      if cluster.context.clock.seconds - (lastLease[config.name] ?? 0) >= 10 { renewLease(config.name) }
    }
    if scheduling { schedule() }
    runPods()
  }

  // MARK: - Scheduler stand-in

  func nodes() -> [Node] { list(Node.resource) }

  /// Binds every pending pod to the first node it fits (node name affinity, nodeSelector,
  /// NoSchedule taints), spreading by the number of pods already bound.
  func schedule() {
    let nodes = self.nodes()
    var load: [String: Int] = [:]
    let pods: [Pod] = list(Pod.resource)
    for p in pods where !p.spec.nodeName.isEmpty { load[p.spec.nodeName, default: 0] += 1 }
    for pod in pods where pod.spec.nodeName.isEmpty && !pod.isTerminating {
      let candidates = nodes.filter { self.fits(pod, $0) }.sorted {
        (load[$0.metadata.name] ?? 0, $0.metadata.name) < (load[$1.metadata.name] ?? 0, $1.metadata.name)
      }
      guard let node = candidates.first else { continue }
      bind(pod, node.metadata.name)
      load[node.metadata.name, default: 0] += 1
    }
  }

  func fits(_ pod: Pod, _ node: Node) -> Bool {
    let labels = node.metadata.labels ?? [:]
    for (k, v) in pod.spec.nodeSelector where labels[k] != v { return false }
    if let req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      !req.matches(labels: labels, nodeName: node.metadata.name)
    {
      return false
    }
    let untolerated = pod.spec.tolerations.firstUntoleratedTaint(in: node.spec.taints) {
      $0.effect == TaintEffect.noSchedule || $0.effect == TaintEffect.noExecute
    }
    return untolerated == nil
  }

  func bind(_ pod: Pod, _ node: String) {
    _ = kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: "binding",
        body: .object(Binding(pod: pod, nodeName: node))))
  }

  // MARK: - Kubelet stand-in

  /// Bound pending pods start (Running, Ready with an IP); terminating pods on live nodes go.
  func runPods() {
    for pod in list(Pod.resource) as [Pod] where !pod.spec.nodeName.isEmpty && !down.contains(pod.spec.nodeName) {
      if pod.isTerminating {
        _ = kubectl.perform(
          APIRequest(
            .delete, Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name,
            options: {
              var o = RequestOptions(); o.gracePeriodSeconds = 0; return o
            }()))
        continue
      }
      if pod.status.phase.isEmpty || pod.status.phase == PodPhase.pending {
        start(pod, ready: podsBecomeReady)
      } else if podsBecomeReady && pod.status.phase == PodPhase.running && !pod.isReady {
        setReady(pod, true)
      }
    }
  }

  func start(_ pod: Pod, ready: Bool) {
    var p = pod
    nextIP += 1
    p.status.phase = PodPhase.running
    p.status.podIP = "10.244.\(nextIP / 250).\(nextIP % 250)"
    p.status.podIPs = [PodIP(ip: p.status.podIP)]
    p.status.hostIP = node(pod.spec.nodeName)?.address(NodeAddressType.internalIP) ?? ""
    p.status.startTime = now
    p.setCondition(type: PodConditionType.initialized, status: "True", reason: "", message: "", now: now)
    p.setCondition(
      type: PodConditionType.containersReady, status: ready ? "True" : "False", reason: "", message: "", now: now)
    p.setCondition(type: PodConditionType.ready, status: ready ? "True" : "False", reason: "", message: "", now: now)
    p.status.containerStatuses = pod.spec.containers.map {
      ContainerStatus(name: $0.name, state: .running(startedAt: now), ready: ready, image: $0.image)
    }
    updateStatus(p)
  }

  func setReady(_ pod: Pod, _ ready: Bool) {
    var p = pod
    p.setCondition(
      type: PodConditionType.containersReady, status: ready ? "True" : "False", reason: "", message: "", now: now)
    p.setCondition(type: PodConditionType.ready, status: ready ? "True" : "False", reason: "", message: "", now: now)
    updateStatus(p)
  }

  /// Ends a pod's containers: Succeeded with exit 0, or Failed with exit 1.
  func finish(_ pod: Pod, succeeded: Bool) {
    var p = pod
    p.status.phase = succeeded ? PodPhase.succeeded : PodPhase.failed
    p.setCondition(type: PodConditionType.ready, status: "False", reason: "PodCompleted", message: "", now: now)
    p.status.containerStatuses = pod.spec.containers.map {
      ContainerStatus(
        name: $0.name,
        state: ContainerState(
          terminated: ContainerStateTerminated(
            exitCode: succeeded ? 0 : 1, reason: succeeded ? "Completed" : "Error", finishedAt: now)))
    }
    updateStatus(p)
  }

  func updateStatus(_ p: Pod) {
    _ = kubectl.perform(
      APIRequest(
        .update, Pod.resource, namespace: p.metadata.namespace, name: p.metadata.name, subresource: "status",
        body: .object(p)))
  }
}

/// A small workload template: `app=<app>` with one container.
func template(app: String, image: String = "nginx:1.14.2") -> PodTemplateSpec {
  var c = Container(name: "nginx", image: image)
  c.ports = [ContainerPort(name: "http", containerPort: 80)]
  return PodTemplateSpec(labels: ["app": app], containers: [c])
}

func deployment(_ name: String, replicas: Int32, image: String = "nginx:1.14.2", namespace: String = "default")
  -> Deployment
{
  var d = Deployment(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": name]))
  d.spec = DeploymentSpec(
    replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]), template: template(app: name, image: image)
  )
  return d
}

/// A cluster whose controller-manager is under test: built without the bootstrap settle loop, its
/// scheduler and kubelets stopped before they did anything, and `FakeNodes` playing them, so a test
/// decides exactly when pods are bound, start, become ready or finish.
func testCluster(workers: Int = 2) -> (Cluster, FakeNodes) {
  var options = ClusterOptions(workers: workers)
  options.bootstrap = false
  let cluster = Cluster(options: options)
  cluster.scheduler.stop()
  for n in cluster.nodes { cluster.stopKubelet(n.name) }
  let fake = FakeNodes(cluster)
  fake.tick(3)
  return (cluster, fake)
}

/// The real thing: kubeadm's cluster with every component running, bootstrapped and settled.
func realCluster(workers: Int = 2) -> (Cluster, ClusterDriver) {
  let cluster = Cluster(options: ClusterOptions(workers: workers))
  return (cluster, ClusterDriver(cluster))
}
