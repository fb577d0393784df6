// ControllerExpectations: how a controller remembers the creates and deletes it has sent but not
// yet seen through its informers, so it does not act twice on a stale cache (controller_utils.go).

/// Upstream's `ControllerExpectations` / `UIDTrackingControllerExpectations`.
///
/// Before sending N pod creates the controller calls `expectCreations(key, N)`; each pod ADDED
/// event it sees calls `creationObserved`; a create that fails does too. Until the count reaches
/// zero (or five minutes pass: `ExpectationsTimeout`) `satisfied(key)` is false and the
/// controller does not manage replicas for `key`. Deletions are tracked by pod key, observed
/// when the pod disappears or gets a deletionTimestamp.
final class ControllerExpectations {
  /// Upstream's `ExpectationsTimeout`.
  static let timeout: Int64 = 5 * 60

  private struct Expectation {
    var add: Int
    var del: Int
    var timestamp: Time
  }
  private var expectations: [String: Expectation] = [:]
  private var deleteKeys: [String: Set<String>] = [:]
  private let now: () -> Time

  init(now: @escaping () -> Time) { self.now = now }

  /// True when nothing is in flight for `key` (or the expectations expired, or were never set).
  func satisfied(_ key: String) -> Bool {
    guard let e = expectations[key] else { return true }
    if e.add <= 0 && e.del <= 0 { return true }
    return e.timestamp.seconds(until: now()) > Self.timeout
  }

  func expectCreations(_ key: String, _ n: Int) {
    expectations[key] = Expectation(add: n, del: 0, timestamp: now())
  }

  /// Expects the deletion of these pods (by `namespace/name`).
  func expectDeletions(_ key: String, _ podKeys: [String]) {
    deleteKeys[key] = Set(podKeys)
    expectations[key] = Expectation(add: 0, del: podKeys.count, timestamp: now())
  }

  func creationObserved(_ key: String) {
    expectations[key]?.add -= 1
  }

  func deletionObserved(_ key: String, podKey: String) {
    guard deleteKeys[key]?.remove(podKey) != nil else { return }
    expectations[key]?.del -= 1
  }

  /// Forgets `key` (the controller was deleted).
  func delete(_ key: String) {
    expectations[key] = nil
    deleteKeys[key] = nil
  }
}
