// ContainerRuntime: a node's container runtime (containerd). SKELETON — CRI and images fill this in.

/// The container runtime of one node. Only that node's kubelet reaches it (through `CRIClient`).
public final class ContainerRuntime {
  public let nodeName: String
  let context: SimContext

  public init(nodeName: String, context: SimContext) {
    self.nodeName = nodeName
    self.context = context
  }

  /// The cluster's data plane, for programs that make requests (curl, wget, nslookup).
  public weak var network: (any PodNetwork)?

  /// Advances running processes by one tick (they sleep, crash, exit, use memory).
  public func advance() {}

  /// What the container listening on `ip:port` answers to `GET path` (nil: nothing listens there).
  public func serve(ip: String, port: Int, path: String, headers: [String: String] = [:]) -> HTTPResponse? { nil }

  /// Whether something listens on `ip:port` (TCP).
  public func listens(ip: String, port: Int) -> Bool { false }

  /// The pod IPs of the sandboxes on this node.
  public var podIPs: [String] { [] }
}
