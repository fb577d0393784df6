// WatchCache: the apiserver's in-memory copy of one resource, fed by its etcd watch.
// Lists and gets are served from here (with indexes), and watches resume from its history.
import Collections

/// One change as the watch cache keeps it.
struct CacheEvent {
  let type: WatchEventType
  let object: any KubeObject
  /// The previous state (for MODIFIED and DELETED), to decide what a filtered watcher sees.
  let previous: (any KubeObject)?
  let resourceVersion: Int64
}

/// The cache of one resource type.
final class WatchCache {
  let resource: ResourceType
  /// Objects by `namespace/name` (or `name`).
  private(set) var objects: [String: any KubeObject] = [:]
  /// Keys per namespace, so a namespaced list does not scan other namespaces.
  private var byNamespace: [String: Set<String>] = [:]
  /// Pod keys per `spec.nodeName` ("" = unscheduled): serves `fieldSelector=spec.nodeName=X`.
  private var byNodeName: [String: Set<String>] = [:]
  /// Recent events for watches that resume from a resourceVersion.
  private(set) var history: Deque<CacheEvent> = []
  let capacity: Int
  /// The newest resourceVersion this cache has seen (the store revision at its last event).
  private(set) var resourceVersion: Int64 = 0
  /// Events older than this are gone from `history`.
  private(set) var oldestResourceVersion: Int64 = 0
  /// The revision of the last change to this resource.
  private(set) var lastChangeRevision: Int64 = 0

  init(resource: ResourceType, capacity: Int) {
    self.resource = resource
    self.capacity = capacity
  }

  var count: Int { objects.count }

  func get(_ key: String) -> (any KubeObject)? { objects[key] }

  /// Applies a change from etcd. Returns the event to fan out to watchers.
  @discardableResult
  func apply(key: String, object: (any KubeObject)?, revision: Int64, deletedObject: (any KubeObject)? = nil)
    -> CacheEvent?
  {
    let previous = objects[key]
    let event: CacheEvent
    if let object {
      objects[key] = object
      event = CacheEvent(
        type: previous == nil ? .added : .modified, object: object, previous: previous, resourceVersion: revision)
    } else {
      guard let previous else { return nil }
      objects[key] = nil
      event = CacheEvent(
        type: .deleted, object: deletedObject ?? previous, previous: previous, resourceVersion: revision)
    }
    reindex(key: key, old: previous, new: object)
    lastChangeRevision = revision
    resourceVersion = max(resourceVersion, revision)
    history.append(event)
    if history.count > capacity {
      let dropped = history.removeFirst()
      oldestResourceVersion = dropped.resourceVersion
    }
    return event
  }

  /// Records that the store moved on (a write to another resource) so lists report a current RV.
  func advance(to revision: Int64) {
    resourceVersion = max(resourceVersion, revision)
  }

  private func reindex(key: String, old: (any KubeObject)?, new: (any KubeObject)?) {
    let oldNS = old?.metadata.namespace
    let newNS = new?.metadata.namespace
    if oldNS != newNS {
      if let oldNS { byNamespace[oldNS]?.remove(key) }
      if let newNS { byNamespace[newNS, default: []].insert(key) }
    }
    if resource == Pod.resource {
      let oldNode = (old as? Pod)?.spec.nodeName
      let newNode = (new as? Pod)?.spec.nodeName
      if oldNode != newNode {
        if let oldNode { byNodeName[oldNode]?.remove(key) }
        if let newNode { byNodeName[newNode, default: []].insert(key) }
      }
    }
  }

  /// The keys a list must consider, narrowed by namespace and by `spec.nodeName` when given.
  func candidateKeys(namespace: String, nodeName: String?) -> [String] {
    var keys: Set<String>
    if let nodeName, resource == Pod.resource {
      keys = byNodeName[nodeName] ?? []
      if !namespace.isEmpty { keys = keys.filter { objects[$0]?.metadata.namespace == namespace } }
    } else if !namespace.isEmpty && resource.namespaced {
      keys = byNamespace[namespace] ?? []
    } else {
      return objects.keys.sorted()
    }
    return keys.sorted()
  }

  /// Events after `resourceVersion`, or nil when the history no longer reaches back that far.
  func events(after resourceVersion: Int64) -> [CacheEvent]? {
    if resourceVersion < oldestResourceVersion { return nil }
    // History is ordered by resourceVersion: find the first newer event.
    var lo = 0
    var hi = history.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if history[mid].resourceVersion <= resourceVersion { lo = mid + 1 } else { hi = mid }
    }
    return Array(history[lo...])
  }
}
