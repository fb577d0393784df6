// Scheduler: kube-scheduler. SKELETON — the scheduling queue, framework and plugins fill this in.

/// kube-scheduler: watches pods and nodes through the apiserver and binds pending pods.
public final class Scheduler {
  let client: APIClient
  let context: SimContext

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  /// Starts the informers (list + watch of pods and nodes).
  public func start() {}
  /// The `schedule` phase.
  public func scheduleCycle() {}
  /// Stops (the scheduler process is killed); `start` rebuilds from list + watch.
  public func stop() {}
}
