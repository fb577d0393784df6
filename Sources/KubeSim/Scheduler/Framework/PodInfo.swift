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
    /// `spec.priority` (0 when unset).
    let priority: Int32
    /// Images of the init and app containers, normalized as ImageLocality looks them up.
    let images: [String]

    init(_ pod: Pod) {
      self.pod = pod
      key = pod.key
      requests = Resource(pod.requests())
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
