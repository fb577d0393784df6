import Testing

@testable import KubeSim

/// Upstream's Score formulas and weights, as numbers.
struct SchedulerScoreTests {
  typealias T = SchedulerTestCluster
  static let mb: Int64 = 1024 * 1024

  // MARK: - ImageLocality

  struct ImageCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// (image size, nodes having it) for each container's image found on the node.
    var images: [(size: Int64, nodes: Int)]
    var totalNodes: Int
    var containers: Int
    var score: Int64
    var testDescription: String { name }
  }

  static let imageCases: [ImageCase] = [
    ImageCase(name: "500 MB on every node", images: [(500 * mb, 4)], totalNodes: 4, containers: 1, score: 48),
    ImageCase(
      name: "500 MB on 1 of 4 nodes (spread 0.25)", images: [(500 * mb, 1)], totalNodes: 4, containers: 1, score: 10),
    ImageCase(name: "below the 23 MB threshold", images: [(20 * mb, 1)], totalNodes: 1, containers: 1, score: 0),
    ImageCase(name: "above 1000 MB per container", images: [(1500 * mb, 2)], totalNodes: 2, containers: 1, score: 100),
    ImageCase(
      name: "two containers, 800 MB each everywhere", images: [(800 * mb, 3), (800 * mb, 3)], totalNodes: 3,
      containers: 2, score: 79),
    ImageCase(name: "image not on the node", images: [], totalNodes: 3, containers: 1, score: 0),
  ]

  @Test(arguments: imageCases)
  func imageLocality(_ c: ImageCase) {
    let sum = c.images.reduce(Int64(0)) {
      $0 + Plugins.ImageLocality.scaledImageScore(size: $1.size, numNodes: $1.nodes, totalNumNodes: c.totalNodes)
    }
    #expect(Plugins.ImageLocality.calculatePriority(sum, numContainers: c.containers) == c.score)
  }

  /// End to end: node status images are what ImageLocality reads; the tag defaults to `latest`.
  @Test func imageLocalityFromNodeStatus() {
    let image = ContainerImage(
      names: ["registry.example/app@sha256:abc", "registry.example/app:latest"], sizeBytes: 500 * Self.mb)
    let t = SchedulerTestCluster(nodes: [
      T.node("node-1", images: [image]), T.node("node-2"), T.node("node-3"), T.node("node-4", images: [image]),
    ])
    t.create(T.pod("web", image: "registry.example/app"))
    t.ticks(3)
    let d = t.scheduler.decision(namespace: "default", name: "web")!
    func raw(_ node: String) -> Int64? {
      d.nodes.first { $0.node == node }?.scores.first { $0.plugin == "ImageLocality" }?.raw
    }
    // 500 MB × 2/4 = 250 MB → 100 × (250 − 23) / (1000 − 23) = 23.
    #expect(raw("node-1") == 23)
    #expect(raw("node-4") == 23)
    #expect(raw("node-2") == 0)
    #expect(["node-1", "node-4"].contains(t.nodeName("web")))
  }

  @Test(arguments: [
    ("nginx", "nginx:latest"), ("nginx:1.14.2", "nginx:1.14.2"), ("localhost:5000/app", "localhost:5000/app:latest"),
    ("localhost:5000/app:v1", "localhost:5000/app:v1"),
  ])
  func normalizedImageName(_ given: String, _ expected: String) {
    #expect(Framework.PodInfo.normalizedImageName(given) == expected)
  }

  // MARK: - Resource scorers

  struct ResourceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var requested: [Int64]
    var allocatable: [Int64]
    var leastAllocated: Int64
    var balanced: Int64
    var testDescription: String { name }
  }

  static let gi: Int64 = 1024 * mb

  static let resourceCases: [ResourceCase] = [
    ResourceCase(
      name: "a quarter used", requested: [1000, 2 * gi], allocatable: [4000, 8 * gi], leastAllocated: 75, balanced: 100),
    ResourceCase(
      name: "cpu half, memory three quarters", requested: [2000, 6 * gi], allocatable: [4000, 8 * gi],
      leastAllocated: 37, balanced: 87),
    ResourceCase(
      name: "empty node", requested: [0, 0], allocatable: [4000, 8 * gi], leastAllocated: 100, balanced: 100),
    ResourceCase(
      name: "cpu full, memory empty", requested: [4000, 0], allocatable: [4000, 8 * gi], leastAllocated: 50,
      balanced: 50),
    ResourceCase(
      name: "over capacity counts as full", requested: [6000, 2 * gi], allocatable: [4000, 8 * gi], leastAllocated: 37,
      balanced: 62),
    ResourceCase(
      name: "a resource the node lacks is left out", requested: [1000, 2 * gi], allocatable: [0, 8 * gi],
      leastAllocated: 75, balanced: 100),
  ]

  /// LeastAllocated (integer per resource, then weighted mean) and BalancedAllocation
  /// (1 − std of the fractions), through the plugins on a NodeInfo.
  @Test(arguments: resourceCases)
  func resourceScores(_ c: ResourceCase) {
    var node = Node(metadata: ObjectMeta(name: "n"))
    node.status.allocatable = [
      ResourceName.cpu: Quantity(milli: c.allocatable[0]), ResourceName.memory: Quantity(value: c.allocatable[1]),
      ResourceName.pods: Quantity(value: 110),
    ]
    let info = Framework.NodeInfo(node: node, id: 0)
    var pod = T.pod("p", cpu: "\(c.requested[0])m", memory: "\(c.requested[1])")
    pod.metadata.namespace = "default"
    let podInfo = Framework.PodInfo(pod)
    let state = Framework.CycleState()
    #expect(Plugins.NodeResourcesFit().score(state, podInfo, info).0 == c.leastAllocated)
    #expect(Plugins.NodeResourcesBalancedAllocation().score(state, podInfo, info).0 == c.balanced)
    #expect(Plugins.balancedAllocationScore(requested: c.requested, allocatable: c.allocatable) == c.balanced)
  }

  /// LeastAllocated counts a container without requests as 100m / 200Mi; BalancedAllocation
  /// uses the actual (zero) requests.
  @Test func nonZeroDefaults() {
    var node = Node(metadata: ObjectMeta(name: "n"))
    node.status.allocatable = [
      ResourceName.cpu: Quantity("1"), ResourceName.memory: Quantity("1000Mi"), ResourceName.pods: Quantity(value: 10),
    ]
    let info = Framework.NodeInfo(node: node, id: 0)
    let pod = Framework.PodInfo(T.pod("p"))
    #expect(pod.nonZeroMilliCPU == 100)
    #expect(pod.nonZeroMemory == 200 * Self.mb)
    #expect(pod.requestMilliCPU == 0)
    // cpu (1000−100)·100/1000 = 90, memory (1000−200)·100/1000 = 80 → 85.
    #expect(Plugins.NodeResourcesFit().score(Framework.CycleState(), pod, info).0 == 85)
    #expect(Plugins.NodeResourcesBalancedAllocation().score(Framework.CycleState(), pod, info).0 == 100)
    info.addPod(pod)
    #expect(info.requestedMilliCPU == 0)
    #expect(info.nonZeroRequestedMilliCPU == 100)
  }

  // MARK: - Normalization and weights

  @Test(arguments: [
    ([0, 1, 2] as [Int64], true, [100, 50, 0] as [Int64]),
    ([0, 0, 0], true, [100, 100, 100]),
    ([0, 0, 0], false, [0, 0, 0]),
    ([10, 30, 0], false, [33, 100, 0]),
  ])
  func defaultNormalizeScore(_ raw: [Int64], _ reverse: Bool, _ expected: [Int64]) {
    var scores = raw
    Plugins.defaultNormalizeScore(100, reverse: reverse, &scores)
    #expect(scores == expected)
  }

  /// The total is Σ weight × normalized: TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1,
  /// BalancedAllocation 1, ImageLocality 1.
  @Test func decisionTableOnEmptyWorkers() {
    let t = SchedulerTestCluster(nodes: [
      T.node("node-1", cpu: "4", memory: "8Gi", taints: [Taint(key: "spot", effect: TaintEffect.preferNoSchedule)]),
      T.node("node-2", cpu: "4", memory: "8Gi", labels: ["fast": "yes"]),
    ])
    t.create(
      T.pod(
        "web", cpu: "1", memory: "2Gi",
        affinity: SchedulerPlacementTests.preferred(weight: 7, key: "fast", value: "yes")))
    t.ticks(3)
    let d = t.scheduler.decision(namespace: "default", name: "web")!
    #expect(
      d.scorePlugins.map(\.name) == [
        "TaintToleration", "NodeAffinity", "NodeResourcesFit", "NodeResourcesBalancedAllocation", "ImageLocality",
      ])
    #expect(d.scorePlugins.map(\.weight) == [3, 2, 1, 1, 1])
    let n1 = d.nodes.first { $0.node == "node-1" }!
    let n2 = d.nodes.first { $0.node == "node-2" }!
    func row(_ n: SchedulingDecision.NodeResult) -> [Int64] {
      n.scores.flatMap { [$0.raw, $0.normalized, $0.weighted] }
    }
    // node-1: 1 untolerated PreferNoSchedule taint (raw 1 → reversed 0), no preferred match,
    // LeastAllocated 75, balanced 100, no image.
    #expect(row(n1) == [1, 0, 0, 0, 0, 0, 75, 75, 75, 100, 100, 100, 0, 0, 0])
    #expect(n1.totalScore == 175)
    // node-2: no taint (0 → 100, ×3), preferred weight 7 → 100 (×2), 75, 100, 0.
    #expect(row(n2) == [0, 100, 300, 7, 100, 200, 75, 75, 75, 100, 100, 100, 0, 0, 0])
    #expect(n2.totalScore == 675)
    #expect(d.selectedNode == "node-2")
  }
}
