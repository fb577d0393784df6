// Kubelet: the node agent. It registers its Node and renews its Lease, watches the pods bound to
// its node, drives the container runtime over CRI to run them, probes them and reports their status.
import Collections

/// The kubelet of one node: the only part of the node that talks to the apiserver.
///
/// One tick of a kubelet:
///   report — 1. register the Node (once); 2. renew the Lease every 10 s; 3. compute node status every
///            10 s and post it when it changed or every 5 min; 4. patch the status of pods that changed,
///            and delete (grace 0) pods whose containers have all stopped after a deletion.
///   run    — 1. take the runtime's container events (exits); 2. start the next queued image pull;
///            3. wake pods whose timers are due (probes, back-offs, grace periods); 4. sync every pod
///            that changed, in key order (pod workers).
public final class Kubelet {
  public let config: NodeConfig
  let client: APIClient
  let runtime: ContainerRuntime
  let context: SimContext
  /// The kubelet's CRI connection to its runtime (every call is a message).
  public let cri: CRIClient
  let recorder: EventRecorder
  public private(set) var running = false
  /// Bumped on every start/stop so callbacks of an old process are ignored.
  var generation = 0

  // Informers: only its own pods, only its own Node, and services for the pods' environment.
  var pods: Informer<Pod>? = nil
  var nodes: Informer<Node>? = nil
  var services: Informer<Service>? = nil

  // Node registration and status.
  var registered = false
  var registering = false
  var nextRegistration: Int64 = 0
  var nodeUID = ""
  var lastStatusCompute: Int64 = Int64.min / 2
  var lastStatusReport: Int64 = Int64.min / 2
  var reportedNodeStatus: NodeStatus? = nil
  var nodeStatusInFlight = false
  var readySince: Time? = nil
  let machineID: String
  let systemUUID: String
  let bootID: String
  var nodeEventsSent = false

  // The node Lease.
  var lease: Lease? = nil
  var leaseRenewedAt: Int64 = Int64.min / 2
  var leaseInFlight = false

  // Pods.
  var workers: [String: PodWorker] = [:]
  /// `namespace/name` (of API pods and mirror pods) → worker uid.
  var workerByKey: [String: String] = [:]
  /// Workers to sync in the next run phase.
  var dirty: Set<String> = []
  private var timers: [Int64: Set<String>] = [:]
  private var timerHeap = Heap<Int64>()
  var crashBackoff = Backoff(initial: 10, max: 300)
  var imageBackoff = Backoff(initial: 10, max: 300)
  var pullQueue: Deque<PullRequest> = []
  var pullInFlight = false
  /// What a relist of the runtime found at start, by pod UID, until the pod is seen again.
  var adoptable: [String: AdoptedSandbox] = [:]
  /// Config maps and secrets fetched (GET) for pods' environment and volumes, by `kind/namespace/name`.
  var fetched: [String: (object: (any KubeObject)?, fetchedAt: Int64)] = [:]
  var fetchesInFlight: [String: Set<String>] = [:]
  /// A pull finished since the node's image list was last read.
  var imagesChanged = true
  var nodeImages: [ContainerImage] = []
  /// Workers whose status changed since the last report.
  var statusQueue: Set<String> = []

  struct PullRequest {
    var uid: String
    var container: String
    var image: String
    var requestedAt: Int64
  }

  struct AdoptedSandbox {
    var sandbox: CRI.PodSandbox
    var containers: [CRI.Container]
  }

  /// The node's IP (its InternalIP).
  public var nodeIP: String { config.internalIP }

  public init(config: NodeConfig, client: APIClient, runtime: ContainerRuntime, context: SimContext) {
    self.config = config
    self.client = client
    self.runtime = runtime
    self.context = context
    cri = CRIClient(runtime: runtime, context: context)
    recorder = EventRecorder(client: client, context: context, component: "kubelet", host: config.name)
    machineID = context.rng.hex(32)
    systemUUID = context.rng.uuid()
    bootID = context.rng.uuid()
    if config.role == .controlPlane {
      runtime.preload(Self.staticImages + [KubeadmAddons.corednsImage])
    }
  }

  public var nodeName: String { config.name }

  // MARK: - Lifecycle

  /// Starts the kubelet process: relists the runtime, starts its informers and static pods.
  public func start() {
    guard !running else { return }
    running = true
    generation += 1
    cri.subscribeEvents(true)
    cri.updateRuntimeConfig(CRI.RuntimeConfig(podCIDR: config.podCIDR, nodeIP: config.internalIP))
    relistRuntime()
    startInformers()
    loadStaticPods()
    nodeEventsSent = false
  }

  /// Stops reporting and syncing. Containers keep running in the runtime, as upstream.
  public func stop() {
    guard running else { return }
    running = false
    generation += 1
    pods?.stop()
    nodes?.stop()
    services?.stop()
    pods = nil
    nodes = nil
    services = nil
    cri.subscribeEvents(false)
    // The process is gone: everything it held in memory is forgotten.
    workers.removeAll()
    workerByKey.removeAll()
    dirty.removeAll()
    timers.removeAll()
    timerHeap = Heap()
    pullQueue.removeAll()
    pullInFlight = false
    crashBackoff = Backoff(initial: 10, max: 300)
    imageBackoff = Backoff(initial: 10, max: 300)
    adoptable.removeAll()
    fetched.removeAll()
    fetchesInFlight.removeAll()
    statusQueue.removeAll()
    registered = false
    registering = false
    nextRegistration = 0
    lease = nil
    leaseInFlight = false
    leaseRenewedAt = Int64.min / 2
    reportedNodeStatus = nil
    nodeStatusInFlight = false
    lastStatusCompute = Int64.min / 2
    lastStatusReport = Int64.min / 2
  }

  /// Whether the node can reach the apiserver (and be reached by it).
  public func setConnected(_ connected: Bool) {
    guard client.connected != connected else { return }
    client.connected = connected
    guard running else { return }
    if connected {
      // The watches broke while the node was away: list again (deletions show up in the relist).
      pods?.start()
      nodes?.start()
      services?.start()
    } else {
      client.closeWatches()
    }
  }

  private func startInformers() {
    let p = Informer<Pod>(client: client, fieldSelector: "spec.nodeName=\(nodeName)")
    let gen = generation
    p.onAdd.append { [weak self] pod in self?.podChanged(pod, gen) }
    p.onUpdate.append { [weak self] _, pod in self?.podChanged(pod, gen) }
    p.onDelete.append { [weak self] pod in self?.podDeleted(pod, gen) }
    pods = p
    let n = Informer<Node>(client: client, fieldSelector: "metadata.name=\(nodeName)")
    n.onAdd.append { [weak self] node in self?.nodeChanged(node, gen) }
    n.onUpdate.append { [weak self] _, node in self?.nodeChanged(node, gen) }
    nodes = n
    services = Informer<Service>(client: client)
    p.start()
    n.start()
    services?.start()
  }

  private func nodeChanged(_ node: Node, _ gen: Int) {
    guard gen == generation else { return }
    nodeUID = node.metadata.uid
    registered = true
  }

  // MARK: - Timers

  /// Syncs the worker again at simulated second `t`.
  func wake(_ uid: String, at t: Int64) {
    let now = context.clock.seconds
    if t <= now {
      dirty.insert(uid)
      return
    }
    if timers[t] == nil { timerHeap.insert(t) }
    timers[t, default: []].insert(uid)
  }

  private func popDueTimers() {
    let now = context.clock.seconds
    while let t = timerHeap.min, t <= now {
      _ = timerHeap.removeMin()
      if let uids = timers.removeValue(forKey: t) { dirty.formUnion(uids.filter { workers[$0] != nil }) }
    }
  }

  // MARK: - The report phase

  /// The `report` phase: register, renew the lease, post node and pod status.
  public func report() {
    guard running, client.connected else { return }
    let now = context.clock.seconds
    if !registered {
      registerNode(now)
      return
    }
    renewLeaseIfDue(now)
    updateNodeStatusIfDue(now)
    reportPodStatuses()
  }

  // MARK: - The run phase

  /// The `run` phase: drive the runtime for the pods bound here.
  public func run() {
    guard running else { return }
    handleContainerEvents()
    dispatchPull()
    popDueTimers()
    cleanupOrphans()
    var rounds = 0
    while !dirty.isEmpty && rounds < 3 {
      rounds += 1
      let batch = dirty.sorted()
      dirty.removeAll()
      for uid in batch {
        guard let w = workers[uid] else { continue }
        sync(w)
      }
      // Containers that exited the moment they started: record it now, act on it next tick.
      handleContainerEvents(deferring: true)
    }
  }

  /// Applies the runtime's container events to the records.
  // Simulation: upstream's default PLEG relists the runtime every second (ListPodSandbox,
  // ListContainers); here the kubelet uses the Evented PLEG's GetContainerEvents stream, so a learner
  // sees one message per exit instead of two relists a second per node.
  func handleContainerEvents(deferring: Bool = false) {
    let events = cri.containerEvents()
    guard !events.isEmpty else { return }
    for e in events {
      let uid = e.status.labels["io.kubernetes.pod.uid"] ?? ""
      guard let w = workers[uid], let r = w.record(e.status.metadata.name), r.id == e.containerId else { continue }
      apply(e.status, to: r)
      w.statusDirty = true
      if deferring { wake(uid, at: context.clock.seconds + 1) } else { dirty.insert(uid) }
    }
  }

  /// Copies a runtime status into a record.
  func apply(_ s: CRI.ContainerStatus, to r: ContainerRecord) {
    r.state = s.state
    r.startedAt = s.startedAt
    r.finishedAt = s.finishedAt
    r.exitCode = s.exitCode
    r.reason = s.reason
    r.message = s.message
    if s.state == .exited {
      r.ready = false
      r.stopping = false
    }
  }
}
