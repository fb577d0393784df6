// ControllerManager: kube-controller-manager — shared informers and every controller's work
// queue, run once per tick in the `reconcile` phase.

/// kube-controller-manager: runs every controller's reconcile loop against the apiserver.
///
/// `start()` creates one informer per resource (shared by all controllers) and lists + watches
/// through the API client; `reconcile()` runs each controller's timers and queued syncs; `stop()`
/// drops everything, and a new ControllerManager rebuilds it all from list + watch.
public final class ControllerManager {
  let client: APIClient
  let context: SimContext
  private(set) var informers: SharedInformers? = nil
  private(set) var controllers: [any Controller] = []

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  /// Starts the informers and the controllers (upstream's default set, in a fixed order).
  public func start() {
    guard informers == nil else { return }
    let informers = SharedInformers(client: client)
    self.informers = informers
    controllers = [
      ServiceAccountsController(client: client, context: context, informers: informers),
      RootCACertPublisher(client: client, context: context, informers: informers),
      NamespaceController(client: client, context: context, informers: informers),
      GarbageCollector(client: client, context: context, informers: informers),
      NodeLifecycleController(client: client, context: context, informers: informers),
      TaintEvictionController(client: client, context: context, informers: informers),
      DeploymentController(client: client, context: context, informers: informers),
      ReplicaSetController(client: client, context: context, informers: informers),
      DaemonSetController(client: client, context: context, informers: informers),
      JobController(client: client, context: context, informers: informers),
      TTLAfterFinishedController(client: client, context: context, informers: informers),
      EndpointsController(client: client, context: context, informers: informers),
      EndpointSliceController(client: client, context: context, informers: informers),
      PodGCController(client: client, context: context, informers: informers),
    ]
    informers.start()
  }

  /// The `reconcile` phase: for each controller, its timers, then every key queued so far.
  public func reconcile() {
    guard let informers, informers.synced else { return }
    let now = context.now
    for c in controllers {
      c.tick(now: now)
      c.queue.promote(now: now)
      var n = c.queue.count
      while n > 0, let key = c.queue.get() {
        n -= 1
        switch c.sync(key) {
        case .done:
          c.queue.forget(key)
        case .retry:
          c.queue.addRateLimited(key, now: now)
        case .after(let seconds):
          c.queue.forget(key)
          c.queue.add(key, after: seconds, now: now)
        }
        c.queue.done(key)
      }
    }
  }

  /// Stops the process: informers and watches closed, every in-memory state dropped.
  public func stop() {
    informers?.stop()
    informers = nil
    controllers = []
    client.closeWatches()
  }

  /// The controller called `name` (upstream's name, `deployment-controller`), for inspection.
  func controller(named name: String) -> (any Controller)? { controllers.first { $0.name == name } }
}
