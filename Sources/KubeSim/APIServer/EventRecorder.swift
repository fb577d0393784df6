// EventRecorder: client-go's event recorder — how components report what they did as Event
// objects (`kubectl get events`, the Events of `kubectl describe`).

/// Records core/v1 Events through the component's API client.
///
/// Like client-go's correlator, a repeat of the same event (same object, type, reason, message)
/// within ten minutes bumps `count` and `lastTimestamp` with a PATCH instead of a new Event.
public final class EventRecorder {
  let client: APIClient
  let context: SimContext
  /// `source.component` / `reportingComponent`: `default-scheduler`, `kubelet`, `replicaset-controller` …
  public let component: String
  /// `source.host`: the node name, for kubelet events.
  public let host: String
  private var recent: [String: (name: String, namespace: String, count: Int32, first: Time, last: Time)] = [:]
  private var sequence: Int64 = 0
  /// Prune when `recent` grows past this (doubling, so a busy recorder does not prune per event).
  private var pruneAt = 4096

  public init(client: APIClient, context: SimContext, component: String, host: String = "") {
    self.client = client
    self.context = context
    self.component = component
    self.host = host
  }

  /// Records a `Normal` or `Warning` event about `object`; `fieldPath` names a container
  /// (`spec.containers{nginx}`).
  public func event(
    _ object: any KubeObject, type: String = "Normal", reason: String, message: String, fieldPath: String = ""
  ) {
    let ref = ObjectReference(
      kind: object.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name,
      uid: object.metadata.uid, apiVersion: object.resource.apiVersion,
      resourceVersion: object.metadata.resourceVersion, fieldPath: fieldPath)
    event(ref, type: type, reason: reason, message: message)
  }

  public func event(_ ref: ObjectReference, type: String = "Normal", reason: String, message: String) {
    let now = context.now
    // Events about cluster-scoped objects live in `default`, as upstream's recorder puts them.
    let namespace = ref.namespace.isEmpty ? "default" : ref.namespace
    let key = [ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, type, reason, message].joined(
      separator: "\u{1}")
    if let seen = recent[key], seen.last.seconds(until: now) < 600 {
      let count = seen.count + 1
      recent[key] = (seen.name, seen.namespace, count, seen.first, now)
      let patch: JSON = ["count": .int(Int64(count)), "lastTimestamp": .string(now.rfc3339)]
      client.send(
        APIRequest(.patch, Event.resource, namespace: seen.namespace, name: seen.name, body: .mergePatch(patch)))
      return
    }
    sequence += 1
    // Upstream names events `<object>.<unix nanoseconds in hex>`.
    let nanos = now.microseconds * 1000 + sequence
    let name = "\(ref.name).\(String(nanos, radix: 16))"
    var e = Event(
      metadata: ObjectMeta(name: name, namespace: namespace), involvedObject: ref, reason: reason, message: message,
      source: EventSource(component: component, host: host), type: type)
    e.firstTimestamp = now
    e.lastTimestamp = now
    e.count = 1
    e.reportingComponent = component
    e.reportingInstance = host.isEmpty ? component : host
    recent[key] = (name, namespace, 1, now, now)
    if recent.count > pruneAt {
      prune(now)
      pruneAt = max(4096, recent.count * 2)
    }
    client.create(e)
  }

  private func prune(_ now: Time) {
    recent = recent.filter { $0.value.last.seconds(until: now) < 600 }
  }
}
