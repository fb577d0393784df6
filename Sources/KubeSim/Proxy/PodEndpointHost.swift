// PodEndpointHost: what the network needs of a node's container runtime — who answers on a pod IP.

/// Who answers on a node's addresses: the node's container runtime, or a fake in tests.
public protocol PodEndpointHost: AnyObject {
  /// What the container listening on `ip:port` answers to `GET path` (nil: nothing listens there).
  /// `client` is the source address the container sees (after any masquerading).
  func serve(ip: String, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse?
  /// Whether something listens on `ip:port` (TCP).
  func listens(ip: String, port: Int) -> Bool
  /// The pod IPs of the sandboxes on this node.
  var podIPs: [String] { get }
}

/// A node's container runtime as the network sees it (only its public network surface).
final class RuntimeEndpoints: PodEndpointHost {
  unowned let runtime: ContainerRuntime

  init(_ runtime: ContainerRuntime) { self.runtime = runtime }

  func serve(ip: String, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse? {
    // Integration: a runtime whose `serve` also takes `from client:` gets `from: client` here.
    runtime.serve(ip: ip, port: port, path: path, headers: headers, from: client)
  }

  func listens(ip: String, port: Int) -> Bool { runtime.listens(ip: ip, port: port) }

  var podIPs: [String] { runtime.podIPs }
}
