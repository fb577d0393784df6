import Testing

@testable import KubeSim

/// percentageOfNodesToScore, the rotating start index, tie-breaking, and scale.
struct SchedulerScaleTests {
  typealias T = SchedulerTestCluster

  /// A cluster whose scheduler is fed directly (no apiserver round trips): `nodes` nodes.
  /// Keep the cluster alive while using its scheduler.
  static func cluster(nodes: Int, seed: UInt64 = 1, cpu: String = "8") -> SchedulerTestCluster {
    let t = SchedulerTestCluster(seed: seed, nodes: [])
    for i in 0..<nodes { t.scheduler.nodeAdded(T.node("n-\(i)", cpu: cpu, memory: "32Gi")) }
    return t
  }

  static func add(_ s: Scheduler, _ name: String, cpu: String = "100m", memory: String = "128Mi") {
    var p = T.pod(name, cpu: cpu, memory: memory)
    p.metadata.uid = "uid-\(name)"
    p.metadata.resourceVersion = "1"
    s.podAdded(p)
  }

  @Test(
    arguments: [
      (50, 0, 50), (99, 0, 99), (100, 0, 100), (125, 0, 100), (250, 0, 120), (1000, 0, 420), (5000, 0, 500),
      (6000, 0, 300), (20000, 0, 1000), (1000, 10, 100), (1000, 50, 500), (1000, 100, 1000), (5000, 1, 100),
    ] as [(Int, Int32, Int)])
  func numFeasibleNodesToFind(_ nodes: Int, _ percentage: Int32, _ expected: Int) {
    #expect(Scheduler.numFeasibleNodesToFind(percentageOfNodesToScore: percentage, numAllNodes: nodes) == expected)
  }

  /// On 250 nodes each pod stops after 120 feasible nodes; the next pod starts where the last
  /// one stopped.
  @Test func searchStopsEarlyAndRotates() {
    let t = Self.cluster(nodes: 250)
    let s = t.scheduler
    for name in ["a", "b", "c"] { Self.add(s, name) }
    s.scheduleCycle()
    let d = ["a", "b", "c"].map { s.decision(namespace: "default", name: $0)! }
    #expect(d.map(\.numAllNodes) == [250, 250, 250])
    #expect(d.map(\.numFeasibleNodesToFind) == [120, 120, 120])
    #expect(d.map(\.nodes.count) == [120, 120, 120])
    #expect(d.map(\.startIndex) == [0, 120, 240])
    #expect(d[0].nodes.first?.node == "n-0")
    #expect(d[2].nodes.first?.node == "n-240")  // the list runs n-0 … n-249 in insertion order
    #expect(d[2].nodes.map(\.node).contains("n-0"))  // wrapped around
  }

  /// Infeasible nodes count as processed too: the start moves past them.
  @Test func rejectedNodesAdvanceTheStart() {
    let t = SchedulerTestCluster(nodes: [])
    let s = t.scheduler
    for i in 0..<200 {
      s.nodeAdded(T.node("n-\(i)", cpu: i < 50 ? "100m" : "8", memory: "32Gi"))
    }
    Self.add(s, "a", cpu: "1")
    Self.add(s, "b", cpu: "1")
    s.scheduleCycle()
    let a = s.decision(namespace: "default", name: "a")!
    #expect(a.numFeasibleNodesToFind == 100)
    #expect(a.nodes.count == 150)
    #expect(a.nodes.filter { !$0.feasible }.count == 50)
    #expect(s.decision(namespace: "default", name: "b")!.startIndex == 150)
  }

  /// Equal totals are broken by reservoir sampling from the cluster's RNG: the same seed gives
  /// the same choices, another seed other choices.
  @Test func tieBreakingIsDeterministic() {
    func choices(seed: UInt64) -> ([String], SchedulingDecision) {
      let t = Self.cluster(nodes: 10, seed: seed)
      let s = t.scheduler
      for i in 0..<30 { Self.add(s, "p-\(i)") }
      s.scheduleCycle()
      let picks = (0..<30).map { s.decision(namespace: "default", name: "p-\($0)")!.selectedNode! }
      return (picks, s.decision(namespace: "default", name: "p-0")!)
    }
    let (a, first) = choices(seed: 7)
    #expect(a == choices(seed: 7).0)
    #expect(a != choices(seed: 8).0)
    // Ties really happened: the first pod saw ten nodes with the same total.
    #expect(Set(first.nodes.map(\.totalScore)).count == 1)
    #expect(first.nodes.count == 10)
  }

  @Test func selectHostPicksTheMaximum() {
    let t = Self.cluster(nodes: 0)
    let s = t.scheduler
    #expect(s.selectHost([3, 9, 1, 7]) == 1)
    #expect(s.selectHost([5]) == 0)
  }

  /// 3,000 pods on 1,000 nodes in one schedule phase: every pod is bound, spread over the nodes.
  /// (Not timed; in a debug build this takes a few seconds.)
  @Test func threeThousandPodsOnAThousandNodes() {
    let t = Self.cluster(nodes: 1000)
    let s = t.scheduler
    for i in 0..<3000 { Self.add(s, "p-\(i)") }
    let start = ContinuousClock.now
    s.scheduleCycle()
    print("scheduled 3000 pods on 1000 nodes in \(ContinuousClock.now - start)")
    #expect(s.pendingPods.active == 0)
    #expect(s.cache.assumedPods.count == 3000)
    let perNode = s.cache.nodeList.map(\.podCount)
    #expect(perNode.reduce(0, +) == 3000)
    #expect(perNode.max()! <= 4)
    #expect(s.decision(namespace: "default", name: "p-2999")?.numFeasibleNodesToFind == 420)
  }
}
