// TreeIndex: the key histories in key order, for range reads (etcd's B-tree index).

/// Every key history the store holds, sorted by key, so a range read is a seek plus a walk.
///
/// etcd keeps a B-tree of `keyIndex`es. This is the same idea, flattened: a list of sorted chunks of
/// at most `maxChunk` histories each, so an insert or a removal is a binary search plus a shift of one
/// small chunk (O(log n + chunk)), and a walk from any key is in order.
///
/// New keys wait unsorted in `pending` until the next walk or removal, which files them all at once:
/// one by one if they are few, by a sort and a merge if they are many. A burst of creates (150,000
/// pods) then costs one sort, not 150,000 ordered inserts; a walk after a few creates costs a few
/// inserts. Nothing is ever re-sorted per write.
struct TreeIndex<Value: EtcdValue> {
  typealias History = KeyHistory<Value>

  private static var maxChunk: Int { 512 }

  /// Sorted chunks; each non-empty, and every key of a chunk is below every key of the next.
  private var chunks: [[History]] = []
  /// Histories added since the last walk, not yet in `chunks`.
  private var pending: [History] = []
  /// Histories in the index, pending ones included.
  private(set) var count = 0

  /// Adds `history`; the caller guarantees its key is not present.
  mutating func insert(_ history: History) {
    pending.append(history)
    count += 1
  }

  /// Removes the history of `key` if present.
  mutating func remove(_ key: String) {
    flush()
    let c = chunkIndex(for: key)
    guard c < chunks.count else { return }
    let position = Self.lowerBound(of: key, in: chunks[c])
    guard position < chunks[c].count, chunks[c][position].key == key else { return }
    chunks[c].remove(at: position)
    count -= 1
    if chunks[c].isEmpty { chunks.remove(at: c) }
  }

  /// Calls `body` with the history of each key in `range`, in key order, until it returns false.
  mutating func forEach(in range: EtcdKeyRange, _ body: (History) -> Bool) {
    flush()
    var c = chunkIndex(for: range.key)
    guard c < chunks.count else { return }
    var i = Self.lowerBound(of: range.key, in: chunks[c])
    while c < chunks.count {
      let chunk = chunks[c]
      while i < chunk.count {
        let history = chunk[i]
        if !range.isUnbounded && history.key >= range.rangeEnd { return }
        if !body(history) { return }
        i += 1
      }
      c += 1
      i = 0
    }
  }

  /// Every key, in order.
  mutating func sortedKeys() -> [String] {
    flush()
    return chunks.joined().map { $0.key }
  }

  /// Files the pending histories into the sorted chunks.
  private mutating func flush() {
    guard !pending.isEmpty else { return }
    let filed = count - pending.count
    if pending.count * 32 < filed {
      for history in pending { file(history) }
    } else {
      pending.sort { $0.key < $1.key }
      var merged: [History] = []
      merged.reserveCapacity(count)
      var old = chunks.joined().makeIterator()
      var next = old.next()
      for history in pending {
        while let current = next, current.key < history.key {
          merged.append(current)
          next = old.next()
        }
        merged.append(history)
      }
      while let current = next {
        merged.append(current)
        next = old.next()
      }
      let size = Self.maxChunk / 2
      chunks = stride(from: 0, to: merged.count, by: size).map { Array(merged[$0..<min($0 + size, merged.count)]) }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Puts `history` into its chunk, splitting the chunk if it grows too big.
  private mutating func file(_ history: History) {
    guard !chunks.isEmpty else {
      chunks = [[history]]
      return
    }
    let c = min(chunkIndex(for: history.key), chunks.count - 1)
    let position = Self.lowerBound(of: history.key, in: chunks[c])
    chunks[c].insert(history, at: position)
    if chunks[c].count > Self.maxChunk {
      let upper = Array(chunks[c][(Self.maxChunk / 2)...])
      chunks[c].removeSubrange((Self.maxChunk / 2)...)
      chunks.insert(upper, at: c + 1)
    }
  }

  /// The first chunk whose last key is ≥ `key` (`chunks.count` if none).
  private func chunkIndex(for key: String) -> Int {
    var low = 0
    var high = chunks.count
    while low < high {
      let mid = (low + high) / 2
      if chunks[mid][chunks[mid].count - 1].key < key { low = mid + 1 } else { high = mid }
    }
    return low
  }

  private static func lowerBound(of key: String, in chunk: [History]) -> Int {
    var low = 0
    var high = chunk.count
    while low < high {
      let mid = (low + high) / 2
      if chunk[mid].key < key { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
