// Watcher: one open watch (a component's `?watch=true` request) and the events queued for it.

final class Watcher {
  let id: Int
  let component: Component
  let user: UserInfo
  let resource: ResourceType
  let namespace: String
  let labelSelector: Selector
  let fieldSelector: FieldSelector
  /// `spec.nodeName` when the field selector pins one (kubelets), for indexed fan-out.
  let nodeName: String?
  /// The name a `metadata.name=` field selector pins (when not pinned to a node), for indexed fan-out.
  var pinnedName: String? = nil
  let handler: (WatchEvent) -> Void
  /// Events waiting for the next `dispatch` phase.
  var pending: [WatchEvent] = []
  var stopped = false

  init(
    id: Int, component: Component, user: UserInfo, resource: ResourceType, namespace: String,
    labelSelector: Selector, fieldSelector: FieldSelector, nodeName: String?, handler: @escaping (WatchEvent) -> Void
  ) {
    self.id = id
    self.component = component
    self.user = user
    self.resource = resource
    self.namespace = namespace
    self.labelSelector = labelSelector
    self.fieldSelector = fieldSelector
    self.nodeName = nodeName
    self.handler = handler
  }

  /// Whether `object` is in this watch's view.
  func matches(_ object: any KubeObject) -> Bool {
    if !namespace.isEmpty && object.metadata.namespace != namespace { return false }
    if !labelSelector.isEmpty && !labelSelector.matches(object.metadata.labels ?? [:]) { return false }
    if !fieldSelector.isEmpty && !fieldSelector.matches({ FieldSelectors.value(of: $0, in: object) }) { return false }
    return true
  }

  /// Queues what this watcher sees of `event`: an object entering the view is ADDED,
  /// one leaving it is DELETED, as upstream's filtered watches report.
  func offer(_ event: CacheEvent) {
    let now = event.type == .deleted ? false : matches(event.object)
    let before = event.previous.map(matches) ?? false
    switch (before, now) {
    case (false, true): pending.append(WatchEvent(type: .added, object: event.object))
    case (true, true): pending.append(WatchEvent(type: .modified, object: event.object))
    case (true, false): pending.append(WatchEvent(type: .deleted, object: event.object))
    case (false, false): break
    }
  }
}
