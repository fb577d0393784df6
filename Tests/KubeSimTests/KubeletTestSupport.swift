// KubeletTestSupport: a small kubeadm cluster and helpers to put pods on a chosen node, for the
// kubelet's tests.

@testable import KubeSim

/// A cluster with one control plane and `workers` workers, plus helpers to drive the kubelet.
final class KubeletHarness {
  let cluster: Cluster

  init(workers: Int = 1, seed: UInt64 = 7) {
    // The controller-manager has created the `default` service account while the cluster settled.
    cluster = Cluster(options: ClusterOptions(seed: seed, workers: workers))
  }

  var now: Int64 { cluster.context.clock.seconds }

  /// Decodes one YAML/JSON manifest.
  static func pod(_ yaml: String) -> Pod {
    let doc = try! YAMLReader.documents(yaml)[0]
    return try! Pod.decode(from: doc.json).object
  }

  /// Creates a pod as the learner would and binds it to `node` at once (before the scheduler
  /// sees it), so a test chooses the node — even one the scheduler would not pick.
  @discardableResult
  func run(_ pod: Pod, on node: String = "node-1") -> Pod {
    let created = cluster.kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: pod.metadata.namespace.isEmpty ? "default" : pod.metadata.namespace,
        body: .object(pod)))
    guard case .success(.object(let o)) = created, let stored = o as? Pod else {
      fatalError("create failed: \(created)")
    }
    let bound = cluster.kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: stored.metadata.namespace, name: stored.metadata.name, subresource: "binding",
        body: .object(Binding(pod: stored, nodeName: node))))
    if case .failure(let e) = bound { fatalError("bind failed: \(e)") }
    return stored
  }

  @discardableResult
  func run(yaml: String, on node: String = "node-1") -> Pod { run(Self.pod(yaml), on: node) }

  func get(_ name: String, namespace: String = "default") -> Pod? {
    guard
      case .success(.object(let o)) = cluster.kubectl.perform(
        APIRequest(.get, Pod.resource, namespace: namespace, name: name))
    else { return nil }
    return o as? Pod
  }

  /// The pods bound to `node` that are not finished, as the API has them.
  func pods(on node: String) -> [Pod] {
    guard case .success(.list(let l)) = cluster.kubectl.perform(APIRequest(.list, Pod.resource)) else { return [] }
    return l.items.compactMap { $0 as? Pod }.filter {
      $0.spec.nodeName == node && $0.status.phase != PodPhase.succeeded && $0.status.phase != PodPhase.failed
    }
  }

  func node(_ name: String) -> Node? {
    guard case .success(.object(let o)) = cluster.kubectl.perform(APIRequest(.get, Node.resource, name: name)) else {
      return nil
    }
    return o as? Node
  }

  func lease(_ name: String) -> Lease? {
    guard
      case .success(.object(let o)) = cluster.kubectl.perform(
        APIRequest(.get, Lease.resource, namespace: "kube-node-lease", name: name))
    else { return nil }
    return o as? Lease
  }

  func delete(_ name: String, namespace: String = "default") {
    _ = cluster.kubectl.perform(APIRequest(.delete, Pod.resource, namespace: namespace, name: name))
  }

  /// Runs `n` ticks.
  func ticks(_ n: Int) {
    for _ in 0..<n { cluster.runTick() }
  }

  /// Runs ticks until `condition` holds (at most `limit`); returns the ticks it took, or nil.
  @discardableResult
  func until(limit: Int = 200, _ condition: () -> Bool) -> Int? {
    for i in 0..<limit {
      if condition() { return i }
      cluster.runTick()
    }
    return condition() ? limit : nil
  }

  /// The container status `name` of pod `pod`.
  func container(_ pod: String, _ name: String? = nil, namespace: String = "default") -> ContainerStatus? {
    guard let p = get(pod, namespace: namespace) else { return nil }
    if let name { return (p.status.containerStatuses + p.status.initContainerStatuses).first { $0.name == name } }
    return p.status.containerStatuses.first
  }

  /// Events about `object`, oldest first: `reason: message`.
  func events(for object: String, namespace: String = "default") -> [String] {
    eventObjects(for: object, namespace: namespace).map { "\($0.reason): \($0.message)" }
  }

  /// The Event objects about `object` (with their counts), oldest first.
  func eventObjects(for object: String, namespace: String = "default") -> [Event] {
    guard case .success(.list(let l)) = cluster.kubectl.perform(APIRequest(.list, Event.resource, namespace: namespace))
    else { return [] }
    return l.items.compactMap { $0 as? Event }.filter { $0.involvedObject.name == object }
      .sorted {
        let (a, b) = ($0.firstTimestamp ?? Time(seconds: 0), $1.firstTimestamp ?? Time(seconds: 0))
        return a != b ? a < b : $0.metadata.name < $1.metadata.name
      }
  }

  /// Messages recorded so far (kept in full).
  var messages: [Message] { Array(cluster.context.log.recent) }

  func logs(_ pod: String, container: String = "", previous: Bool = false) -> Result<String, APIError> {
    var o = RequestOptions()
    o.container = container
    o.previous = previous
    let r = cluster.kubectl.perform(
      APIRequest(.get, Pod.resource, namespace: "default", name: pod, subresource: "log", options: o))
    switch r {
    case .success(.text(let t)): return .success(t)
    case .failure(let e): return .failure(e)
    default: return .success("")
    }
  }

  func exec(_ pod: String, _ command: [String], container: String = "") -> Result<String, APIError> {
    var o = RequestOptions()
    o.container = container
    o.command = command
    let r = cluster.kubectl.perform(
      APIRequest(.create, Pod.resource, namespace: "default", name: pod, subresource: "exec", options: o))
    switch r {
    case .success(.text(let t)): return .success(t)
    case .failure(let e): return .failure(e)
    default: return .success("")
    }
  }
}
