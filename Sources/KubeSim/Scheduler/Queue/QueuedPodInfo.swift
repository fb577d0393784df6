// QueuedPodInfo: a pod waiting in the scheduling queue, with its attempts and back-off clock
// (upstream framework.QueuedPodInfo).

extension Framework {
  /// A pod in the queue. `timestamp` is when it was added or last failed (seconds since the
  /// cluster started); `order` breaks ties between pods stamped in the same second, in the
  /// order they were stamped.
  final class QueuedPodInfo {
    var podInfo: PodInfo
    var timestamp: Int64
    var order: Int
    /// Scheduling attempts so far (incremented by each pop).
    var attempts = 0
    /// When the pod was first popped.
    var initialAttemptTimestamp: Int64? = nil
    /// The plugins that rejected the pod in its last attempt.
    var unschedulablePlugins: Set<String> = []
    /// Kept out of the activeQ by a PreEnqueue plugin (scheduling gates).
    var gated = false

    init(_ podInfo: PodInfo, timestamp: Int64, order: Int) {
      self.podInfo = podInfo
      self.timestamp = timestamp
      self.order = order
    }

    var key: String { podInfo.key }
    var pod: Pod { podInfo.pod }
  }
}
