import Testing

@testable import KubeSim

struct ControllerReplicaSetTests {
  func replicaSet(_ name: String, replicas: Int32) -> ReplicaSet {
    var rs = ReplicaSet(metadata: ObjectMeta(name: name, namespace: "default"))
    rs.spec = ReplicaSetSpec(
      replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]), template: template(app: name))
    return rs
  }

  /// End to end: the pods are bound by the real scheduler and run by the real kubelets.
  @Test func createsPodsWithOwnerAndEvents() throws {
    let (_, fake) = realCluster()
    fake.create(replicaSet("web", replicas: 3))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 3 }, limit: 30))
    let pods = fake.pods(labels: ["app": "web"])
    #expect(pods.count == 3)
    for p in pods {
      #expect(p.metadata.generateName == "web-")
      #expect(p.metadata.name.hasPrefix("web-") && p.metadata.name.count == 9)
      let ref = try #require(p.metadata.ownerReferences?.first)
      #expect(ref.kind == "ReplicaSet" && ref.name == "web" && ref.controller == true && ref.blockOwnerDeletion == true)
    }
    fake.tick(3)
    let created = fake.eventMessages(reason: "SuccessfulCreate", involving: "web")
    #expect(created.sorted() == pods.map { "Created pod: \($0.metadata.name)" }.sorted())
    let rs = try #require(fake.get(ReplicaSet.self, "default", "web"))
    #expect(rs.status.replicas == 3)
    #expect(rs.status.readyReplicas == 3)
    #expect(rs.status.availableReplicas == 3)
    #expect(rs.status.fullyLabeledReplicas == 3)
    #expect(rs.status.observedGeneration == 1)
  }

  @Test func scaleDownDeletesUnreadyAndUnscheduledFirst() throws {
    let (_, fake) = testCluster()
    fake.create(replicaSet("web", replicas: 3))
    fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 3 }, limit: 10)
    // Two more pods: one never scheduled, one running but not ready.
    fake.scheduling = false
    fake.patch(ReplicaSet.resource, "default", "web", ["spec": ["replicas": 5]])
    fake.tick(until: { fake.pods(labels: ["app": "web"]).count == 5 }, limit: 5)
    let pending = try #require(fake.pods(labels: ["app": "web"]).first { $0.spec.nodeName.isEmpty })
    let other = try #require(
      fake.pods(labels: ["app": "web"]).filter { $0.spec.nodeName.isEmpty && $0.metadata.name != pending.metadata.name }
        .first)
    fake.bind(other, "node-1")
    fake.podsBecomeReady = false
    fake.runPods()
    fake.tick(2)
    let notReady = try #require(fake.get(Pod.self, "default", other.metadata.name))
    #expect(notReady.status.phase == PodPhase.running && !notReady.isReady)
    fake.patch(ReplicaSet.resource, "default", "web", ["spec": ["replicas": 3]])
    fake.tick(3)
    let left = fake.pods(labels: ["app": "web"]).filter { !$0.isTerminating }
    #expect(left.count == 3)
    #expect(left.allSatisfy { $0.isReady })
    let deleted = fake.eventMessages(reason: "SuccessfulDelete", involving: "web")
    #expect(Set(deleted) == ["Deleted pod: \(pending.metadata.name)", "Deleted pod: \(other.metadata.name)"])
  }

  @Test func rankingOrdersAsUpstream() {
    let now = Time(seconds: 1_000_000)
    func pod(
      _ name: String, node: String = "", phase: String = PodPhase.running, readyAt: Int64? = nil, restarts: Int32 = 0,
      created: Int64 = 0
    ) -> Pod {
      var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
      p.metadata.uid = name
      p.metadata.creationTimestamp = Time(seconds: 1_000_000 - created)
      p.spec.nodeName = node
      p.status.phase = phase
      if let readyAt {
        p.status.conditions = [
          PodCondition(type: "Ready", status: "True", lastTransitionTime: Time(seconds: 1_000_000 - readyAt))
        ]
      }
      p.status.containerStatuses = [ContainerStatus(name: "c", restartCount: restarts)]
      return p
    }
    let pods = [
      pod("ready-old", node: "n1", readyAt: 10_000, created: 20_000),
      pod("pending", node: "n2", phase: PodPhase.pending),
      pod("unassigned", phase: PodPhase.pending),
      pod("ready-new", node: "n3", readyAt: 10, created: 20_000),
      pod("not-ready", node: "n1"),
      pod("restarts", node: "n3", readyAt: 10, restarts: 5, created: 20_000),
    ]
    let order = ActivePodsWithRanks(pods: pods, related: pods, now: now).sorted().map(\.metadata.name)
    #expect(order == ["unassigned", "pending", "not-ready", "restarts", "ready-new", "ready-old"])
  }

  @Test func adoptsAndReleasesOrphans() throws {
    let (_, fake) = testCluster()
    var orphan = Pod(metadata: ObjectMeta(name: "stray", namespace: "default", labels: ["app": "web"]))
    orphan.spec.containers = [Container(name: "nginx", image: "nginx")]
    fake.create(orphan)
    fake.tick(2)
    fake.create(replicaSet("web", replicas: 2))
    fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 2 }, limit: 10)
    fake.tick(2)
    let stray = try #require(fake.get(Pod.self, "default", "stray"))
    #expect(stray.metadata.controllerRef?.name == "web")
    #expect(fake.pods(labels: ["app": "web"]).count == 2)
    // Relabel: released, and replaced.
    fake.patch(Pod.resource, "default", "stray", ["metadata": ["labels": ["app": "other"]]])
    fake.tick(4)
    #expect(fake.get(Pod.self, "default", "stray")?.metadata.ownerReferences == nil)
    #expect(fake.pods(labels: ["app": "web"]).count == 2)
  }
}
