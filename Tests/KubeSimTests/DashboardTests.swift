import Testing

@testable import KubeSim

/// The dashboard lists through its own client and summarizes what it got.
struct DashboardTests {
  static let now = Time.parse("2026-01-01T00:10:00Z")!

  static func node(_ name: String, cpu: String, memory: String, ready: Bool = true) -> Node {
    var node = Node(metadata: ObjectMeta(name: name))
    node.metadata.labels = ["kubernetes.io/hostname": name]
    node.status.allocatable = ["cpu": Quantity(cpu), "memory": Quantity(memory), "pods": Quantity("110")]
    node.status.conditions = [NodeCondition(type: "Ready", status: ready ? "True" : "False")]
    return node
  }

  static func pod(_ name: String, node: String, cpu: String, memory: String, phase: String) -> Pod {
    var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
    var c = Container(name: "app", image: "nginx")
    c.resources.requests = ["cpu": Quantity(cpu), "memory": Quantity(memory)]
    p.spec.containers = [c]
    p.spec.nodeName = node
    p.status.phase = phase
    return p
  }

  /// Two running pods and a pending one on worker-a, a succeeded one on worker-b.
  static let pods = [
    pod("a", node: "worker-a", cpu: "250m", memory: "512Mi", phase: "Running"),
    pod("b", node: "worker-a", cpu: "750m", memory: "1Gi", phase: "Running"),
    pod("c", node: "", cpu: "100m", memory: "64Mi", phase: "Pending"),
    pod("d", node: "worker-b", cpu: "1", memory: "1Gi", phase: "Succeeded"),
  ]

  static var deployment: Deployment {
    var d = Deployment(metadata: ObjectMeta(name: "web", namespace: "default"))
    d.spec.replicas = 3
    d.status.readyReplicas = 2
    d.status.updatedReplicas = 3
    return d
  }

  static var event: Event {
    var ev = Event(
      metadata: ObjectMeta(name: "a.1", namespace: "default"),
      involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "a"), reason: "Pulled",
      message: "Container image \"nginx\" already present on machine", type: "Normal")
    ev.lastTimestamp = now.adding(seconds: -5)
    ev.count = 2
    return ev
  }

  @Test func summaryNumbersAndText() throws {
    var job = Job(metadata: ObjectMeta(name: "pi", namespace: "default"))
    job.status.succeeded = 1
    job.status.conditions = [JobCondition(type: "Complete", status: "True")]
    let s = Dashboard.summarize(
      nodes: [Self.node("worker-b", cpu: "2", memory: "4Gi"), Self.node("worker-a", cpu: "4", memory: "8Gi")],
      pods: Self.pods, deployments: [Self.deployment], replicaSets: [], daemonSets: [], jobs: [job],
      events: [Self.event], edges: [("kubelet@worker-a", "apiserver", 12), ("dashboard", "apiserver", 7)], tick: 42,
      now: Self.now)
    #expect(s.nodes.map(\.name) == ["worker-a", "worker-b"])
    let a = s.nodes[0]
    #expect(a.cpuRequestsMilli == 1000 && a.cpuAllocatableMilli == 4000 && a.cpuPercent == 25)
    #expect(a.memoryRequestsBytes == 1536 << 20 && a.memoryAllocatableBytes == 8 << 30 && a.memoryPercent == 18)
    #expect(a.pods == 2 && a.podCapacity == 110 && a.ready)
    #expect(s.nodes[1].cpuRequestsMilli == 0 && s.nodes[1].pods == 0)  // a succeeded pod no longer counts
    #expect(
      s.pods.map { "\($0.phase)=\($0.count)" } == ["Pending=1", "Running=2", "Succeeded=1", "Failed=0", "Unknown=0"])
    #expect(
      s.workloads == [
        .init(kind: "Deployment", namespace: "default", name: "web", desired: 3, ready: 2, status: "Progressing"),
        .init(kind: "Job", namespace: "default", name: "pi", desired: 1, ready: 1, status: "Complete"),
      ])
    #expect(s.events.map(\.object) == ["pod/a"] && s.events[0].count == 2)
    #expect(s.messages.map(\.count) == [12, 7])
    #expect(
      s.text == """
        Cluster at tick 42 (2026-01-01T00:10:00Z)

        NODE       STATUS   ROLES    CPU REQUESTS   MEMORY REQUESTS     PODS
        worker-a   Ready    <none>   1 / 4 (25%)    1.5Gi / 8Gi (18%)   2 / 110
        worker-b   Ready    <none>   0 / 2 (0%)     0 / 4Gi (0%)        0 / 110

        PODS  4 in all: Pending 1 · Running 2 · Succeeded 1 · Failed 0 · Unknown 0

        WORKLOAD         NAMESPACE   READY   STATUS
        deployment/web   default     2/3     Progressing
        job/pi           default     1/1     Complete

        RECENT EVENTS
        LAST SEEN   TYPE     REASON   OBJECT   MESSAGE
        5s          Normal   Pulled   pod/a    Container image "nginx" already present on machine (x2)

        MESSAGES SINCE THE SESSION STARTED
        FROM               TO          COUNT
        kubelet@worker-a   apiserver   12
        dashboard          apiserver   7

        """)
  }

  /// Within one second an object's events keep the order they were recorded in (their names end
  /// in the recorder's timestamp), not the order of their reasons.
  @Test func eventsOfOneSecondInRecordedOrder() {
    func event(_ name: String, _ reason: String) -> Event {
      var ev = Event(
        metadata: ObjectMeta(name: name, namespace: "default"),
        involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "a"), reason: reason, message: "",
        type: "Normal")
      ev.lastTimestamp = Self.now.adding(seconds: -1)
      return ev
    }
    let s = Dashboard.summarize(
      nodes: [], pods: [], deployments: [], replicaSets: [], daemonSets: [], jobs: [],
      events: [
        event("a.188f0c2a3b000002", "Started"), event("a.188f0c2a3b000000", "Pulled"),
        event("a.188f0c2a3b000001", "Created"),
      ], edges: [], tick: 1, now: Self.now)
    #expect(s.events.map(\.reason) == ["Pulled", "Created", "Started"])
  }

  @Test func summaryIsCodable() throws {
    let s = Dashboard.summarize(
      nodes: [Self.node("worker-a", cpu: "4", memory: "8Gi")], pods: Self.pods, deployments: [], replicaSets: [],
      daemonSets: [], jobs: [], events: [], edges: [], tick: 1, now: Self.now)
    let json = try TreeEncoder().encode(s).compactText
    #expect(json.contains("\"name\":\"worker-a\""))
    #expect(json.contains("\"cpuPercent\":25"))
  }

  /// Nodes and pods with fixed numbers, written as the admin (no kubelet behind worker-a and
  /// worker-b). The controller-manager has already created the `default` service account.
  static func lab() -> ProxyLab {
    let lab = ProxyLab()
    for (name, cpu, memory) in [("worker-a", "4", "8Gi"), ("worker-b", "2", "4Gi")] {
      lab.create(Node(metadata: ObjectMeta(name: name)))
      var node = lab.get(Node.self, "", name)!
      node.status = Self.node(name, cpu: cpu, memory: memory).status
      let r = lab.cluster.kubectl.perform(
        APIRequest(.update, Node.resource, name: name, subresource: "status", body: .object(node)))
      if case .failure(let e) = r { Issue.record("node status: \(e)") }
    }
    for p in Self.pods {
      var fresh = p
      fresh.status = PodStatus()
      guard var stored = lab.create(fresh) as? Pod else { continue }
      stored.status.phase = p.status.phase
      let r = lab.cluster.kubectl.perform(
        APIRequest(
          .update, Pod.resource, namespace: "default", name: p.metadata.name, subresource: "status",
          body: .object(stored)))
      if case .failure(let e) = r { Issue.record("pod status: \(e)") }
    }
    return lab
  }

  @Test func summaryArrivesAfterTheStorePhase() throws {
    let lab = Self.lab()
    let dashboard = lab.cluster.dashboard
    var delivered: DashboardSummary? = nil
    dashboard.refresh { delivered = $0 }
    #expect(dashboard.summary == nil && dashboard.refreshing)
    lab.cluster.step()  // report
    #expect(dashboard.summary == nil)
    lab.cluster.step()  // store: the LISTs are answered
    let s = try #require(dashboard.summary)
    #expect(delivered == s && !dashboard.refreshing)
    let a = try #require(s.nodes.first { $0.name == "worker-a" })
    #expect(a.cpuRequestsMilli == 1000 && a.cpuPercent == 25 && a.memoryPercent == 18 && a.pods == 2)
    #expect(s.pods.reduce(0) { $0 + $1.count } >= 4)
    #expect(s.messages.first { $0.from == "dashboard" && $0.to == "apiserver" }?.count == 7)
  }

  @Test func dashboardOnlyLists() {
    let lab = ProxyLab()
    lab.cluster.dashboard.refresh()
    lab.ticks(1)
    let sent = lab.cluster.context.log.recent.filter { $0.from == .dashboard }
    #expect(sent.count == 7)
    #expect(sent.allSatisfy { $0.verb == "LIST" && $0.to == .apiserver })
    #expect(lab.cluster.context.log.recent.contains { $0.to == .dashboard })
  }

  @Test(arguments: [
    (Int64(0), "0"), (Int64(64 << 20), "64Mi"), (Int64(1536 << 20), "1.5Gi"), (Int64(8 << 30), "8Gi"),
    (Int64(1000), "1000"),
  ])
  func memoryFormatting(bytes: Int64, text: String) {
    #expect(DashboardSummary.memory(bytes) == text)
  }

  @Test(arguments: [
    (Int64(5), "5s"), (Int64(119), "119s"), (Int64(200), "3m20s"), (Int64(3600), "60m"), (Int64(7200 * 4), "8h"),
  ])
  func ages(seconds: Int64, text: String) {
    let t0 = Time(seconds: 1_000_000)
    #expect(DashboardSummary.age(from: t0, to: t0.adding(seconds: seconds)) == text)
  }
}
