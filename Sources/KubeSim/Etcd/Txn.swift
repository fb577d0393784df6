// Txn: etcd's mini-transactions: compares, then the success or the failure operations, atomically.

extension EtcdStore {
  /// etcd's `Compare.CompareResult`.
  public enum CompareResult: Sendable, Hashable {
    case equal, greater, less, notEqual
  }

  /// What a compare looks at, with the operand: etcd's `Compare.CompareTarget` and its target union.
  public enum CompareTarget: Sendable, Hashable {
    case version(Int64)
    case createRevision(Int64)
    case modRevision(Int64)
    /// Compares the value's `etcdText` byte by byte.
    case value(String)
    case lease(Int64)
  }

  /// One condition of a txn: `target(key) result operand`, e.g. `mod_revision("/registry/pods/a") == 42`.
  ///
  /// A missing key compares as version, revisions and lease 0 (so `createRevision == 0` means "does
  /// not exist"); a VALUE compare on a missing key is always false. With a `rangeEnd`, every key in
  /// the range must pass.
  public struct Compare: Sendable, Hashable {
    public var key: String
    public var rangeEnd: String
    public var result: CompareResult
    public var target: CompareTarget

    public init(key: String, rangeEnd: String = "", _ result: CompareResult, _ target: CompareTarget) {
      self.key = key
      self.rangeEnd = rangeEnd
      self.result = result
      self.target = target
    }

    public static func version(_ key: String, _ result: CompareResult, _ version: Int64) -> Compare {
      Compare(key: key, result, .version(version))
    }
    public static func createRevision(_ key: String, _ result: CompareResult, _ revision: Int64) -> Compare {
      Compare(key: key, result, .createRevision(revision))
    }
    public static func modRevision(_ key: String, _ result: CompareResult, _ revision: Int64) -> Compare {
      Compare(key: key, result, .modRevision(revision))
    }
    public static func value(_ key: String, _ result: CompareResult, _ text: String) -> Compare {
      Compare(key: key, result, .value(text))
    }
    public static func lease(_ key: String, _ result: CompareResult, _ lease: Int64) -> Compare {
      Compare(key: key, result, .lease(lease))
    }

    func holds(for kv: KeyValue) -> Bool {
      let order: Int
      switch target {
      case .version(let v): order = Self.order(kv.version, v)
      case .createRevision(let r): order = Self.order(kv.createRevision, r)
      case .modRevision(let r): order = Self.order(kv.modRevision, r)
      case .lease(let l): order = Self.order(kv.lease, l)
      case .value(let text):
        let mine = kv.valueText.utf8
        order = mine.elementsEqual(text.utf8) ? 0 : (mine.lexicographicallyPrecedes(text.utf8) ? -1 : 1)
      }
      switch result {
      case .equal: return order == 0
      case .notEqual: return order != 0
      case .greater: return order > 0
      case .less: return order < 0
      }
    }

    private static func order(_ a: Int64, _ b: Int64) -> Int { a == b ? 0 : (a < b ? -1 : 1) }
  }

  /// One operation of a txn branch: etcd's `RequestOp` (nested txns are not supported).
  public enum Op: Sendable {
    case range(
      key: String, rangeEnd: String = "", revision: Int64 = 0, limit: Int64 = 0, keysOnly: Bool = false,
      countOnly: Bool = false)
    case put(key: String, value: Value, lease: Int64 = 0)
    case deleteRange(key: String, rangeEnd: String = "")

    var isWrite: Bool {
      if case .range = self { return false }
      return true
    }
  }

  /// The answer to one `Op`: etcd's `ResponseOp`.
  public enum OpResponse: Sendable {
    case range(RangeResponse)
    case put(PutResponse)
    case deleteRange(DeleteRangeResponse)
  }

  public struct TxnResponse: Sendable {
    public var header: ResponseHeader
    /// Whether every compare held, i.e. whether `success` ran (else `failure` did).
    public var succeeded: Bool
    /// One response per operation of the branch that ran, in order.
    public var responses: [OpResponse]
  }

  // MARK: - Txn

  /// Evaluates `compare` at the current revision, then applies `success` if every compare holds,
  /// else `failure`. All writes of the branch share one new revision (none if the branch changed
  /// nothing), and reads later in the branch see the earlier writes.
  ///
  /// Throws `.duplicateKey` if a branch puts one key twice or puts a key it also deletes,
  /// `.tooManyOps` past `maxTxnOps`, `.leaseNotFound` for a put with an unknown lease in the branch
  /// that runs, and range errors (`.compacted`, `.futureRevision`) from its reads; nothing is
  /// applied when it throws.
  @discardableResult
  public func txn(compare: [Compare], success: [Op], failure: [Op] = []) throws(EtcdError) -> TxnResponse {
    // 1. Validate the request as etcd's gRPC layer does: sizes, keys, duplicate keys in each branch.
    let limit = Self.maxTxnOps
    guard compare.count <= limit, success.count <= limit, failure.count <= limit else { throw .tooManyOps }
    try Self.checkBranch(success)
    try Self.checkBranch(failure)
    // 2. Compare at the current revision.
    let succeeded = compare.allSatisfy(holds)
    let ops = succeeded ? success : failure
    // 3. Check what the chosen branch needs before touching anything.
    for op in ops {
      switch op {
      case .put(_, _, let lease) where lease != 0 && leaseTable[lease] == nil: throw .leaseNotFound
      case .range(_, _, let revision, _, _, _):
        if revision > self.revision { throw .futureRevision }
        if revision > 0 && revision < compactRevision { throw .compacted }
      default: break
      }
    }
    // 4. Apply the branch as one write request (or as a read if it has no writes).
    let writes = success.contains { $0.isWrite } || failure.contains { $0.isWrite }
    if writes { beginWrite() }
    var results: [OpResponse] = []
    results.reserveCapacity(ops.count)
    for op in ops {
      switch op {
      case .range(let key, let rangeEnd, let revision, let limit, let keysOnly, let countOnly):
        // Validated above, so this cannot fail; `try?` keeps the txn atomic regardless.
        let (kvs, count) =
          (try? read(
            EtcdKeyRange(key, rangeEnd: rangeEnd), revision: revision, current: readRevision, limit: limit,
            keysOnly: keysOnly, countOnly: countOnly)) ?? ([], 0)
        let more = !countOnly && Int64(kvs.count) < count
        results.append(.range(RangeResponse(header: header(), kvs: kvs, more: more, count: count)))
      case .put(let key, let value, let lease):
        results.append(.put(PutResponse(header: header(), prevKV: applyPut(key, value, lease: lease))))
      case .deleteRange(let key, let rangeEnd):
        let prevs = applyDeleteRange(EtcdKeyRange(key, rangeEnd: rangeEnd))
        results.append(
          .deleteRange(DeleteRangeResponse(header: header(), deleted: Int64(prevs.count), prevKVs: prevs)))
      }
    }
    if writes { endWrite() }
    // 5. Every response of the txn carries the txn's revision.
    let final = header()
    for i in results.indices {
      switch results[i] {
      case .range(var r): r.header = final; results[i] = .range(r)
      case .put(var r): r.header = final; results[i] = .put(r)
      case .deleteRange(var r): r.header = final; results[i] = .deleteRange(r)
      }
    }
    return TxnResponse(header: final, succeeded: succeeded, responses: results)
  }

  /// Whether `compare` holds at the current revision.
  func holds(_ compare: Compare) -> Bool {
    if compare.rangeEnd.isEmpty {
      // One key: look it up directly.
      if let entry = lookup(compare.key)?.live {
        return compare.holds(for: keyValue(compare.key, entry, keysOnly: false))
      }
      if case .value = compare.target { return false }
      return compare.holds(for: KeyValue(key: compare.key, createRevision: 0, modRevision: 0, version: 0, value: nil))
    }
    let r = EtcdKeyRange(compare.key, rangeEnd: compare.rangeEnd)
    guard let kvs = try? read(r, revision: 0, current: revision, limit: 0, keysOnly: false, countOnly: false).kvs
    else { return false }
    if kvs.isEmpty {
      if case .value = compare.target { return false }
      return compare.holds(for: KeyValue(key: compare.key, createRevision: 0, modRevision: 0, version: 0, value: nil))
    }
    return kvs.allSatisfy(compare.holds)
  }

  /// etcd's `checkIntervals`: no key may be put twice, nor put and deleted, in one branch; keys non-empty.
  static func checkBranch(_ ops: [Op]) throws(EtcdError) {
    var puts = 0
    var deletes: [EtcdKeyRange] = []
    for op in ops {
      switch op {
      case .put(let key, _, _):
        guard !key.isEmpty else { throw .emptyKey }
        puts += 1
      case .deleteRange(let key, let rangeEnd):
        guard !key.isEmpty else { throw .emptyKey }
        deletes.append(EtcdKeyRange(key, rangeEnd: rangeEnd))
      case .range(let key, _, _, _, _, _):
        guard !key.isEmpty else { throw .emptyKey }
      }
    }
    // A duplicate takes two puts, or a put and a delete.
    guard puts > 1 || (puts == 1 && !deletes.isEmpty) else { return }
    var seen: Set<String> = []
    for case .put(let key, _, _) in ops {
      guard seen.insert(key).inserted, !deletes.contains(where: { $0.contains(key) }) else { throw .duplicateKey }
    }
  }
}
