// Fixtures: a small simulated cluster with hand-written status (the kubelet and controllers are
// other components), and a runner to type kubectl commands into.
import KubeSim
import Testing

@testable import Kubectl

final class Lab {
  let cluster: Cluster
  let kubectl: KubectlRunner

  init() {
    cluster = Cluster(options: ClusterOptions())
    kubectl = KubectlRunner(cluster: cluster)
    // What the controller-manager's service account controller would have created.
    for ns in ["default", "kube-system"] where get(ServiceAccount.self, "default", namespace: ns) == nil {
      create(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: ns)))
    }
  }

  var now: Time { cluster.context.now }

  /// Runs a command line as the learner types it.
  @discardableResult
  func run(_ line: String, stdin: String? = nil) -> CommandResult {
    kubectl.run(line: line, stdin: stdin, workingDirectory: "/")
  }

  /// Creates an object as the admin (what a component would have created).
  @discardableResult
  func create<T: KubeObject>(_ o: T) -> T {
    let r = cluster.kubectl.perform(APIRequest(.create, T.resource, namespace: o.metadata.namespace, body: .object(o)))
    guard case .success(.object(let stored)) = r else { fatalError("create failed: \(r)") }
    return stored as! T
  }

  func get<T: KubeObject>(_ t: T.Type, _ name: String, namespace: String = "default") -> T? {
    let r = cluster.kubectl.perform(APIRequest(.get, T.resource, namespace: namespace, name: name))
    guard case .success(.object(let o)) = r else { return nil }
    return o as? T
  }

  /// Writes an object's status through the status subresource, as its controller or kubelet would.
  @discardableResult
  func setStatus<T: KubeObject>(_ o: T) -> T {
    let r = cluster.kubectl.perform(
      APIRequest(.update, T.resource, namespace: o.metadata.namespace, name: o.metadata.name, subresource: "status", body: .object(o)))
    guard case .success(.object(let stored)) = r else { fatalError("status update failed: \(r)") }
    return stored as! T
  }

  /// Advances simulated time.
  func wait(seconds: Int) { for _ in 0..<seconds { cluster.runTick() } }

  // MARK: - Builders

  /// A registered, Ready node as the kubelet would report it.
  @discardableResult
  func addNode(_ name: String, ip: String, controlPlane: Bool = false, ready: String = "True") -> Node {
    var n = Node(metadata: ObjectMeta(name: name))
    var labels = [
      "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
    ]
    if controlPlane {
      labels["node-role.kubernetes.io/control-plane"] = ""
      n.spec.taints = [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")]
    }
    n.metadata.labels = labels
    n.spec.podCIDR = controlPlane ? "10.244.0.0/24" : "10.244.1.0/24"
    n.spec.podCIDRs = [n.spec.podCIDR]
    n = create(n)
    let t = now
    n.status.capacity = [
      "cpu": Quantity(milli: 4000), "memory": try! Quantity.parse("8Gi"), "pods": Quantity(milli: 110_000),
      "ephemeral-storage": try! Quantity.parse("20Gi"),
    ]
    n.status.allocatable = n.status.capacity
    n.status.conditions = [
      NodeCondition(type: "MemoryPressure", status: "False", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
      NodeCondition(type: "Ready", status: ready, lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletReady", message: "kubelet is posting ready status"),
    ]
    n.status.addresses = [NodeAddress(type: "InternalIP", address: ip), NodeAddress(type: "Hostname", address: name)]
    n.status.nodeInfo = NodeSystemInfo(
      machineID: "m-\(name)", systemUUID: "u-\(name)", bootID: "b-\(name)", kernelVersion: "6.1.0-18-amd64",
      osImage: "Debian GNU/Linux 12 (bookworm)", containerRuntimeVersion: "containerd://1.7.24",
      kubeletVersion: "v1.32.0", kubeProxyVersion: "", operatingSystem: "linux", architecture: "amd64")
    return setStatus(n)
  }

  /// A pod bound to `node` and running (or in `state`), as the scheduler and kubelet would leave it.
  @discardableResult
  func addPod(
    _ name: String, namespace: String = "default", image: String = "nginx:1.14.2", node: String = "node-1",
    ip: String = "10.244.1.5", labels: [String: String] = ["app": "web"], ready: Bool = true,
    state: ContainerState? = nil, restarts: Int32 = 0, lastState: ContainerState = ContainerState(),
    owner: OwnerReference? = nil
  ) -> Pod {
    var p = Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
    p.spec.containers = [Container(name: "nginx", image: image, ports: [ContainerPort(containerPort: 80)])]
    if let owner { p.metadata.ownerReferences = [owner] }
    p = create(p)
    let r = cluster.kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: namespace, name: name, subresource: "binding",
        body: .object(Binding(metadata: ObjectMeta(name: name, namespace: namespace), target: ObjectReference(kind: "Node", name: node)))))
    guard case .success = r else { fatalError("bind failed: \(r)") }
    p = get(Pod.self, name, namespace: namespace)!
    let t = now
    p.status.phase = "Running"
    p.status.hostIP = "192.168.56.11"
    p.status.hostIPs = [HostIP(ip: "192.168.56.11")]
    p.status.podIP = ip
    p.status.podIPs = [PodIP(ip: ip)]
    p.status.startTime = t
    p.setCondition(type: "Initialized", status: "True", reason: "", message: "", now: t)
    p.setCondition(type: "Ready", status: ready ? "True" : "False", reason: "", message: "", now: t)
    p.setCondition(type: "ContainersReady", status: ready ? "True" : "False", reason: "", message: "", now: t)
    var cs = ContainerStatus(
      name: "nginx", state: state ?? .running(startedAt: t), lastState: lastState, ready: ready, restartCount: restarts,
      image: "docker.io/library/\(image)", imageID: "docker.io/library/nginx@sha256:abc",
      containerID: "containerd://c0ffee", started: true)
    if state != nil && state?.running == nil { cs.started = false }
    p.status.containerStatuses = [cs]
    return setStatus(p)
  }
}
