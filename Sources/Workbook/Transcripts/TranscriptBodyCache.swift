// TranscriptBodyCache: message bodies already rendered as JSON, so that a stored object carried by
// several messages (the response to its write, then a watch event to each watcher) is encoded once.
import KubeSim

/// Renders message bodies as JSON for a recorder, reusing the rendering of a stored object seen before.
///
/// Only bodies of responses and watch events are reused: those carry objects as the apiserver stored
/// them, and a stored object's `uid` and `resourceVersion` name one stored state. A body is reused only
/// when its object is also equal (`==`) to the one rendered, so an object changed on the way (a
/// dry-run, a transformed response) is rendered afresh. Requests carry what a client built (an update
/// keeps the old `resourceVersion` with new content) and are always rendered.
public final class TranscriptBodyCache {
  private struct Key: Hashable {
    let type: ObjectIdentifier
    let uid: String
    let resourceVersion: String
  }

  /// At most this many renderings are kept; the cache starts over when it is full.
  public var limit: Int
  private var entries: [Key: (object: any KubeObject, json: JSON)] = [:]

  public init(limit: Int = 1_024) {
    self.limit = limit
  }

  /// The body as JSON: `body.json`, rendered once per stored object state.
  public func json(_ body: MessageBody, kind: MessageKind) -> JSON {
    guard case .object(let object) = body, kind == .response || kind == .watchEvent,
      !object.metadata.uid.isEmpty, !object.metadata.resourceVersion.isEmpty
    else { return body.json }
    let key = Key(
      type: ObjectIdentifier(type(of: object)), uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion)
    if let entry = entries[key], sameObject(entry.object, object) { return entry.json }
    let json = body.json
    if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
    entries[key] = (object, json)
    return json
  }
}
