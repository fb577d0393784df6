// Controller: what every controller of kube-controller-manager has in common — a name, a work
// queue of keys, and a level-based `sync(key)` (client-go's worker loop).

/// What one `sync(key)` asks of the work queue afterwards.
enum SyncResult: Equatable {
  /// Done: forget the key's failures.
  case done
  /// Failed: retry later with per-key exponential back-off (`AddRateLimited`).
  case retry
  /// Look again after this many seconds (`AddAfter`), e.g. for minReadySeconds or a deadline.
  case after(Int64)
}

/// A controller run by the ControllerManager in the `reconcile` phase.
///
/// Each reconcile the manager:
///   1. calls `tick(now:)` for the controller's own timers (node monitoring, periodic GC);
///   2. moves due delayed keys into the queue;
///   3. pops every key that was queued at that moment and calls `sync(key)` once for it.
/// Keys added while syncing wait for the next reconcile, so one controller syncs a key at most
/// once per tick — as a worker would between two informer updates.
protocol Controller: AnyObject {
  /// Upstream's controller name (`replicaset-controller`).
  var name: String { get }
  var queue: WorkQueue { get }
  /// Compares desired and observed state for `key` and sends the corrections.
  func sync(_ key: String) -> SyncResult
  /// Periodic work that is not driven by events.
  func tick(now: Time)
}

extension Controller {
  func tick(now: Time) {}
}

/// `namespace/name` → (namespace, name); a key without a slash is a cluster-scoped name.
func splitKey(_ key: String) -> (namespace: String, name: String) {
  guard let slash = key.firstIndex(of: "/") else { return ("", key) }
  return (String(key[..<slash]), String(key[key.index(after: slash)...]))
}
