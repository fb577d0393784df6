// KeyHistory: every retained revision of one key (etcd's keyIndex, generations flattened).

/// The revisions of one key still in the store, oldest first.
///
/// etcd's `keyIndex` splits a key's history into generations, each ended by a tombstone. Here the
/// entries are one list and a tombstone is an entry without a value; the generation of an entry is
/// implied by the tombstones around it. For `put(2) put(3) delete(4) put(6)` on `foo`:
///
///     entries: 2 (v1)  3 (v2)  4 (tombstone)  6 (v1, created 6)
///
/// A read at revision 3 finds entry 3 (`version 2`); at 5 it finds the tombstone (no key); at 6 and
/// after, entry 6. Compaction at revision R drops every entry below the last one ≤ R, and that one
/// too if it is a tombstone below R (see `compact(at:)`).
///
/// A class, so the store finds a key's history with one dictionary lookup and changes it in place,
/// and the ordered index and the event log can point at it without looking the key up again.
final class KeyHistory<Value: EtcdValue> {
  struct Entry {
    var revision: EtcdRevision
    /// Main revision of the put that created this generation (0 for a tombstone).
    var createRevision: Int64
    /// 1 for the create, +1 per put since (0 for a tombstone).
    var version: Int64
    /// `nil` marks a tombstone: the key was deleted at `revision`.
    var value: Value?
    var lease: Int64

    var isTombstone: Bool { value == nil }
  }

  let key: String
  /// `EtcdKeyRange.bucket(of: key)`, worked out once.
  let bucket: Int
  private(set) var entries: [Entry]
  /// Whether the store's list of histories to visit at the next compaction holds this one.
  var awaitsCompaction = false

  init(key: String, first: Entry) {
    self.key = key
    bucket = EtcdKeyRange.bucket(of: key)
    entries = [first]
  }

  /// The latest entry if it is not a tombstone: the key as it is now.
  var live: Entry? {
    guard let last = entries.last, !last.isTombstone else { return nil }
    return last
  }

  /// The entry visible at main revision `revision`, or nil if the key did not exist then.
  func entry(at revision: Int64) -> Entry? {
    guard let i = lastIndex(atOrBefore: revision) else { return nil }
    return entries[i].isTombstone ? nil : entries[i]
  }

  func append(_ entry: Entry) {
    entries.append(entry)
  }

  /// Whether a compaction could still drop something here: more than one entry, or a tombstone.
  var isCompactable: Bool { entries.count > 1 || entries.last?.isTombstone == true }
  var isEmpty: Bool { entries.isEmpty }

  /// Drops what compaction at `revision` no longer needs: every entry older than the last one at or
  /// before `revision`, and that one too if it is a tombstone older than `revision` (a tombstone at
  /// exactly `revision` is kept until the next compaction, as etcd does). Returns how many went.
  @discardableResult
  func compact(at revision: Int64) -> Int {
    guard var keep = lastIndex(atOrBefore: revision) else { return 0 }
    if entries[keep].isTombstone && entries[keep].revision.main < revision { keep += 1 }
    entries.removeSubrange(0..<keep)
    return keep
  }

  /// Index of the entry written at exactly `revision`.
  func index(of revision: EtcdRevision) -> Int? {
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].revision < revision { low = mid + 1 } else { high = mid }
    }
    return low < entries.count && entries[low].revision == revision ? low : nil
  }

  /// Index of the newest entry with main revision ≤ `revision`.
  private func lastIndex(atOrBefore revision: Int64) -> Int? {
    // Fast path: reads at the current revision see the newest entry.
    if let last = entries.last, last.revision.main <= revision { return entries.count - 1 }
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].revision.main <= revision { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : low - 1
  }
}
