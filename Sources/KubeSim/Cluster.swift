// Cluster: assembles the components and runs the tick pipeline (report → store → schedule →
// dispatch → run → reconcile). Nothing else in the simulation calls one component from another.

/// A whole Kubernetes cluster in one process.
public final class Cluster {
  public let options: ClusterOptions
  public let context: SimContext
  let apiserver: APIServer
  public private(set) var scheduler: Scheduler
  public private(set) var controllerManager: ControllerManager
  /// The machines, by name, in the order they were configured.
  public private(set) var nodes: [NodeHost] = []
  public let dns: CoreDNS
  /// The data plane: DNS and connections through each node's kube-proxy rules.
  public let network: ClusterNetwork
  /// The dashboard addon (created on first use; it only sends requests when refreshed).
  public private(set) lazy var dashboard = Dashboard(
    client: apiserver.client(for: .dashboard, as: .dashboard), context: context)
  /// The learner's kubectl connection (as kubeadm's `kubernetes-admin`).
  public let kubectl: APIClient

  /// One machine: its kubelet, container runtime and kube-proxy.
  public final class NodeHost {
    public let config: NodeConfig
    public let kubelet: Kubelet
    public let runtime: ContainerRuntime
    public let proxy: KubeProxy
    init(config: NodeConfig, kubelet: Kubelet, runtime: ContainerRuntime, proxy: KubeProxy) {
      self.config = config
      self.kubelet = kubelet
      self.runtime = runtime
      self.proxy = proxy
    }
    public var name: String { config.name }
  }

  public init(options: ClusterOptions = ClusterOptions()) {
    self.options = options
    context = SimContext(
      clock: SimClock(start: options.start), seed: options.seed, log: MessageLog(window: options.messageWindow))
    let controlPlane = options.nodes.first { $0.role == .controlPlane } ?? options.nodes.first
    apiserver = APIServer(
      context: context,
      etcdMember: controlPlane.map { EtcdMember(name: $0.name, address: $0.internalIP) } ?? EtcdMember())
    kubectl = apiserver.client(for: .kubectl, as: .admin)
    scheduler = Scheduler(client: apiserver.client(for: .scheduler, as: .scheduler), context: context)
    controllerManager = ControllerManager(
      client: apiserver.client(for: .controllerManager, as: .controllerManager), context: context)
    dns = CoreDNS(client: apiserver.client(for: .dns, as: .coreDNS), context: context)
    network = ClusterNetwork(dns: dns, context: context)
    for config in options.nodes { addNode(config) }

    context.log.keeping = false
    Bootstrap.apiserverDefaults(apiserver)
    Bootstrap.kubeadmAddons(kubectl, nodes: options.nodes)
    scheduler.start()
    controllerManager.start()
    dns.start()
    for n in nodes {
      n.kubelet.start()
      n.proxy.start()
    }
    if options.bootstrap { settle() }
    context.log.reset()
    context.log.keeping = true
    context.clock.tick = 0
    context.clock.phase = nil
  }

  private func addNode(_ config: NodeConfig) {
    let runtime = ContainerRuntime(nodeName: config.name, context: context)
    let kubelet = Kubelet(
      config: config, client: apiserver.client(for: .kubelet(config.name), as: .node(config.name)), runtime: runtime,
      context: context)
    let proxy = KubeProxy(
      nodeName: config.name, client: apiserver.client(for: .kubeProxy(config.name), as: .kubeProxy), context: context)
    apiserver.kubelets[config.name] = kubelet
    network.attach(node: config, proxy: proxy, runtime: runtime)
    runtime.network = network
    nodes.append(NodeHost(config: config, kubelet: kubelet, runtime: runtime, proxy: proxy))
  }

  /// Runs ticks until nothing is pending and every node is up, at most `limit` ticks.
  private func settle(limit: Int = 300) {
    var quiet = 0
    for _ in 0..<limit {
      runTick()
      let busy = apiserver.queuedRequests > 0 || apiserver.pendingWatchEvents > 0
      quiet = busy ? 0 : quiet + 1
      if quiet >= 12 && bootstrapSettled() { break }
    }
  }

  private func bootstrapSettled() -> Bool {
    guard case .success(.list(let pods)) = kubectl.perform(APIRequest(.list, Pod.resource)) else { return false }
    return pods.items.allSatisfy { ($0 as? Pod)?.status.phase == PodPhase.running }
  }

  // MARK: - The tick

  public var clock: SimClock { context.clock }

  /// Runs the next phase. Returns the sequence numbers of the messages it produced.
  @discardableResult
  public func step() -> Range<Int> {
    let first = context.log.nextSeq
    let phase = context.clock.nextPhase
    if phase == .report { context.clock.beginTick() }
    context.clock.phase = phase
    context.inPhase = true
    defer { context.inPhase = false }
    switch phase {
    case .report:
      for n in nodes { n.kubelet.report() }
    case .store:
      apiserver.runStorePhase()
    case .schedule:
      scheduler.scheduleCycle()
    case .dispatch:
      apiserver.runDispatchPhase()
    case .run:
      for n in nodes {
        n.runtime.advance()
        n.kubelet.run()
        n.proxy.sync()
      }
      dns.sync()
    case .reconcile:
      controllerManager.reconcile()
    }
    return first..<context.log.nextSeq
  }

  /// Runs the rest of the current tick, or one whole tick when at a tick boundary.
  @discardableResult
  public func runTick() -> Range<Int> {
    let first = context.log.nextSeq
    repeat { step() } while context.clock.phase != .reconcile
    return first..<context.log.nextSeq
  }

  // MARK: - Faults

  public func node(_ name: String) -> NodeHost? { nodes.first { $0.name == name } }

  /// Stops the node's kubelet. Its containers keep running, as upstream.
  public func stopKubelet(_ name: String) {
    guard let n = node(name) else { return }
    n.kubelet.stop()
  }

  public func startKubelet(_ name: String) {
    guard let n = node(name) else { return }
    n.kubelet.start()
  }

  /// Cuts (or restores) the node's network path to the apiserver: its kubelet and kube-proxy
  /// can no longer reach it, and the apiserver cannot reach the kubelet.
  public func setDisconnected(_ name: String, _ disconnected: Bool) {
    guard let n = node(name) else { return }
    n.kubelet.setConnected(!disconnected)
    n.proxy.setConnected(!disconnected)
  }

  /// Restarts kube-scheduler: a new process that rebuilds its state from list + watch.
  public func restartScheduler() {
    scheduler.stop()
    scheduler = Scheduler(client: apiserver.client(for: .scheduler, as: .scheduler), context: context)
    scheduler.start()
  }

  /// Restarts kube-controller-manager: a new process that rebuilds its caches from list + watch.
  public func restartControllerManager() {
    controllerManager.stop()
    controllerManager = ControllerManager(
      client: apiserver.client(for: .controllerManager, as: .controllerManager), context: context)
    controllerManager.start()
  }

  // MARK: - Looking inside

  /// A read-only etcdctl against the cluster's etcd.
  public func etcdctl(_ args: [String]) -> (output: String, exitCode: Int32) { apiserver.etcdctl(args) }

  /// etcd's current revision.
  public var etcdRevision: Int64 { apiserver.storeRevision }

  /// A client for another identity (`kubectl --as`).
  public func kubectl(as user: UserInfo) -> APIClient { apiserver.client(for: .kubectl, as: user) }

  /// Requests waiting for the next store phase and watch events waiting for the next dispatch.
  public var pendingWork: (requests: Int, events: Int) { (apiserver.queuedRequests, apiserver.pendingWatchEvents) }
}

// MARK: - The simulator's own view

extension Cluster {
  /// Reads an object as the simulator sees it, without a request (no message is recorded).
  /// For `run until`, lesson checks and the console's status line — never for components.
  public func peek(_ resource: ResourceType, namespace: String = "", name: String) -> (any KubeObject)? {
    apiserver.cache(resource).get(APIServer.cacheKey(namespace: namespace, name: name, resource))
  }

  /// Every object of a resource as the simulator sees it (sorted by namespace/name), no message.
  public func peekAll(_ resource: ResourceType, namespace: String = "") -> [any KubeObject] {
    let c = apiserver.cache(resource)
    return c.candidateKeys(namespace: namespace, nodeName: nil).compactMap { c.get($0) }
  }
}

// MARK: - Metrics

extension Cluster {
  /// A node's `/stats/summary` as the learner's `kubectl top` gets it: through the apiserver's
  /// node proxy to the kubelet. Simulation: upstream `kubectl top` reads the metrics.k8s.io API of
  /// the metrics-server add-on, which scrapes these summaries; here the summary is read directly.
  public func statsSummary(node name: String) -> NodeSummary? {
    guard let n = node(name) else { return nil }
    let path = "nodes/\(name)/proxy/stats/summary"
    context.record(.kubectl, .apiserver, .request, "GET", path)
    guard n.kubelet.reachable else {
      context.record(.apiserver, .kubectl, .response, "503 ServiceUnavailable", path, detail: "kubelet unreachable")
      return nil
    }
    context.record(.apiserver, .kubelet(name), .request, "GET", "stats/summary")
    let summary = n.kubelet.summary()
    context.record(.kubelet(name), .apiserver, .response, "200 OK", "stats/summary", detail: "\(summary.pods.count) pods")
    context.record(.apiserver, .kubectl, .response, "200 OK", path)
    return summary
  }
}
