import Foundation
import Testing

@testable import KubeSim

/// Binding, events, restart and the decision record.
struct SchedulerBindingTests {
  typealias T = SchedulerTestCluster

  /// scheduler → apiserver `POST pods/nginx/binding` (a Binding with the pod's uid and the node)
  /// in the schedule phase; the apiserver answers in the next store phase; the watch then shows
  /// the pod bound, and the scheduler records `Scheduled`.
  @Test func bindingFlow() throws {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2"), T.node("node-2", cpu: "1")])
    let created = t.create(T.pod("nginx", cpu: "500m"))
    let first = t.cluster.context.log.nextSeq
    t.ticks(3)
    let log = t.cluster.context.log.recent.filter { $0.seq >= first }
    let post = try #require(log.first { $0.verb == "POST" && $0.object == "pods/nginx/binding" })
    #expect(post.from == .scheduler && post.to == .apiserver)
    #expect(post.phase == .schedule)
    #expect(post.detail == "node-1")
    guard case .object(let body)? = post.body, let binding = body as? Binding else {
      Issue.record("binding body: \(String(describing: post.body))")
      return
    }
    #expect(binding.metadata.uid == created.metadata.uid)
    #expect(binding.metadata.name == "nginx" && binding.metadata.namespace == "default")
    #expect(binding.target == ObjectReference(kind: "Node", name: "node-1"))
    let answer = try #require(log.first { $0.kind == .response && $0.object == "pods/nginx/binding" })
    #expect(answer.from == .apiserver && answer.to == .scheduler)
    #expect(answer.phase == .store && answer.tick == post.tick + 1)
    #expect(answer.verb == "201 Created")
    // Every message the scheduler sends goes to the apiserver.
    #expect(log.filter { $0.from == .scheduler }.allSatisfy { $0.to == .apiserver })

    t.ticks(1)
    let pod = t.get("nginx")!
    #expect(pod.spec.nodeName == "node-1")
    #expect(pod.condition(PodConditionType.podScheduled)?.status == "True")
    let scheduled = t.events("nginx").filter { $0.reason == "Scheduled" }
    #expect(scheduled.count == 1)
    #expect(scheduled.first?.message == "Successfully assigned default/nginx to node-1")
    #expect(scheduled.first?.type == "Normal")
    #expect(scheduled.first?.source.component == "default-scheduler")
    #expect(t.scheduler.cache.assumedPods.isEmpty)
    #expect(t.scheduler.cache.nodeName(ofPod: "default/nginx") == "node-1")
  }

  /// A binding that fails (here: someone else bound the pod first) is an error: the decision
  /// says so, the pod is not queued again because the watch shows it bound, and it counts once.
  @Test func failedBinding() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2")])
    t.create(T.pod("web", cpu: "500m"))
    t.ticks(1)  // ADDED reaches the scheduler
    let other = Binding(pod: t.get("web")!, nodeName: "node-1")
    _ = t.cluster.kubectl.perform(
      APIRequest(.create, Pod.resource, namespace: "default", name: "web", subresource: "binding", body: .object(other))
    )
    t.cluster.step()  // report
    t.cluster.step()  // store
    t.cluster.step()  // schedule: the scheduler has not seen the binding; it assumes and binds
    #expect(t.scheduler.cache.isAssumed("default/web"))
    t.ticks(1)  // dispatch: the watch shows the pod bound, which confirms it in the cache
    #expect(!t.scheduler.cache.isAssumed("default/web"))
    t.ticks(1)  // store: the scheduler's binding conflicts
    let d = t.scheduler.decision(namespace: "default", name: "web")
    #expect(d?.outcome == .error)
    #expect(
      d?.message
        == "running Bind plugin \"DefaultBinder\": Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\""
    )
    t.ticks(1)  // the event reaches the apiserver
    #expect(t.events("web").contains { $0.reason == "FailedScheduling" && $0.message == d?.message })
    #expect(t.scheduler.queueLocation(namespace: "default", name: "web") == nil)
    #expect(t.scheduler.cache.nodeInfo("node-1")?.requestedMilliCPU == 500)
  }

  /// A binding that fails while the pod is still assumed: the pod is forgotten and retried.
  @Test func bindingErrorRetries() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2")])
    t.create(T.pod("web", cpu: "500m"))
    t.ticks(1)
    t.cluster.step()  // report
    t.cluster.step()  // store
    // The apiserver cannot be reached during the schedule phase: the binding fails at once.
    t.scheduler.client.connected = false
    t.cluster.step()  // schedule
    t.scheduler.client.connected = true
    #expect(!t.scheduler.cache.isAssumed("default/web"))
    #expect(t.scheduler.cache.nodeInfo("node-1")?.requestedMilliCPU == 0)
    #expect(t.scheduler.queueLocation(namespace: "default", name: "web") == "backoffQ")
    let d = t.scheduler.decision(namespace: "default", name: "web")
    #expect(d?.outcome == .error)
    #expect(d?.message == "running Bind plugin \"DefaultBinder\": the node cannot reach the apiserver")
    t.ticks(3)
    #expect(t.nodeName("web") == "node-1")
    #expect(t.scheduler.decision(namespace: "default", name: "web")?.attempt == 2)
  }

  /// A new scheduler process rebuilds its cache from list + watch: bound pods count, assumed
  /// ones are lost, and a binding sent just before the restart is seen through the list.
  @Test func restartRebuildsFromListAndWatch() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2"), T.node("node-2", cpu: "2")])
    t.create(T.pod("a", cpu: "1500m"))
    t.ticks(3)
    let nodeA = t.nodeName("a")
    #expect(!nodeA.isEmpty)
    t.create(T.pod("b", cpu: "1500m"))
    t.ticks(1)  // b reaches the queue
    t.cluster.step()  // report
    t.cluster.step()  // store
    t.cluster.step()  // schedule: b assumed, binding sent
    #expect(t.scheduler.cache.isAssumed("default/b"))
    t.cluster.restartScheduler()
    #expect(t.scheduler.cache.numNodes == 0)
    t.ticks(3)
    let nodeB = t.nodeName("b")
    #expect(!nodeB.isEmpty && nodeB != nodeA)
    #expect(t.scheduler.cache.nodeInfo(nodeA)?.requestedMilliCPU == 1500)
    #expect(t.scheduler.cache.nodeInfo(nodeB)?.requestedMilliCPU == 1500)
    // The old process died before the answer: no Scheduled event for b.
    #expect(t.events("b").filter { $0.reason == "Scheduled" }.isEmpty)
    t.create(T.pod("c", cpu: "1500m"))
    t.ticks(4)
    #expect(t.nodeName("c") == "")
    #expect(t.get("c")?.condition(PodConditionType.podScheduled)?.reason == "Unschedulable")
  }

  /// The decision record: nodes in the order filtered, who rejected what, the winner.
  @Test func decisionRecord() throws {
    let t = SchedulerTestCluster()
    t.create(T.pod("nginx", cpu: "3"))
    t.updateNode("node-2") { $0.metadata.labels?["x"] = "y" }
    t.ticks(3)
    let d = try #require(t.scheduler.decision(namespace: "default", name: "nginx"))
    #expect(d.numAllNodes == 3)
    #expect(d.numFeasibleNodesToFind == 3)
    #expect(d.attempt == 1)
    #expect(d.nodes.map(\.node) == ["control-plane", "node-1", "node-2"])
    #expect(d.nodes[0].rejectedBy == "TaintToleration")
    #expect(d.nodes[0].code == "UnschedulableAndUnresolvable")
    #expect(d.nodes[0].reasons == ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"])
    #expect(d.nodes[1].feasible && d.nodes[2].feasible)
    #expect(d.feasibleNodes == 2)
    #expect(d.skippedFilterPlugins == ["NodeAffinity", "NodePorts"])
    #expect(d.skippedScorePlugins == ["NodeAffinity"])
    #expect(d.nodes[1].scores.count == 4)
    #expect(d.selectedNode == t.nodeName("nginx"))
    #expect(d.outcome == .scheduled)
    #expect(d.message == "Successfully assigned default/nginx to \(d.selectedNode!)")
    // Codable: the REPL may keep or send it as JSON.
    let data = try JSONEncoderHelper.encode(d)
    #expect(try JSONEncoderHelper.decode(data) == d)
  }

  /// Only the last `decisionCapacity` pods keep a decision.
  @Test func decisionsAreBounded() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1")])
    t.scheduler.decisionCapacity = 2
    for name in ["a", "b", "c"] {
      t.create(T.pod(name))
      t.ticks(3)
    }
    #expect(t.scheduler.decision(namespace: "default", name: "a") == nil)
    #expect(t.scheduler.decision(namespace: "default", name: "b") != nil)
    #expect(t.scheduler.decision(namespace: "default", name: "c") != nil)
  }

  /// A finished pod leaves the scheduler's cache (its informer selects only unfinished pods).
  @Test func finishedPodsFreeTheirRoom() {
    let t = SchedulerTestCluster(nodes: [T.node("node-1", cpu: "2")])
    t.create(T.pod("job", cpu: "1500m", nodeName: "node-1"))
    t.ticks(2)
    #expect(t.scheduler.cache.nodeInfo("node-1")?.requestedMilliCPU == 1500)
    var done = t.get("job")!
    done.status.phase = PodPhase.succeeded
    _ = t.cluster.kubectl.perform(
      APIRequest(.update, Pod.resource, namespace: "default", name: "job", subresource: "status", body: .object(done)))
    t.ticks(2)
    #expect(t.scheduler.cache.nodeInfo("node-1")?.requestedMilliCPU == 0)
  }
}

enum JSONEncoderHelper {
  static func encode(_ d: SchedulingDecision) throws -> Data { try JSONEncoder().encode(d) }
  static func decode(_ data: Data) throws -> SchedulingDecision {
    try JSONDecoder().decode(SchedulingDecision.self, from: data)
  }
}
