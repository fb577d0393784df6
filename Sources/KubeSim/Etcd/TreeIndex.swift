// TreeIndex: the ordered set of keys that range reads and compaction walk (etcd's B-tree index).

/// Every key the store still has history for, kept sorted so a range read is a seek plus a walk.
///
/// etcd keeps a B-tree of `keyIndex`es. This is the same idea, flattened: a list of sorted chunks of
/// at most `maxChunk` keys each, so an insert or a removal is a binary search plus a shift of one
/// small chunk (O(log n + chunk)), and a walk from any key is in order. The histories themselves live
/// in the store's dictionary; this only orders the keys.
///
/// New keys wait unsorted in `pending` until the next walk or removal, which files them all at once:
/// one by one if they are few, by a sort and a merge if they are many. A burst of creates (150,000
/// pods) then costs one sort, not 150,000 ordered inserts; a walk after a few creates costs a few
/// inserts. Nothing is ever re-sorted per write.
struct TreeIndex {
  private static var maxChunk: Int { 512 }

  /// Sorted chunks; each non-empty, and every key of a chunk is below every key of the next.
  private var chunks: [[String]] = []
  /// Keys added since the last walk, not yet in `chunks`.
  private var pending: [String] = []
  /// Keys in the index, pending ones included.
  private(set) var count = 0

  /// Adds `key`; the caller guarantees it is not present.
  mutating func insert(_ key: String) {
    pending.append(key)
    count += 1
  }

  /// Files the pending keys into the sorted chunks.
  private mutating func flush() {
    guard !pending.isEmpty else { return }
    let filed = count - pending.count
    if pending.count * 32 < filed {
      for key in pending { file(key) }
    } else {
      pending.sort()
      var merged: [String] = []
      merged.reserveCapacity(count)
      var old = chunks.joined().makeIterator()
      var next = old.next()
      for key in pending {
        while let current = next, current < key {
          merged.append(current)
          next = old.next()
        }
        merged.append(key)
      }
      while let current = next {
        merged.append(current)
        next = old.next()
      }
      chunks = stride(from: 0, to: merged.count, by: Self.maxChunk / 2).map {
        Array(merged[$0..<min($0 + Self.maxChunk / 2, merged.count)])
      }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Puts `key` into its chunk.
  private mutating func file(_ key: String) {
    guard !chunks.isEmpty else {
      chunks = [[key]]
      return
    }
    let c = min(chunkIndex(for: key), chunks.count - 1)
    let position = Self.lowerBound(of: key, in: chunks[c])
    chunks[c].insert(key, at: position)
    if chunks[c].count > Self.maxChunk {
      let upper = Array(chunks[c][(Self.maxChunk / 2)...])
      chunks[c].removeSubrange((Self.maxChunk / 2)...)
      chunks.insert(upper, at: c + 1)
    }
  }

  /// Removes `key` if present.
  mutating func remove(_ key: String) {
    flush()
    let c = chunkIndex(for: key)
    guard c < chunks.count else { return }
    let position = Self.lowerBound(of: key, in: chunks[c])
    guard position < chunks[c].count, chunks[c][position] == key else { return }
    chunks[c].remove(at: position)
    count -= 1
    if chunks[c].isEmpty { chunks.remove(at: c) }
  }

  /// Calls `body` with each key in `range`, in order, until it returns false.
  mutating func forEach(in range: EtcdKeyRange, _ body: (String) -> Bool) {
    flush()
    var c = chunkIndex(for: range.key)
    guard c < chunks.count else { return }
    var i = Self.lowerBound(of: range.key, in: chunks[c])
    while c < chunks.count {
      let chunk = chunks[c]
      while i < chunk.count {
        let key = chunk[i]
        if !range.isUnbounded && key >= range.rangeEnd { return }
        if !body(key) { return }
        i += 1
      }
      c += 1
      i = 0
    }
  }

  /// Every key, in order.
  mutating func sortedKeys() -> [String] {
    flush()
    return Array(chunks.joined())
  }

  /// The first chunk whose last key is ≥ `key` (`chunks.count` if none).
  private func chunkIndex(for key: String) -> Int {
    var low = 0
    var high = chunks.count
    while low < high {
      let mid = (low + high) / 2
      if chunks[mid][chunks[mid].count - 1] < key { low = mid + 1 } else { high = mid }
    }
    return low
  }

  private static func lowerBound(of key: String, in chunk: [String]) -> Int {
    var low = 0
    var high = chunk.count
    while low < high {
      let mid = (low + high) / 2
      if chunk[mid] < key { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
