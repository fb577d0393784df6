import Testing

@testable import KubeSim

@Suite struct EtcdTxnTests {
  typealias Store = EtcdStore<String>

  /// A store with `a` = "1" created at 2 and updated to "2" at 3 (version 2).
  func sample() throws -> Store {
    let store = Store()
    try store.put("a", "1")
    try store.put("a", "2")
    return store
  }

  @Test(arguments: [
    (Store.Compare.modRevision("a", .equal, 3), true),
    (.modRevision("a", .equal, 2), false),
    (.modRevision("a", .greater, 2), true),
    (.modRevision("a", .less, 3), false),
    (.modRevision("a", .notEqual, 2), true),
    (.createRevision("a", .equal, 2), true),
    (.createRevision("missing", .equal, 0), true),
    (.createRevision("a", .equal, 0), false),
    (.version("a", .equal, 2), true),
    (.version("a", .greater, 2), false),
    (.version("missing", .equal, 0), true),
    (.value("a", .equal, "2"), true),
    (.value("a", .less, "3"), true),
    (.value("a", .greater, "3"), false),
    (.value("missing", .notEqual, "x"), false),
    (.lease("a", .equal, 0), true),
    (Store.Compare(key: "a", rangeEnd: "b", .equal, .version(2)), true),
  ])
  func compare(_ compare: Store.Compare, holds: Bool) throws {
    let store = try sample()
    let response = try store.txn(compare: [compare], success: [.range(key: "a")], failure: [])
    #expect(response.succeeded == holds)
    #expect(response.responses.count == (holds ? 1 : 0))
  }

  @Test func createIfAbsentThenUpdateWithOptimisticConcurrency() throws {
    let store = Store()
    let key = "/registry/pods/default/web"
    // Create: only if it does not exist.
    let created = try store.txn(
      compare: [.createRevision(key, .equal, 0)], success: [.put(key: key, value: "v1")],
      failure: [.range(key: key)])
    #expect(created.succeeded)
    #expect(created.header.revision == 2)
    // Creating again fails and reads the current object instead.
    let again = try store.txn(
      compare: [.createRevision(key, .equal, 0)], success: [.put(key: key, value: "other")],
      failure: [.range(key: key)])
    #expect(!again.succeeded)
    #expect(again.header.revision == 2)
    guard case .range(let current) = again.responses.first else {
      Issue.record("expected a range response")
      return
    }
    #expect(current.kvs.first?.value == "v1")
    // Update with the right resourceVersion succeeds; with a stale one it fails.
    let update = try store.txn(
      compare: [.modRevision(key, .equal, 2)], success: [.put(key: key, value: "v2")], failure: [.range(key: key)])
    #expect(update.succeeded)
    #expect(update.header.revision == 3)
    let stale = try store.txn(
      compare: [.modRevision(key, .equal, 2)], success: [.put(key: key, value: "v3")], failure: [.range(key: key)])
    #expect(!stale.succeeded)
    #expect(try store.get(key)?.value == "v2")
    #expect(store.revision == 3)
  }

  @Test func aTxnBumpsTheRevisionOnceForAllItsWrites() throws {
    let store = try sample()  // revision 3
    try store.put("b", "1")  // 4
    let response = try store.txn(
      compare: [], success: [.put(key: "c", value: "1"), .deleteRange(key: "b"), .put(key: "d", value: "1")])
    #expect(response.succeeded)
    #expect(response.header.revision == 5)
    #expect(store.revision == 5)
    for op in response.responses {
      switch op {
      case .put(let r): #expect(r.header.revision == 5)
      case .deleteRange(let r): #expect(r.header.revision == 5 && r.deleted == 1)
      case .range: Issue.record("unexpected range")
      }
    }
    #expect(try store.get("c")?.modRevision == 5)
    #expect(try store.get("d")?.modRevision == 5)
    #expect(try store.get("b") == nil)
  }

  @Test func readsInsideATxnSeeItsEarlierWrites() throws {
    let store = Store()
    let response = try store.txn(
      compare: [], success: [.range(key: "a"), .put(key: "a", value: "1"), .range(key: "a")])
    guard case .range(let before) = response.responses[0], case .range(let after) = response.responses[2] else {
      Issue.record("expected range responses")
      return
    }
    #expect(before.kvs.isEmpty)
    #expect(after.kvs.first?.value == "1")
    #expect(after.kvs.first?.modRevision == 2)
  }

  @Test func aReadOnlyTxnOrOneThatChangesNothingKeepsTheRevision() throws {
    let store = try sample()
    #expect(try store.txn(compare: [], success: [.range(key: "a")]).header.revision == 3)
    #expect(try store.txn(compare: [], success: [.deleteRange(key: "missing")]).header.revision == 3)
    #expect(store.revision == 3)
  }

  @Test func theSameKeyTwiceInABranchIsRejected() throws {
    let store = try sample()
    #expect(throws: EtcdError.duplicateKey) {
      try store.txn(compare: [], success: [.put(key: "x", value: "1"), .put(key: "x", value: "2")])
    }
    // The failure branch is checked too, even when it would not run.
    #expect(throws: EtcdError.duplicateKey) {
      try store.txn(
        compare: [], success: [.put(key: "x", value: "1")],
        failure: [.deleteRange(key: "p", rangeEnd: "q"), .put(key: "pod", value: "1")])
    }
    #expect(EtcdError.duplicateKey.message == "etcdserver: duplicate key given in txn request")
    #expect(store.revision == 3)
    #expect(try store.get("x") == nil)
    // Deleting overlapping ranges is allowed.
    let ok = try store.txn(compare: [], success: [.deleteRange(key: "a"), .deleteRange(key: "a", rangeEnd: "b")])
    #expect(ok.header.revision == 4)
  }

  @Test func unknownLeaseAndTooManyOps() throws {
    let store = try sample()
    #expect(throws: EtcdError.leaseNotFound) {
      try store.txn(compare: [], success: [.put(key: "x", value: "1", lease: 99)])
    }
    let ops = (0...Store.maxTxnOps).map { Store.Op.put(key: "k\($0)", value: "v") }
    #expect(throws: EtcdError.tooManyOps) { try store.txn(compare: [], success: ops) }
    #expect(store.revision == 3)
  }
}
