import Testing

@testable import KubeSim

/// The dashboard lists through its own client and summarizes what it got.
struct DashboardTests {
  static func lab() -> ProxyLab {
    let lab = ProxyLab()
    lab.create(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: "default")))
    for (name, cpu, memory) in [("node-1", "4", "8Gi"), ("node-2", "2", "4Gi")] {
      var node = Node(metadata: ObjectMeta(name: name))
      node.metadata.labels = ["kubernetes.io/hostname": name]
      lab.create(node)
      node = lab.get(Node.self, "", name)!
      node.status.allocatable = ["cpu": Quantity(cpu), "memory": Quantity(memory), "pods": Quantity("110")]
      node.status.capacity = node.status.allocatable
      node.status.conditions = [NodeCondition(type: "Ready", status: "True")]
      let r = lab.cluster.kubectl.perform(
        APIRequest(.update, Node.resource, name: name, subresource: "status", body: .object(node)))
      if case .failure(let e) = r { Issue.record("node status: \(e)") }
    }
    // Pods: two running and one pending on node-1 (the pending one is not bound), one succeeded on node-2.
    func pod(_ name: String, node: String, cpu: String, memory: String, phase: String) {
      var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
      var c = Container(name: "app", image: "nginx")
      c.resources.requests = ["cpu": Quantity(cpu), "memory": Quantity(memory)]
      p.spec.containers = [c]
      p.spec.nodeName = node
      guard var stored = lab.create(p) as? Pod else { return }
      stored.status.phase = phase
      let r = lab.cluster.kubectl.perform(
        APIRequest(
          .update, Pod.resource, namespace: "default", name: name, subresource: "status", body: .object(stored)))
      if case .failure(let e) = r { Issue.record("pod status: \(e)") }
    }
    pod("a", node: "node-1", cpu: "250m", memory: "512Mi", phase: "Running")
    pod("b", node: "node-1", cpu: "750m", memory: "1Gi", phase: "Running")
    pod("c", node: "", cpu: "100m", memory: "64Mi", phase: "Pending")
    pod("d", node: "node-2", cpu: "1", memory: "1Gi", phase: "Succeeded")
    var d = Deployment(metadata: ObjectMeta(name: "web", namespace: "default"))
    d.spec.replicas = 3
    d.spec.selector = LabelSelector(matchLabels: ["app": "web"])
    d.spec.template.metadata.labels = ["app": "web"]
    d.spec.template.spec.containers = [Container(name: "web", image: "nginx")]
    if var stored = lab.create(d) as? Deployment {
      stored.status.readyReplicas = 2
      stored.status.updatedReplicas = 3
      _ = lab.cluster.kubectl.perform(
        APIRequest(
          .update, Deployment.resource, namespace: "default", name: "web", subresource: "status", body: .object(stored))
      )
    }
    var ev = Event(
      metadata: ObjectMeta(name: "a.1", namespace: "default"),
      involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "a"), reason: "Pulled",
      message: "Container image \"nginx\" already present on machine", type: "Normal")
    ev.lastTimestamp = lab.cluster.context.now
    ev.count = 2
    lab.create(ev)
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
    #expect(delivered == s)

    let n1 = try #require(s.nodes.first { $0.name == "node-1" })
    #expect(n1.cpuRequestsMilli == 1000 && n1.cpuAllocatableMilli == 4000 && n1.cpuPercent == 25)
    #expect(n1.memoryRequestsBytes == 1536 << 20 && n1.memoryPercent == 18)
    #expect(n1.pods == 2 && n1.podCapacity == 110 && n1.ready)
    let n2 = try #require(s.nodes.first { $0.name == "node-2" })
    #expect(n2.cpuRequestsMilli == 0 && n2.pods == 0)  // the succeeded pod no longer counts
    #expect(
      s.pods.map { "\($0.phase)=\($0.count)" } == ["Pending=1", "Running=2", "Succeeded=1", "Failed=0", "Unknown=0"])
    let web = try #require(s.workloads.first { $0.name == "web" })
    #expect(web.kind == "Deployment" && web.desired == 3 && web.ready == 2 && web.status == "Progressing")
    #expect(s.events.map(\.object) == ["pod/a"])
    #expect(s.events.first?.count == 2)
    let listed = s.messages.first { $0.from == "dashboard" && $0.to == "apiserver" }
    #expect(listed?.count == 7)

    let text = s.text
    #expect(text.contains("node-1   Ready    <none>   1 / 4 (25%)    1.5Gi / 8Gi (18%)   2 / 110\n"))
    #expect(text.contains("PODS  4 in all: Pending 1 · Running 2 · Succeeded 1 · Failed 0 · Unknown 0"))
    #expect(text.contains("deployment/web         default       2/3     Progressing\n"))
    #expect(text.contains("Pulled   pod/a    Container image \"nginx\" already present on machine (x2)"))
  }

  @Test func dashboardOnlyLists() {
    let lab = Self.lab()
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
