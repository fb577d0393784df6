// Lease: etcd's leases: a TTL on a simulated clock; when it runs out, the attached keys are deleted.

extension EtcdStore {
  /// etcd's largest lease TTL (`MaxLeaseTTL`, about 285 years).
  public static var maxLeaseTTL: Int64 { 9_000_000_000 }
  /// etcd's smallest lease TTL with default election settings: 1.5 s, rounded up.
  public static var minLeaseTTL: Int64 { 2 }

  struct LeaseState {
    var id: Int64
    var ttl: Int64
    var expiry: Double
    var keys: Set<String> = []
  }

  public struct LeaseGrantResponse: Sendable {
    public var header: ResponseHeader
    public var id: Int64
    public var ttl: Int64
  }

  public struct LeaseKeepAliveResponse: Sendable {
    public var header: ResponseHeader
    public var id: Int64
    public var ttl: Int64
  }

  public struct LeaseRevokeResponse: Sendable {
    public var header: ResponseHeader
  }

  public struct LeaseTimeToLiveResponse: Sendable {
    public var header: ResponseHeader
    public var id: Int64
    /// Whole seconds left; -1 if the lease does not exist (expired or never granted).
    public var ttl: Int64
    /// The TTL it was granted with; 0 if it does not exist.
    public var grantedTTL: Int64
    /// The attached keys, sorted (only when asked for).
    public var keys: [String]
  }

  public struct LeaseLeasesResponse: Sendable {
    public var header: ResponseHeader
    /// Every lease id, ascending.
    public var leases: [Int64]
  }

  // MARK: - Leases

  /// Grants a lease of `ttl` seconds from now (at least `minLeaseTTL`). `id` 0 lets the store choose.
  ///
  /// Simulation: chosen ids are deterministic: the member id's low 16 bits (`694d…`, like real
  /// lease ids from this member) followed by a counter.
  @discardableResult
  public func grant(ttl: Int64, id: Int64 = 0) throws(EtcdError) -> LeaseGrantResponse {
    guard ttl <= Self.maxLeaseTTL else { throw .leaseTTLTooLarge }
    var leaseID = id
    if leaseID == 0 {
      repeat {
        leaseSerial += 1
        leaseID = Int64(bitPattern: (member.id & 0xffff) << 48 | 0x77aa_9e3e_e300) &+ leaseSerial
      } while leaseTable[leaseID] != nil
    }
    guard leaseTable[leaseID] == nil else { throw .leaseExists }
    let granted = max(ttl, Self.minLeaseTTL)
    leaseTable[leaseID] = LeaseState(id: leaseID, ttl: granted, expiry: now + Double(granted))
    raftIndex += 1
    return LeaseGrantResponse(header: header(), id: leaseID, ttl: granted)
  }

  /// Renews lease `id` for its full TTL from now.
  @discardableResult
  public func keepAlive(_ id: Int64) throws(EtcdError) -> LeaseKeepAliveResponse {
    guard let lease = leaseTable[id] else { throw .leaseNotFound }
    leaseTable[id]!.expiry = now + Double(lease.ttl)
    return LeaseKeepAliveResponse(header: header(), id: id, ttl: lease.ttl)
  }

  /// Revokes lease `id`, deleting every attached key in one write (one revision if any key went).
  @discardableResult
  public func revoke(_ id: Int64) throws(EtcdError) -> LeaseRevokeResponse {
    guard leaseTable[id] != nil else { throw .leaseNotFound }
    revokeLease(id)
    return LeaseRevokeResponse(header: header())
  }

  /// The time left on lease `id`, and its keys if `keys` is set.
  public func timeToLive(_ id: Int64, keys: Bool = false) -> LeaseTimeToLiveResponse {
    guard let lease = leaseTable[id] else {
      return LeaseTimeToLiveResponse(header: header(), id: id, ttl: -1, grantedTTL: 0, keys: [])
    }
    let remaining = Int64(max(0, lease.expiry - now).rounded(.towardZero))
    return LeaseTimeToLiveResponse(
      header: header(), id: id, ttl: remaining, grantedTTL: lease.ttl, keys: keys ? lease.keys.sorted() : [])
  }

  /// Every lease.
  public func leases() -> LeaseLeasesResponse {
    LeaseLeasesResponse(header: header(), leases: leaseTable.keys.sorted())
  }

  /// Moves the simulated clock to `seconds` since the start and revokes every lease that has run out
  /// (expiry ≤ now), earliest first, each as its own write. Returns the expired lease ids.
  @discardableResult
  public func advance(toSeconds seconds: Double) -> [Int64] {
    if seconds > now { now = seconds }
    let expired = leaseTable.values.filter { $0.expiry <= now }.sorted { ($0.expiry, $0.id) < ($1.expiry, $1.id) }
    for lease in expired { revokeLease(lease.id) }
    return expired.map(\.id)
  }

  /// Deletes the keys of lease `id` (in key order, as etcd does) in one write, then forgets it.
  private func revokeLease(_ id: Int64) {
    guard let lease = leaseTable[id] else { return }
    beginWrite()
    for key in lease.keys.sorted() { _ = applyDeleteRange(EtcdKeyRange(key)) }
    endWrite()
    leaseTable[id] = nil
  }

  func attach(_ key: String, to lease: Int64) {
    if lease != 0 { leaseTable[lease]?.keys.insert(key) }
  }

  func detach(_ key: String, from lease: Int64) {
    if lease != 0 { leaseTable[lease]?.keys.remove(key) }
  }
}
