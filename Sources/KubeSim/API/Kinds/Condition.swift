// Condition: metav1.Condition and the True/False/Unknown status every condition type shares.

/// core/v1 `ConditionStatus` values.
public enum ConditionStatus {
  public static let `true` = "True"
  public static let `false` = "False"
  public static let unknown = "Unknown"
}

/// metav1.Condition: the standard condition shape (used by Service status).
public struct Condition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var observedGeneration: Int64? = nil
  /// Not `omitempty` upstream; kept optional here so an unset time is not printed as the epoch.
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""

  public init(
    type: String, status: String, observedGeneration: Int64? = nil, lastTransitionTime: Time? = nil,
    reason: String = "", message: String = ""
  ) {
    self.type = type
    self.status = status
    self.observedGeneration = observedGeneration
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}
