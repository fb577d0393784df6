// Informer: client-go's list + watch with a local cache, the way every controller and the
// scheduler learn the cluster's state through the apiserver.

/// Keeps a local copy of one resource: lists it, then watches from the list's resourceVersion,
/// and lists again when the watch expires (410 Gone). Handlers run in the `dispatch` phase.
public final class Informer<T: KubeObject> {
  public let client: APIClient
  public let namespace: String
  public let labelSelector: String
  public let fieldSelector: String
  /// Objects by `namespace/name`.
  public private(set) var cache: [String: T] = [:]
  /// True once the first list has been answered.
  public private(set) var hasSynced = false

  public var onAdd: [(T) -> Void] = []
  public var onUpdate: [(_ old: T, _ new: T) -> Void] = []
  public var onDelete: [(T) -> Void] = []

  private var indexers: [String: (T) -> [String]] = [:]
  private var indexes: [String: [String: Set<String>]] = [:]
  private var watch: WatchHandle?
  private var generation = 0

  public init(client: APIClient, namespace: String = "", labelSelector: String = "", fieldSelector: String = "") {
    self.client = client
    self.namespace = namespace
    self.labelSelector = labelSelector
    self.fieldSelector = fieldSelector
  }

  /// Adds an index (`byNode`: pod → [nodeName]). Add indexes before `start`.
  public func addIndex(_ name: String, _ keys: @escaping (T) -> [String]) {
    indexers[name] = keys
    indexes[name] = [:]
  }

  /// LIST, then WATCH from the list's resourceVersion.
  public func start() {
    generation += 1
    let gen = generation
    client.list(T.resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector) {
      [weak self] result in
      guard let self, gen == self.generation else { return }
      switch result {
      case .success(.list(let list)):
        self.replace(with: list.items.compactMap { $0 as? T })
        self.hasSynced = true
        self.watch = self.client.watch(
          T.resource, namespace: self.namespace, labelSelector: self.labelSelector,
          fieldSelector: self.fieldSelector, resourceVersion: list.resourceVersion
        ) { [weak self] event in
          self?.handle(event, generation: gen)
        }
      default:
        // The list failed (apiserver unreachable): try again on the next start.
        break
      }
    }
  }

  /// Stops watching and forgets the cache (the component stopped).
  public func stop() {
    generation += 1
    watch?.stop()
    watch = nil
    cache.removeAll()
    for k in indexes.keys { indexes[k] = [:] }
    hasSynced = false
  }

  private func handle(_ event: WatchEvent, generation gen: Int) {
    guard gen == generation else { return }
    switch event.type {
    case .error:
      // 410 Gone: the watch cache no longer holds our resourceVersion; relist.
      start()
    case .added, .modified:
      guard let obj = event.object as? T else { return }
      let key = obj.key
      let old = cache[key]
      store(obj, key: key, old: old)
      if let old { for h in onUpdate { h(old, obj) } } else { for h in onAdd { h(obj) } }
    case .deleted:
      guard let obj = event.object as? T else { return }
      let key = obj.key
      guard let old = cache[key] else { return }
      cache[key] = nil
      unindex(old, key: key)
      for h in onDelete { h(obj) }
    }
  }

  private func replace(with items: [T]) {
    let old = cache
    cache = [:]
    for k in indexes.keys { indexes[k] = [:] }
    for item in items { store(item, key: item.key, old: nil) }
    // A relist reports what changed while we were away, like client-go's Replace.
    for item in items.sorted(by: { $0.key < $1.key }) {
      if let before = old[item.key] {
        if before != item { for h in onUpdate { h(before, item) } }
      } else {
        for h in onAdd { h(item) }
      }
    }
    for key in old.keys.sorted() where cache[key] == nil {
      for h in onDelete { h(old[key]!) }
    }
  }

  private func store(_ obj: T, key: String, old: T?) {
    if let old { unindex(old, key: key) }
    cache[key] = obj
    for (name, fn) in indexers {
      for v in fn(obj) { indexes[name, default: [:]][v, default: []].insert(key) }
    }
  }

  private func unindex(_ obj: T, key: String) {
    for (name, fn) in indexers {
      for v in fn(obj) { indexes[name]?[v]?.remove(key) }
    }
  }

  // MARK: - Reading the cache

  public func get(_ key: String) -> T? { cache[key] }
  public func get(namespace: String, name: String) -> T? { cache[namespace.isEmpty ? name : "\(namespace)/\(name)"] }

  /// Every cached object, sorted by key (deterministic).
  public func list() -> [T] { cache.keys.sorted().map { cache[$0]! } }

  /// Cached objects whose index `name` has `value`, sorted by key.
  public func byIndex(_ name: String, _ value: String) -> [T] {
    guard let keys = indexes[name]?[value] else { return [] }
    return keys.sorted().compactMap { cache[$0] }
  }

  /// How many objects the index `name` holds under `value`.
  public func countByIndex(_ name: String, _ value: String) -> Int { indexes[name]?[value]?.count ?? 0 }

  public var count: Int { cache.count }
}
