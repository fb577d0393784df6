// KVStore: etcd's MVCC key-value store: revisions, put, range, delete, and the stats it reports.

/// A value the store can hold. `etcdText` is how `etcdctl get` prints it; the apiserver's objects
/// render as JSON.
public protocol EtcdValue: Sendable {
  var etcdText: String { get }
}

extension String: EtcdValue {
  public var etcdText: String { self }
}

/// KubeLab's etcd: an in-memory multi-version key-value store with etcd v3's semantics.
///
/// Every change is kept under the store revision that made it, so a read can ask for any
/// revision not yet compacted, and a watch can start in the past. A worked trace (revision 1 is a
/// fresh store):
///
///     put a=1          → rev 2   a: create 2, mod 2, version 1
///     put b=1          → rev 3   b: create 3, mod 3, version 1
///     put a=2          → rev 4   a: create 2, mod 4, version 2
///     txn { put c=1; delete b }
///                      → rev 5   c: create 5 (5.0); b deleted (5.1); one revision, two events
///     delete a         → rev 6   a gone (tombstone at 6)
///     put a=3          → rev 7   a: create 7, mod 7, version 1   (a new generation)
///     range a --rev 4  → a=2 (version 2);  range b --rev 4 → b=1;  range b → nothing
///     compact 5        → kept: a@4 (newest a ≤ 5), a@6 (tombstone), a@7, b@5 (tombstone at
///                        exactly 5), c@5. Gone: a@2, b@3. Reads below 5 fail with
///                        "etcdserver: mvcc: required revision has been compacted".
///     compact 7        → kept: a@7, c@5; b's history is gone entirely.
///
/// The apiserver is the only client. It creates with `txn(compare: [.createRevision(k, .equal, 0)])`,
/// updates with `txn(compare: [.modRevision(k, .equal, resourceVersion)])`, lists with
/// `range(prefix:)` and watches with `watch(prefix:startRevision:)` + `drainWatch`.
///
/// Cost: a put, a single-key get and a delete are O(1) amortized: one dictionary lookup of the key's
/// history (none when the same key was just read, as in read-compare-write), an append to it and
/// one to the event log. New keys reach the ordered index in batches (see `TreeIndex`), so a prefix
/// range is a seek plus a walk over the keys in range, and nothing is re-sorted per write. A watch
/// drain walks the log from its cursor, skipping other resources' events by a number compare.
public final class EtcdStore<Value: EtcdValue> {
  /// etcd's default `--max-txn-ops`.
  public static var maxTxnOps: Int { 128 }

  /// Who answers: cluster and member ids, name and URLs for headers, `member list` and `endpoint status`.
  public let member: EtcdMember
  /// The current store revision: 1 for a fresh store, +1 per write request (or txn) that changed something.
  public internal(set) var revision: Int64 = 1
  /// The revision of the last compaction (0 if never compacted); reads below it fail.
  public internal(set) var compactRevision: Int64 = 0
  /// Live keys (created and not deleted) at the current revision.
  public internal(set) var keyCount = 0
  /// Raft log entries applied. Simulation: starts at 4 like a freshly started single member and
  /// grows by one per write request, txn, compaction, lease grant and revoke.
  public internal(set) var raftIndex: UInt64 = 4
  /// The simulated clock, in seconds since the simulation started (see `advance(toSeconds:)`).
  public internal(set) var now: Double = 0

  /// Every key with retained history.
  var index: [String: KeyHistory<Value>] = [:]
  /// The same histories, in key order, for range reads.
  var tree = TreeIndex<Value>()
  /// Every change at or after `compactRevision`, in revision order: what watches replay. A record
  /// points at the key's history; the event is read back from it when delivered.
  var log: [LogRecord] = []
  /// The bucket of each record's key (`EtcdKeyRange.bucket(of:)`), beside `log`.
  var logBuckets: [Int] = []
  /// Histories compaction might shrink (more than one entry, or a tombstone), each once.
  var compactable: [KeyHistory<Value>] = []
  /// The history looked up last: the apiserver reads a key, compares it and writes it in a row.
  private var lastLookup: (key: String, history: KeyHistory<Value>)?
  var watchers: [Int64: Watcher] = [:]
  var nextWatchID: Int64 = 0
  var leaseTable: [Int64: LeaseState] = [:]
  var leaseSerial: Int64 = 0
  /// The write request being applied, if any.
  var pending: PendingWrite?
  var dbSizeCache: (stamp: [Int64], size: Int64)?

  public init(member: EtcdMember = EtcdMember()) {
    self.member = member
  }

  // MARK: - Responses

  public struct PutResponse: Sendable {
    public var header: ResponseHeader
    /// The key before the put; `nil` if it was created. (Simulation: always filled in, as if
    /// every put asked for `prev_kv`.)
    public var prevKV: KeyValue?
    /// The revision of the put.
    public var revision: Int64 { header.revision }
  }

  public struct RangeResponse: Sendable {
    public var header: ResponseHeader
    /// The keys found, in key order (at most `limit`; none for `countOnly`).
    public var kvs: [KeyValue]
    /// More keys matched than `limit` let through.
    public var more: Bool
    /// How many keys matched, whatever the limit.
    public var count: Int64
  }

  public struct DeleteRangeResponse: Sendable {
    public var header: ResponseHeader
    public var deleted: Int64
    /// The deleted keys as they were. (Simulation: always filled in, as if `prev_kv` were set.)
    public var prevKVs: [KeyValue]
  }

  // MARK: - Put, range, delete

  /// Puts `value` at `key`, attached to `lease` (0: none). One new revision.
  @discardableResult
  public func put(_ key: String, _ value: Value, lease: Int64 = 0) throws(EtcdError) -> PutResponse {
    guard !key.isEmpty else { throw .emptyKey }
    guard lease == 0 || leaseTable[lease] != nil else { throw .leaseNotFound }
    beginWrite()
    let prev = applyPut(key, value, lease: lease)
    endWrite()
    return PutResponse(header: header(), prevKV: prev)
  }

  /// Reads `[key, rangeEnd)` (see `EtcdKeyRange`) at `revision` (≤ 0: the current one).
  ///
  /// Throws `.futureRevision` above the current revision and `.compacted` below the compact revision.
  public func range(
    _ key: String, rangeEnd: String = "", revision: Int64 = 0, limit: Int64 = 0, keysOnly: Bool = false,
    countOnly: Bool = false
  ) throws(EtcdError) -> RangeResponse {
    guard !key.isEmpty else { throw .emptyKey }
    let (kvs, count) = try read(
      EtcdKeyRange(key, rangeEnd: rangeEnd), revision: revision, current: self.revision, limit: limit,
      keysOnly: keysOnly, countOnly: countOnly)
    return RangeResponse(header: header(), kvs: kvs, more: Int64(kvs.count) < count && !countOnly, count: count)
  }

  /// Reads every key starting with `prefix`.
  public func range(
    prefix: String, revision: Int64 = 0, limit: Int64 = 0, keysOnly: Bool = false, countOnly: Bool = false
  ) throws(EtcdError) -> RangeResponse {
    let r = EtcdKeyRange.prefix(prefix)
    return try range(
      r.key, rangeEnd: r.rangeEnd, revision: revision, limit: limit, keysOnly: keysOnly, countOnly: countOnly)
  }

  /// The key at `revision` (≤ 0: now), or nil if it did not exist then.
  public func get(_ key: String, revision: Int64 = 0) throws(EtcdError) -> KeyValue? {
    guard !key.isEmpty else { throw .emptyKey }
    if revision > self.revision { throw .futureRevision }
    let at = revision <= 0 ? self.revision : revision
    if at < compactRevision { throw .compacted }
    return lookup(key)?.entry(at: at).map { keyValue(key, $0, keysOnly: false) }
  }

  /// Deletes every key in `[key, rangeEnd)`. One new revision if anything was deleted, none otherwise.
  @discardableResult
  public func deleteRange(_ key: String, rangeEnd: String = "") throws(EtcdError) -> DeleteRangeResponse {
    guard !key.isEmpty else { throw .emptyKey }
    beginWrite()
    let prevs = applyDeleteRange(EtcdKeyRange(key, rangeEnd: rangeEnd))
    endWrite()
    return DeleteRangeResponse(header: header(), deleted: Int64(prevs.count), prevKVs: prevs)
  }

  /// Deletes every key starting with `prefix`.
  @discardableResult
  public func deleteRange(prefix: String) throws(EtcdError) -> DeleteRangeResponse {
    let r = EtcdKeyRange.prefix(prefix)
    return try deleteRange(r.key, rangeEnd: r.rangeEnd)
  }

  // MARK: - Stats

  /// What `etcdctl endpoint status` shows: etcd's `StatusResponse`.
  public struct Status: Sendable, Hashable {
    public var header: ResponseHeader
    public var version: String
    /// Bytes the database file would take. Simulation: an estimate (see `dbSize`).
    public var dbSize: Int64
    public var dbSizeInUse: Int64
    public var leader: UInt64
    public var raftIndex: UInt64
    public var raftTerm: UInt64
    public var raftAppliedIndex: UInt64
    public var isLearner: Bool
  }

  public var status: Status {
    let size = dbSize
    return Status(
      header: header(), version: member.version, dbSize: size, dbSizeInUse: size, leader: member.id,
      raftIndex: raftIndex, raftTerm: member.raftTerm, raftAppliedIndex: raftIndex, isLearner: false)
  }

  /// Estimated database size in bytes: 16 KiB of bbolt bookkeeping plus, for every retained
  /// revision of every key, its key, its value text and ~64 bytes of index, rounded up to whole
  /// 4 KiB pages, and never below the 20 kB of a fresh etcd.
  ///
  /// Simulation: real etcd's file never shrinks without `defrag`; this estimate shrinks when
  /// compaction drops revisions. Costs one pass over the retained history; cached per revision.
  public var dbSize: Int64 {
    let stamp = [revision, compactRevision, Int64(leaseTable.count)]
    if let cache = dbSizeCache, cache.stamp == stamp { return cache.size }
    var bytes: Int64 = 16_384 + Int64(leaseTable.count) * 64
    for (key, history) in index {
      for entry in history.entries {
        bytes += Int64(key.utf8.count) + 64 + Int64(entry.value?.etcdText.utf8.count ?? 0)
      }
    }
    let size = max(20_480, (bytes + 4095) / 4096 * 4096)
    dbSizeCache = (stamp, size)
    return size
  }

  /// The header every response carries, at the current revision.
  public func header() -> ResponseHeader {
    ResponseHeader(clusterID: member.clusterID, memberID: member.id, revision: revision, raftTerm: member.raftTerm)
  }

  // MARK: - Applying writes (one write request or txn at a time)

  /// The write request being applied: its revision and how many changes it has made so far.
  struct PendingWrite {
    var revision: Int64
    var changes: Int64 = 0
  }

  func beginWrite() {
    pending = PendingWrite(revision: revision + 1)
  }

  /// Ends the write request: the store revision moves on only if something changed.
  @discardableResult
  func endWrite() -> Bool {
    let changed = (pending?.changes ?? 0) > 0
    if changed { revision += 1 }
    pending = nil
    raftIndex += 1
    return changed
  }

  /// The revision reads see inside a write: its own changes once it has made any (as etcd's write txn).
  var readRevision: Int64 {
    if let pending, pending.changes > 0 { return pending.revision }
    return revision
  }

  private func nextChangeRevision() -> EtcdRevision {
    let r = EtcdRevision(main: pending!.revision, sub: pending!.changes)
    pending!.changes += 1
    return r
  }

  /// Puts inside the pending write; returns the key's previous state.
  @discardableResult
  func applyPut(_ key: String, _ value: Value, lease: Int64) -> KeyValue? {
    let rev = nextChangeRevision()
    let found = lookup(key)
    let prev = found?.live
    let entry = KeyHistory<Value>.Entry(
      revision: rev, createRevision: prev?.createRevision ?? rev.main, version: (prev?.version ?? 0) + 1,
      value: value, lease: lease)
    let history: KeyHistory<Value>
    if let found {
      history = found
      history.append(entry)
      markCompactable(history)
    } else {
      history = KeyHistory(key: key, first: entry)
      index[key] = history
      lastLookup = (key, history)
      tree.insert(history)
    }
    if prev == nil { keyCount += 1 }
    let oldLease = prev?.lease ?? 0
    if oldLease != lease {
      detach(key, from: oldLease)
      attach(key, to: lease)
    }
    appendToLog(history, rev)
    return prev.map { keyValue(key, $0, keysOnly: false) }
  }

  /// Deletes inside the pending write; returns the deleted keys as they were, in key order.
  func applyDeleteRange(_ range: EtcdKeyRange) -> [KeyValue] {
    var victims: [KeyHistory<Value>] = []
    if range.isSingleKey {
      if let history = lookup(range.key), history.live != nil { victims.append(history) }
    } else {
      tree.forEach(in: range) { history in
        if history.live != nil { victims.append(history) }
        return true
      }
    }
    var prevs: [KeyValue] = []
    prevs.reserveCapacity(victims.count)
    for history in victims {
      guard let prev = history.live else { continue }
      let rev = nextChangeRevision()
      history.append(.init(revision: rev, createRevision: 0, version: 0, value: nil, lease: 0))
      markCompactable(history)
      keyCount -= 1
      detach(history.key, from: prev.lease)
      prevs.append(keyValue(history.key, prev, keysOnly: false))
      appendToLog(history, rev)
    }
    return prevs
  }

  // MARK: - Reading

  /// The keys of `range` alive at `revision` (≤ 0: `current`) and how many there are.
  func read(
    _ range: EtcdKeyRange, revision: Int64, current: Int64, limit: Int64, keysOnly: Bool, countOnly: Bool
  ) throws(EtcdError) -> (kvs: [KeyValue], count: Int64) {
    if revision > current { throw .futureRevision }
    let at = revision <= 0 ? current : revision
    if at < compactRevision { throw .compacted }
    var kvs: [KeyValue] = []
    var count: Int64 = 0
    if range.isSingleKey {
      if let entry = lookup(range.key)?.entry(at: at) {
        count = 1
        if !countOnly { kvs.append(keyValue(range.key, entry, keysOnly: keysOnly)) }
      }
      return (kvs, count)
    }
    tree.forEach(in: range) { history in
      if let entry = history.entry(at: at) {
        count += 1
        if !countOnly && (limit <= 0 || Int64(kvs.count) < limit) {
          kvs.append(keyValue(history.key, entry, keysOnly: keysOnly))
        }
      }
      return true
    }
    return (kvs, count)
  }

  // MARK: - Lookups and bookkeeping

  /// One change in the log: which key, at which revision.
  struct LogRecord {
    var history: KeyHistory<Value>
    var revision: EtcdRevision
  }

  private func appendToLog(_ history: KeyHistory<Value>, _ revision: EtcdRevision) {
    log.append(LogRecord(history: history, revision: revision))
    logBuckets.append(history.bucket)
  }

  /// The event a log record stands for, read back from the key's history. `prevKV` is the entry
  /// before it, if that is still there and is not a tombstone.
  func event(_ record: LogRecord, prevKV: Bool) -> Event? {
    let history = record.history
    guard let i = history.index(of: record.revision) else { return nil }
    let entry = history.entries[i]
    var previous: KeyValue?
    if prevKV, i > 0, !history.entries[i - 1].isTombstone {
      previous = keyValue(history.key, history.entries[i - 1], keysOnly: false)
    }
    if entry.isTombstone {
      let kv = KeyValue(key: history.key, createRevision: 0, modRevision: entry.revision.main, version: 0, value: nil)
      return Event(type: .delete, kv: kv, prevKV: previous)
    }
    return Event(type: .put, kv: keyValue(history.key, entry, keysOnly: false), prevKV: previous)
  }

  /// The history of `key`, if it has one.
  func lookup(_ key: String) -> KeyHistory<Value>? {
    if let last = lastLookup, last.key == key { return last.history }
    guard let history = index[key] else { return nil }
    lastLookup = (key, history)
    return history
  }

  /// Forgets every cached lookup (when compaction removes histories).
  func forgetLookups() {
    lastLookup = nil
  }

  private func markCompactable(_ history: KeyHistory<Value>) {
    guard !history.awaitsCompaction else { return }
    history.awaitsCompaction = true
    compactable.append(history)
  }

  func keyValue(_ key: String, _ entry: KeyHistory<Value>.Entry, keysOnly: Bool) -> KeyValue {
    KeyValue(
      key: key, createRevision: entry.createRevision, modRevision: entry.revision.main, version: entry.version,
      value: keysOnly ? nil : entry.value, lease: entry.lease)
  }
}
