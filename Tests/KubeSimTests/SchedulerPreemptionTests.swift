import Testing

@testable import KubeSim

/// DefaultPreemption: a higher-priority pod evicts lower-priority pods to make room.
struct SchedulerPreemptionTests {
  typealias T = SchedulerTestCluster
  static let critical = "system-cluster-critical"

  /// The whole round: victims marked and deleted, `Preempted` events, the preemptor nominated,
  /// and bound to that node once the victims are gone.
  @Test func preemptsLowerPriorityPods() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2"), T.node("node-2", cpu: "2")])
    t.create(T.pod("low-1", cpu: "1500m", nodeName: "node-1"))
    t.create(T.pod("low-2", cpu: "1", nodeName: "node-2"))
    t.create(T.pod("low-3", cpu: "800m", nodeName: "node-2"))
    let high = t.create(T.pod("high", cpu: "1", priorityClassName: Self.critical))
    t.ticks(4)

    // node-1 needs one victim (low-1), node-2 needs one of its two; the candidate with the
    // lowest victim-priority sum ties, then fewer victims ties, then... both have one victim:
    // the first candidate found wins. Either way exactly one pod is evicted.
    let preemptor = t.get("high")!
    let nominated = preemptor.status.nominatedNodeName
    #expect(nominated == "node-1" || nominated == "node-2")
    #expect(preemptor.spec.nodeName == "")
    #expect(
      preemptor.condition(PodConditionType.podScheduled)?.message
        == "0/2 nodes are available: 2 Insufficient cpu.")
    let victims = ["low-1", "low-2", "low-3"].filter { t.get($0)?.metadata.deletionTimestamp != nil }
    #expect(victims.count == 1)
    let victim = victims[0]
    let marked = t.get(victim)!.condition(PodConditionType.disruptionTarget)
    #expect(marked?.status == "True")
    #expect(marked?.reason == "PreemptionByScheduler")
    #expect(marked?.message == "default-scheduler: preempting to accommodate a higher priority pod")
    let preempted = t.events(victim).first { $0.reason == "Preempted" }
    #expect(preempted?.message == "Preempted by pod \(high.metadata.uid) on node \(nominated)")
    #expect(preempted?.type == "Normal")
    let d = t.scheduler.decision(namespace: "default", name: "high")
    #expect(d?.preemption == SchedulingDecision.Preemption(nominatedNode: nominated, victims: ["default/\(victim)"]))

    // While the victim terminates the preemptor waits (it is not eligible to preempt again).
    t.ticks(5)
    #expect(t.get("high")!.spec.nodeName == "")
    #expect(["low-1", "low-2", "low-3"].filter { t.get($0)?.metadata.deletionTimestamp != nil }.count == 1)

    // No kubelet runs behind these nodes: finish the deletion as it would (SchedulerClusterTests
    // has the real kubelet do it).
    t.delete(victim, gracePeriod: 0)
    t.ticks(5)
    #expect(t.nodeName("high") == nominated)
    let last = t.scheduler.decision(namespace: "default", name: "high")!
    #expect(last.nominatedNode == nominated)
    #expect(last.nodes.map(\.node) == [nominated])
  }

  /// Only lower priorities are victims; a node where evicting them all still is not enough keeps
  /// its filter reason; an UnschedulableAndUnresolvable node is "not helpful".
  @Test func preemptionMessageWhenItCannotHelp() {
    let t = SchedulerTestCluster(nodes: [
      T.node("node-1", cpu: "2"), T.node("node-2", cpu: "4"),
      T.node("node-3", cpu: "8", taints: [Taint(key: "dedicated", effect: TaintEffect.noSchedule)]),
    ])
    t.create(T.pod("same", cpu: "3", priorityClassName: Self.critical, nodeName: "node-2"))
    t.create(T.pod("low", cpu: "1", nodeName: "node-1"))
    t.create(T.pod("high", cpu: "3", priorityClassName: Self.critical))
    t.ticks(4)
    #expect(
      t.get("high")!.condition(PodConditionType.podScheduled)?.message
        == "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
    )
    #expect(t.get("low")?.metadata.deletionTimestamp == nil)
    #expect(t.get("same")?.metadata.deletionTimestamp == nil)
  }

  @Test func preemptionPolicyNever() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2")])
    t.create(T.pod("low", cpu: "2", nodeName: "node-1"))
    var p = T.pod("polite", cpu: "1", priorityClassName: Self.critical)
    p.spec.preemptionPolicy = PreemptionPolicy.never
    t.create(p)
    t.ticks(4)
    #expect(
      t.get("polite")!.condition(PodConditionType.podScheduled)?.message
        == "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.")
    #expect(t.get("low")?.metadata.deletionTimestamp == nil)
  }

  /// Victims are reprieved from the most important down: with room for one of two
  /// lower-priority pods, the higher of them stays.
  @Test func reprievesTheMoreImportantVictim() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "3")])
    var mid = T.pod("mid", cpu: "1", nodeName: "node-1")
    mid.spec.priorityClassName = ""
    t.create(mid)
    t.create(T.pod("low", cpu: "1", nodeName: "node-1"))
    t.create(T.pod("high", cpu: "2", priorityClassName: Self.critical))
    t.ticks(4)
    // Both mid and low have priority 0: the one started earlier (or, not started, by name)
    // is more important and stays; exactly one is evicted.
    let evicted = ["mid", "low"].filter { t.get($0)?.metadata.deletionTimestamp != nil }
    #expect(evicted.count == 1)
    #expect(t.get("high")?.status.nominatedNodeName == "node-1")
  }
}
