// PodInfo: a pod with what the scheduler derives from it once (upstream framework.PodInfo), so that
// no plugin recomputes requests or ports for every node it looks at.

extension Framework {
  /// An immutable pod plus its precomputed requests, non-zero requests, host ports and images.
  final class PodInfo {
    let pod: Pod
    /// `namespace/name`.
    let key: String
    /// Upstream `PodRequests`: app containers and sidecars, the largest init step, plus overhead.
    let requests: Resource
    /// The same with 100m CPU for every container that requests no CPU (upstream non-zero requests).
    let nonZeroMilliCPU: Int64
    /// The same with 200 MiB for every container that requests no memory.
    let nonZeroMemory: Int64
    /// The app containers' ports that claim a host port.
    let hostPorts: [HostPortInfo.Port]
    /// Copies of hot fields (see NodeInfo).
    let requestMilliCPU: Int64
    let requestMemory: Int64
    let requestEphemeralStorage: Int64
    let nodeName: String
    let hasScalarRequests: Bool
    /// `spec.priority` (0 when unset).
    let priority: Int32
    /// Images of the init and app containers, normalized as ImageLocality looks them up.
    let images: [String]

    init(_ pod: Pod) {
      self.pod = pod
      key = pod.key
      nodeName = pod.spec.nodeName
      requests = Resource(pod.requests())
      requestMilliCPU = requests.milliCPU
      requestMemory = requests.memory
      requestEphemeralStorage = requests.ephemeralStorage
      hasScalarRequests = !requests.scalarResources.isEmpty
      let nonZero = pod.requests(
        PodResourcesOptions(nonMissingContainerRequests: [
          ResourceName.cpu: Quantity(milli: Framework.defaultMilliCPURequest),
          ResourceName.memory: Quantity(value: Framework.defaultMemoryRequest),
        ]))
      nonZeroMilliCPU = nonZero.milliCPU
      nonZeroMemory = nonZero.memoryBytes
      var ports: [HostPortInfo.Port] = []
      for c in pod.spec.containers {
        for p in c.ports {
          guard let hp = p.hostPort, hp > 0 else { continue }
          ports.append(HostPortInfo.Port(ip: p.hostIP, protocol: p.protocol, port: hp))
        }
      }
      hostPorts = ports
      priority = pod.spec.priority ?? 0
      images = pod.spec.allContainers.map { PodInfo.normalizedImageName($0.image) }
    }

    /// The same pod bound to `nodeName` (what the cache assumes), without recomputing anything.
    convenience init(_ other: PodInfo, nodeName: String) {
      var p = other.pod
      p.spec.nodeName = nodeName
      self.init(reusing: other, pod: p)
    }

    /// A newer version of the same pod whose spec did not change (a status update): what was
    /// derived from the spec is kept.
    init(reusing other: PodInfo, pod p: Pod) {
      pod = p
      key = other.key
      nodeName = p.spec.nodeName
      requests = other.requests
      requestMilliCPU = other.requestMilliCPU
      requestMemory = other.requestMemory
      requestEphemeralStorage = other.requestEphemeralStorage
      hasScalarRequests = other.hasScalarRequests
      nonZeroMilliCPU = other.nonZeroMilliCPU
      nonZeroMemory = other.nonZeroMemory
      hostPorts = other.hostPorts
      priority = other.priority
      images = other.images
    }

    var name: String { pod.metadata.name }
    var namespace: String { pod.metadata.namespace }
    var uid: String { pod.metadata.uid }

    /// Upstream ImageLocality `normalizedImageName`: an image without a tag gets `:latest`.
    static func normalizedImageName(_ name: String) -> String {
      let colon = name.lastIndex(of: ":").map { name.distance(from: name.startIndex, to: $0) } ?? -1
      let slash = name.lastIndex(of: "/").map { name.distance(from: name.startIndex, to: $0) } ?? -1
      return colon <= slash ? name + ":latest" : name
    }
  }
}
