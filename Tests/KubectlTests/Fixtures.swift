// Fixtures: a small simulated cluster with hand-written status (the kubelet and controllers are
// other components), and a runner to type kubectl commands into.
import KubeSim
import Testing

@testable import Kubectl

final class Lab {
  let cluster: Cluster
  let kubectl: KubectlRunner

  init() {
    // No kubeadm machines and no controllers: these tests write the state the kubelet and the
    // controllers would have written, so the printers can be checked against exact values.
    var options = ClusterOptions(workers: 0, controlPlanes: 0)
    options.bootstrap = false
    cluster = Cluster(options: options)
    cluster.scheduler.stop()
    cluster.controllerManager.stop()
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
      APIRequest(
        .update, T.resource, namespace: o.metadata.namespace, name: o.metadata.name, subresource: "status",
        body: .object(o)))
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
      NodeCondition(
        type: "MemoryPressure", status: "False", lastHeartbeatTime: t, lastTransitionTime: t,
        reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
      NodeCondition(
        type: "Ready", status: ready, lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletReady",
        message: "kubelet is posting ready status"),
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
        body: .object(
          Binding(
            metadata: ObjectMeta(name: name, namespace: namespace), target: ObjectReference(kind: "Node", name: node))))
    )
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

/// Scenes the tests share.
enum Scene {
  /// Three nodes (one NotReady and cordoned) and pods in every state `printPod` tells apart.
  static func podZoo() -> Lab {
    let lab = Lab()
    lab.addNode("control-plane", ip: "192.168.56.10", controlPlane: true)
    lab.addNode("node-1", ip: "192.168.56.11")
    var n2 = lab.addNode("node-2", ip: "192.168.56.12", ready: "Unknown")
    n2.spec.unschedulable = true
    _ = lab.cluster.kubectl.perform(APIRequest(.update, Node.resource, name: "node-2", body: .object(n2)))
    lab.addPod("web-1", ip: "10.244.1.5")
    let t0 = lab.now
    lab.wait(seconds: 30)
    lab.addPod(
      "crash", ip: "10.244.1.6", ready: false, state: .waiting(reason: "CrashLoopBackOff", message: "back-off 40s"),
      restarts: 3,
      lastState: ContainerState(
        terminated: ContainerStateTerminated(
          exitCode: 1, reason: "Error", startedAt: t0, finishedAt: lab.now.adding(seconds: -20))))
    lab.addPod(
      "done", ip: "10.244.1.7", ready: false,
      state: ContainerState(
        terminated: ContainerStateTerminated(exitCode: 0, reason: "Completed", startedAt: t0, finishedAt: lab.now)))
    lab.addPod("creating", ip: "", ready: false, state: .waiting(reason: "ContainerCreating"))
    var initPod = Pod(metadata: ObjectMeta(name: "init", namespace: "default"))
    initPod.spec.initContainers = [Container(name: "setup", image: "busybox")]
    initPod.spec.containers = [Container(name: "app", image: "nginx")]
    initPod = lab.create(initPod)
    initPod.status.phase = "Pending"
    initPod.status.initContainerStatuses = [ContainerStatus(name: "setup", state: .running(startedAt: lab.now))]
    initPod.status.containerStatuses = [ContainerStatus(name: "app", state: .waiting(reason: "PodInitializing"))]
    lab.setStatus(initPod)
    lab.addPod("term", ip: "10.244.1.8")
    lab.run("delete pod term")
    lab.wait(seconds: 5)
    return lab
  }

  static let nginxDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: nginx-deployment
      labels:
        app: nginx
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: nginx
      template:
        metadata:
          labels:
            app: nginx
        spec:
          containers:
          - name: nginx
            image: nginx:1.14.2
            ports:
            - containerPort: 80
    """

  /// A deployment with two revisions: the ReplicaSets and status its controller would have written.
  static func rolledOut() -> (Lab, Deployment) {
    let lab = Lab()
    lab.addNode("node-1", ip: "192.168.56.11")
    lab.run("apply -f -", stdin: nginxDeployment)
    var d = lab.get(Deployment.self, "nginx-deployment")!
    func replicaSet(_ hash: String, image: String, revision: Int, replicas: Int32) -> ReplicaSet {
      var rs = ReplicaSet(metadata: ObjectMeta(name: "nginx-deployment-\(hash)", namespace: "default"))
      rs.metadata.labels = ["app": "nginx", "pod-template-hash": hash]
      rs.metadata.annotations = [
        "deployment.kubernetes.io/revision": String(revision), "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
      ]
      rs.metadata.ownerReferences = [OwnerReference.controller(of: d)]
      rs.spec.replicas = replicas
      rs.spec.selector = LabelSelector(matchLabels: ["app": "nginx", "pod-template-hash": hash])
      rs.spec.template = d.spec.template
      rs.spec.template.metadata.labels = ["app": "nginx", "pod-template-hash": hash]
      rs.spec.template.spec.containers[0].image = image
      rs = lab.create(rs)
      rs.status.replicas = replicas
      rs.status.readyReplicas = replicas
      rs.status.availableReplicas = replicas
      rs.status.observedGeneration = 1
      return lab.setStatus(rs)
    }
    lab.wait(seconds: 10)
    _ = replicaSet("66b6c48dd5", image: "nginx:1.14.2", revision: 1, replicas: 0)
    lab.wait(seconds: 5)
    lab.run("set image deployment/nginx-deployment nginx=nginx:1.16.1")
    d = lab.get(Deployment.self, "nginx-deployment")!
    _ = replicaSet("559d658b74", image: "nginx:1.16.1", revision: 2, replicas: 3)
    var patch: JSON = ["metadata": ["annotations": ["deployment.kubernetes.io/revision": "2"]]]
    _ = lab.cluster.kubectl.perform(
      APIRequest(.patch, Deployment.resource, namespace: "default", name: d.metadata.name, body: .mergePatch(patch)))
    d = lab.get(Deployment.self, "nginx-deployment")!
    d.status.observedGeneration = d.metadata.generation
    d.status.replicas = 3
    d.status.updatedReplicas = 3
    d.status.readyReplicas = 3
    d.status.availableReplicas = 3
    d.status.conditions = [
      DeploymentCondition(
        type: "Available", status: "True", lastUpdateTime: lab.now, lastTransitionTime: lab.now,
        reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability."),
      DeploymentCondition(
        type: "Progressing", status: "True", lastUpdateTime: lab.now, lastTransitionTime: lab.now,
        reason: "NewReplicaSetAvailable",
        message: "ReplicaSet \"nginx-deployment-559d658b74\" has successfully progressed."),
    ]
    d = lab.setStatus(d)
    patch = .null
    lab.wait(seconds: 5)
    return (lab, d)
  }
}

/// Compares output line by line so a failure shows where it differs.
func expectText(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
  if actual == expected { return }
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  for i in 0..<max(a.count, e.count) {
    let x = i < a.count ? String(a[i]) : "<missing>"
    let y = i < e.count ? String(e[i]) : "<missing>"
    if x != y {
      Issue.record(
        "line \(i + 1) differs:\n  actual:   \(x.debugDescription)\n  expected: \(y.debugDescription)\n--- actual output:\n\(actual)",
        sourceLocation: sourceLocation)
      return
    }
  }
}
