import Testing

@testable import KubeSim

/// The scheduling queue: back-off, priority order, and the events that bring unschedulable pods back.
struct SchedulerQueueTests {
  typealias T = SchedulerTestCluster

  @Test(arguments: [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (6, 10), (20, 10)] as [(Int, Int64)])
  func backoffDuration(_ attempts: Int, _ seconds: Int64) {
    let t = SchedulerTestCluster(nodes: [])
    #expect(t.scheduler.queue.backoffDuration(attempts: attempts) == seconds)
  }

  /// With no nodes, every attempt fails with an error-like status and the pod goes to the
  /// backoffQ: the attempts are 1, 2, 4, 8, 10, 10 seconds apart.
  @Test func backoffTiming() {
    let t = SchedulerTestCluster(nodes: [])
    t.create(T.pod("web"))
    var attempts: [(attempt: Int, tick: Int)] = []
    for _ in 0..<50 {
      t.cluster.runTick()
      if let d = t.scheduler.decision(namespace: "default", name: "web"), d.attempt != attempts.last?.attempt {
        attempts.append((d.attempt, d.tick))
      }
    }
    #expect(attempts.map(\.attempt) == Array(1...attempts.count))
    let gaps = zip(attempts.dropFirst(), attempts).map { $0.tick - $1.tick }
    #expect(Array(gaps.prefix(6)) == [1, 2, 4, 8, 10, 10])
    #expect(t.scheduler.queueLocation(namespace: "default", name: "web") == "backoffQ")
  }

  /// An unschedulable pod waits among the unschedulable pods, not retried every back-off.
  @Test func unschedulablePodWaitsForAnEvent() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "1")])
    t.create(T.pod("big", cpu: "2"))
    t.ticks(20)
    #expect(t.scheduler.decision(namespace: "default", name: "big")?.attempt == 1)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "big") == "unschedulablePods")
  }

  struct EventCase: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes: [Node]
    var existing: [Pod] = []
    var pod: Pod
    /// The change that should bring the pod back, and the node it should then land on.
    var change: @Sendable (SchedulerTestCluster) -> Void
    var expect: String
    var testDescription: String { name }
  }

  static let eventCases: [EventCase] = [
    EventCase(
      name: "node added", nodes: [T.node("node-1", cpu: "1")], pod: T.pod("big", cpu: "2"),
      change: { $0.createNode(T.node("node-2", cpu: "4")) }, expect: "node-2"),
    EventCase(
      name: "node uncordoned", nodes: [T.node("node-1", unschedulable: true)], pod: T.pod("web"),
      change: { $0.updateNode("node-1") { $0.spec.unschedulable = nil } }, expect: "node-1"),
    EventCase(
      name: "taint removed",
      nodes: [T.node("node-1", taints: [Taint(key: "dedicated", effect: TaintEffect.noSchedule)])], pod: T.pod("web"),
      change: { $0.updateNode("node-1") { $0.spec.taints = [] } }, expect: "node-1"),
    EventCase(
      name: "label added", nodes: [T.node("node-1")], pod: T.pod("web", nodeSelector: ["disktype": "ssd"]),
      change: { $0.updateNode("node-1") { $0.metadata.labels?["disktype"] = "ssd" } }, expect: "node-1"),
    EventCase(
      name: "allocatable grew", nodes: [T.node("node-1", cpu: "1")], pod: T.pod("big", cpu: "2"),
      change: {
        $0.updateNode("node-1", status: true) {
          $0.status.allocatable[ResourceName.cpu] = Quantity("4")
          $0.status.capacity[ResourceName.cpu] = Quantity("4")
        }
      }, expect: "node-1"),
    EventCase(
      name: "assigned pod deleted frees room", nodes: [T.node("node-1", cpu: "2")],
      existing: [T.pod("old", cpu: "1500m", nodeName: "node-1")], pod: T.pod("new", cpu: "1"),
      change: { $0.delete("old", gracePeriod: 0) }, expect: "node-1"),
    EventCase(
      name: "host port freed", nodes: [T.node("node-1")],
      existing: [T.pod("old", hostPort: 8080, nodeName: "node-1")], pod: T.pod("new", hostPort: 8080),
      change: { $0.delete("old", gracePeriod: 0) }, expect: "node-1"),
  ]

  @Test(arguments: eventCases)
  func clusterEventMovesPodBack(_ c: EventCase) {
    let t = SchedulerTestCluster(nodes: c.nodes)
    for p in c.existing { t.create(p) }
    t.create(c.pod)
    t.ticks(5)
    let name = c.pod.metadata.name
    #expect(t.nodeName(name) == "")
    #expect(t.scheduler.queueLocation(namespace: "default", name: name) == "unschedulablePods")
    c.change(t)
    t.ticks(4)
    #expect(t.nodeName(name) == c.expect)
    #expect(t.scheduler.decision(namespace: "default", name: name)?.attempt == 2)
  }

  /// Changes that cannot help do not move the pod (queueing hints).
  @Test func irrelevantChangesLeaveThePodWaiting() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "1")])
    t.create(T.pod("big", cpu: "2"))
    t.ticks(5)
    t.updateNode("node-1") { $0.metadata.labels?["team"] = "a" }  // fits nowhere still
    t.createNode(T.node("node-2", cpu: "1"))  // too small: the hint says skip
    t.ticks(5)
    #expect(t.scheduler.decision(namespace: "default", name: "big")?.attempt == 1)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "big") == "unschedulablePods")
  }

  /// After five minutes among the unschedulable pods a pod is retried anyway.
  @Test func unschedulableTimeout() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "1")])
    t.create(T.pod("big", cpu: "2"))
    t.ticks(3)
    let first = t.scheduler.decision(namespace: "default", name: "big")!
    var second: SchedulingDecision? = nil
    for _ in 0..<400 {
      t.cluster.runTick()
      if let d = t.scheduler.decision(namespace: "default", name: "big"), d.attempt == 2 {
        second = d
        break
      }
    }
    let waited = (second?.tick ?? 0) - first.tick
    // More than 300 s, checked every 30 s.
    #expect(waited > 300)
    #expect(waited <= 330)
  }

  /// PrioritySort: when one node frees up for two waiting pods, the higher priority goes first.
  @Test func higherPriorityFirst() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "1")])
    t.create(T.pod("low", cpu: "2"))
    t.create(T.pod("high", cpu: "2", priorityClassName: "system-cluster-critical"))
    t.ticks(4)
    #expect(t.nodeName("low") == "" && t.nodeName("high") == "")
    t.createNode(T.node("node-2", cpu: "2"))
    t.ticks(4)
    #expect(t.nodeName("high") == "node-2")
    #expect(t.nodeName("low") == "")
  }

  /// Within one priority, the pod queued first is scheduled first.
  @Test func prioritySortOrder() {
    let sort = Plugins.PrioritySort()
    func qp(_ name: String, priority: Int32, timestamp: Int64, order: Int) -> Framework.QueuedPodInfo {
      var p = T.pod(name)
      p.spec.priority = priority
      return Framework.QueuedPodInfo(Framework.PodInfo(p), timestamp: timestamp, order: order)
    }
    #expect(sort.less(qp("a", priority: 10, timestamp: 5, order: 2), qp("b", priority: 0, timestamp: 1, order: 1)))
    #expect(sort.less(qp("a", priority: 0, timestamp: 1, order: 2), qp("b", priority: 0, timestamp: 5, order: 1)))
    #expect(sort.less(qp("a", priority: 0, timestamp: 1, order: 1), qp("b", priority: 0, timestamp: 1, order: 2)))
    #expect(!sort.less(qp("a", priority: 0, timestamp: 1, order: 2), qp("b", priority: 0, timestamp: 1, order: 1)))
  }

  /// A pod with scheduling gates waits without attempts; removing the gates lets it in.
  @Test func schedulingGates() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1")])
    var p = T.pod("gated")
    p.spec.schedulingGates = [PodSchedulingGate(name: "example.com/wait")]
    t.create(p)
    t.ticks(4)
    #expect(t.nodeName("gated") == "")
    #expect(t.scheduler.decision(namespace: "default", name: "gated") == nil)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "gated") == "unschedulablePods")
    // The pod's gates are removed (as its controller would, with an update): the watch brings
    // the change and the pod moves to the activeQ, then it is scheduled.
    var ungated = t.get("gated")!
    ungated.spec.schedulingGates = []
    let r = t.cluster.kubectl.perform(
      APIRequest(.update, Pod.resource, namespace: "default", name: "gated", body: .object(ungated)))
    if case .failure(let e) = r { Issue.record("removing the gates: \(e)") }
    t.cluster.step()  // report
    t.cluster.step()  // store
    t.cluster.step()  // schedule: not seen yet
    #expect(t.scheduler.queueLocation(namespace: "default", name: "gated") == "unschedulablePods")
    t.cluster.step()  // dispatch: MODIFIED
    #expect(t.scheduler.queueLocation(namespace: "default", name: "gated") == "activeQ")
    t.ticks(3)  // the rest of this tick, the binding, its answer
    #expect(t.scheduler.decision(namespace: "default", name: "gated")?.selectedNode == "node-1")
    #expect(t.nodeName("gated") == "node-1")
  }

  /// A pending pod that is deleted leaves the queue.
  @Test func deletedPendingPodLeavesTheQueue() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "1")])
    t.create(T.pod("big", cpu: "2"))
    t.ticks(4)
    #expect(t.scheduler.pendingPods.unschedulable == 1)
    t.delete("big")
    t.ticks(2)
    #expect(t.scheduler.pendingPods.unschedulable == 0)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "big") == nil)
  }

  struct HintCase: Sendable, CustomTestStringConvertible {
    var name: String
    var plugin: String
    var pod: Pod
    var old: Node?
    var new: Node
    var queue: Bool
    var testDescription: String { name }
  }

  static let tainted = T.node("n", taints: [Taint(key: "k", effect: TaintEffect.noSchedule)])

  static let hintCases: [HintCase] = [
    HintCase(
      name: "uncordoned", plugin: "NodeUnschedulable", pod: T.pod("p"), old: T.node("n", unschedulable: true),
      new: T.node("n"), queue: true),
    HintCase(
      name: "still schedulable", plugin: "NodeUnschedulable", pod: T.pod("p"), old: T.node("n"),
      new: T.node("n", labels: ["a": "b"]), queue: false),
    HintCase(
      name: "added cordoned", plugin: "NodeUnschedulable", pod: T.pod("p"), old: nil,
      new: T.node("n", unschedulable: true), queue: false),
    HintCase(
      name: "taint removed", plugin: "TaintToleration", pod: T.pod("p"), old: tainted, new: T.node("n"), queue: true),
    HintCase(
      name: "was already tolerated", plugin: "TaintToleration", pod: T.pod("p"), old: T.node("n"), new: T.node("n"),
      queue: false),
    HintCase(name: "added tainted", plugin: "TaintToleration", pod: T.pod("p"), old: nil, new: tainted, queue: false),
    HintCase(
      name: "label now matches", plugin: "NodeAffinity", pod: T.pod("p", nodeSelector: ["a": "b"]), old: T.node("n"),
      new: T.node("n", labels: ["a": "b"]), queue: true),
    HintCase(
      name: "matched before", plugin: "NodeAffinity", pod: T.pod("p", nodeSelector: ["a": "b"]),
      old: T.node("n", labels: ["a": "b"]), new: T.node("n", labels: ["a": "b", "c": "d"]), queue: false),
    HintCase(
      name: "still no match", plugin: "NodeAffinity", pod: T.pod("p", nodeSelector: ["a": "b"]), old: T.node("n"),
      new: T.node("n", labels: ["a": "x"]), queue: false),
    HintCase(
      name: "allocatable grew enough", plugin: "NodeResourcesFit", pod: T.pod("p", cpu: "2"),
      old: T.node("n", cpu: "1"), new: T.node("n", cpu: "4"), queue: true),
    HintCase(
      name: "allocatable grew, not enough", plugin: "NodeResourcesFit", pod: T.pod("p", cpu: "8"),
      old: T.node("n", cpu: "1"), new: T.node("n", cpu: "4"), queue: false),
    HintCase(
      name: "allocatable unchanged", plugin: "NodeResourcesFit", pod: T.pod("p", cpu: "2"), old: T.node("n", cpu: "4"),
      new: T.node("n", cpu: "4", labels: ["a": "b"]), queue: false),
    HintCase(
      name: "big node added", plugin: "NodeResourcesFit", pod: T.pod("p", cpu: "2"), old: nil,
      new: T.node("n", cpu: "4"), queue: true),
  ]

  /// Queueing hints: a node event moves a pod back only if it may help the plugin that rejected it.
  @Test(arguments: hintCases)
  func queueingHint(_ c: HintCase) throws {
    let t = SchedulerTestCluster(nodes: [])
    let plugin = try #require(
      t.scheduler.framework.allPlugins.first { $0.name == c.plugin } as? Framework.EnqueueExtensions)
    let event: Framework.ClusterEvent =
      c.old == nil
      ? .nodeAdd
      : Framework.ClusterEvent(resource: .node, actionType: .update, label: "NodeUpdate")
    let registered = plugin.eventsToRegister().filter { event.matches($0.event) }
    #expect(!registered.isEmpty)
    let hint = registered.first?.hint?(Framework.PodInfo(c.pod), .node(old: c.old, new: c.new)) ?? .queue
    #expect(hint == (c.queue ? .queue : .skip))
  }
}
