// Dashboard: the dashboard addon — a component with its own connection to the apiserver (as the
// kubernetes-dashboard service account) that LISTs what it shows and summarizes it.

/// The dashboard.
///
/// Like the real Dashboard, it polls: `refresh()` sends its LISTs (nodes, pods, deployments,
/// replicasets, daemonsets, jobs, events) through its client; they wait in the apiserver's queue
/// and are answered in the next `store` phase, where the last answer recomputes `summary`. So the
/// `dashboard → apiserver` edge carries every read it makes, and it never reaches into etcd or
/// another component. Messages per edge come from the simulation's own message log.
/// Simulation: the real Dashboard's backend lists with the logged-in user's token; here it uses
/// its service account, which may read everything.
public final class Dashboard {
  let client: APIClient
  let context: SimContext
  /// How many events the summary keeps (the most recent).
  public var eventLimit = 10

  /// The last summary computed (nil until the first refresh is answered).
  public private(set) var summary: DashboardSummary?
  /// True while LISTs are waiting for their answers.
  public private(set) var refreshing = false
  private var generation = 0
  private var pending: [String: [any KubeObject]] = [:]
  private var callbacks: [(DashboardSummary?) -> Void] = []

  static let resources: [ResourceType] = [
    Node.resource, Pod.resource, Deployment.resource, ReplicaSet.resource, DaemonSet.resource, Job.resource,
    Event.resource,
  ]

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  /// Sends the LISTs; `then` runs when `summary` has been recomputed (or with nil if a LIST failed).
  public func refresh(then: ((DashboardSummary?) -> Void)? = nil) {
    if let then { callbacks.append(then) }
    guard !refreshing else { return }
    refreshing = true
    generation += 1
    let gen = generation
    pending = [:]
    for resource in Self.resources {
      client.send(APIRequest(.list, resource)) { [weak self] result in
        guard let self, gen == self.generation else { return }
        switch result {
        case .success(.list(let list)):
          self.pending[resource.plural] = list.items
          if self.pending.count == Self.resources.count { self.finish() }
        default:
          self.refreshing = false
          self.generation += 1
          let waiting = self.callbacks
          self.callbacks = []
          for c in waiting { c(nil) }
        }
      }
    }
  }

  /// Loads the page now, as when the learner opens it: the dashboard's LISTs are answered at once
  /// (the learner is waiting, as for kubectl), then summarized.
  @discardableResult
  public func load() -> DashboardSummary? {
    pending = [:]
    for resource in Self.resources {
      guard case .success(.list(let list)) = client.perform(APIRequest(.list, resource)) else { return nil }
      pending[resource.plural] = list.items
    }
    finish()
    return summary
  }

  private func finish() {
    func items<T: KubeObject>(_ r: ResourceType, _: T.Type) -> [T] { (pending[r.plural] ?? []).compactMap { $0 as? T } }
    let s = Self.summarize(
      nodes: items(Node.resource, Node.self), pods: items(Pod.resource, Pod.self),
      deployments: items(Deployment.resource, Deployment.self),
      replicaSets: items(ReplicaSet.resource, ReplicaSet.self),
      daemonSets: items(DaemonSet.resource, DaemonSet.self), jobs: items(Job.resource, Job.self),
      events: items(Event.resource, Event.self),
      edges: context.log.edges.map { ($0.edge.from.description, $0.edge.to.description, $0.count) },
      tick: context.clock.tick, now: context.now, eventLimit: eventLimit)
    summary = s
    refreshing = false
    pending = [:]
    let waiting = callbacks
    callbacks = []
    for c in waiting { c(s) }
  }

  // MARK: - Summarizing

  /// The summary of the given objects (pure: tests and other front ends can call it directly).
  public static func summarize(
    nodes: [Node], pods: [Pod], deployments: [Deployment], replicaSets: [ReplicaSet], daemonSets: [DaemonSet],
    jobs: [Job], events: [Event], edges: [(from: String, to: String, count: Int)], tick: Int, now: Time,
    eventLimit: Int = 10
  ) -> DashboardSummary {
    // 1. Nodes: requests of their non-terminated pods against allocatable.
    var podsByNode: [String: [Pod]] = [:]
    for p in pods where !p.spec.nodeName.isEmpty && !p.isTerminal { podsByNode[p.spec.nodeName, default: []].append(p) }
    let nodeLines = nodes.sorted { naturalLess($0.metadata.name, $1.metadata.name) }.map { node in
      let onNode = podsByNode[node.metadata.name] ?? []
      let requests = ResourceList.sum(onNode.map { $0.requests() })
      let alloc = node.status.allocatable
      let roles = (node.metadata.labels ?? [:]).keys.filter { $0.hasPrefix("node-role.kubernetes.io/") }.map {
        String($0.dropFirst("node-role.kubernetes.io/".count))
      }.sorted()
      return DashboardSummary.NodeAllocation(
        name: node.metadata.name, ready: node.isReady, unschedulable: node.isUnschedulable, roles: roles,
        cpuRequestsMilli: requests.milliCPU, cpuAllocatableMilli: alloc.milliCPU,
        cpuPercent: percent(requests.milliCPU, alloc.milliCPU), memoryRequestsBytes: requests.memoryBytes,
        memoryAllocatableBytes: alloc.memoryBytes, memoryPercent: percent(requests.memoryBytes, alloc.memoryBytes),
        pods: onNode.count, podCapacity: Int(alloc.pods?.value ?? 0))
    }
    // 2. Pods by phase, in lifecycle order.
    var phases: [String: Int] = [:]
    for p in pods { phases[p.status.phase.isEmpty ? PodPhase.pending : p.status.phase, default: 0] += 1 }
    let order = [PodPhase.pending, PodPhase.running, PodPhase.succeeded, PodPhase.failed, "Unknown"]
    let phaseCounts =
      order.map { DashboardSummary.PhaseCount(phase: $0, count: phases[$0] ?? 0) }
      + phases.keys.filter { !order.contains($0) }.sorted().map {
        DashboardSummary.PhaseCount(phase: $0, count: phases[$0]!)
      }
    // 3. Workloads.
    var workloads: [DashboardSummary.Workload] = []
    for d in deployments {
      let desired = Int(d.spec.replicas ?? 1)
      let ready = Int(d.status.readyReplicas ?? 0)
      let updated = Int(d.status.updatedReplicas ?? 0)
      let status = desired == 0 ? "Scaled down" : ready >= desired && updated >= desired ? "Ready" : "Progressing"
      workloads.append(
        .init(
          kind: "Deployment", namespace: d.metadata.namespace, name: d.metadata.name, desired: desired, ready: ready,
          status: status))
    }
    for rs in replicaSets {
      let desired = Int(rs.spec.replicas ?? 1)
      let ready = Int(rs.status.readyReplicas ?? 0)
      let status = desired == 0 ? "Scaled down" : ready >= desired ? "Ready" : "Progressing"
      workloads.append(
        .init(
          kind: "ReplicaSet", namespace: rs.metadata.namespace, name: rs.metadata.name, desired: desired, ready: ready,
          status: status))
    }
    for ds in daemonSets {
      let desired = Int(ds.status.desiredNumberScheduled)
      let ready = Int(ds.status.numberReady)
      workloads.append(
        .init(
          kind: "DaemonSet", namespace: ds.metadata.namespace, name: ds.metadata.name, desired: desired, ready: ready,
          status: ready >= desired ? "Ready" : "Progressing"))
    }
    for job in jobs {
      let completions = Int(job.spec.completions ?? 1)
      let succeeded = Int(job.status.succeeded ?? 0)
      let status: String
      if job.condition(JobConditionType.failed)?.status == ConditionStatus.true {
        status = "Failed"
      } else if job.condition(JobConditionType.complete)?.status == ConditionStatus.true {
        status = "Complete"
      } else {
        status = "Running"
      }
      workloads.append(
        .init(
          kind: "Job", namespace: job.metadata.namespace, name: job.metadata.name, desired: completions,
          ready: succeeded, status: status))
    }
    let kindOrder = ["Deployment": 0, "DaemonSet": 1, "ReplicaSet": 2, "Job": 3]
    workloads.sort {
      ($0.namespace, kindOrder[$0.kind]!, $0.name) < ($1.namespace, kindOrder[$1.kind]!, $1.name)
    }
    // 4. The most recent events, oldest first; within a second, an object's events in the order
    // they were recorded (their names end in the recorder's timestamp, as upstream's do).
    let lines = events.map { e -> (line: DashboardSummary.EventLine, name: String) in
      let seen = e.lastTimestamp ?? e.eventTime?.time ?? e.metadata.creationTimestamp ?? now
      let kind = e.involvedObject.kind.lowercased()
      let line = DashboardSummary.EventLine(
        lastSeen: seen, type: e.type, reason: e.reason, object: "\(kind)/\(e.involvedObject.name)",
        namespace: e.metadata.namespace, message: e.message, count: Int(e.series?.count ?? e.count ?? 1))
      return (line, e.metadata.name)
    }.sorted {
      ($0.line.lastSeen, $0.line.namespace, $0.line.object, $0.name)
        < ($1.line.lastSeen, $1.line.namespace, $1.line.object, $1.name)
    }.map(\.line)
    // 5. Messages per edge.
    let messages = edges.map { DashboardSummary.EdgeCount(from: $0.from, to: $0.to, count: $0.count) }
    return DashboardSummary(
      tick: tick, time: now, nodes: nodeLines, pods: phaseCounts, workloads: workloads,
      events: Array(lines.suffix(eventLimit)), messages: messages)
  }

  /// kubectl describe node's percentage: `int64(float64(req) / float64(alloc) * 100)`.
  static func percent(_ used: Int64, _ total: Int64) -> Int {
    total == 0 ? 0 : Int(Double(used) / Double(total) * 100)
  }
}
