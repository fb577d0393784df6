// Taint: a node's repelling mark (core/v1 Taint) and the well-known taints the control plane sets.

/// core/v1 `TaintEffect` values.
public enum TaintEffect {
  public static let noSchedule = "NoSchedule"
  public static let preferNoSchedule = "PreferNoSchedule"
  public static let noExecute = "NoExecute"
  /// In the order upstream validation lists them.
  public static let all = [noSchedule, preferNoSchedule, noExecute]
}

/// core/v1 `Taint`.
public struct Taint: Codable, Sendable, Hashable, CustomStringConvertible {
  public var key: String = ""
  public var value: String = ""
  public var effect: String = ""
  /// Only set for NoExecute taints: when the taint was added.
  public var timeAdded: Time? = nil

  public init(key: String, value: String = "", effect: String, timeAdded: Time? = nil) {
    self.key = key
    self.value = value
    self.effect = effect
    self.timeAdded = timeAdded
  }

  /// Upstream `Taint.MatchTaint`: same key and effect (value and time do not matter).
  public func matches(_ other: Taint) -> Bool { key == other.key && effect == other.effect }

  /// Upstream `Taint.ToString`: `key=value:effect`, `key:effect`, `key=value:` or `key`.
  public var description: String {
    if effect.isEmpty {
      return value.isEmpty ? key : "\(key)=\(value):"
    }
    return value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)"
  }
}

/// Taint keys the node lifecycle controller and the kubelet set (k8s.io/api/core/v1 well_known_taints.go).
public enum WellKnownTaint {
  public static let nodeNotReady = "node.kubernetes.io/not-ready"
  public static let nodeUnreachable = "node.kubernetes.io/unreachable"
  public static let nodeUnschedulable = "node.kubernetes.io/unschedulable"
  public static let nodeMemoryPressure = "node.kubernetes.io/memory-pressure"
  public static let nodeDiskPressure = "node.kubernetes.io/disk-pressure"
  public static let nodeNetworkUnavailable = "node.kubernetes.io/network-unavailable"
  public static let nodePIDPressure = "node.kubernetes.io/pid-pressure"
  public static let nodeOutOfService = "node.kubernetes.io/out-of-service"
  public static let nodeUninitialized = "node.cloudprovider.kubernetes.io/uninitialized"
}
