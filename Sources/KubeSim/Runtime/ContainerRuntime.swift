// ContainerRuntime: a node's container runtime (containerd). SKELETON — CRI and images fill this in.

/// The container runtime of one node. Only that node's kubelet reaches it (through `CRIClient`).
public final class ContainerRuntime {
  public let nodeName: String
  let context: SimContext

  public init(nodeName: String, context: SimContext) {
    self.nodeName = nodeName
    self.context = context
  }

  /// Advances running processes by one tick (they sleep, crash, exit, use memory).
  public func advance() {}
}
