// Toleration: a pod's permission to land on (or stay on) a tainted node, with upstream's matching rules.

/// core/v1 `TolerationOperator` values.
public enum TolerationOperator {
  public static let exists = "Exists"
  public static let equal = "Equal"
}

/// core/v1 `Toleration`.
public struct Toleration: Codable, Sendable, Hashable {
  /// Empty with operator `Exists` tolerates every taint.
  public var key: String = ""
  /// `Exists` or `Equal`; empty means `Equal`.
  public var `operator`: String = ""
  public var value: String = ""
  /// Empty tolerates every effect.
  public var effect: String = ""
  /// For NoExecute: how long the pod stays bound after the taint appears (nil = forever).
  public var tolerationSeconds: Int64? = nil

  public init(
    key: String = "", operator op: String = "", value: String = "", effect: String = "",
    tolerationSeconds: Int64? = nil
  ) {
    self.key = key
    self.operator = op
    self.value = value
    self.effect = effect
    self.tolerationSeconds = tolerationSeconds
  }

  /// Upstream `Toleration.ToleratesTaint`: effects match (or the toleration's is empty), keys match
  /// (or the toleration's is empty), and then `Exists` matches any value, `Equal`/empty needs equal values.
  public func tolerates(_ taint: Taint) -> Bool {
    if !effect.isEmpty && effect != taint.effect { return false }
    if !key.isEmpty && key != taint.key { return false }
    switch self.operator {
    case "", TolerationOperator.equal: return value == taint.value
    case TolerationOperator.exists: return true
    default: return false
    }
  }

  /// Upstream `Toleration.MatchToleration`: the same toleration, ignoring tolerationSeconds
  /// (an empty operator counts as `Equal`).
  public func matches(_ other: Toleration) -> Bool {
    func op(_ s: String) -> String { s.isEmpty ? TolerationOperator.equal : s }
    return key == other.key && op(self.operator) == op(other.operator) && value == other.value
      && effect == other.effect
  }
}

extension Array where Element == Toleration {
  /// Upstream `TolerationsTolerateTaint`: some toleration tolerates `taint`.
  public func tolerates(_ taint: Taint) -> Bool { contains { $0.tolerates(taint) } }

  /// Upstream `FindMatchingUntoleratedTaint`: the first taint (among those `filter` keeps) that no
  /// toleration tolerates.
  public func firstUntoleratedTaint(in taints: [Taint], where filter: (Taint) -> Bool = { _ in true }) -> Taint? {
    taints.first { filter($0) && !tolerates($0) }
  }
}
