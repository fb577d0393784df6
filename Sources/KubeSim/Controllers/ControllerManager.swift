// ControllerManager: kube-controller-manager. SKELETON — the controllers fill this in.

/// kube-controller-manager: runs every controller's reconcile loop against the apiserver.
public final class ControllerManager {
  let client: APIClient
  let context: SimContext

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  public func start() {}
  /// The `reconcile` phase.
  public func reconcile() {}
  public func stop() {}
}
