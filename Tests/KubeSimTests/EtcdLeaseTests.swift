import Testing

@testable import KubeSim

@Suite struct EtcdLeaseTests {
  @Test func grantChoosesDeterministicIDsAndClampsTheTTL() throws {
    let store = EtcdStore<String>()
    let first = try store.grant(ttl: 60)
    let second = try store.grant(ttl: 1)
    #expect(String(first.id, radix: 16) == "694d77aa9e3ee301")
    #expect(second.id == first.id + 1)
    #expect(first.ttl == 60)
    #expect(second.ttl == 2)  // etcd's minimum lease TTL
    #expect(try store.grant(ttl: 10, id: 5).id == 5)
    #expect(throws: EtcdError.leaseExists) { try store.grant(ttl: 10, id: 5) }
    #expect(throws: EtcdError.leaseTTLTooLarge) { try store.grant(ttl: 9_000_000_001) }
    #expect(store.leases().leases == [5, first.id, second.id])
    #expect(store.revision == 1)  // granting writes no key
  }

  @Test func expiryDeletesTheAttachedKeysInOneRevision() throws {
    let store = EtcdStore<String>()
    let lease = try store.grant(ttl: 10).id
    try store.put("/registry/events/default/e2", "e2", lease: lease)  // 2
    try store.put("/registry/events/default/e1", "e1", lease: lease)  // 3
    try store.put("/registry/pods/default/p", "p")  // 4
    let watch = store.watch(prefix: "/registry/", startRevision: 5)
    #expect(store.advance(toSeconds: 9.5).isEmpty)
    #expect(store.keyCount == 3)
    #expect(store.advance(toSeconds: 10) == [lease])
    #expect(store.revision == 5)
    #expect(store.keyCount == 1)
    let events = store.drainWatch(watch).events
    #expect(events.map(\.type) == [.delete, .delete])
    #expect(events.map(\.kv.key) == ["/registry/events/default/e1", "/registry/events/default/e2"])
    #expect(events.allSatisfy { $0.revision == 5 })
    #expect(events.map { $0.prevKV?.lease } == [lease, lease])
    #expect(store.leases().leases.isEmpty)
    #expect(store.timeToLive(lease).ttl == -1)
  }

  @Test func eachExpiredLeaseIsItsOwnRevision() throws {
    let store = EtcdStore<String>()
    let a = try store.grant(ttl: 5).id
    let b = try store.grant(ttl: 3).id
    let empty = try store.grant(ttl: 4).id
    try store.put("a", "1", lease: a)
    try store.put("b", "1", lease: b)
    #expect(store.advance(toSeconds: 6) == [b, empty, a])
    // b's key at 4, the empty lease deletes nothing (no revision), a's key at 5.
    #expect(store.revision == 5)
    #expect(try store.events("a", rangeEnd: "c", from: 4).map(\.revision) == [4, 5])
  }

  @Test func keepAliveRenewsAndTimeToLiveCountsDown() throws {
    let store = EtcdStore<String>()
    let lease = try store.grant(ttl: 10).id
    try store.put("k", "v", lease: lease)
    store.advance(toSeconds: 7)
    let ttl = store.timeToLive(lease, keys: true)
    #expect((ttl.ttl, ttl.grantedTTL, ttl.keys) == (3, 10, ["k"]))
    #expect(try store.keepAlive(lease).ttl == 10)
    store.advance(toSeconds: 16)
    #expect(store.timeToLive(lease).ttl == 1)
    #expect(try store.get("k") != nil)
    store.advance(toSeconds: 17)
    #expect(try store.get("k") == nil)
    #expect(throws: EtcdError.leaseNotFound) { try store.keepAlive(lease) }
  }

  @Test func revokeAndReattach() throws {
    let store = EtcdStore<String>()
    let one = try store.grant(ttl: 100).id
    let two = try store.grant(ttl: 100).id
    try store.put("k", "v", lease: one)  // 2
    try store.put("k", "v2", lease: two)  // 3: moves to lease two
    #expect(store.timeToLive(one, keys: true).keys.isEmpty)
    #expect(try store.get("k")?.lease == two)
    try store.revoke(one)
    #expect(store.revision == 3)  // nothing attached: no write
    let revoked = try store.revoke(two)
    #expect(revoked.header.revision == 4)
    #expect(try store.get("k") == nil)
    #expect(throws: EtcdError.leaseNotFound) { try store.revoke(two) }
    #expect(throws: EtcdError.leaseNotFound) { try store.put("k", "v", lease: two) }
    #expect(EtcdError.leaseNotFound.message == "etcdserver: requested lease not found")
  }

  @Test func deletingAKeyDetachesItFromItsLease() throws {
    let store = EtcdStore<String>()
    let lease = try store.grant(ttl: 5).id
    try store.put("k", "v", lease: lease)  // 2
    try store.deleteRange("k")  // 3
    try store.put("k", "again")  // 4, no lease
    store.advance(toSeconds: 5)
    #expect(try store.get("k")?.value == "again")
    #expect(store.revision == 4)
  }
}
