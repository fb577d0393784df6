// ResourceList: a set of named resource amounts (core/v1 ResourceList) and the sums the scheduler and kubelet need.

/// Resource name → amount, as in `resources.requests` or `status.allocatable`.
public typealias ResourceList = [String: Quantity]

/// The well-known resource names (core/v1 ResourceName).
public enum ResourceName {
  public static let cpu = "cpu"
  public static let memory = "memory"
  public static let pods = "pods"
  public static let ephemeralStorage = "ephemeral-storage"
  public static let storage = "storage"
}

extension Dictionary where Key == String, Value == Quantity {
  public var cpu: Quantity? { self[ResourceName.cpu] }
  public var memory: Quantity? { self[ResourceName.memory] }
  public var pods: Quantity? { self[ResourceName.pods] }
  public var ephemeralStorage: Quantity? { self[ResourceName.ephemeralStorage] }

  /// CPU in millicores, 0 when absent (how the scheduler counts CPU).
  public var milliCPU: Int64 { cpu?.milliValue ?? 0 }
  /// Memory in bytes, 0 when absent.
  public var memoryBytes: Int64 { memory?.value ?? 0 }

  /// Adds every amount of `other` to this list; names only in `other` are copied (quota.Add).
  public mutating func add(_ other: ResourceList) {
    for (name, amount) in other {
      if let existing = self[name] {
        self[name] = existing + amount
      } else {
        self[name] = amount
      }
    }
  }

  /// Subtracts every amount of `other`; names only in `other` become negative (quota.Subtract).
  public mutating func subtract(_ other: ResourceList) {
    for (name, amount) in other {
      self[name] = (self[name] ?? .zero) - amount
    }
  }

  public func adding(_ other: ResourceList) -> ResourceList {
    var result = self
    result.add(other)
    return result
  }

  public func subtracting(_ other: ResourceList) -> ResourceList {
    var result = self
    result.subtract(other)
    return result
  }

  /// The sum of many lists, e.g. the requests of every container of every pod on a node.
  public static func sum(_ lists: some Sequence<ResourceList>) -> ResourceList {
    var total: ResourceList = [:]
    for list in lists { total.add(list) }
    return total
  }

  /// The names whose amount here exceeds the amount in `limit` (absent counts as zero),
  /// sorted (quota.LessThanOrEqual's exceeded list).
  public func namesExceeding(_ limit: ResourceList) -> [String] {
    keys.sorted().filter { self[$0]! > (limit[$0] ?? .zero) }
  }
}
