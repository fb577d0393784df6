// Scheduler: kube-scheduler — informers for pods and nodes, the scheduling queue, the cache, and
// the default profile's plugins (upstream pkg/scheduler/scheduler.go).
import Collections

/// kube-scheduler: watches pods and nodes through the apiserver and binds pending pods.
///
/// Each `schedule` phase:
///   1. moves pods whose back-off ended to the activeQ (and, every 30 s, pods unschedulable for
///      more than five minutes);
///   2. pops every pod in the activeQ, in queue order, and runs one scheduling cycle for each
///      (`scheduleOne`): filter, score, assume, bind.
/// Informer events (in `dispatch`) keep the cache and the queue up to date.
public final class Scheduler {
  let client: APIClient
  let context: SimContext
  let recorder: EventRecorder
  let cache = SchedulerCache()
  let nominator = Nominator()
  let framework: Framework.Runtime
  let queue: SchedulingQueue
  /// Upstream `nextStartNodeIndex`: where the next pod's search starts in the node list.
  var nextStartNodeIndex = 0
  private(set) var podInformer: Informer<Pod>?
  private(set) var nodeInformer: Informer<Node>?
  private(set) var running = false

  /// The scheduler's name, its profile and its events' source.
  public static let defaultSchedulerName = "default-scheduler"

  /// How many pods' last decisions `decision(namespace:name:)` keeps.
  public var decisionCapacity = 1_000
  private var decisions: [String: (seq: Int, record: DecisionRecord)] = [:]
  private var decisionOrder: Deque<(seq: Int, key: String)> = []
  private var decisionSeq = 0

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
    recorder = EventRecorder(client: client, context: context, component: Scheduler.defaultSchedulerName)
    let fw = Framework.Runtime(profileName: Scheduler.defaultSchedulerName, queueSort: Plugins.PrioritySort())
    // Upstream's default MultiPoint order; DefaultPreemption needs the scheduler and joins below.
    // Simulation: the volume plugins, PodTopologySpread and InterPodAffinity are not modelled.
    fw.register(Plugins.SchedulingGates())
    fw.register(Plugins.NodeUnschedulable())
    fw.register(Plugins.NodeName())
    fw.register(Plugins.TaintToleration(), weight: 3)
    fw.register(Plugins.NodeAffinity(), weight: 2)
    fw.register(Plugins.NodePorts())
    fw.register(Plugins.NodeResourcesFit(), weight: 1)
    fw.register(Plugins.NodeResourcesBalancedAllocation(), weight: 1)
    fw.register(Plugins.ImageLocality(cache: cache), weight: 1)
    fw.register(Plugins.DefaultBinder(client: client))
    framework = fw
    queue = SchedulingQueue(framework: fw, nominator: nominator, now: { [context] in context.clock.seconds })
    fw.register(Plugins.DefaultPreemption(handle: self))
  }

  /// Starts the informers (list + watch of pods and nodes).
  public func start() {
    guard !running else { return }
    running = true
    // Upstream's pod informer leaves out finished pods: they hold no resources.
    let pods = Informer<Pod>(
      client: client,
      fieldSelector: "status.phase!=\(PodPhase.succeeded),status.phase!=\(PodPhase.failed)")
    let nodes = Informer<Node>(client: client)
    podInformer = pods
    nodeInformer = nodes
    addAllEventHandlers(pods: pods, nodes: nodes)
    nodes.start()
    pods.start()
  }

  /// The `schedule` phase.
  public func scheduleCycle() {
    guard running, podInformer?.hasSynced == true, nodeInformer?.hasSynced == true else { return }
    // 1. The queue's periodic flushes (upstream: goroutines every 1 s and 30 s).
    queue.flushBackoffQCompleted()
    queue.flushUnschedulablePodsLeftover()
    // 2. One scheduling cycle per ready pod, in queue order.
    while let qp = queue.pop() { scheduleOne(qp) }
  }

  /// Stops (the scheduler process is killed); a new Scheduler's `start` rebuilds from list + watch.
  public func stop() {
    running = false
    podInformer?.stop()
    nodeInformer?.stop()
    podInformer = nil
    nodeInformer = nil
  }

  // MARK: - Decisions

  /// The last scheduling decision for the pod, if this scheduler made one and still keeps it.
  public func decision(namespace: String, name: String) -> SchedulingDecision? {
    decisions["\(namespace)/\(name)"]?.record.decision()
  }

  func record(_ r: DecisionRecord) {
    let key = "\(r.namespace)/\(r.pod)"
    decisionSeq += 1
    decisions[key] = (decisionSeq, r)
    decisionOrder.append((decisionSeq, key))
    while decisions.count > decisionCapacity, let oldest = decisionOrder.popFirst() {
      if decisions[oldest.key]?.seq == oldest.seq { decisions[oldest.key] = nil }
    }
    // Entries superseded by a newer decision of the same pod are dropped lazily.
    if decisionOrder.count > 4 * max(decisionCapacity, 1) {
      decisionOrder = Deque(decisionOrder.filter { decisions[$0.key]?.seq == $0.seq })
    }
  }

  func updateRecord(_ key: String, _ change: (inout DecisionRecord) -> Void) {
    guard var entry = decisions[key] else { return }
    change(&entry.record)
    decisions[key] = entry
  }

  // MARK: - Looking inside (tests, `explain`)

  /// Pods waiting in the activeQ, the backoffQ and among the unschedulable pods.
  public var pendingPods: (active: Int, backoff: Int, unschedulable: Int) {
    (queue.activeCount, queue.backoffCount, queue.unschedulableCount)
  }

  /// Which internal queue holds the pod (`activeQ`, `backoffQ`, `unschedulablePods`), if any.
  public func queueLocation(namespace: String, name: String) -> String? {
    queue.location(of: "\(namespace)/\(name)")
  }
}

extension Scheduler: Framework.Handle {}
