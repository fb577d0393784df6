// Resource: the scheduler's integer view of a resource list (upstream framework.Resource), so that
// Filter and Score compare plain integers instead of quantities.

extension Framework {
  /// Upstream `DefaultMilliCPURequest`: what scoring assumes for a container that requests no CPU.
  static let defaultMilliCPURequest: Int64 = 100
  /// Upstream `DefaultMemoryRequest`: 200 MiB, for a container that requests no memory.
  static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

  /// Millicores of CPU, bytes of memory and ephemeral storage, a pod count, and scalar resources
  /// (extended resources such as `example.com/gpu`, hugepages) by name.
  struct Resource: Sendable, Equatable {
    var milliCPU: Int64 = 0
    var memory: Int64 = 0
    var ephemeralStorage: Int64 = 0
    var allowedPodNumber: Int = 0
    /// Sorted by name; short (most pods and nodes have none).
    var scalarResources: [(name: String, value: Int64)] = []

    init() {}

    /// Upstream `NewResource` / `Add`: cpu in millicores, the rest in whole units.
    init(_ list: ResourceList) {
      add(list)
    }

    mutating func add(_ list: ResourceList) {
      for (name, q) in list {
        switch name {
        case ResourceName.cpu: milliCPU += q.milliValue
        case ResourceName.memory: memory += q.value
        case ResourceName.pods: allowedPodNumber += Int(q.value)
        case ResourceName.ephemeralStorage: ephemeralStorage += q.value
        default:
          if Resource.isScalarResourceName(name) { addScalar(name, q.value) }
        }
      }
    }

    /// `sign` 1 adds `other`, -1 subtracts it (a pod joining or leaving a node).
    mutating func add(_ other: Resource, sign: Int64 = 1) {
      milliCPU += sign * other.milliCPU
      memory += sign * other.memory
      ephemeralStorage += sign * other.ephemeralStorage
      allowedPodNumber += Int(sign) * other.allowedPodNumber
      for s in other.scalarResources { addScalar(s.name, sign * s.value) }
    }

    func scalar(_ name: String) -> Int64 {
      for s in scalarResources where s.name == name { return s.value }
      return 0
    }

    func hasScalar(_ name: String) -> Bool { scalarResources.contains { $0.name == name } }

    mutating func addScalar(_ name: String, _ value: Int64) {
      if let i = scalarResources.firstIndex(where: { $0.name == name }) {
        scalarResources[i].value += value
      } else {
        scalarResources.append((name, value))
        scalarResources.sort { $0.name < $1.name }
      }
    }

    static func == (a: Resource, b: Resource) -> Bool {
      a.milliCPU == b.milliCPU && a.memory == b.memory && a.ephemeralStorage == b.ephemeralStorage
        && a.allowedPodNumber == b.allowedPodNumber
        && a.scalarResources.map(\.name) == b.scalarResources.map(\.name)
        && a.scalarResources.map(\.value) == b.scalarResources.map(\.value)
    }

    /// Upstream `IsScalarResourceName`: extended resources (a domain-prefixed name outside
    /// `kubernetes.io/`), prefixed native resources, hugepages and attachable volumes.
    static func isScalarResourceName(_ name: String) -> Bool {
      name.hasPrefix(ResourceName.hugePagesPrefix) || name.hasPrefix("attachable-volumes-")
        || (name.contains("/") && !name.hasPrefix("requests."))
    }
  }
}
