// Event: a report of something that happened to an object (core/v1 Event).

/// core/v1 `Event` (the form `kubectl get events` and `describe` read).
// Simulation: upstream prints unset `firstTimestamp`/`eventTime` as `null` and empty
// `reportingComponent`/`reportingInstance` as ""; here unset values are left out.
public struct Event: KubeObject, Hashable {
  public static let resource = ResourceType(kind: "Event", plural: "events", shortNames: ["ev"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var involvedObject: ObjectReference = ObjectReference()
  public var reason: String = ""
  public var message: String = ""
  public var source: EventSource = EventSource()
  public var firstTimestamp: Time? = nil
  public var lastTimestamp: Time? = nil
  public var count: Int32? = nil
  /// `Normal` or `Warning`.
  public var type: String = ""
  public var eventTime: MicroTime? = nil
  public var series: EventSeries? = nil
  public var action: String = ""
  public var related: ObjectReference? = nil
  public var reportingComponent: String = ""
  public var reportingInstance: String = ""

  public init(
    metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference = ObjectReference(), reason: String = "",
    message: String = "", source: EventSource = EventSource(), type: String = EventType.normal
  ) {
    self.metadata = metadata
    self.involvedObject = involvedObject
    self.reason = reason
    self.message = message
    self.source = source
    self.type = type
  }
}

/// core/v1 event types.
public enum EventType {
  public static let normal = "Normal"
  public static let warning = "Warning"
}

/// core/v1 `EventSource`.
public struct EventSource: Codable, Sendable, Hashable {
  public var component: String = ""
  public var host: String = ""
  public init(component: String = "", host: String = "") {
    self.component = component
    self.host = host
  }
}

/// core/v1 `EventSeries`.
public struct EventSeries: Codable, Sendable, Hashable {
  public var count: Int32? = nil
  public var lastObservedTime: MicroTime? = nil
  public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
    self.count = count
    self.lastObservedTime = lastObservedTime
  }
}
