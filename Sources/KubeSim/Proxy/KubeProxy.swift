// KubeProxy: a node's kube-proxy in iptables mode. SKELETON — rules and the packet path fill this in.

public final class KubeProxy {
  public let nodeName: String
  let client: APIClient
  let context: SimContext

  public init(nodeName: String, client: APIClient, context: SimContext) {
    self.nodeName = nodeName
    self.client = client
    self.context = context
  }

  public func start() {}
  public func setConnected(_ connected: Bool) { client.connected = connected }
  public func stop() {}
  /// The `run` phase: reprogram the rules if Services or endpoints changed.
  public func sync() {}
}
