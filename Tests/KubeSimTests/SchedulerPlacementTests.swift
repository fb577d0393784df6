import Testing

@testable import KubeSim

/// Where the scheduler puts a pod, on a real cluster (nodes created as admin).
struct SchedulerPlacementTests {
  typealias T = SchedulerTestCluster

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes: [Node]
    /// Pods already bound (they carry `spec.nodeName`).
    var existing: [Pod] = []
    var pod: Pod
    var expect: String
    var testDescription: String { name }
  }

  static let gpu = "example.com/gpu"

  static let cases: [Case] = [
    Case(
      name: "requests vs allocatable: cpu",
      nodes: [T.node("node-1", cpu: "1"), T.node("node-2", cpu: "4")],
      pod: T.pod("web", cpu: "2"), expect: "node-2"),
    Case(
      name: "requests vs allocatable: memory",
      nodes: [T.node("node-1", memory: "8Gi"), T.node("node-2", memory: "1Gi")],
      pod: T.pod("web", memory: "2Gi"), expect: "node-1"),
    Case(
      name: "requests count what is already on the node",
      nodes: [T.node("node-1", cpu: "4"), T.node("node-2", cpu: "2")],
      existing: [T.pod("busy", cpu: "3", nodeName: "node-1")],
      pod: T.pod("web", cpu: "1500m"), expect: "node-2"),
    Case(
      name: "untolerated NoSchedule taint",
      nodes: [
        T.node("node-1", cpu: "8", taints: [Taint(key: "dedicated", value: "gpu", effect: TaintEffect.noSchedule)]),
        T.node("node-2", cpu: "1"),
      ],
      pod: T.pod("web"), expect: "node-2"),
    Case(
      name: "untolerated NoExecute taint",
      nodes: [
        T.node("node-1", cpu: "8", taints: [Taint(key: "maintenance", effect: TaintEffect.noExecute)]),
        T.node("node-2", cpu: "1"),
      ],
      pod: T.pod("web"), expect: "node-2"),
    Case(
      name: "tolerated taint (Equal)",
      nodes: [
        T.node("node-1", taints: [Taint(key: "dedicated", value: "gpu", effect: TaintEffect.noSchedule)]),
        T.node("node-2", unschedulable: true),
      ],
      pod: T.pod(
        "web",
        tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: TaintEffect.noSchedule)]),
      expect: "node-1"),
    Case(
      name: "tolerated taint (Exists, any effect)",
      nodes: [
        T.node("node-1", taints: [Taint(key: "dedicated", value: "gpu", effect: TaintEffect.noSchedule)]),
        T.node("node-2", unschedulable: true),
      ],
      pod: T.pod("web", tolerations: [Toleration(key: "dedicated", operator: "Exists")]), expect: "node-1"),
    Case(
      name: "PreferNoSchedule taint is avoided when possible",
      nodes: [
        T.node("node-1", cpu: "8", taints: [Taint(key: "spot", effect: TaintEffect.preferNoSchedule)]),
        T.node("node-2", cpu: "2"),
      ],
      pod: T.pod("web", cpu: "1"), expect: "node-2"),
    Case(
      name: "nodeSelector",
      nodes: [T.node("node-1", cpu: "8"), T.node("node-2", cpu: "1", labels: ["disktype": "ssd"])],
      pod: T.pod("web", nodeSelector: ["disktype": "ssd"]), expect: "node-2"),
    Case(
      name: "required node affinity (matchExpressions In)",
      nodes: [
        T.node("node-1", cpu: "8", labels: ["topology.kubernetes.io/zone": "a"]),
        T.node("node-2", cpu: "1", labels: ["topology.kubernetes.io/zone": "b"]),
      ],
      pod: T.pod(
        "web",
        affinity: required([NodeSelectorRequirement(key: "topology.kubernetes.io/zone", operator: "In", values: ["b"])])
      ),
      expect: "node-2"),
    Case(
      name: "required node affinity (NotIn)",
      nodes: [T.node("node-1", cpu: "8", labels: ["tier": "db"]), T.node("node-2", cpu: "1")],
      pod: T.pod("web", affinity: required([NodeSelectorRequirement(key: "tier", operator: "NotIn", values: ["db"])])),
      expect: "node-2"),
    Case(
      name: "required node affinity (matchFields metadata.name)",
      nodes: [T.node("node-1", cpu: "8"), T.node("node-2", cpu: "1")],
      pod: T.pod(
        "web",
        affinity: required(fields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["node-2"])])),
      expect: "node-2"),
    Case(
      name: "preferred node affinity outweighs free resources",
      nodes: [T.node("node-1", cpu: "8", memory: "32Gi"), T.node("node-2", cpu: "2", labels: ["fast": "yes"])],
      pod: T.pod("web", cpu: "500m", affinity: preferred(weight: 50, key: "fast", value: "yes")), expect: "node-2"),
    Case(
      name: "cordoned node",
      nodes: [T.node("node-1", cpu: "8", unschedulable: true), T.node("node-2", cpu: "1")],
      pod: T.pod("web"), expect: "node-2"),
    Case(
      name: "cordoned node, pod tolerates node.kubernetes.io/unschedulable",
      nodes: [T.node("node-1", cpu: "8", unschedulable: true), T.node("node-2", cpu: "1")],
      pod: T.pod(
        "web", cpu: "500m",
        tolerations: [
          Toleration(key: WellKnownTaint.nodeUnschedulable, operator: "Exists", effect: TaintEffect.noSchedule)
        ]),
      expect: "node-1"),
    Case(
      name: "host port in use",
      nodes: [T.node("node-1", cpu: "8"), T.node("node-2", cpu: "1")],
      existing: [T.pod("proxy", hostPort: 8080, nodeName: "node-1")],
      pod: T.pod("web", hostPort: 8080), expect: "node-2"),
    Case(
      name: "pod count limit",
      nodes: [T.node("node-1", cpu: "8", pods: 1), T.node("node-2", cpu: "1")],
      existing: [T.pod("first", nodeName: "node-1")],
      pod: T.pod("web"), expect: "node-2"),
    Case(
      name: "extended resource",
      nodes: [T.node("node-1", cpu: "8"), T.node("node-2", cpu: "1", extended: [gpu: Quantity(value: 2)])],
      pod: T.pod("web", extended: [gpu: Quantity(value: 1)]), expect: "node-2"),
    Case(
      name: "LeastAllocated spreads: the emptier node wins",
      nodes: [T.node("node-1", cpu: "4", memory: "8Gi"), T.node("node-2", cpu: "4", memory: "8Gi")],
      existing: [T.pod("busy", cpu: "2", memory: "4Gi", nodeName: "node-2")],
      pod: T.pod("web", cpu: "500m", memory: "512Mi"), expect: "node-1"),
  ]

  static func required(_ exprs: [NodeSelectorRequirement] = [], fields: [NodeSelectorRequirement] = []) -> Affinity {
    Affinity(
      nodeAffinity: NodeAffinity(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
          NodeSelectorTerm(matchExpressions: exprs, matchFields: fields)
        ])))
  }

  static func preferred(weight: Int32, key: String, value: String) -> Affinity {
    Affinity(
      nodeAffinity: NodeAffinity(preferredDuringSchedulingIgnoredDuringExecution: [
        PreferredSchedulingTerm(
          weight: weight,
          preference: NodeSelectorTerm(matchExpressions: [
            NodeSelectorRequirement(key: key, operator: "In", values: [value])
          ]))
      ]))
  }

  @Test(arguments: cases)
  func placement(_ c: Case) {
    let t = SchedulerTestCluster(nodes: c.nodes)
    for p in c.existing { t.create(p) }
    t.create(c.pod)
    t.ticks(3)
    #expect(t.nodeName(c.pod.metadata.name) == c.expect)
    let d = t.scheduler.decision(namespace: "default", name: c.pod.metadata.name)
    #expect(d?.selectedNode == c.expect)
    #expect(d?.outcome == .scheduled)
  }

  /// Pods with `spec.nodeName` never reach the scheduler's queue, but count on their node.
  @Test func podWithNodeNameIsNotScheduledButCounted() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2"), T.node("node-2", cpu: "2")])
    t.create(T.pod("pinned", cpu: "1500m", nodeName: "node-1"))
    t.ticks(3)
    #expect(t.scheduler.decision(namespace: "default", name: "pinned") == nil)
    #expect(!t.cluster.context.log.recent.contains { $0.object == "pods/pinned/binding" })
    #expect(t.scheduler.cache.nodeInfo("node-1")?.requestedMilliCPU == 1500)
    t.create(T.pod("web", cpu: "1"))
    t.ticks(3)
    #expect(t.nodeName("web") == "node-2")
  }

  /// A pod for another scheduler is left alone.
  @Test func otherSchedulersPodsAreIgnored() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1")])
    t.create(T.pod("custom", schedulerName: "my-scheduler"))
    t.ticks(4)
    #expect(t.nodeName("custom") == "")
    #expect(t.scheduler.decision(namespace: "default", name: "custom") == nil)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "custom") == nil)
  }

  /// Assumed pods count at once: two pods in the same cycle do not both take the last room.
  @Test func assumedPodsCountWithinOneCycle() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2"), T.node("node-2", cpu: "1")])
    t.create(T.pod("a", cpu: "1500m"))
    t.create(T.pod("b", cpu: "1"))
    t.ticks(1)  // both ADDED in this dispatch
    t.ticks(1)  // one schedule phase: both cycles
    #expect(t.scheduler.cache.assumedPods == ["default/a", "default/b"])
    t.ticks(1)
    #expect(t.nodeName("a") == "node-1")
    #expect(t.nodeName("b") == "node-2")
    #expect(t.scheduler.cache.assumedPods.isEmpty)
  }
}
