// WatchEvent: one change delivered to a watcher (ADDED, MODIFIED, DELETED, or an ERROR).

public enum WatchEventType: String, Sendable {
  case added = "ADDED"
  case modified = "MODIFIED"
  case deleted = "DELETED"
  /// The watch ended with an error (410 Gone): the watcher must list again.
  case error = "ERROR"
}

public struct WatchEvent: Sendable {
  public var type: WatchEventType
  /// The object after the change (for DELETED: its last state).
  public var object: any KubeObject
  /// Set for `error` events.
  public var error: APIError?

  public init(type: WatchEventType, object: any KubeObject, error: APIError? = nil) {
    self.type = type
    self.object = object
    self.error = error
  }
}
