import Testing

@testable import KubeSim

@Suite struct EtcdKVStoreTests {
  @Test func freshStoreStartsAtRevisionOne() throws {
    let store = EtcdStore<String>()
    #expect(store.revision == 1)
    #expect(store.compactRevision == 0)
    #expect(store.keyCount == 0)
    let response = try store.range(prefix: "")
    #expect(response.kvs.isEmpty)
    #expect(response.count == 0)
    #expect(response.header.revision == 1)
  }

  @Test func eachPutBumpsTheRevisionOnce() throws {
    let store = EtcdStore<String>()
    #expect(try store.put("a", "1").revision == 2)
    #expect(try store.put("b", "1").revision == 3)
    #expect(try store.put("a", "2").revision == 4)
    #expect(store.revision == 4)
    #expect(store.keyCount == 2)
  }

  @Test func createRevisionModRevisionAndVersion() throws {
    let store = EtcdStore<String>()
    try store.put("a", "1")  // rev 2
    try store.put("b", "x")  // rev 3
    let second = try store.put("a", "2")  // rev 4
    #expect(second.prevKV?.value == "1")
    #expect(second.prevKV?.version == 1)
    let a = try #require(try store.get("a"))
    #expect(a.createRevision == 2)
    #expect(a.modRevision == 4)
    #expect(a.version == 2)
    #expect(a.value == "2")
    #expect(a.lease == 0)
  }

  @Test func deleteEndsTheKeyAndRecreateStartsAtVersionOne() throws {
    let store = EtcdStore<String>()
    try store.put("a", "1")  // 2
    try store.put("a", "2")  // 3
    let deleted = try store.deleteRange("a")  // 4
    #expect(deleted.deleted == 1)
    #expect(deleted.header.revision == 4)
    #expect(deleted.prevKVs.map(\.value) == ["2"])
    #expect(try store.get("a") == nil)
    #expect(store.keyCount == 0)
    try store.put("a", "3")  // 5
    let a = try #require(try store.get("a"))
    #expect(a.version == 1)
    #expect(a.createRevision == 5)
    #expect(a.modRevision == 5)
  }

  @Test func deletingNothingDoesNotBumpTheRevision() throws {
    let store = EtcdStore<String>()
    try store.put("a", "1")
    let response = try store.deleteRange("missing")
    #expect(response.deleted == 0)
    #expect(response.header.revision == 2)
    #expect(store.revision == 2)
  }

  @Test func rangeIsHalfOpenAndPrefixMatchesOnlyThePrefix() throws {
    let store = EtcdStore<String>()
    for key in [
      "/registry/pods/default/a", "/registry/pods/default/b", "/registry/pods/kube-system/c",
      "/registry/podtemplates/default/t", "/registry/pods0", "foo", "fop",
    ] {
      try store.put(key, key)
    }
    let pods = try store.range(prefix: "/registry/pods/")
    #expect(
      pods.kvs.map(\.key) == ["/registry/pods/default/a", "/registry/pods/default/b", "/registry/pods/kube-system/c"])
    #expect(pods.count == 3)
    let interval = try store.range("/registry/pods/default/a", rangeEnd: "/registry/pods/default/b")
    #expect(interval.kvs.map(\.key) == ["/registry/pods/default/a"])
    let fromKey = try store.range("foo", rangeEnd: "\0")
    #expect(fromKey.kvs.map(\.key) == ["foo", "fop"])
    let all = try store.range("\0", rangeEnd: "\0")
    #expect(all.count == 7)
  }

  @Test func limitKeysOnlyAndCountOnly() throws {
    let store = EtcdStore<String>()
    for i in 0..<5 { try store.put("k\(i)", "v\(i)") }
    let limited = try store.range(prefix: "k", limit: 2)
    #expect(limited.kvs.map(\.key) == ["k0", "k1"])
    #expect(limited.more)
    #expect(limited.count == 5)
    let keysOnly = try store.range(prefix: "k", keysOnly: true)
    #expect(keysOnly.kvs.allSatisfy { $0.value == nil })
    #expect(keysOnly.kvs.count == 5)
    let counted = try store.range(prefix: "k", countOnly: true)
    #expect(counted.kvs.isEmpty)
    #expect(counted.count == 5)
    #expect(!counted.more)
  }

  @Test func readsAtAPastRevision() throws {
    let store = EtcdStore<String>()
    try store.put("a", "1")  // 2
    try store.put("b", "1")  // 3
    try store.put("a", "2")  // 4
    try store.deleteRange("b")  // 5
    #expect(try store.get("a", revision: 2)?.value == "1")
    #expect(try store.get("a", revision: 3)?.value == "1")
    #expect(try store.get("a", revision: 4)?.value == "2")
    #expect(try store.get("b", revision: 4)?.value == "1")
    #expect(try store.get("b", revision: 5) == nil)
    #expect(try store.range(prefix: "", revision: 1).count == 0)
    #expect(try store.range(prefix: "", revision: 3).kvs.map(\.key) == ["a", "b"])
    #expect(try store.range(prefix: "", revision: 5).kvs.map(\.key) == ["a"])
    // The header still names the current revision.
    #expect(try store.range("a", revision: 2).header.revision == 5)
  }

  @Test func futureRevisionAndEmptyKeyErrors() throws {
    let store = EtcdStore<String>()
    try store.put("a", "1")
    #expect(throws: EtcdError.futureRevision) { try store.range("a", revision: 3) }
    #expect(throws: EtcdError.emptyKey) { try store.put("", "x") }
    #expect(throws: EtcdError.emptyKey) { try store.range("") }
    #expect(EtcdError.futureRevision.message == "etcdserver: mvcc: required revision is a future revision")
    #expect(EtcdError.compacted.message == "etcdserver: mvcc: required revision has been compacted")
    #expect(store.revision == 2)
  }

  @Test func headerCarriesTheMemberIdentity() throws {
    let store = EtcdStore<String>(member: EtcdMember(name: "control-plane", id: 42, clusterID: 7))
    let header = try store.put("a", "1").header
    #expect(header == .init(clusterID: 7, memberID: 42, revision: 2, raftTerm: 2))
  }

  @Test(arguments: [
    ("/registry/pods/", "/registry/pods0"),
    ("foo", "fop"),
    ("a\u{7F}", "a\u{80}"),
    ("", "\0"),
  ])
  func prefixRangeEnd(prefix: String, end: String) {
    #expect(EtcdKeyRange.prefixEnd(prefix) == end)
  }

  @Test func manyKeysStayOrderedAcrossInsertsAndDeletes() throws {
    let store = EtcdStore<String>()
    // Enough keys to split the ordered index into many chunks, inserted out of order.
    let names = (0..<3000).map { "/registry/pods/ns/p\(($0 * 7919) % 3000)" }
    for name in names { try store.put(name, "x") }
    for i in stride(from: 0, to: 3000, by: 3) { try store.deleteRange("/registry/pods/ns/p\(i)") }
    try store.compact(store.revision)
    let listed = try store.range(prefix: "/registry/pods/ns/").kvs.map(\.key)
    let expected = (0..<3000).filter { $0 % 3 != 0 }.map { "/registry/pods/ns/p\($0)" }.sorted()
    #expect(listed == expected)
    #expect(store.keyCount == 2000)
  }

  @Test func dbSizeGrowsWithDataAndStatusReportsIt() throws {
    let store = EtcdStore<String>()
    let empty = store.dbSize
    #expect(empty == 20_480)
    for i in 0..<100 { try store.put("/registry/configmaps/default/cm\(i)", String(repeating: "x", count: 1000)) }
    #expect(store.dbSize > empty + 100_000)
    let status = store.status
    #expect(status.dbSize == store.dbSize)
    #expect(status.leader == store.member.id)
    #expect(status.header.revision == 101)
  }
}

@Suite struct EtcdTreeIndexTests {
  @Test func filesKeysInBatchesAndOneByOne() {
    var tree = TreeIndex<String>()
    var expected: [String] = []
    func add(_ key: String) {
      tree.insert(
        KeyHistory(
          key: key, first: .init(revision: .init(main: 2), createRevision: 2, version: 1, value: "v", lease: 0)))
      expected.append(key)
    }
    // A burst of keys in scrambled order: filed by one sort and merge.
    for i in 0..<2000 { add("/registry/pods/ns/p\((i * 7919) % 2000)") }
    #expect(tree.sortedKeys() == expected.sorted())
    // A few more: filed one by one into the chunks.
    for i in [5, 1500, 999_999, 3] { add("/registry/pods/ns/q\(i)") }
    add("/registry/a")
    add("/registry/zz")
    #expect(tree.sortedKeys() == expected.sorted())
    for key in ["/registry/a", "/registry/pods/ns/p1000", "/registry/zz", "missing"] {
      tree.remove(key)
      expected.removeAll { $0 == key }
    }
    #expect(tree.sortedKeys() == expected.sorted())
    #expect(tree.count == expected.count)
    var walked: [String] = []
    tree.forEach(in: .prefix("/registry/pods/ns/q")) { history in
      walked.append(history.key)
      return true
    }
    #expect(
      walked == [
        "/registry/pods/ns/q1500", "/registry/pods/ns/q3", "/registry/pods/ns/q5", "/registry/pods/ns/q999999",
      ])
  }
}
