// TTLAfterFinishedController: deletes finished Jobs ttlSecondsAfterFinished after they finished
// (pkg/controller/ttlafterfinished).

/// The TTL-after-finished controller.
///
/// `sync(namespace/name)`: a finished Job with `ttlSecondsAfterFinished` whose time is up is
/// deleted with Foreground propagation (its pods go first); otherwise it is looked at again when
/// the time will be up.
final class TTLAfterFinishedController: Controller {
  let name = "ttl-after-finished-controller"
  let queue = WorkQueue()

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    informers.jobs.onAdd.append { [unowned self] job in if Self.needsCleanup(job) { queue.add(job.key) } }
    informers.jobs.onUpdate.append { [unowned self] _, job in if Self.needsCleanup(job) { queue.add(job.key) } }
  }

  static func needsCleanup(_ job: Job) -> Bool {
    job.spec.ttlSecondsAfterFinished != nil && job.isFinished && job.metadata.deletionTimestamp == nil
  }

  /// When the Job finished: the lastTransitionTime of its Complete or Failed condition.
  static func finishTime(_ job: Job) -> Time? {
    job.status.conditions.first {
      ($0.type == JobConditionType.complete || $0.type == JobConditionType.failed) && $0.status == ConditionStatus.true
    }?.lastTransitionTime
  }

  func sync(_ key: String) -> SyncResult {
    guard let job = informers.jobs.get(key), Self.needsCleanup(job), let ttl = job.spec.ttlSecondsAfterFinished,
      let finished = Self.finishTime(job)
    else { return .done }
    let left = context.now.seconds(until: finished.adding(seconds: Int64(ttl)))
    if left > 0 { return .after(left) }
    // Simulation: upstream re-reads the Job with a GET and deletes with a uid precondition.
    client.delete(Job.resource, namespace: job.metadata.namespace, name: job.metadata.name, propagation: .foreground)
    return .done
  }
}
