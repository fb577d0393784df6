// Watch: etcd's watches, pull-based: a watcher is a cursor into the store's event history.

extension EtcdStore {
  /// One watch: which keys, and the next revision it has not yet delivered.
  struct Watcher {
    var range: EtcdKeyRange
    var nextRevision: Int64
    var prevKV: Bool
  }

  /// What a drain of a watch returns: etcd's `WatchResponse`.
  public struct WatchResponse: Sendable {
    public var header: ResponseHeader
    public var watchID: Int64
    /// The watch is over: it asked for compacted history (see `compactRevision`) or does not exist.
    public var canceled: Bool
    /// When canceled for compaction: the compact revision, the oldest revision one can still watch from.
    public var compactRevision: Int64
    /// Why the watch was canceled (etcd's error text), empty otherwise.
    public var cancelReason: String
    /// The new events, in revision order; the events of one revision are never split.
    public var events: [Event]

    /// The events grouped by revision, in order: one group per write request or txn.
    public var eventsByRevision: [(revision: Int64, events: [Event])] {
      var groups: [(revision: Int64, events: [Event])] = []
      for event in events {
        if let last = groups.last, last.revision == event.revision {
          groups[groups.count - 1].events.append(event)
        } else {
          groups.append((event.revision, [event]))
        }
      }
      return groups
    }
  }

  // MARK: - Watch

  /// Starts watching `[key, rangeEnd)` and returns the watch id.
  ///
  /// `startRevision` is inclusive: the first drain replays every change from it on. Unset (≤ 0)
  /// means only changes after the current revision. A start below the compact revision makes the
  /// first drain return `canceled` with `compactRevision`. With `prevKV`, events carry the key's
  /// previous state.
  ///
  /// Simulation: delivery is pull-based (`drainWatch`) so the cluster decides when events flow;
  /// `prevKV` defaults to true because the apiserver always asks for it.
  public func watch(_ key: String, rangeEnd: String = "", startRevision: Int64 = 0, prevKV: Bool = true) -> Int64 {
    nextWatchID += 1
    watchers[nextWatchID] = Watcher(
      range: EtcdKeyRange(key, rangeEnd: rangeEnd), nextRevision: startRevision > 0 ? startRevision : revision + 1,
      prevKV: prevKV)
    return nextWatchID
  }

  /// Watches every key starting with `prefix`.
  public func watch(prefix: String, startRevision: Int64 = 0, prevKV: Bool = true) -> Int64 {
    let r = EtcdKeyRange.prefix(prefix)
    return watch(r.key, rangeEnd: r.rangeEnd, startRevision: startRevision, prevKV: prevKV)
  }

  /// The events for watch `id` since its last drain (or since its start revision), in order.
  ///
  /// A watch whose next revision has been compacted away is canceled and removed; an unknown id
  /// answers canceled with no events.
  public func drainWatch(_ id: Int64) -> WatchResponse {
    guard var watcher = watchers[id] else {
      return WatchResponse(
        header: header(), watchID: id, canceled: true, compactRevision: 0, cancelReason: "", events: [])
    }
    if watcher.nextRevision < compactRevision {
      watchers[id] = nil
      return WatchResponse(
        header: header(), watchID: id, canceled: true, compactRevision: compactRevision,
        cancelReason: EtcdError.compacted.message, events: [])
    }
    let events = history(watcher.range, from: watcher.nextRevision, prevKV: watcher.prevKV)
    watcher.nextRevision = max(watcher.nextRevision, revision + 1)
    watchers[id] = watcher
    return WatchResponse(
      header: header(), watchID: id, canceled: false, compactRevision: 0, cancelReason: "", events: events)
  }

  /// Stops watch `id`; false if there was no such watch.
  @discardableResult
  public func cancelWatch(_ id: Int64) -> Bool {
    watchers.removeValue(forKey: id) != nil
  }

  /// The ids of the open watches, ascending.
  public var watchIDs: [Int64] { watchers.keys.sorted() }

  /// The changes to `[key, rangeEnd)` from `revision` (inclusive) to now, without opening a watch:
  /// what `etcdctl watch --rev` replays. Throws `.compacted` below the compact revision.
  public func events(_ key: String, rangeEnd: String = "", from revision: Int64, prevKV: Bool = true)
    throws(EtcdError) -> [Event]
  {
    if revision < compactRevision { throw .compacted }
    return history(EtcdKeyRange(key, rangeEnd: rangeEnd), from: revision, prevKV: prevKV)
  }

  /// Events of `range` at revisions ≥ `revision`, from the log.
  func history(_ range: EtcdKeyRange, from revision: Int64, prevKV: Bool) -> [Event] {
    var low = 0
    var high = log.count
    while low < high {
      let mid = (low + high) / 2
      if log[mid].revision.main < revision { low = mid + 1 } else { high = mid }
    }
    var events: [Event] = []
    let bucket = range.sharedBucket
    for i in low..<log.count {
      if let bucket, logBuckets[i] != bucket { continue }
      guard range.contains(log[i].history.key), let event = event(log[i], prevKV: prevKV) else { continue }
      events.append(event)
    }
    return events
  }
}
