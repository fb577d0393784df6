import Testing

@testable import KubeSim

struct ControllerNodeLifecycleTests {
  @Test func silentNodeGoesUnknownIsTaintedAndItsPodsAreEvicted() throws {
    let (cluster, fake) = testCluster()
    fake.create(deployment("web", replicas: 2))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 2 }, limit: 15))
    let victims = fake.pods(labels: ["app": "web"]).filter { $0.spec.nodeName == "node-2" }
    #expect(victims.count == 1)
    // node-2's kubelet stops right after a lease renewal.
    #expect(
      fake.tick(
        until: {
          let renew = fake.get(Lease.self, "kube-node-lease", "node-2")?.spec.renewTime?.time
          return renew == cluster.context.now
        }, limit: 12))
    let lastRenewal = cluster.context.now
    fake.down.insert("node-2")

    // 1. Unknown once the 50 s grace period has passed (checked every 5 s).
    #expect(fake.tick(until: { fake.node("node-2")?.condition("Ready")?.status == "Unknown" }, limit: 70))
    let unknownAt = cluster.context.now
    let elapsed = lastRenewal.seconds(until: unknownAt)
    #expect(elapsed > 50 && elapsed <= 57, "Unknown after \(elapsed) s")
    let node = try #require(fake.node("node-2"))
    for type in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
      let c = try #require(node.condition(type))
      #expect(c.status == "Unknown" && c.reason == "NodeStatusUnknown")
      #expect(c.message == "Kubelet stopped posting node status.")
    }
    #expect(node.condition("Ready")?.lastHeartbeatTime != node.condition("Ready")?.lastTransitionTime)

    // 2. Taints: unreachable NoSchedule and NoExecute (with timeAdded) within one more pass.
    #expect(
      fake.tick(
        until: {
          fake.node("node-2")?.spec.taints.contains {
            $0.key == "node.kubernetes.io/unreachable" && $0.effect == "NoExecute"
          } == true
        }, limit: 8))
    let taints = try #require(fake.node("node-2")?.spec.taints)
    #expect(taints.contains { $0.key == "node.kubernetes.io/unreachable" && $0.effect == "NoSchedule" })
    #expect(taints.first { $0.effect == "NoExecute" }?.timeAdded != nil)
    let taintedAt = cluster.context.now

    // 3. The pods there are marked not ready; events on the node and the pods.
    fake.tick(2)
    #expect(fake.get(Pod.self, "default", victims[0].metadata.name)?.isReady == false)
    #expect(
      fake.eventMessages(reason: "NodeNotReady", involving: "node-2") == ["Node node-2 status is now: NodeNotReady"])
    #expect(fake.eventMessages(reason: "NodeNotReady", involving: victims[0].metadata.name) == ["Node is not ready"])

    // 4. 300 s later (the default toleration) the pod is evicted; it stays Terminating as its
    //    kubelet cannot confirm, and the ReplicaSet replaces it elsewhere.
    fake.tick(250)
    #expect(fake.get(Pod.self, "default", victims[0].metadata.name)?.isTerminating == false)
    #expect(
      fake.tick(until: { fake.get(Pod.self, "default", victims[0].metadata.name)?.isTerminating == true }, limit: 60))
    let evictedAfter = taintedAt.seconds(until: cluster.context.now)
    #expect(evictedAfter >= 300 && evictedAfter <= 303, "evicted \(evictedAfter) s after the taint")
    fake.tick(3)
    #expect(
      fake.eventMessages(reason: "TaintManagerEviction", involving: victims[0].metadata.name)
        == ["Marking for deletion Pod default/\(victims[0].metadata.name)"])
    let evicted = try #require(fake.get(Pod.self, "default", victims[0].metadata.name))
    #expect(evicted.condition("DisruptionTarget")?.reason == "DeletionByTaintManager")
    let running = fake.pods(labels: ["app": "web"]).filter { !$0.isTerminating }
    #expect(running.count == 2 && running.allSatisfy { $0.spec.nodeName == "node-1" })
    // kube-proxy tolerates everything and stays.
    #expect(
      fake.pods("kube-system", labels: ["k8s-app": "kube-proxy"]).contains {
        $0.spec.nodeName == "node-2" && !$0.isTerminating
      })

    // 5. The kubelet comes back: Ready again, the taints go.
    fake.down.remove("node-2")
    var n = try #require(fake.node("node-2"))
    n.status.conditions = n.status.conditions.map {
      var c = $0
      c.status = $0.type == "Ready" ? "True" : "False"
      c.reason = $0.type == "Ready" ? "KubeletReady" : ""
      c.lastHeartbeatTime = cluster.context.now
      c.lastTransitionTime = cluster.context.now
      return c
    }
    _ = fake.kubectl.perform(
      APIRequest(.update, Node.resource, name: "node-2", subresource: "status", body: .object(n)))
    fake.renewLease("node-2")
    #expect(fake.tick(until: { fake.node("node-2")?.spec.taints.isEmpty == true }, limit: 15))
  }

  @Test func nodeThatNeverPostedStatus() throws {
    let (cluster, fake) = testCluster()
    let created = cluster.context.now
    fake.create(Node(metadata: ObjectMeta(name: "ghost")))
    #expect(fake.tick(until: { fake.node("ghost")?.condition("Ready") != nil }, limit: 80))
    let elapsed = created.seconds(until: cluster.context.now)
    #expect(elapsed > 60 && elapsed <= 67)
    let c = try #require(fake.node("ghost")?.condition("Ready"))
    #expect(
      c.status == "Unknown" && c.reason == "NodeStatusNeverUpdated" && c.message == "Kubelet never posted node status.")
    fake.tick(8)
    #expect(
      fake.eventMessages(reason: "RegisteredNode", involving: "ghost") == [
        "Node ghost event: Registered Node ghost in Controller"
      ])
  }

  @Test func taintEvictionHonoursTolerations() throws {
    let (_, fake) = testCluster()
    func pod(_ name: String, _ tolerations: [Toleration]) -> Pod {
      var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
      p.spec.containers = [Container(name: "c", image: "busybox")]
      p.spec.nodeName = "node-1"
      p.spec.tolerations = tolerations
      return p
    }
    fake.create(pod("forever", [Toleration(key: "dedicated", operator: "Exists", effect: "NoExecute")]))
    fake.create(
      pod("brief", [Toleration(key: "dedicated", operator: "Exists", effect: "NoExecute", tolerationSeconds: 20)]))
    fake.create(pod("none", []))
    fake.tick(3)
    fake.down.insert("node-1")  // keep the pods around as Terminating
    fake.patch(
      Node.resource, "", "node-1", ["spec": ["taints": [["key": "dedicated", "value": "x", "effect": "NoExecute"]]]])
    fake.tick(2)
    #expect(fake.get(Pod.self, "default", "none")?.isTerminating == true)
    #expect(fake.get(Pod.self, "default", "brief")?.isTerminating == false)
    fake.tick(20)
    #expect(fake.get(Pod.self, "default", "brief")?.isTerminating == true)
    #expect(fake.get(Pod.self, "default", "forever")?.isTerminating == false)
  }
}

struct ControllerPodGCTests {
  @Test func podsOfADeletedNodeGoAfterTheQuarantine() throws {
    let (cluster, fake) = testCluster()
    fake.create(deployment("web", replicas: 2))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 2 }, limit: 15))
    let onNode2 = try #require(fake.pods(labels: ["app": "web"]).first { $0.spec.nodeName == "node-2" })
    fake.down.insert("node-2")
    fake.delete(Node.resource, "", "node-2")
    let deletedAt = cluster.context.now
    #expect(fake.tick(until: { fake.get(Pod.self, "default", onNode2.metadata.name) == nil }, limit: 90))
    let elapsed = deletedAt.seconds(until: cluster.context.now)
    #expect(elapsed >= 40 && elapsed <= 62, "gone after \(elapsed) s")
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 2 }, limit: 10))
  }
}
