// WorkQueue: client-go's rate-limited, delaying work queue — a deduplicating FIFO of keys on the
// simulated clock.
import Collections

/// A FIFO of object keys, as client-go's `workqueue` behaves:
/// - a key queued twice before it is processed is processed once (`dirty` set);
/// - a key added while it is being processed is queued again when `done` is called;
/// - `add(after:)` holds a key until the simulated clock reaches its time;
/// - `addRateLimited` waits longer after each failure of the same key until `forget`.
/// Order is the order of `add`, so the simulation stays deterministic.
final class WorkQueue {
  private var queue: Deque<String> = []
  private var dirty: Set<String> = []
  private var processing: Set<String> = []
  /// Keys waiting for a time, ordered by (due, sequence).
  private var waiting: [(due: Int64, seq: Int, key: String)] = []
  private var waitingSeq = 0
  private var failures: [String: Int] = [:]

  /// Keys ready to process.
  var count: Int { queue.count }
  var isEmpty: Bool { queue.isEmpty }

  func add(_ key: String) {
    guard !dirty.contains(key) else { return }
    dirty.insert(key)
    if !processing.contains(key) { queue.append(key) }
  }

  /// `AddAfter`: add `key` once `seconds` have passed on the simulated clock.
  func add(_ key: String, after seconds: Int64, now: Time) {
    guard seconds > 0 else { return add(key) }
    let due = now.microseconds + seconds * 1_000_000
    // Keep the earliest time if the key already waits (as the delaying queue does).
    if let i = waiting.firstIndex(where: { $0.key == key }) {
      if waiting[i].due <= due { return }
      waiting.remove(at: i)
    }
    waitingSeq += 1
    let entry = (due: due, seq: waitingSeq, key: key)
    let at = waiting.firstIndex { ($0.due, $0.seq) > (due, waitingSeq) } ?? waiting.count
    waiting.insert(entry, at: at)
  }

  /// `AddRateLimited`: client-go's default per-key back-off (5 ms doubling, at most 1000 s),
  /// rounded up to whole seconds of the simulated clock.
  func addRateLimited(_ key: String, now: Time) {
    let n = failures[key, default: 0]
    failures[key] = n + 1
    let millis = 5 * (1 << min(n, 20))
    let seconds = Int64(min(1000, max(1, (millis + 999) / 1000)))
    add(key, after: seconds, now: now)
  }

  /// Stops tracking the key's failures (after a successful sync).
  func forget(_ key: String) { failures[key] = nil }

  /// Moves every waiting key whose time has come into the queue.
  func promote(now: Time) {
    while let first = waiting.first, first.due <= now.microseconds {
      waiting.removeFirst()
      add(first.key)
    }
  }

  /// Takes the next key; call `done` when finished with it.
  func get() -> String? {
    guard let key = queue.popFirst() else { return nil }
    dirty.remove(key)
    processing.insert(key)
    return key
  }

  func done(_ key: String) {
    processing.remove(key)
    if dirty.contains(key) { queue.append(key) }
  }

  /// Whether `key` waits for a time (tests and introspection).
  func isWaiting(_ key: String) -> Bool { waiting.contains { $0.key == key } }
}
