// SchedulerClusterTests: the scheduler with the rest of a kubeadm cluster — kubelets that run and
// terminate pods, the node lifecycle controller's taints, kubeadm's CoreDNS pods on the workers.
import Testing

@testable import KubeSim

struct SchedulerClusterTests {
  static func pod(_ name: String, cpu: String, priorityClassName: String = "") -> Pod {
    var p = SchedulerTestCluster.pod(name, cpu: cpu, priorityClassName: priorityClassName)
    p.spec.terminationGracePeriodSeconds = 30
    return p
  }

  /// The system pods count: each worker runs a CoreDNS pod (100m) and kube-proxy (no requests).
  @Test func systemPodsCountOnTheWorkers() throws {
    let h = KubeletHarness(workers: 2)
    let cache = h.cluster.scheduler.cache
    for node in ["node-1", "node-2"] {
      let requested = h.pods(on: node).reduce(Int64(0)) { $0 + $1.requests().milliCPU }
      #expect(cache.nodeInfo(node)?.requestedMilliCPU == requested)
    }
    #expect(cache.nodeInfo("node-1").map(\.requestedMilliCPU)! + cache.nodeInfo("node-2")!.requestedMilliCPU == 200)
    // 3900m fits beside one CoreDNS pod, not beside two.
    _ = h.cluster.kubectl.perform(
      APIRequest(.create, Pod.resource, namespace: "default", body: .object(Self.pod("big", cpu: "3900m"))))
    try #require(h.until(limit: 10) { h.get("big")?.isReady == true } != nil)
    let node = h.get("big")!.spec.nodeName
    #expect(h.pods(on: node).filter { $0.metadata.name.hasPrefix("coredns-") }.count <= 1)
  }

  /// Preemption end to end: the victim is marked, the kubelet stops it within its grace period and
  /// deletes it, and the preemptor is bound to the nominated node and runs there.
  @Test func preemptedPodIsTerminatedByTheKubelet() throws {
    let h = KubeletHarness(workers: 2)
    for name in ["low-1", "low-2"] {
      _ = h.cluster.kubectl.perform(
        APIRequest(.create, Pod.resource, namespace: "default", body: .object(Self.pod(name, cpu: "3500m"))))
    }
    try #require(h.until(limit: 15) { h.get("low-1")?.isReady == true && h.get("low-2")?.isReady == true } != nil)
    #expect(h.get("low-1")!.spec.nodeName != h.get("low-2")!.spec.nodeName)
    _ = h.cluster.kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: "default",
        body: .object(Self.pod("high", cpu: "1", priorityClassName: "system-cluster-critical"))))
    try #require(h.until(limit: 6) { h.get("high")?.status.nominatedNodeName.isEmpty == false } != nil)
    let nominated = h.get("high")!.status.nominatedNodeName
    let victims = ["low-1", "low-2"].filter { h.get($0)?.metadata.deletionTimestamp != nil }
    #expect(victims.count == 1)
    let victim = try #require(victims.first)
    #expect(h.get(victim)?.spec.nodeName == nominated)
    #expect(h.get(victim)?.condition(PodConditionType.disruptionTarget)?.reason == "PreemptionByScheduler")
    // nginx stops on SIGTERM at once: the kubelet deletes the pod, then the preemptor is bound.
    try #require(h.until(limit: 10) { h.get(victim) == nil } != nil)
    #expect(h.events(for: victim).contains("Killing: Stopping container app"))
    try #require(h.until(limit: 10) { h.get("high")?.isReady == true } != nil)
    #expect(h.get("high")?.spec.nodeName == nominated)
    #expect(h.get(["low-1", "low-2"].first { $0 != victim }!)?.isReady == true)
  }

  /// `kubectl cordon` / `uncordon` with the node lifecycle controller: it taints a cordoned node
  /// `node.kubernetes.io/unschedulable:NoSchedule` and removes the taint after the uncordon; the
  /// waiting pod may meet the taint once before that, and then lands on the node.
  @Test func uncordonedNodeTakesTheWaitingPod() throws {
    let h = KubeletHarness(workers: 1)
    func setUnschedulable(_ value: Bool) {
      guard var n = h.node("node-1") else { return }
      n.spec.unschedulable = value ? true : nil
      let r = h.cluster.kubectl.perform(APIRequest(.update, Node.resource, name: "node-1", body: .object(n)))
      if case .failure(let e) = r { Issue.record("update node: \(e)") }
    }
    func tainted() -> Bool {
      h.node("node-1")?.spec.taints.contains { $0.key == WellKnownTaint.nodeUnschedulable } == true
    }
    setUnschedulable(true)
    try #require(h.until(limit: 5) { tainted() } != nil)
    _ = h.cluster.kubectl.perform(
      APIRequest(.create, Pod.resource, namespace: "default", body: .object(Self.pod("web", cpu: "100m"))))
    h.ticks(4)
    let waiting = try #require(h.get("web"))
    #expect(waiting.spec.nodeName == "")
    #expect(
      waiting.condition(PodConditionType.podScheduled)?.message
        == "0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    )
    setUnschedulable(false)
    try #require(h.until(limit: 8) { h.get("web")?.spec.nodeName == "node-1" } != nil)
    #expect(!tainted())
    try #require(h.until(limit: 5) { h.get("web")?.isReady == true } != nil)
  }
}
