import Testing

@testable import KubeSim

/// When no node fits: the FitError message (upstream v1.32 wording, preemption part included),
/// the FailedScheduling event and the PodScheduled condition.
struct SchedulerFitErrorTests {
  typealias T = SchedulerTestCluster

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes: [Node] = T.kubeadmNodes()
    var existing: [Pod] = []
    var pod: Pod
    var message: String
    var testDescription: String { name }
  }

  static let controlPlaneTaint = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"

  static let cases: [Case] = [
    Case(
      name: "too much cpu",
      pod: T.pod("big", cpu: "5"),
      message:
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    ),
    Case(
      name: "cpu and memory both short: two reasons per node",
      pod: T.pod("big", cpu: "5", memory: "9Gi"),
      message:
        "0/3 nodes are available: \(controlPlaneTaint), 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    ),
    Case(
      name: "nodeSelector matches nothing",
      pod: T.pod("web", nodeSelector: ["disktype": "ssd"]),
      message:
        "0/3 nodes are available: \(controlPlaneTaint), 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    ),
    Case(
      name: "all workers cordoned",
      nodes: [T.kubeadmNodes()[0], T.node("node-1", unschedulable: true), T.node("node-2", unschedulable: true)],
      pod: T.pod("web"),
      message:
        "0/3 nodes are available: \(controlPlaneTaint), 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    ),
    Case(
      name: "host port taken everywhere (same priority: no victims)",
      existing: [T.pod("p1", hostPort: 80, nodeName: "node-1"), T.pod("p2", hostPort: 80, nodeName: "node-2")],
      pod: T.pod("web", hostPort: 80),
      message:
        "0/3 nodes are available: \(controlPlaneTaint), 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    ),
    Case(
      name: "pod count limit",
      nodes: [T.node("node-1", pods: 1)],
      existing: [T.pod("first", nodeName: "node-1")],
      pod: T.pod("web"),
      message:
        "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    ),
    Case(
      name: "extended resource nobody has",
      pod: T.pod("gpu", extended: ["example.com/gpu": Quantity(value: 1)]),
      message:
        "0/3 nodes are available: \(controlPlaneTaint), 2 Insufficient example.com/gpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    ),
    Case(
      name: "matchFields names a node that is full (PreFilter narrows the search)",
      pod: T.pod(
        "web", cpu: "5",
        affinity: SchedulerPlacementTests.required(fields: [
          NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["node-1"])
        ])),
      message:
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
    ),
    Case(
      name: "required terms name disjoint nodes",
      pod: T.pod(
        "web",
        affinity: SchedulerPlacementTests.required(fields: [
          NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["node-1"]),
          NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["node-2"]),
        ])),
      message:
        "0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    ),
    Case(
      name: "no nodes at all",
      nodes: [],
      pod: T.pod("web"),
      message: "no nodes available to schedule pods"),
  ]

  @Test(arguments: cases)
  func message(_ c: Case) {
    let t = SchedulerTestCluster(nodes: c.nodes)
    for p in c.existing { t.create(p) }
    t.create(c.pod)
    t.ticks(4)
    let name = c.pod.metadata.name
    let pod = t.get(name)!
    #expect(pod.spec.nodeName == "")
    let cond = pod.condition(PodConditionType.podScheduled)
    #expect(cond?.status == "False")
    #expect(cond?.reason == "Unschedulable")
    #expect(cond?.message == c.message)
    let failed = t.events(name).filter { $0.reason == "FailedScheduling" }
    #expect(failed.first?.message == c.message)
    #expect(failed.first?.type == "Warning")
    #expect(failed.first?.source.component == "default-scheduler")
    #expect(t.scheduler.decision(namespace: "default", name: name)?.message == c.message)
  }

  /// The condition is patched only when it changes: a second failure with the same message
  /// sends no PATCH (the event's count goes up instead).
  @Test func conditionPatchedOnlyWhenChanged() {
    let t = SchedulerTestCluster(nodes: [])
    t.create(T.pod("web"))
    t.ticks(12)
    let patches = t.cluster.context.log.recent.filter {
      $0.from == .scheduler && $0.verb == "PATCH" && $0.object == "pods/web/status"
    }
    #expect(patches.count == 1)
    let attempts = t.scheduler.decision(namespace: "default", name: "web")?.attempt ?? 0
    #expect(attempts >= 3)
    let event = t.events("web").first { $0.reason == "FailedScheduling" }
    #expect(event?.count ?? 0 >= 2)
  }

  /// Go's sort.Strings order: "10 …" sorts before "2 …".
  @Test func histogramSortsBytewise() {
    var d = Framework.Diagnosis()
    for i in 0..<10 { d.nodeToStatus.append("a\(i)", Framework.Status(.unschedulable, "Insufficient memory")) }
    for i in 0..<2 { d.nodeToStatus.append("b\(i)", Framework.Status(.unschedulable, "Insufficient cpu")) }
    let fit = Framework.FitError(numAllNodes: 12, diagnosis: d)
    #expect(fit.message == "0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.")
  }

  @Test func longMessagesAreTruncatedForEvents() {
    let long = String(repeating: "x", count: 2000)
    let cut = Scheduler.truncate(long)
    #expect(cut.utf8.count == 1024)
    #expect(cut.hasSuffix(" ..."))
    #expect(Scheduler.truncate("short") == "short")
  }
}
