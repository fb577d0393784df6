// Kubelet: the node agent. SKELETON — registration, leases, pod workers and probes fill this in.

/// The kubelet of one node: the only part of the node that talks to the apiserver.
public final class Kubelet {
  public let config: NodeConfig
  let client: APIClient
  let runtime: ContainerRuntime
  let context: SimContext
  public private(set) var running = false

  public init(config: NodeConfig, client: APIClient, runtime: ContainerRuntime, context: SimContext) {
    self.config = config
    self.client = client
    self.runtime = runtime
    self.context = context
  }

  public var nodeName: String { config.name }

  public func start() { running = true }
  /// Whether the node can reach the apiserver (and be reached by it).
  public func setConnected(_ connected: Bool) { client.connected = connected }
  public func stop() { running = false }
  /// The `report` phase: register, renew the lease, post node and pod status.
  public func report() {}
  /// The `run` phase: drive the runtime for the pods bound here.
  public func run() {}
}

extension Kubelet: KubeletEndpoint {
  var reachable: Bool { running && client.connected }
  func containerLogs(namespace: String, pod: String, container: String, previous: Bool, tailLines: Int?) -> Result<
    String, APIError
  > { .success("") }
  func exec(namespace: String, pod: String, container: String, command: [String]) -> Result<String, APIError> {
    .success("")
  }
}
