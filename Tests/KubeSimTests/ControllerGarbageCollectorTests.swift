import Testing

@testable import KubeSim

struct ControllerGarbageCollectorTests {
  func ready(_ fake: FakeNodes, _ n: Int) -> Bool { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == n }

  @Test func backgroundDeletesDependentsAfterTheOwner() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("web", replicas: 2))
    #expect(fake.tick(until: { ready(fake, 2) }, limit: 15))
    fake.delete(Deployment.resource, "default", "web", propagation: .background)
    #expect(fake.get(Deployment.self, "default", "web") == nil)
    #expect(
      fake.tick(until: { (fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).isEmpty }, limit: 10))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).isEmpty }, limit: 10))
  }

  @Test func foregroundWaitsForBlockingDependents() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("web", replicas: 2))
    #expect(fake.tick(until: { ready(fake, 2) }, limit: 15))
    // The kubelets stop confirming deletions, so the pods stay terminating for a while.
    fake.down = ["node-1", "node-2"]
    fake.delete(Deployment.resource, "default", "web", propagation: .foreground)
    let d = try #require(fake.get(Deployment.self, "default", "web"))
    #expect(d.metadata.deletionTimestamp != nil && d.metadata.finalizers == ["foregroundDeletion"])
    fake.tick(6)
    #expect(fake.pods(labels: ["app": "web"]).allSatisfy { $0.isTerminating })
    #expect(fake.pods(labels: ["app": "web"]).count == 2)
    let rs = try #require((fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).first)
    #expect(rs.metadata.finalizers == ["foregroundDeletion"])
    #expect(fake.get(Deployment.self, "default", "web") != nil)
    fake.down = []
    #expect(fake.tick(until: { fake.get(Deployment.self, "default", "web") == nil }, limit: 15))
    #expect((fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).isEmpty)
    #expect(fake.pods(labels: ["app": "web"]).isEmpty)
  }

  @Test func orphanLeavesDependentsWithoutOwner() throws {
    let (_, fake) = testCluster()
    var rs = ReplicaSet(metadata: ObjectMeta(name: "web", namespace: "default"))
    rs.spec = ReplicaSetSpec(
      replicas: 2, selector: LabelSelector(matchLabels: ["app": "web"]), template: template(app: "web"))
    fake.create(rs)
    #expect(fake.tick(until: { ready(fake, 2) }, limit: 15))
    fake.delete(ReplicaSet.resource, "default", "web", propagation: .orphan)
    #expect(fake.tick(until: { fake.get(ReplicaSet.self, "default", "web") == nil }, limit: 10))
    fake.tick(3)
    let pods = fake.pods(labels: ["app": "web"])
    #expect(pods.count == 2)
    #expect(pods.allSatisfy { $0.metadata.ownerReferences == nil && !$0.isTerminating })
  }

  @Test func danglingOwnerReferenceIsCollected() throws {
    let (_, fake) = testCluster()
    var cm = ConfigMap(metadata: ObjectMeta(name: "child", namespace: "default"))
    cm.metadata.ownerReferences = [
      OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "parent", uid: "00000000-0000-4000-8000-000000000000")
    ]
    fake.create(cm)
    #expect(fake.tick(until: { fake.get(ConfigMap.self, "default", "child") == nil }, limit: 5))
  }
}
