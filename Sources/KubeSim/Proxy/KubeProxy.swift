// KubeProxy: a node's kube-proxy in iptables mode — informers on Services, EndpointSlices and its
// own Node; in the `run` phase, when something changed, it reprograms the node's iptables rules.

/// The kube-proxy of one node.
///
/// Each sync (at most once per `minSyncPeriod`, only when a Service or EndpointSlice changed):
/// 1. recompute the rules of the service ports whose Service or EndpointSlices changed;
/// 2. restore them into the node's tables with the fixed chains (KUBE-SERVICES, KUBE-POSTROUTING …).
/// It reports nothing to the apiserver: all it does there is list and watch.
public final class KubeProxy {
  public let nodeName: String
  let client: APIClient
  let context: SimContext
  public let configuration: KubeProxyConfiguration
  /// The node's netfilter tables. They belong to the node's kernel: they outlive a kube-proxy restart.
  public let iptables: IPTables
  /// The node's InternalIP (load-balancer source ranges allow the node itself).
  public var nodeIP: String = ""

  /// Upstream's informer label selector: services another proxy handles and headless services are skipped.
  public static let labelSelector = "!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless"

  private var services: Informer<Service>?
  private var slices: Informer<EndpointSlice>?
  private var node: Informer<Node>?
  private var dirty: Set<String> = []
  private var needFullSync = true
  private var lastSync: Int64? = nil
  private var nodeZone = ""
  private var largeClusterMode = false
  /// Service key (`ns/svc`) → the service port keys programmed for it.
  private var programmed: [String: [String]] = [:]
  /// Endpoints per service port key (for largeClusterMode).
  private var endpointCounts: [String: Int] = [:]
  private var totalEndpoints = 0
  var ruleCache = ProxierRuleCache()

  /// How many times the rules were synced since start.
  public private(set) var syncCount = 0
  public private(set) var running = false

  public init(
    nodeName: String, client: APIClient, context: SimContext,
    configuration: KubeProxyConfiguration = KubeProxyConfiguration()
  ) {
    self.nodeName = nodeName
    self.client = client
    self.context = context
    self.configuration = configuration
    self.iptables = IPTables()
  }

  /// Starts the informers (LIST then WATCH). Rules are first written once both have synced.
  public func start() {
    guard !running else { return }
    running = true
    needFullSync = true
    let s = Informer<Service>(client: client, labelSelector: Self.labelSelector)
    let e = Informer<EndpointSlice>(client: client, labelSelector: Self.labelSelector)
    let n = Informer<Node>(client: client, fieldSelector: "metadata.name=\(nodeName)")
    e.addIndex("service") { slice in
      guard let svc = slice.metadata.labels?[EndpointSliceLabel.serviceName] else { return [] }
      return ["\(slice.metadata.namespace)/\(svc)"]
    }
    s.onAdd.append { [weak self] in self?.dirty.insert($0.key) }
    s.onUpdate.append { [weak self] old, new in
      if old.spec != new.spec || old.status != new.status { self?.dirty.insert(new.key) }
    }
    s.onDelete.append { [weak self] in self?.dirty.insert($0.key) }
    let mark: (EndpointSlice) -> Void = { [weak self] slice in
      guard let svc = slice.metadata.labels?[EndpointSliceLabel.serviceName] else { return }
      self?.dirty.insert("\(slice.metadata.namespace)/\(svc)")
    }
    e.onAdd.append(mark)
    e.onUpdate.append { old, new in
      mark(old)
      mark(new)
    }
    e.onDelete.append(mark)
    let nodeChanged: (Node) -> Void = { [weak self] node in
      guard let self else { return }
      let zone = node.metadata.labels?["topology.kubernetes.io/zone"] ?? ""
      if zone != self.nodeZone {
        self.nodeZone = zone
        self.needFullSync = true
      }
    }
    n.onAdd.append(nodeChanged)
    n.onUpdate.append { _, new in nodeChanged(new) }
    services = s
    slices = e
    node = n
    s.start()
    e.start()
    n.start()
  }

  public func setConnected(_ connected: Bool) { client.connected = connected }

  /// Stops the process. The rules it wrote stay in the node's tables.
  public func stop() {
    services?.stop()
    slices?.stop()
    node?.stop()
    services = nil
    slices = nil
    node = nil
    running = false
  }

  /// The `run` phase: reprogram the rules if Services or endpoints changed.
  public func sync() {
    guard running, let services, let slices, services.hasSynced, slices.hasSynced else { return }
    guard needFullSync || !dirty.isEmpty else { return }
    let now = context.clock.seconds
    if let lastSync, now - lastSync < configuration.minSyncPeriodSeconds { return }
    lastSync = now
    if needFullSync { iptables.ensureKubeProxyChains() }

    var keys = dirty
    if needFullSync {
      keys.formUnion(programmed.keys)
      for svc in services.list() { keys.insert(svc.key) }
    }
    var changes: [String: ServicePortRules?] = [:]
    var rebuilt: [(key: String, port: ServicePortInfo, service: String, signature: String, hinted: Bool)] = []
    var slicesOf: [String: [EndpointSlice]] = [:]
    for svcKey in keys.sorted() {
      let svc = services.get(svcKey)
      let ports = svc.map(ServicePortInfo.ports) ?? []
      let serviceSlices = slices.byIndex("service", svcKey)
      slicesOf[svcKey] = serviceSlices
      let newKeys = ports.map { $0.name + "/" + $0.protocolName }
      for old in programmed[svcKey] ?? [] where !newKeys.contains(old) {
        changes[old] = .some(nil)
        totalEndpoints -= endpointCounts.removeValue(forKey: old) ?? 0
        ruleCache.forget(old)
        ruleCache.forget(old + "@" + nodeName)
      }
      programmed[svcKey] = newKeys.isEmpty ? nil : newKeys
      let signature =
        (svc?.metadata.resourceVersion ?? "") + "|"
        + serviceSlices.map { "\($0.metadata.name)@\($0.metadata.resourceVersion)" }.joined(separator: ",")
      let hinted = serviceSlices.contains { $0.endpoints.contains { $0.hints != nil } }
      for (port, key) in zip(ports, newKeys) {
        // Endpoints of this port (upstream counts them all, whatever their conditions).
        let count = serviceSlices.reduce(0) { n, slice in
          slice.ports.contains { $0.name == port.portName && ($0.protocol ?? "TCP") == port.protocolName }
            ? n + slice.endpoints.count : n
        }
        totalEndpoints += count - (endpointCounts[key] ?? 0)
        endpointCounts[key] = count
        rebuilt.append((key, port, svcKey, signature, hinted))
      }
    }
    let large = totalEndpoints > Proxier.largeClusterEndpointsThreshold
    if large != largeClusterMode {
      // Comments appear or disappear on every endpoint rule: rewrite everything.
      iptables.restore(config: configuration, services: changes)
      largeClusterMode = large
      needFullSync = true
      lastSync = nil
      sync()
      return
    }
    var endpointsOf: [String: [String: [EndpointInfo]]] = [:]
    for r in rebuilt {
      let nodeDependent = r.port.usesLocalEndpoints || !r.port.loadBalancerSourceRanges.isEmpty || r.hinted
      let cacheKey = nodeDependent ? r.key + "@" + nodeName : r.key
      let signature =
        r.signature + "|" + (largeClusterMode ? "large" : "") + "|" + configuration.clusterCIDR
        + (configuration.masqueradeAll ? "+all" : "") + (configuration.localhostNodePorts ? "+lh" : "")
        + (configuration.nfacct ? "+nf" : "") + "|" + (nodeDependent ? nodeZone + "|" + nodeIP : "")
      let rules = ruleCache.rules(key: cacheKey, signature: signature) {
        // Only computed when no node with the same inputs did it already.
        let endpoints =
          endpointsOf[r.service]
          ?? EndpointSliceCache.endpoints(
            for: r.service, slices: slicesOf[r.service] ?? [], nodeName: nodeName, chainName: ruleCache.endpointChain)
        endpointsOf[r.service] = endpoints
        return Proxier.rules(
          for: r.port, endpoints: endpoints[r.key] ?? [], config: configuration, nodeIP: nodeIP, zone: nodeZone,
          largeCluster: largeClusterMode)
      }
      if iptables.serviceRules(r.key) != rules { changes[r.key] = rules }
    }
    iptables.restore(config: configuration, services: changes)
    dirty.removeAll()
    needFullSync = false
    syncCount += 1
  }

  // MARK: - Looking inside

  /// `iptables-save` on this node, now (all tables, or one).
  public func iptablesSave(table: String? = nil) -> String { iptables.save(at: context.now, table: table) }

  /// What kube-proxy hands to `iptables-restore` on a full sync (upstream proxier_test.go's format).
  public func restoreInput() -> String { iptables.restoreInput(config: configuration) }
}
