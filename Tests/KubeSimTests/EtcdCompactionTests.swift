import Testing

@testable import KubeSim

@Suite struct EtcdCompactionTests {
  /// The worked trace in `EtcdStore`'s documentation.
  func trace() throws -> EtcdStore<String> {
    let store = EtcdStore<String>()
    try store.put("a", "1")  // 2
    try store.put("b", "1")  // 3
    try store.put("a", "2")  // 4
    try store.txn(compare: [], success: [.put(key: "c", value: "1"), .deleteRange(key: "b")])  // 5
    try store.deleteRange("a")  // 6
    try store.put("a", "3")  // 7
    return store
  }

  @Test func theDocumentedTrace() throws {
    let store = try trace()
    #expect(store.revision == 7)
    let a = try #require(try store.get("a"))
    #expect((a.createRevision, a.modRevision, a.version) == (7, 7, 1))
    #expect(try store.get("a", revision: 4)?.version == 2)
    #expect(try store.get("b", revision: 4)?.value == "1")
    #expect(try store.get("b") == nil)

    try store.compact(5)
    #expect(store.compactRevision == 5)
    #expect(store.revision == 7)  // compaction is not a write
    #expect(throws: EtcdError.compacted) { try store.get("a", revision: 4) }
    #expect(try store.get("a", revision: 5)?.value == "2")  // a@4 kept: newest a ≤ 5
    #expect(try store.get("a", revision: 6) == nil)
    #expect(try store.get("c", revision: 5)?.value == "1")
    #expect(store.index["a"]?.entries.map(\.revision.main) == [4, 6, 7])
    #expect(store.index["b"]?.entries.map(\.revision.main) == [5])  // the tombstone at exactly 5 stays

    try store.compact(7)
    #expect(store.index["a"]?.entries.map(\.revision.main) == [7])
    #expect(store.index["b"] == nil)  // deleted before 7: gone
    #expect(store.tree.sortedKeys() == ["a", "c"])
    #expect(try store.range(prefix: "").kvs.map(\.key) == ["a", "c"])
  }

  @Test func compactionErrors() throws {
    let store = try trace()
    #expect(throws: EtcdError.futureRevision) { try store.compact(8) }
    try store.compact(5)
    #expect(throws: EtcdError.compacted) { try store.compact(5) }
    #expect(throws: EtcdError.compacted) { try store.compact(4) }
    #expect(throws: EtcdError.compacted) { try store.range(prefix: "", revision: 4) }
    #expect(throws: EtcdError.compacted) {
      try store.txn(compare: [], success: [.range(key: "a", revision: 3)])
    }
  }

  @Test func compactionDropsTheEventsWatchesCanNoLongerAskFor() throws {
    let store = try trace()
    try store.compact(6)
    #expect(store.log.map(\.revision.main) == [6, 7])
  }

  @Test func periodicCompactionBoundsHistory() throws {
    let store = EtcdStore<String>()
    let keys = (0..<50).map { "/registry/leases/kube-node-lease/node-\($0)" }
    for round in 0..<200 {
      for key in keys { try store.put(key, "renew \(round)") }
      if round % 20 == 19 { try store.compact(store.revision) }
    }
    #expect(store.revision == 1 + 200 * 50)
    #expect(store.index.values.allSatisfy { $0.entries.count == 1 })
    #expect(store.log.count == 1)  // only the put at the compacted revision itself
    #expect(store.compactable.isEmpty)
    #expect(try store.get(keys[7])?.version == 200)
  }
}
