// APIServer: the cluster's only entry point and the only holder of etcd. Requests queue here and
// are handled in the `store` phase; stored changes reach watchers in the `dispatch` phase.
import Collections

/// kube-apiserver.
///
/// A request is handled in five steps, as upstream's handler chain does:
///   1. authenticate — the client's identity travels with the request;
///   2. authorize    — the Node authorizer, then RBAC;
///   3. admit        — mutating admission (defaults, tolerations, service account, priority), then
///                     validation and NamespaceLifecycle;
///   4. persist      — a transaction in etcd with an optimistic-concurrency compare;
///   5. answer       — a response message to the client; watchers hear of it in `dispatch`.
public final class APIServer {
  let context: SimContext
  let storage: Storage
  var caches: [String: WatchCache] = [:]
  private var queue: Deque<QueuedRequest> = []
  private var watchers: [Int: Watcher] = [:]
  /// Watcher ids per resource, pod watchers per pinned node (kubelets), and watchers pinned to one
  /// object by `metadata.name=` (each kubelet's and kube-proxy's own Node) per resource and name,
  /// for cheap fan-out.
  private var watchersByResource: [String: [Int]] = [:]
  private var podWatchersByNode: [String: [Int]] = [:]
  private var watchersByName: [String: [String: [Int]]] = [:]
  private var nextWatcherID = 1
  /// How many events each resource's watch cache keeps for resuming watches.
  public var watchCacheCapacity = 1_000
  /// Connections to each node's kubelet, for `logs` and `exec` (apiserver → kubelet).
  var kubelets: [String: any KubeletEndpoint] = [:]
  /// The etcd lease that Events are attached to, with its expiry (one lease per TTL window).
  private var eventLease: (id: Int64, expires: Int64)? = nil
  /// `--event-ttl`: events are deleted an hour after they were last written.
  public var eventTTL: Int64 = 3600
  /// Service ClusterIP allocations (10.96.0.0/12) and NodePorts (30000–32767) in use.
  var allocatedClusterIPs: Set<String> = []
  var allocatedNodePorts: Set<Int> = []
  let authorizer: Authorizer

  struct QueuedRequest {
    let request: APIRequest
    let from: Component
    let completion: ((APIResult) -> Void)?
    let watch: (handle: WatchHandle, handler: (WatchEvent) -> Void)?
  }

  init(context: SimContext, etcdMember: EtcdMember = EtcdMember()) {
    self.context = context
    self.storage = Storage(context: context, member: etcdMember)
    self.authorizer = Authorizer()
    authorizer.server = self
  }

  /// A client for `component` acting as `user`.
  public func client(for component: Component, as user: UserInfo) -> APIClient {
    APIClient(server: self, component: component, user: user)
  }

  // MARK: - Queue (answered in the store phase)

  func enqueue(_ r: APIRequest, from: Component, completion: ((APIResult) -> Void)?) {
    recordRequest(r, from: from)
    queue.append(QueuedRequest(request: r, from: from, completion: completion, watch: nil))
  }

  func enqueueWatch(_ r: APIRequest, from: Component, handle: WatchHandle, handler: @escaping (WatchEvent) -> Void) {
    recordRequest(r, from: from)
    queue.append(QueuedRequest(request: r, from: from, completion: nil, watch: (handle, handler)))
  }

  /// Requests waiting for the next `store` phase.
  public var queuedRequests: Int { queue.count }

  /// The `store` phase: handle every request queued before it began, in order.
  func runStorePhase() {
    storage.advanceClock(toSeconds: context.clock.seconds)
    absorbChanges()
    var pending = queue
    queue.removeAll()
    while let q = pending.popFirst() {
      if let w = q.watch {
        let result = openWatch(q.request, from: q.from, handle: w.handle, handler: w.handler)
        recordResponse(q.request, to: q.from, result)
        if case .failure(let e) = result {
          w.handler(WatchEvent(type: .error, object: Status(), error: e))
        }
        continue
      }
      let result = handle(q.request)
      recordResponse(q.request, to: q.from, result)
      q.completion?(result)
    }
    compactIfDue()
  }

  /// Handles the learner's request at once (kubectl waits for its answer).
  func handleNow(_ r: APIRequest, from: Component) -> APIResult {
    recordRequest(r, from: from)
    let result = handle(r)
    recordResponse(r, to: from, result)
    return result
  }

  // MARK: - Messages

  private func recordRequest(_ r: APIRequest, from: Component) {
    var detail = ""
    if case .object(let o)? = r.body {
      if let b = o as? Binding {
        detail = b.target.name
      } else if r.verb == .create {
        detail = o.metadata.name.isEmpty ? "generateName=\(o.metadata.generateName) " : "name=\(o.metadata.name) "
      }
    }
    if !r.options.labelSelector.isEmpty { detail += "labelSelector=\(r.options.labelSelector) " }
    if !r.options.fieldSelector.isEmpty { detail += "fieldSelector=\(r.options.fieldSelector) " }
    if r.verb == .watch && !r.options.resourceVersion.isEmpty { detail += "from rv \(r.options.resourceVersion)" }
    let body: MessageBody?
    switch r.body {
    case .object(let o)?: body = .object(o)
    case .mergePatch(let j)?: body = .json(j)
    case nil: body = nil
    }
    context.record(
      from, .apiserver, .request, r.verb.messageVerb, r.objectPath, namespace: r.namespace,
      detail: detail.trimmingTrailingSpaces, body: body)
  }

  private func recordResponse(_ r: APIRequest, to: Component, _ result: APIResult) {
    switch result {
    case .success(let resp):
      let status: String
      var detail = ""
      var body: MessageBody? = nil
      switch r.verb {
      case .create: status = "201 Created"
      default: status = "200 OK"
      }
      var path = r.objectPath
      switch resp {
      case .object(let o):
        body = .object(o)
        detail = "rv \(o.metadata.resourceVersion)"
        if r.verb == .create && r.subresource.isEmpty { path += "/\(o.metadata.name)" }
      case .list(let l):
        detail = "\(l.items.count) item\(l.items.count == 1 ? "" : "s"), rv \(l.resourceVersion)"
      case .success(let s): detail = s
      case .text(let t):
        body = .text(t)
        detail = "\(t.split(separator: "\n").count) lines"
      }
      context.record(.apiserver, to, .response, status, path, namespace: r.namespace, detail: detail, body: body)
    case .failure(let e):
      context.record(
        .apiserver, to, .response, e.statusLine, r.objectPath, namespace: r.namespace, detail: e.message,
        body: .json(e.status))
    }
  }

  // MARK: - Routing

  func handle(_ r: APIRequest) -> APIResult {
    if let denial = authorizer.authorize(r) { return .failure(denial) }
    switch (r.verb, r.subresource) {
    case (.get, ""): return get(r)
    case (.list, ""): return list(r)
    case (.create, ""): return create(r)
    case (.update, ""), (.update, "status"): return update(r)
    case (.patch, ""), (.patch, "status"): return patch(r)
    case (.delete, ""): return delete(r)
    case (.deletecollection, ""): return deleteCollection(r)
    case (.create, "binding") where r.resource == Pod.resource: return bind(r)
    case (.get, "log") where r.resource == Pod.resource: return logs(r)
    case (.create, "exec") where r.resource == Pod.resource: return exec(r)
    case (.create, "eviction") where r.resource == Pod.resource: return evict(r)
    case (.get, "status"): return get(r)
    case (.get, "scale"), (.update, "scale"), (.patch, "scale"): return scale(r)
    case (.update, "finalize") where r.resource == Namespace.resource: return update(r)
    default:
      return .failure(
        .methodNotAllowed(
          "the server does not allow this method on the requested resource (\(r.verb.rawValue) \(r.objectPath))"))
    }
  }

  /// A SelfSubjectAccessReview: the authorizers' answer for one attribute set, recorded as a
  /// request and its response like any other call.
  func reviewAccess(
    user: UserInfo, verb: String, group: String, resource: String, namespace: String, name: String, from: Component
  ) -> Bool {
    let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
    let plural = parts.first ?? resource
    let sub = parts.count > 1 ? parts[1] : ""
    let type =
      KindRegistry.kind(group: group, resource: plural)?.resource
      ?? ResourceType(kind: "", group: group, plural: plural, namespaced: !namespace.isEmpty)
    let detail = "\(verb) \(resource)\(group.isEmpty ? "" : "." + group)\(namespace.isEmpty ? "" : " -n \(namespace)")"
    context.record(from, .apiserver, .request, "POST", "selfsubjectaccessreviews", detail: detail)
    let allowed: Bool
    if user.nodeName != nil, let v = Verb(rawValue: verb) {
      var r = APIRequest(v, type, namespace: namespace, name: name, subresource: sub)
      r.user = user
      allowed = authorizer.authorize(r) == nil
    } else {
      allowed = authorizer.allows(
        user: user, verb: verb, resource: type, subresource: sub, namespace: namespace, name: name)
    }
    context.record(
      .apiserver, from, .response, "201 Created", "selfsubjectaccessreviews", detail: allowed ? "allowed" : "denied")
    return allowed
  }

  // MARK: - Watch cache

  func cache(_ r: ResourceType) -> WatchCache {
    if let c = caches[r.groupResource] { return c }
    let c = WatchCache(resource: r, capacity: watchCacheCapacity)
    c.advance(to: storage.revision)
    caches[r.groupResource] = c
    return c
  }

  /// Pulls the changes etcd's watch reports into the watch caches, and queues them for watchers.
  func absorbChanges() {
    let changes = storage.drainChanges()
    guard !changes.isEmpty else { return }
    for ch in changes {
      guard let r = resourceForKey(ch.key) else { continue }
      let c = cache(r)
      let key = cacheKey(fromStorageKey: ch.key, r)
      if let event = c.apply(key: key, object: ch.object, revision: ch.revision, deletedObject: ch.previous) {
        fanOut(event, r)
      }
    }
    let rev = storage.revision
    for c in caches.values { c.advance(to: rev) }
  }

  private var prefixToResource: [String: ResourceType] = [:]

  private func resourceForKey(_ key: String) -> ResourceType? {
    if prefixToResource.isEmpty {
      for t in KindRegistry.storedKinds { prefixToResource["/registry/" + t.resource.etcdPrefix + "/"] = t.resource }
    }
    // Prefixes have one or two segments (`pods`, `services/specs`).
    let parts = key.split(separator: "/", omittingEmptySubsequences: true)
    guard parts.count >= 2 else { return nil }
    if parts.count >= 3, let r = prefixToResource["/registry/\(parts[1])/\(parts[2])/"], r.etcdPrefix.contains("/") {
      return r
    }
    return prefixToResource["/registry/\(parts[1])/"]
  }

  private func cacheKey(fromStorageKey key: String, _ r: ResourceType) -> String {
    let rest = key.dropFirst("/registry/\(r.etcdPrefix)/".count)
    return String(rest)
  }

  static func cacheKey(namespace: String, name: String, _ r: ResourceType) -> String {
    r.namespaced ? "\(namespace)/\(name)" : name
  }

  // MARK: - Watches

  private func openWatch(_ r: APIRequest, from: Component, handle: WatchHandle, handler: @escaping (WatchEvent) -> Void)
    -> APIResult
  {
    if let denial = authorizer.authorize(r) { return .failure(denial) }
    let labels: Selector
    let fields: FieldSelector
    do {
      labels = try Selector.parse(r.options.labelSelector)
      fields = try FieldSelector.parse(r.options.fieldSelector)
    } catch {
      return .failure(.badRequest("\(error)"))
    }
    if let bad = unsupportedField(fields, r.resource) { return .failure(bad) }
    let c = cache(r.resource)
    let fromRV = Int64(r.options.resourceVersion) ?? 0
    var initial: [CacheEvent] = []
    if fromRV > 0 {
      guard let events = c.events(after: fromRV) else {
        return .failure(.gone("too old resource version: \(fromRV) (\(c.oldestResourceVersion + 1))"))
      }
      initial = events
    } else {
      // No resourceVersion: the watch starts with every current object as ADDED.
      for key in c.candidateKeys(namespace: r.namespace, nodeName: nil) {
        if let o = c.get(key) { initial.append(CacheEvent(type: .added, object: o, previous: nil, resourceVersion: 0)) }
      }
    }
    let node = fields.requirements.first { $0.field == "spec.nodeName" && $0.op == .equals }?.value
    let w = Watcher(
      id: nextWatcherID, component: from, user: r.user, resource: r.resource, namespace: r.namespace,
      labelSelector: labels, fieldSelector: fields, nodeName: r.resource == Pod.resource ? node : nil,
      handler: handler)
    nextWatcherID += 1
    watchers[w.id] = w
    if let node = w.nodeName {
      podWatchersByNode[node, default: []].append(w.id)
    } else if let name = fields.requirements.first(where: { $0.field == "metadata.name" && $0.op == .equals })?.value {
      // Names never change, so only events about that name can be in this watch's view.
      w.pinnedName = name
      watchersByName[r.resource.groupResource, default: [:]][name, default: []].append(w.id)
    } else {
      watchersByResource[r.resource.groupResource, default: []].append(w.id)
    }
    handle.watcherID = w.id
    handle.server = self
    for e in initial { w.offer(e) }
    return .success(.success("watching"))
  }

  private func fanOut(_ event: CacheEvent, _ r: ResourceType) {
    for id in watchersByResource[r.groupResource] ?? [] { watchers[id]?.offer(event) }
    if let byName = watchersByName[r.groupResource] {
      for id in byName[event.object.metadata.name] ?? [] { watchers[id]?.offer(event) }
    }
    if r == Pod.resource {
      let newNode = (event.object as? Pod)?.spec.nodeName ?? ""
      let oldNode = (event.previous as? Pod)?.spec.nodeName ?? ""
      if !newNode.isEmpty { for id in podWatchersByNode[newNode] ?? [] { watchers[id]?.offer(event) } }
      if !oldNode.isEmpty && oldNode != newNode {
        for id in podWatchersByNode[oldNode] ?? [] { watchers[id]?.offer(event) }
      }
    }
  }

  func stopWatch(_ id: Int) {
    guard let w = watchers.removeValue(forKey: id) else { return }
    w.stopped = true
    if let node = w.nodeName {
      podWatchersByNode[node]?.removeAll { $0 == id }
    } else if let name = w.pinnedName {
      watchersByName[w.resource.groupResource]?[name]?.removeAll { $0 == id }
    } else {
      watchersByResource[w.resource.groupResource]?.removeAll { $0 == id }
    }
  }

  func closeWatches(of component: Component) {
    for id in watchers.keys.sorted() where watchers[id]?.component == component { stopWatch(id) }
  }

  /// The `dispatch` phase: deliver every queued watch event, one message each.
  func runDispatchPhase() {
    absorbChanges()
    for id in watchers.keys.sorted() {
      guard let w = watchers[id], !w.pending.isEmpty else { continue }
      let events = w.pending
      w.pending.removeAll()
      for e in events {
        guard !w.stopped else { break }
        context.record(
          .apiserver, w.component, .watchEvent, e.type.rawValue, "\(w.resource.plural)/\(e.object.metadata.name)",
          namespace: e.object.metadata.namespace, detail: "rv \(e.object.metadata.resourceVersion)",
          body: .object(e.object))
        w.handler(e)
      }
    }
  }

  /// Watch events waiting for the next dispatch.
  public var pendingWatchEvents: Int { watchers.values.reduce(0) { $0 + $1.pending.count } }

  // MARK: - Reads

  func get(_ r: APIRequest) -> APIResult {
    guard let o = cache(r.resource).get(Self.cacheKey(namespace: r.namespace, name: r.name, r.resource)) else {
      return .failure(.notFound(r.resource, r.name))
    }
    return .success(.object(o))
  }

  func list(_ r: APIRequest) -> APIResult {
    let labels: Selector
    let fields: FieldSelector
    do {
      labels = try Selector.parse(r.options.labelSelector)
      fields = try FieldSelector.parse(r.options.fieldSelector)
    } catch {
      return .failure(.badRequest("\(error)"))
    }
    if let bad = unsupportedField(fields, r.resource) { return .failure(bad) }
    let c = cache(r.resource)
    let node = fields.requirements.first { $0.field == "spec.nodeName" && $0.op == .equals }?.value
    let name = fields.requirements.first { $0.field == "metadata.name" && $0.op == .equals }?.value
    // One object named by `metadata.name=` (a kubelet's or kube-proxy's own Node): look it up.
    let keys =
      if let name, !r.resource.namespaced || !r.namespace.isEmpty {
        [Self.cacheKey(namespace: r.namespace, name: name, r.resource)]
      } else {
        c.candidateKeys(namespace: r.namespace, nodeName: node)
      }
    var items: [any KubeObject] = []
    for key in keys {
      guard let o = c.get(key) else { continue }
      if !labels.isEmpty && !labels.matches(o.metadata.labels ?? [:]) { continue }
      if !fields.isEmpty && !fields.matches({ FieldSelectors.value(of: $0, in: o) }) { continue }
      items.append(o)
    }
    return .success(.list(ObjectList(resource: r.resource, items: items, resourceVersion: String(c.resourceVersion))))
  }

  private func unsupportedField(_ fields: FieldSelector, _ r: ResourceType) -> APIError? {
    let supported = FieldSelectors.supported(for: r)
    for req in fields.requirements where !supported.contains(req.field) {
      return .badRequest("field label not supported: \(req.field)")
    }
    return nil
  }

  // MARK: - Housekeeping

  private var lastCompaction: Int64 = 0
  /// `--etcd-compaction-interval`: the apiserver compacts etcd every five minutes.
  public var compactionInterval: Int64 = 300

  private func compactIfDue() {
    let now = context.clock.seconds
    guard now - lastCompaction >= compactionInterval else { return }
    lastCompaction = now
    // Keep the last interval's history, as upstream's compactor keeps the previous revision.
    if let keep = compactionMark { storage.compact(keep) }
    compactionMark = storage.revision
  }
  private var compactionMark: Int64? = nil

  /// The lease events are attached to (one per `eventTTL` window, like the apiserver's lease reuse).
  func eventLeaseID() -> Int64 {
    let now = context.clock.seconds
    if let l = eventLease, l.expires - now > 60 { return l.id }
    let id = storage.grantLease(ttl: eventTTL)
    eventLease = (id, now + eventTTL)
    return id
  }

  // MARK: - Inspection for the learner

  /// Runs a read-only etcdctl command against the store.
  public func etcdctl(_ args: [String]) -> (output: String, exitCode: Int32) { storage.etcdctl(args) }

  public var storeRevision: Int64 { storage.revision }
}

/// How the apiserver reaches a kubelet (for logs and exec): the kubelet's HTTPS endpoint upstream.
protocol KubeletEndpoint: AnyObject {
  var reachable: Bool { get }
  func containerLogs(namespace: String, pod: String, container: String, previous: Bool, tailLines: Int?) -> Result<
    String, APIError
  >
  func exec(namespace: String, pod: String, container: String, command: [String]) -> Result<String, APIError>
}

extension String {
  var trimmingTrailingSpaces: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
