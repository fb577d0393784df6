// Compaction: dropping history older than a revision, as etcd's periodic compaction does.

extension EtcdStore {
  public struct CompactionResponse: Sendable {
    public var header: ResponseHeader
  }

  /// Compacts the history at `revision`: every key keeps its newest version at or before it and
  /// everything after; a key deleted before `revision` disappears entirely. Reads at revisions below
  /// `revision`, and watches that have not caught up to it, then fail with `.compacted`.
  /// Compaction does not bump the store revision.
  ///
  /// Throws `.compacted` if `revision` is not above the last compaction, `.futureRevision` if it is
  /// above the current revision.
  @discardableResult
  public func compact(_ revision: Int64) throws(EtcdError) -> CompactionResponse {
    guard revision > compactRevision else { throw .compacted }
    guard revision <= self.revision else { throw .futureRevision }
    compactRevision = revision
    raftIndex += 1
    // 1. Shrink the histories that can shrink; forget keys with nothing left.
    forgetLookups()
    var stillCompactable: [KeyHistory<Value>] = []
    for history in compactable {
      history.compact(at: revision)
      if history.isEmpty {
        index[history.key] = nil
        tree.remove(history.key)
      } else if history.isCompactable {
        stillCompactable.append(history)
      } else {
        history.awaitsCompaction = false
      }
    }
    compactable = stillCompactable
    // 2. Drop the events watches can no longer ask for.
    var low = 0
    var high = log.count
    while low < high {
      let mid = (low + high) / 2
      if log[mid].revision.main < revision { low = mid + 1 } else { high = mid }
    }
    log.removeSubrange(0..<low)
    logBuckets.removeSubrange(0..<low)
    return CompactionResponse(header: header())
  }
}
