import Testing

@testable import KubeSim

@Suite struct EtcdWatchTests {
  typealias Store = EtcdStore<String>

  func summary(_ events: [Store.Event]) -> [String] {
    events.map { "\($0.type) \($0.kv.key)@\($0.kv.modRevision)" }
  }

  @Test func watchFromARevisionIsInclusiveAndSeesATxnAsOneRevision() throws {
    let store = Store()
    try store.put("/registry/pods/default/a", "a1")  // 2
    try store.put("/registry/pods/default/b", "b1")  // 3
    try store.txn(  // 4: one revision, two events
      compare: [],
      success: [
        .put(key: "/registry/pods/default/c", value: "c1"), .deleteRange(key: "/registry/pods/default/a"),
      ])
    try store.put("/registry/nodes/n1", "n")  // 5, outside the prefix
    let id = store.watch(prefix: "/registry/pods/", startRevision: 3)
    let response = store.drainWatch(id)
    #expect(!response.canceled)
    #expect(response.header.revision == 5)
    #expect(
      summary(response.events) == [
        "PUT /registry/pods/default/b@3", "PUT /registry/pods/default/c@4", "DELETE /registry/pods/default/a@4",
      ])
    #expect(response.eventsByRevision.map(\.revision) == [3, 4])
    #expect(response.eventsByRevision.map(\.events.count) == [1, 2])
    // The delete carries the key's last state; the create has no previous state and is version 1.
    let delete = response.events[2]
    #expect(delete.kv.version == 0 && delete.kv.createRevision == 0 && delete.kv.value == nil)
    #expect(delete.prevKV?.value == "a1")
    #expect(response.events[1].isCreate)
    #expect(response.events[1].prevKV == nil)
  }

  @Test func drainsDeliverEachEventOnce() throws {
    let store = Store()
    let id = store.watch("k")
    #expect(store.drainWatch(id).events.isEmpty)
    try store.put("k", "1")
    try store.put("other", "x")
    try store.put("k", "2")
    let first = store.drainWatch(id)
    #expect(summary(first.events) == ["PUT k@2", "PUT k@4"])
    #expect(first.events[1].prevKV?.value == "1")
    #expect(first.events[1].kv.version == 2)
    #expect(store.drainWatch(id).events.isEmpty)
    try store.deleteRange("k")
    #expect(summary(store.drainWatch(id).events) == ["DELETE k@5"])
  }

  @Test func unsetStartRevisionMeansAfterTheCurrentRevision() throws {
    let store = Store()
    try store.put("k", "1")
    let id = store.watch("k")
    try store.put("k", "2")
    #expect(summary(store.drainWatch(id).events) == ["PUT k@3"])
  }

  @Test func aFutureStartRevisionWaitsForIt() throws {
    let store = Store()
    let id = store.watch("k", startRevision: 4)
    try store.put("k", "1")  // 2
    try store.put("k", "2")  // 3
    #expect(store.drainWatch(id).events.isEmpty)
    try store.put("k", "3")  // 4
    #expect(summary(store.drainWatch(id).events) == ["PUT k@4"])
  }

  @Test func prevKVCanBeLeftOut() throws {
    let store = Store()
    try store.put("k", "1")
    let id = store.watch("k", prevKV: false)
    try store.put("k", "2")
    #expect(store.drainWatch(id).events.first?.prevKV == nil)
  }

  @Test func watchFromACompactedRevisionIsCanceled() throws {
    let store = Store()
    for i in 1...4 { try store.put("k", "\(i)") }  // revisions 2...5
    try store.compact(4)
    let id = store.watch("k", startRevision: 3)
    let response = store.drainWatch(id)
    #expect(response.canceled)
    #expect(response.compactRevision == 4)
    #expect(response.cancelReason == "etcdserver: mvcc: required revision has been compacted")
    #expect(response.events.isEmpty)
    #expect(!store.watchIDs.contains(id))
    // From the compact revision itself is fine.
    let ok = store.watch("k", startRevision: 4)
    #expect(summary(store.drainWatch(ok).events) == ["PUT k@4", "PUT k@5"])
  }

  @Test func aLaggingWatchIsCanceledWhenCompactionPassesIt() throws {
    let store = Store()
    let id = store.watch("k")
    try store.put("k", "1")  // 2
    try store.put("k", "2")  // 3
    try store.compact(3)
    let response = store.drainWatch(id)
    #expect(response.canceled && response.compactRevision == 3)
  }

  @Test func cancelStopsAWatch() throws {
    let store = Store()
    let a = store.watch("a")
    let b = store.watch(prefix: "")
    #expect(store.watchIDs == [a, b])
    #expect(store.cancelWatch(a))
    #expect(!store.cancelWatch(a))
    #expect(store.watchIDs == [b])
    try store.put("a", "1")
    #expect(store.drainWatch(a).canceled)
    #expect(store.drainWatch(b).events.count == 1)
  }

  @Test func eventsReplaysHistoryWithoutOpeningAWatch() throws {
    let store = Store()
    try store.put("a", "1")
    try store.put("b", "1")
    try store.put("a", "2")
    #expect(summary(try store.events("a", from: 3)) == ["PUT a@4"])
    #expect(summary(try store.events("a", rangeEnd: "c", from: 1)) == ["PUT a@2", "PUT b@3", "PUT a@4"])
    try store.compact(3)
    #expect(throws: EtcdError.compacted) { try store.events("a", from: 2) }
    #expect(store.watchIDs.isEmpty)
  }
}

@Suite struct EtcdWatchFilterTests {
  @Test(arguments: [
    (EtcdKeyRange.prefix("/registry/pods/"), ["/registry/pods/default/a", "/registry/pods/kube-system/b"]),
    (.prefix("/registry/pods/default/"), ["/registry/pods/default/a"]),
    (
      .prefix("/registry/"),
      [
        "/registry/pods/default/a", "/registry/minions/n1", "/registry/podtemplates/default/t",
        "/registry/pods/kube-system/b",
      ]
    ),
    (
      .prefix("/registry/pod"),
      ["/registry/pods/default/a", "/registry/podtemplates/default/t", "/registry/pods/kube-system/b"]
    ),
    (.prefix("/registry/pods"), ["/registry/pods/default/a", "/registry/pods/kube-system/b"]),
    (EtcdKeyRange("/registry/minions/n1"), ["/registry/minions/n1"]),
    (
      EtcdKeyRange("/registry/minions/", rangeEnd: "/registry/pods/default/b"),
      ["/registry/pods/default/a", "/registry/minions/n1"]
    ),
    (.prefix("f"), ["foo"]),
    (
      .prefix(""),
      [
        "/registry/pods/default/a", "/registry/minions/n1", "/registry/podtemplates/default/t", "foo",
        "/registry/pods/kube-system/b",
      ]
    ),
  ])
  func watchesSeeExactlyTheirRange(range: EtcdKeyRange, expected: [String]) throws {
    let store = EtcdStore<String>()
    let id = store.watch(range.key, rangeEnd: range.rangeEnd)
    for key in [
      "/registry/pods/default/a", "/registry/minions/n1", "/registry/podtemplates/default/t", "foo",
      "/registry/pods/kube-system/b",
    ] {
      try store.put(key, "v")
    }
    #expect(store.drainWatch(id).events.map(\.kv.key) == expected)
  }
}
