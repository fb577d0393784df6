import Testing

@testable import KubeSim

struct SchedulerScaleTests {
  /// 3,000 pods on 1,000 nodes in one schedule phase: every pod is bound, spread over the nodes.
  @Test func threeThousandPodsOnAThousandNodes() {
    let t = SchedulerTestCluster(nodes: [])
    let s = t.scheduler
    for i in 0..<1000 {
      s.nodeAdded(SchedulerTestCluster.node("n-\(i)", cpu: "8", memory: "32Gi"))
    }
    for i in 0..<3000 {
      var p = SchedulerTestCluster.pod("p-\(i)", cpu: "100m", memory: "128Mi")
      p.metadata.uid = "uid-\(i)"
      p.metadata.resourceVersion = "1"
      s.podAdded(p)
    }
    let start = ContinuousClock.now
    s.scheduleCycle()
    let elapsed = ContinuousClock.now - start
    print("scheduled 3000 pods on 1000 nodes in \(elapsed)")
    #expect(s.pendingPods.active == 0)
    #expect(s.cache.assumedPods.count == 3000)
    let perNode = s.cache.nodeList.map(\.podCount)
    #expect(perNode.reduce(0, +) == 3000)
    #expect(perNode.max()! <= 4)
  }
}
