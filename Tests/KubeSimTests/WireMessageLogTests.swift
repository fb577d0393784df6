import Testing

@testable import KubeSim

/// The message log: exact counts per edge for the whole session, full messages only for a bounded
/// window of the most recent ones.
struct WireMessageLogTests {
  /// Records `n` messages cycling over three edges.
  static func fill(_ log: MessageLog, _ n: Int) {
    let edges: [(Component, Component)] = [
      (.scheduler, .apiserver), (.apiserver, .etcd), (.kubelet("node-1"), .runtime("node-1")),
    ]
    for i in 0..<n {
      let (from, to) = edges[i % edges.count]
      log.record(
        tick: i / 10, phase: .store, from: from, to: to, kind: .request, verb: "POST", object: "pods/p-\(i)",
        body: .text(String(repeating: "x", count: 100)))
    }
  }

  @Test func keepsOnlyTheWindowButCountsEverything() {
    let log = MessageLog(window: 10)
    Self.fill(log, 1000)
    #expect(log.recent.count == 10)
    #expect(log.total == 1000)
    #expect(log.firstKeptSeq == 991)
    #expect(log.recent.map(\.object).first == "pods/p-990")
    #expect(log.recent.map(\.object).last == "pods/p-999")
    #expect(log.edges.map(\.count).sorted() == [333, 333, 334])
    #expect(log.edges.map(\.edge) == log.edges.map(\.edge).sorted())
    #expect(log.edges.map(\.count).reduce(0, +) == log.total)
    #expect(log.countsByEdge[MessageLog.Edge(from: .scheduler, to: .apiserver)] == 334)
    #expect(log.countsByEdge[MessageLog.Edge(from: .kubelet("node-1"), to: .runtime("node-1"))] == 333)
    // Older messages are gone; `since` returns only what is still held.
    #expect(log.since(seq: 1).map(\.seq) == Array(991...1000))
    #expect(log.since(seq: 995).map(\.seq) == Array(995...1000))
    #expect(log.since(seq: 2000).isEmpty)
  }

  @Test(arguments: [1, 7, 500]) func heldMessagesNeverExceedTheWindow(window: Int) {
    let log = MessageLog(window: window)
    for batch in 1...5 {
      Self.fill(log, 200)
      #expect(log.recent.count == min(window, batch * 200))
      #expect(log.total == batch * 200)
    }
  }

  @Test func shrinkingTheWindowTrimsAtOnce() {
    let log = MessageLog(window: 100)
    Self.fill(log, 100)
    log.window = 5
    #expect(log.recent.map(\.seq) == Array(96...100))
    #expect(log.total == 100)
  }

  @Test func notKeepingStillCounts() {
    let log = MessageLog(window: 100)
    log.keeping = false
    Self.fill(log, 30)
    #expect(log.recent.isEmpty)
    #expect(log.total == 30)
    #expect(log.edges.map(\.count) == [10, 10, 10])
  }

  /// A cluster built with a small window: a Deployment's rollout sends far more messages than it
  /// keeps, and the counts per edge still add up to every message sent.
  @Test func clusterOptionsSetTheWindow() {
    var options = ClusterOptions()
    options.messageWindow = 50
    let cluster = Cluster(options: options)
    #expect(cluster.context.log.window == 50)
    _ = cluster.kubectl.perform(
      APIRequest(.create, Deployment.resource, namespace: "default", body: .object(deployment("web", replicas: 3))))
    for _ in 0..<15 { cluster.runTick() }
    let log = cluster.context.log
    #expect(log.total > 200)
    #expect(log.recent.count == 50)
    #expect(log.recent.last?.seq == log.total)
    #expect(log.edges.map(\.count).reduce(0, +) == log.total)
    let bindings = log.countsByEdge[MessageLog.Edge(from: .scheduler, to: .apiserver)] ?? 0
    #expect(bindings >= 3)  // at least the three bindings, though they left the window long ago
  }
}
