// ClusterScenarioTests: "The control plane and the nodes at work" end to end on the real default
// cluster (every component running): a manifest becoming pods, a lost worker, a rolling update and
// its undo, a crash loop, the documentation's example manifests, and the message edges they use.
import Foundation
import Testing

@testable import KubeSim

/// The repository's copy of the kubernetes/website examples (`examples/k8s.io`).
private let exampleManifests: URL = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.appendingPathComponent("examples/k8s.io")
}()

/// Reads an example manifest into objects, or the decoding error.
private func exampleObjects(_ file: String) throws -> [Result<ManifestObject, ManifestError>] {
  let text = try String(contentsOf: exampleManifests.appendingPathComponent(file), encoding: .utf8)
  return try Manifest.decode(text, file: file)
}

/// `kubectl create -f FILE`: every object of the manifest, in the default namespace unless it names
/// one. Returns each object's result.
@discardableResult
private func kubectlCreate(_ cluster: Cluster, _ file: String) throws -> [APIResult] {
  try exampleObjects(file).map { doc in
    var object = try doc.get().object
    if object.resource.namespaced && object.metadata.namespace.isEmpty { object.metadata.namespace = "default" }
    return cluster.kubectl.perform(
      APIRequest(.create, object.resource, namespace: object.metadata.namespace, body: .object(object)))
  }
}

extension ClusterDriver {
  /// Pods that are not being deleted.
  fileprivate func livePods(_ namespace: String = "default", labels: [String: String] = [:]) -> [Pod] {
    pods(namespace, labels: labels).filter { !$0.isTerminating }
  }

  /// Seconds since the cluster was created.
  fileprivate func seconds(_ t: Time?) -> Int64 { cluster.context.clock.start.seconds(until: t ?? now) }

  /// `kubectl logs`.
  fileprivate func logs(_ namespace: String, _ pod: String) -> String? {
    guard
      case .success(.text(let text)) = kubectl.perform(
        APIRequest(.get, Pod.resource, namespace: namespace, name: pod, subresource: "log"))
    else { return nil }
    return text
  }
}

struct ClusterScenarioTests {
  // MARK: - 1. A Deployment, from kubectl to running containers

  @Test func nginxDeploymentBecomesThreeRunningPodsThroughEveryComponent() throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    let first = cluster.context.log.nextSeq
    let created = try kubectlCreate(cluster, "controllers/nginx-deployment.yaml")
    #expect(created.count == 1)
    let labels = ["app.kubernetes.io/name": "nginx"]
    #expect(
      d.tick(
        until: { d.pods(labels: labels).filter { $0.status.phase == PodPhase.running && $0.isReady }.count == 3 },
        limit: 30))
    let pods = d.pods(labels: labels)
    #expect(pods.count == 3)
    #expect(Set(pods.map(\.spec.nodeName)) == ["node-1", "node-2"])
    #expect(!pods.contains { $0.spec.nodeName == "control-plane" })
    #expect(
      d.tick(until: { d.get(Deployment.self, "default", "nginx-deployment")?.status.availableReplicas == 3 }, limit: 5))

    let log = cluster.context.log.since(seq: first)
    func index(_ what: String, _ match: (Message) -> Bool) throws -> Int {
      let found = log.firstIndex(where: match)
      return try #require(found, "no message: \(what)")
    }
    // The Deployment stored in etcd.
    let stored = try index("TXN deployment") {
      $0.from == .apiserver && $0.to == .etcd && $0.verb == "TXN"
        && $0.object == "/registry/deployments/default/nginx-deployment"
    }
    // The deployment controller creates the ReplicaSet.
    let rsCreate = try index("POST replicasets") {
      $0.from == .controllerManager && $0.to == .apiserver && $0.verb == "POST" && $0.object == "replicasets"
    }
    #expect(stored < rsCreate)
    let rsName = try #require((d.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).first?.metadata.name)
    #expect(log[rsCreate].detail == "name=\(rsName)")
    // The ReplicaSet controller creates three pods.
    let podCreates = log.indices.filter {
      log[$0].from == .controllerManager && log[$0].to == .apiserver && log[$0].verb == "POST"
        && log[$0].object == "pods"
    }
    #expect(podCreates.count == 3)
    #expect(podCreates.allSatisfy { $0 > rsCreate && log[$0].detail == "generateName=\(rsName)-" })

    for pod in pods {
      let name = pod.metadata.name
      let node = pod.spec.nodeName
      let kubelet = Component.kubelet(node)
      let runtime = Component.runtime(node)
      let createdAt = try index("201 Created pods/\(name)") {
        $0.from == .apiserver && $0.to == .controllerManager && $0.verb == "201 Created" && $0.object == "pods/\(name)"
      }
      // The scheduler binds it.
      let binding = try index("binding \(name)") {
        $0.from == .scheduler && $0.to == .apiserver && $0.verb == "POST" && $0.object == "pods/\(name)/binding"
      }
      #expect(createdAt < binding)
      #expect(log[binding].detail == node)
      // The apiserver tells the chosen node's kubelet, and only that one.
      let told = try index("watch event to \(kubelet)") {
        $0.from == .apiserver && $0.to == kubelet && $0.kind == .watchEvent && ["ADDED", "MODIFIED"].contains($0.verb)
          && $0.object == "pods/\(name)"
      }
      #expect(binding < told)
      #expect(
        !log.contains {
          $0.kind == .watchEvent && $0.to.kindName == "kubelet" && $0.to != kubelet && $0.object == "pods/\(name)"
        })
      // The kubelet drives its runtime over CRI.
      let sandbox = try index("RunPodSandbox \(name)") {
        $0.from == kubelet && $0.to == runtime && $0.verb == "RunPodSandbox" && $0.object == name
      }
      #expect(told < sandbox)
      let pull = try index("PullImage on \(node)") {
        $0.from == kubelet && $0.to == runtime && $0.verb == "PullImage" && $0.object == "nginx:1.14.2"
      }
      #expect(told < pull)
      let create = try index("CreateContainer \(name)") {
        $0.from == kubelet && $0.to == runtime && $0.verb == "CreateContainer" && $0.detail == "pod \(name) attempt 0"
      }
      #expect(sandbox < create && pull < create)
      let createOK = try index("CreateContainer response \(name)") {
        $0.from == runtime && $0.to == kubelet && $0.verb == "CreateContainer" && $0.seq > log[create].seq
      }
      let containerID = String(log[createOK].detail.dropFirst("ok ".count))
      let start = try index("StartContainer \(name)") {
        $0.from == kubelet && $0.to == runtime && $0.verb == "StartContainer" && $0.detail == containerID
      }
      #expect(create < start)
      // And reports the pod's status.
      let status = log.indices.filter {
        log[$0].from == kubelet && log[$0].to == .apiserver && log[$0].verb == "PATCH"
          && log[$0].object == "pods/\(name)/status"
      }
      #expect(status.contains { $0 > start }, "no status report after StartContainer for \(name)")
    }
  }

  // MARK: - 2. A worker's kubelet stops

  @Test func lostWorkerIsMarkedUnknownTaintedAndItsPodsReplaced() throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    try kubectlCreate(cluster, "controllers/nginx-deployment.yaml")
    let labels = ["app.kubernetes.io/name": "nginx"]
    #expect(d.tick(until: { d.livePods(labels: labels).filter(\.isReady).count == 3 }, limit: 30))
    let victims = d.livePods(labels: labels).filter { $0.spec.nodeName == "node-2" }
    #expect(!victims.isEmpty)
    // The kubelet stops just after renewing its Lease (its last node status post was earlier:
    // in a quiet cluster the Lease is the heartbeat).
    func lease() -> Time? { d.get(Lease.self, "kube-node-lease", "node-2")?.spec.renewTime?.time }
    let before = lease()
    #expect(
      d.tick(
        until: {
          guard let renewed = lease(), renewed != before,
            let posted = d.node("node-2")?.condition("Ready")?.lastHeartbeatTime
          else { return false }
          return posted < renewed
        }, limit: 40))
    cluster.stopKubelet("node-2")
    let lastRenewal = try #require(lease())

    // 1. Unknown once node-monitor-grace-period (50 s) has passed since the last renewal.
    #expect(d.tick(until: { d.node("node-2")?.condition("Ready")?.status == "Unknown" }, limit: 70))
    var node = try #require(d.node("node-2"))
    let ready = try #require(node.condition("Ready"))
    let silent = lastRenewal.seconds(until: try #require(ready.lastTransitionTime))
    #expect((45...55).contains(silent), "Unknown \(silent) s after the last lease renewal")
    for type in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
      let c = try #require(node.condition(type))
      #expect(c.status == "Unknown" && c.reason == "NodeStatusUnknown")
      #expect(c.message == "Kubelet stopped posting node status.")
    }

    // 2. Tainted unreachable: NoSchedule, then NoExecute.
    #expect(
      d.tick(
        until: {
          d.node("node-2")?.spec.taints.contains {
            $0.key == "node.kubernetes.io/unreachable" && $0.effect == "NoExecute"
          }
            == true
        }, limit: 10))
    node = try #require(d.node("node-2"))
    #expect(
      node.spec.taints.map { "\($0.key):\($0.effect)" }.sorted() == [
        "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule",
      ])
    let taintedAt = try #require(node.spec.taints.first { $0.effect == "NoExecute" }?.timeAdded)
    d.tick(2)
    for v in victims {
      #expect(d.get(Pod.self, "default", v.metadata.name)?.isReady == false)
    }

    // 3. Evicted when the default 300 s toleration of node.kubernetes.io/unreachable runs out.
    let victim = victims[0].metadata.name
    #expect(d.tick(until: { d.get(Pod.self, "default", victim)?.isTerminating == true }, limit: 320))
    let evicted = try #require(d.get(Pod.self, "default", victim))
    let deletedAt = try #require(evicted.metadata.deletionTimestamp).adding(
      seconds: -(evicted.metadata.deletionGracePeriodSeconds ?? 0))
    let tolerated = taintedAt.seconds(until: deletedAt)
    #expect((295...305).contains(tolerated), "evicted \(tolerated) s after the NoExecute taint")
    #expect(evicted.condition("DisruptionTarget")?.reason == "DeletionByTaintManager")
    d.tick(2)
    #expect(
      d.eventMessages(reason: "TaintManagerEviction", involving: victim) == [
        "Marking for deletion Pod default/\(victim)"
      ])

    // 4. Replaced on the other worker; the Deployment is whole again.
    #expect(
      d.tick(
        until: { d.get(Deployment.self, "default", "nginx-deployment")?.status.availableReplicas == 3 }, limit: 30))
    let live = d.livePods(labels: labels)
    #expect(live.count == 3)
    #expect(live.allSatisfy { $0.spec.nodeName == "node-1" && $0.isReady })
    // The evicted pods stay Terminating: no kubelet confirms their end.
    #expect(d.get(Pod.self, "default", victim)?.isTerminating == true)

    // 5. The kubelet comes back: Ready, the taints go, the evicted pods are finally removed.
    cluster.startKubelet("node-2")
    #expect(
      d.tick(
        until: { d.node("node-2")?.condition("Ready")?.status == "True" && d.node("node-2")?.spec.taints == [] },
        limit: 30))
    #expect(d.tick(until: { victims.allSatisfy { d.get(Pod.self, "default", $0.metadata.name) == nil } }, limit: 60))
    #expect(d.livePods(labels: labels).count == 3)
  }

  // MARK: - 3. A rolling update and its undo

  /// Checks the rollout bounds after every phase until `done` holds.
  private func stepRollout(
    _ cluster: Cluster, replicas: Int, maxSurge: Int, maxUnavailable: Int, limit: Int, done: () -> Bool
  ) -> Bool {
    var ticks = 0
    while ticks < limit {
      for _ in 0..<Phase.allCases.count {
        cluster.step()
        let pods = cluster.peekAll(Pod.resource, namespace: "default").compactMap { $0 as? Pod }.filter {
          $0.metadata.labels?["app.kubernetes.io/name"] == "nginx" && !$0.isTerminating
        }
        let available = pods.filter { $0.status.phase == PodPhase.running && $0.isReady }.count
        let when = "tick \(cluster.clock.tick) \(cluster.clock.phase.map { "\($0)" } ?? "")"
        #expect(available >= replicas - maxUnavailable, "\(when): \(available) available")
        #expect(pods.count <= replicas + maxSurge, "\(when): \(pods.count) pods")
      }
      ticks += 1
      if done() { return true }
    }
    return false
  }

  @Test func rollingUpdateStaysWithinBoundsAndUndoGoesBack() throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    try kubectlCreate(cluster, "controllers/nginx-deployment.yaml")
    func images() -> [String] {
      d.livePods(labels: ["app.kubernetes.io/name": "nginx"]).map { $0.spec.containers[0].image }
    }
    func settled(_ image: String) -> Bool {
      guard let dep = d.get(Deployment.self, "default", "nginx-deployment") else { return false }
      return dep.status.observedGeneration == dep.metadata.generation && dep.status.updatedReplicas == 3
        && dep.status.availableReplicas == 3 && dep.status.replicas == 3
        && images() == Array(repeating: image, count: 3)
    }
    #expect(d.tick(until: { settled("nginx:1.14.2") }, limit: 30))
    let created = try #require(d.get(Deployment.self, "default", "nginx-deployment"))
    let maxSurge = Int(DeploymentUtil.maxSurge(created))
    let maxUnavailable = Int(DeploymentUtil.maxUnavailable(created))
    #expect(maxSurge == 1 && maxUnavailable == 0)  // 25 % of 3, rounded up and down

    // `kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1`
    var dep = created
    dep.spec.template.spec.containers[0].image = "nginx:1.16.1"
    _ = cluster.kubectl.perform(
      APIRequest(.update, Deployment.resource, namespace: "default", name: "nginx-deployment", body: .object(dep)))
    #expect(
      stepRollout(cluster, replicas: 3, maxSurge: maxSurge, maxUnavailable: maxUnavailable, limit: 90) {
        settled("nginx:1.16.1")
      })
    let sets = (d.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).sorted {
      DeploymentUtil.revision($0) < DeploymentUtil.revision($1)
    }
    #expect(sets.count == 2)
    #expect(sets.map { $0.spec.replicas ?? -1 } == [0, 3])
    #expect(sets.map { $0.spec.template.spec.containers[0].image } == ["nginx:1.14.2", "nginx:1.16.1"])

    // `kubectl rollout undo`: the previous ReplicaSet's template, without its pod-template-hash.
    var back = try #require(d.get(Deployment.self, "default", "nginx-deployment"))
    var template = sets[0].spec.template
    template.metadata.labels?["pod-template-hash"] = nil
    back.spec.template = template
    _ = cluster.kubectl.perform(
      APIRequest(.update, Deployment.resource, namespace: "default", name: "nginx-deployment", body: .object(back)))
    #expect(
      stepRollout(cluster, replicas: 3, maxSurge: maxSurge, maxUnavailable: maxUnavailable, limit: 90) {
        settled("nginx:1.14.2")
      })
    d.tick(2)
    let reused = try #require(d.get(ReplicaSet.self, "default", sets[0].metadata.name))
    #expect(reused.spec.replicas == 3)
    #expect(reused.metadata.annotations?["deployment.kubernetes.io/revision"] == "3")
    #expect(
      d.get(Deployment.self, "default", "nginx-deployment")?.metadata.annotations?["deployment.kubernetes.io/revision"]
        == "3")
    #expect(d.get(ReplicaSet.self, "default", sets[1].metadata.name)?.spec.replicas == 0)
    #expect((d.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).count == 2)
  }

  // MARK: - 4. CrashLoopBackOff

  @Test func crashingContainerBacksOffExponentially() throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    var pod = Pod(metadata: ObjectMeta(name: "crasher", namespace: "default"))
    var c = Container(name: "app", image: "busybox:1.36")
    c.command = ["sh", "-c", "echo starting; sleep 1; exit 1"]
    pod.spec.containers = [c]
    d.create(pod)
    /// Each run of the container (keyed by when it started): when it started and when it exited.
    /// (While it waits in CrashLoopBackOff, lastState is the run that just exited and restartCount
    /// has not counted the next one yet, as upstream reports it.)
    var finishedAt: [Int64: Int64] = [:]
    var backOffMessages: Set<String> = []
    for _ in 0..<1_000 {
      d.tick()
      guard let s = d.get(Pod.self, "default", "crasher")?.status.containerStatuses.first else { continue }
      if let t = s.lastState.terminated, let started = t.startedAt, let finished = t.finishedAt {
        finishedAt[d.seconds(started)] = d.seconds(finished)
      }
      if s.state.waiting?.reason == "CrashLoopBackOff", let m = s.state.waiting?.message { backOffMessages.insert(m) }
      if finishedAt.count >= 8 { break }
    }
    let runs = finishedAt.keys.sorted().map { (started: $0, finished: finishedAt[$0]!) }
    #expect(runs.count >= 8)
    // Upstream: the first restart is immediate, then 10 s, doubling, at most 5 min.
    let expected: [Int64] = [0, 10, 20, 40, 80, 160, 300]
    for (i, backOff) in expected.enumerated() {
      guard i + 1 < runs.count else { continue }
      let (previous, next) = (runs[i], runs[i + 1])
      let waited = next.started - previous.finished
      #expect((backOff...backOff + 2).contains(waited), "restart \(i + 1) after \(waited) s, expected \(backOff) s")
      #expect(previous.finished - previous.started >= 1)
    }
    let uid = try #require(d.get(Pod.self, "default", "crasher")?.metadata.uid)
    for text in ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s"] {
      #expect(
        backOffMessages.contains("back-off \(text) restarting failed container=app pod=crasher_default(\(uid))"),
        "\(backOffMessages.sorted())")
    }
    let status = try #require(d.get(Pod.self, "default", "crasher")?.status.containerStatuses.first)
    #expect(status.lastState.terminated?.exitCode == 1 && status.lastState.terminated?.reason == "Error")
    #expect(
      d.eventMessages(reason: "BackOff", involving: "crasher")
        == ["Back-off restarting failed container app in pod crasher_default(\(uid))"])
    #expect(d.logs("default", "crasher") == "starting\n")
  }

  // MARK: - 5. The documentation's example manifests

  /// What a real cluster makes of an example.
  enum Outcome: Sendable {
    case namespaceActive(String)
    /// A workload's pods, all Running and ready on the workers, with this image.
    case running(pods: Int, labels: [String: String], image: String)
    case jobCompleted(String)
    /// commands.yaml: `printenv HOSTNAME KUBERNETES_PORT`, then Completed.
    case printed(pod: String, output: String)
    /// spec.nodeName of a node that does not exist: nobody runs it; PodGC removes it.
    case boundToMissingNode(pod: String, node: String)
    case unschedulable(pod: String, message: String)
    case podRunning(String)
    case livenessExec, livenessHTTP
    /// Refused until its namespace exists; then Running with this QoS class.
    case needsNamespace(String, pod: String, qosClass: String)
    case daemonSetOnWorkers(String, labels: [String: String])
    case service(String, addresses: Int)
  }

  struct Example: Sendable, CustomTestStringConvertible {
    var files: [String]
    var outcome: Outcome
    init(_ files: String..., outcome: Outcome) {
      self.files = files
      self.outcome = outcome
    }
    var testDescription: String { files.joined(separator: " + ") }
  }

  static let nginx = ["app.kubernetes.io/name": "nginx"]
  static let examples: [Example] = [
    Example("admin/namespace-dev.yaml", outcome: .namespaceActive("development")),
    Example("application/deployment.yaml", outcome: .running(pods: 2, labels: ["app": "nginx"], image: "nginx:1.14.2")),
    Example("application/deployment-scale.yaml", outcome: .running(pods: 4, labels: nginx, image: "nginx:1.16.1")),
    Example("application/deployment-update.yaml", outcome: .running(pods: 2, labels: nginx, image: "nginx:1.16.1")),
    Example(
      "controllers/daemonset.yaml",
      outcome: .daemonSetOnWorkers("fluentd-elasticsearch", labels: ["name": "fluentd-elasticsearch"])),
    Example(
      "controllers/frontend.yaml",
      outcome: .running(
        pods: 3, labels: ["tier": "frontend"], image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5")),
    Example("controllers/job.yaml", outcome: .jobCompleted("pi")),
    Example("controllers/nginx-deployment.yaml", outcome: .running(pods: 3, labels: nginx, image: "nginx:1.14.2")),
    Example(
      "pods/commands.yaml", outcome: .printed(pod: "command-demo", output: "command-demo\ntcp://10.96.0.1:443\n")),
    Example("pods/pod-nginx-specific-node.yaml", outcome: .boundToMissingNode(pod: "nginx", node: "foo-node")),
    Example(
      "pods/pod-nginx.yaml",
      outcome: .unschedulable(
        pod: "nginx",
        message: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
          + "2 node(s) didn't match Pod's node affinity/selector. "
          + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")),
    Example("pods/pod-with-toleration.yaml", outcome: .podRunning("nginx")),
    Example("pods/probe/exec-liveness.yaml", outcome: .livenessExec),
    Example("pods/probe/http-liveness.yaml", outcome: .livenessHTTP),
    Example("pods/qos/qos-pod.yaml", outcome: .needsNamespace("qos-example", pod: "qos-demo", qosClass: "Guaranteed")),
    Example(
      "pods/resource/cpu-request-limit.yaml",
      outcome: .needsNamespace("cpu-example", pod: "cpu-demo", qosClass: "Burstable")),
    Example(
      "pods/resource/memory-request-limit.yaml",
      outcome: .needsNamespace("mem-example", pod: "memory-demo", qosClass: "Burstable")),
    Example("pods/simple-pod.yaml", outcome: .podRunning("nginx")),
    Example("service/nginx-service.yaml", outcome: .service("nginx-service", addresses: 0)),
    Example("service/simple-service.yaml", outcome: .service("my-service", addresses: 0)),
    Example("service/networking/nginx-svc.yaml", outcome: .service("my-nginx", addresses: 0)),
    Example(
      "service/networking/run-my-nginx.yaml", outcome: .running(pods: 2, labels: ["run": "my-nginx"], image: "nginx")),
    Example(
      "service/networking/run-my-nginx.yaml", "service/networking/nginx-svc.yaml",
      outcome: .service("my-nginx", addresses: 2)),
  ]

  /// Every example that decodes is in the table; the one that does not is the node-affinity example,
  /// whose `requiredDuringSchedulingIgnoredDuringExecution` is a list where the API wants an object.
  @Test func theTableCoversEveryExampleThatDecodes() throws {
    let files = (FileManager.default.enumerator(atPath: exampleManifests.path)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count == 23)
    var undecodable: [String] = []
    for file in files {
      let docs = try exampleObjects(file)
      if docs.contains(where: { (try? $0.get()) == nil }) {
        undecodable.append(file)
      } else {
        #expect(Self.examples.contains { $0.files.contains(file) }, "\(file) is not in the table")
      }
    }
    #expect(undecodable == ["pods/pod-with-node-affinity.yaml"])
  }

  @Test(arguments: examples)
  func exampleReachesTheStateARealClusterGivesIt(_ example: Example) throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    var results: [APIResult] = []
    for file in example.files { results += try kubectlCreate(cluster, file) }
    func created() {
      for r in results {
        if case .failure(let e) = r { Issue.record("refused: \(e.message)") }
      }
    }
    func runningAndReady(_ pods: [Pod]) -> Bool {
      pods.allSatisfy { $0.status.phase == PodPhase.running && $0.isReady }
    }
    let workers: Set<String> = ["node-1", "node-2"]

    switch example.outcome {
    case .namespaceActive(let name):
      created()
      let ns = try #require(d.get(Namespace.self, "", name))
      #expect(ns.status.phase == "Active")
      #expect(ns.metadata.labels?["name"] == name)
      // The controller-manager fills it in: the default ServiceAccount and the root CA.
      #expect(
        d.tick(
          until: {
            d.get(ServiceAccount.self, name, "default") != nil && d.get(ConfigMap.self, name, "kube-root-ca.crt") != nil
          }, limit: 5))

    case .running(let count, let labels, let image):
      created()
      #expect(
        d.tick(
          until: { d.livePods(labels: labels).count == count && runningAndReady(d.livePods(labels: labels)) },
          limit: 40))
      let pods = d.livePods(labels: labels)
      #expect(pods.count == count)
      #expect(pods.allSatisfy { workers.contains($0.spec.nodeName) && $0.spec.containers[0].image == image })
      #expect(pods.allSatisfy { $0.status.containerStatuses.first?.restartCount == 0 })

    case .jobCompleted(let name):
      created()
      #expect(d.tick(until: { d.get(Job.self, "default", name)?.condition("Complete")?.status == "True" }, limit: 60))
      let job = try #require(d.get(Job.self, "default", name))
      #expect(job.status.succeeded == 1 && job.status.failed == nil)
      #expect(job.status.conditions.map(\.type) == ["SuccessCriteriaMet", "Complete"])
      let pods = d.pods().filter { $0.metadata.labels?["job-name"] == name }
      #expect(pods.count == 1)
      #expect(pods.first?.status.phase == PodPhase.succeeded)
      let done = try #require(pods.first?.status.containerStatuses.first?.state.terminated)
      #expect(done.exitCode == 0 && done.reason == "Completed")

    case .printed(let name, let output):
      created()
      #expect(d.tick(until: { d.get(Pod.self, "default", name)?.status.phase == PodPhase.succeeded }, limit: 30))
      let pod = try #require(d.get(Pod.self, "default", name))
      #expect(pod.spec.restartPolicy == "OnFailure")
      #expect(pod.status.containerStatuses.first?.restartCount == 0)
      #expect(pod.status.containerStatuses.first?.state.terminated?.reason == "Completed")
      #expect(d.logs("default", name) == output)

    case .boundToMissingNode(let name, let node):
      created()
      let createdAt = cluster.context.now
      let first = cluster.context.log.nextSeq
      var gone: Time? = nil
      for _ in 0..<100 {
        d.tick()
        guard let pod = d.get(Pod.self, "default", name) else {
          gone = cluster.context.now
          break
        }
        // No kubelet watches foo-node: the pod never starts.
        #expect(pod.spec.nodeName == node && pod.status.phase == PodPhase.pending)
        #expect(pod.status.containerStatuses.isEmpty)
      }
      // Upstream PodGC (every 20 s) deletes pods bound to a node that has been missing for 40 s.
      let after = createdAt.seconds(until: try #require(gone, "the orphaned pod was not collected"))
      #expect((40...81).contains(after), "collected after \(after) s")
      let log = cluster.context.log.since(seq: first).filter { $0.from == .controllerManager }
      let patch = try #require(log.firstIndex { $0.verb == "PATCH" && $0.object == "pods/\(name)/status" })
      let delete = try #require(log.firstIndex { $0.verb == "DELETE" && $0.object == "pods/\(name)" })
      #expect(patch < delete)
      if case .object(let o)? = log[patch].body, let failed = o as? Pod {
        #expect(failed.status.phase == PodPhase.failed)
        let c = try #require(failed.condition("DisruptionTarget"))
        #expect(c.reason == "DeletionByPodGC" && c.message == "PodGC: node no longer exists")
      } else {
        Issue.record("the PodGC status patch carries no pod")
      }

    case .unschedulable(let name, let message):
      created()
      d.tick(30)
      let pod = try #require(d.get(Pod.self, "default", name))
      #expect(pod.status.phase == PodPhase.pending && pod.spec.nodeName.isEmpty)
      let scheduled = try #require(pod.condition("PodScheduled"))
      #expect(scheduled.status == "False" && scheduled.reason == "Unschedulable" && scheduled.message == message)
      let events = d.eventMessages(reason: "FailedScheduling", involving: name)
      #expect(events.first == message)

    case .podRunning(let name):
      created()
      #expect(d.tick(until: { d.get(Pod.self, "default", name).map { runningAndReady([$0]) } == true }, limit: 30))
      #expect(workers.contains(d.get(Pod.self, "default", name)?.spec.nodeName ?? ""))

    case .livenessExec:
      // touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600 — probed every 5 s after 5 s.
      // The shell is PID 1 and ignores SIGTERM: SIGKILL (137) when the 30 s grace period ends.
      created()
      try checkLivenessRestart(
        d, pod: "liveness-exec",
        failure: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
        firstFailure: 30...36, killed: 40...46, exit: 137, graceSeconds: 30)

    case .livenessHTTP:
      // /healthz answers 200 for 10 s, then 500 — probed every 3 s after 3 s. The server (a Go
      // program as PID 1, SIGTERM not handled) exits 2 at once when killed.
      created()
      try checkLivenessRestart(
        d, pod: "liveness-http", failure: "Liveness probe failed: HTTP probe failed with statuscode: 500",
        firstFailure: 10...13, killed: 16...20, exit: 2, graceSeconds: 0)
      // It keeps failing after every restart: the restarts back off.
      #expect(
        d.tick(
          until: {
            d.get(Pod.self, "default", "liveness-http")?.status.containerStatuses.first?.state.waiting?.reason
              == "CrashLoopBackOff"
          }, limit: 120))

    case .needsNamespace(let namespace, let name, let qosClass):
      let refused = try #require(results.first)
      guard case .failure(let e) = refused else {
        Issue.record("created without its namespace")
        return
      }
      #expect(e.code == 404 && e.reason == "NotFound")
      #expect(e.message == "namespaces \"\(namespace)\" not found")
      // `kubectl create namespace …`, then the manifest again once the default account exists.
      d.create(Namespace(name: namespace))
      #expect(d.tick(until: { d.get(ServiceAccount.self, namespace, "default") != nil }, limit: 5))
      results = try example.files.flatMap { try kubectlCreate(cluster, $0) }
      created()
      #expect(d.tick(until: { d.get(Pod.self, namespace, name).map { runningAndReady([$0]) } == true }, limit: 30))
      d.tick(60)
      let pod = try #require(d.get(Pod.self, namespace, name))
      #expect(runningAndReady([pod]))
      #expect(pod.status.containerStatuses.first?.restartCount == 0)
      #expect(pod.status.qosClass == qosClass)

    case .daemonSetOnWorkers(let name, let labels):
      created()
      #expect(
        d.tick(
          until: {
            let pods = d.livePods("kube-system", labels: labels)
            return pods.count == 2 && runningAndReady(pods)
          }, limit: 30))
      // Its toleration is for the old `node-role.kubernetes.io/master` taint, not kubeadm's
      // `node-role.kubernetes.io/control-plane`: nothing on the control plane.
      #expect(Set(d.livePods("kube-system", labels: labels).map(\.spec.nodeName)) == workers)
      d.tick(2)
      let ds = try #require(d.get(DaemonSet.self, "kube-system", name))
      #expect(ds.status.desiredNumberScheduled == 2 && ds.status.numberReady == 2)

    case .service(let name, let addresses):
      created()
      #expect(
        d.tick(
          until: {
            (d.get(Endpoints.self, "default", name)?.subsets.flatMap(\.addresses).count ?? -1) == addresses
          }, limit: 30))
      let svc = try #require(d.get(Service.self, "default", name))
      let octets = svc.spec.clusterIP.split(separator: ".").compactMap { Int($0) }
      #expect(octets.count == 4 && octets[0] == 10 && (96...111).contains(octets[1]), "\(svc.spec.clusterIP)")
      d.tick(3)
      #expect(d.get(Endpoints.self, "default", name)?.subsets.flatMap(\.addresses).count == addresses)
      let slices = (d.list(EndpointSlice.resource, namespace: "default") as [EndpointSlice]).filter {
        $0.metadata.labels?["kubernetes.io/service-name"] == name
      }
      #expect(slices.count == 1)
      #expect(slices.first?.endpoints.count == addresses)
    }
  }

  /// The docs' liveness examples: probes fail after the container's healthy time, the kubelet kills
  /// it (after its grace period when PID 1 ignores SIGTERM) and starts it again.
  private func checkLivenessRestart(
    _ d: ClusterDriver, pod name: String, failure: String, firstFailure: ClosedRange<Int64>,
    killed: ClosedRange<Int64>, exit: Int32, graceSeconds: Int64
  ) throws {
    #expect(
      d.tick(
        until: { (d.get(Pod.self, "default", name)?.status.containerStatuses.first?.restartCount ?? 0) >= 1 },
        limit: 150))
    let pod = try #require(d.get(Pod.self, "default", name))
    let status = try #require(pod.status.containerStatuses.first)
    let previous = try #require(status.lastState.terminated)
    let started = d.seconds(previous.startedAt)
    let unhealthy = (d.list(Event.resource, namespace: "default") as [Event]).first {
      $0.involvedObject.name == name && $0.reason == "Unhealthy"
    }
    #expect(unhealthy?.message == failure)
    #expect(unhealthy?.type == "Warning")
    let failedAfter = d.seconds(unhealthy?.firstTimestamp) - started
    #expect(firstFailure.contains(failedAfter), "first failure \(failedAfter) s after the start")
    let killing = (d.list(Event.resource, namespace: "default") as [Event]).first {
      $0.involvedObject.name == name && $0.reason == "Killing"
    }
    #expect(killing?.message == "Container liveness failed liveness probe, will be restarted")
    let killedAfter = d.seconds(killing?.firstTimestamp) - started
    #expect(killed.contains(killedAfter), "killed \(killedAfter) s after the start")
    let stopped = d.seconds(previous.finishedAt) - started
    #expect(
      (killedAfter + graceSeconds...killedAfter + graceSeconds + 1).contains(stopped),
      "stopped \(stopped) s after the start")
    #expect(previous.exitCode == exit && previous.reason == "Error")
    #expect(pod.status.phase == PodPhase.running)
  }

  // MARK: - 6. The message edges

  /// Over a whole scenario every message travels an edge of the architecture, and every kind of
  /// edge is used in both directions.
  @Test func messagesTravelOnlyTheArchitecturesEdgesAndUseThemAll() throws {
    let cluster = Cluster(options: ClusterOptions())
    let d = ClusterDriver(cluster)
    try kubectlCreate(cluster, "controllers/nginx-deployment.yaml")
    try kubectlCreate(cluster, "service/nginx-service.yaml")
    #expect(
      d.tick(
        until: { d.get(Endpoints.self, "default", "nginx-service")?.subsets.flatMap(\.addresses).count == 3 },
        limit: 40))
    let pod = try #require(d.livePods(labels: Self.nginx).first)
    #expect(d.logs("default", pod.metadata.name) != nil)
    // kube-proxy and CoreDNS speak to the apiserver only when they start (list, then watch); after
    // that they only receive watch events. node-1 reboots (kubelet and kube-proxy) and CoreDNS restarts.
    let node1 = try #require(cluster.node("node-1"))
    cluster.stopKubelet("node-1")
    node1.proxy.stop()
    cluster.dns.stop()
    d.tick(2)
    cluster.startKubelet("node-1")
    node1.proxy.start()
    cluster.dns.start()
    d.tick(20)
    #expect(cluster.dns.resolve("nginx-service.default.svc.cluster.local").answers.isEmpty == false)

    let edges = cluster.context.log.edges.map(\.edge)
    for e in edges {
      #expect(Component.isAllowedEdge(from: e.from, to: e.to), "\(e.from) → \(e.to)")
      if e.from.kindName == "kubelet" || e.from.kindName == "runtime" {
        #expect(e.from.node == e.to.node || e.to == .apiserver, "\(e.from) → \(e.to)")
      }
    }
    let kinds = Set(edges.map { "\($0.from.kindName) → \($0.to.kindName)" })
    var wanted: Set<String> = ["kubectl → apiserver", "apiserver → kubectl", "apiserver → etcd", "etcd → apiserver"]
    for c in ["scheduler", "controller-manager", "kubelet", "kube-proxy", "coredns"] {
      wanted.insert("\(c) → apiserver")
      wanted.insert("apiserver → \(c)")
    }
    wanted.insert("kubelet → runtime")
    wanted.insert("runtime → kubelet")
    #expect(wanted.subtracting(kinds).isEmpty, "unused: \(wanted.subtracting(kinds).sorted())")
    #expect(kinds.subtracting(wanted).isEmpty, "unexpected: \(kinds.subtracting(wanted).sorted())")
    // Each worker's kubelet talks to its own runtime (the control plane's static pods just keep running).
    for n in ["node-1", "node-2"] {
      #expect(edges.contains { $0.from == .kubelet(n) && $0.to == .runtime(n) })
    }
  }
}
