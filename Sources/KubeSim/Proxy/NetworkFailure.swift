// NetworkFailure: why a request from a pod got no answer, spelled as curl, busybox wget and Go's
// net package (kubelet probes) spell it.

public enum NetworkFailure: Error, Sendable, Hashable {
  /// DNS gave no address for `host`.
  case unresolved(host: String)
  /// A TCP RST or an ICMP port-unreachable (kube-proxy's REJECT for a service without endpoints).
  case refused(host: String, ip: String, port: Int, ms: Int)
  /// ARP for an address in a node's pod CIDR got no answer.
  case noRoute(host: String, ip: String, port: Int, ms: Int)
  /// Nothing answered the SYNs (the address goes nowhere, or a DROP rule).
  case timedOut(host: String, ip: String, port: Int, ms: Int)
  /// Connected, but the server closed without an HTTP response.
  case emptyReply(host: String, ip: String, port: Int)

  /// `curl: (7) Failed to connect to web port 80 after 0 ms: Connection refused`.
  public var curl: String {
    switch self {
    case .unresolved(let host): return "curl: (6) Could not resolve host: \(host)"
    case .refused(let host, _, let port, let ms):
      return "curl: (7) Failed to connect to \(host) port \(port) after \(ms) ms: Connection refused"
    case .noRoute(let host, _, let port, let ms):
      return "curl: (7) Failed to connect to \(host) port \(port) after \(ms) ms: No route to host"
    case .timedOut(let host, _, let port, let ms):
      return "curl: (28) Failed to connect to \(host) port \(port) after \(ms) ms: Connection timed out"
    case .emptyReply: return "curl: (52) Empty reply from server"
    }
  }

  /// busybox `wget`: `wget: can't connect to remote host (10.96.0.20): Connection refused`.
  public var wget: String {
    switch self {
    case .unresolved(let host): return "wget: bad address '\(host)'"
    case .refused(_, let ip, _, _): return "wget: can't connect to remote host (\(ip)): Connection refused"
    case .noRoute(_, let ip, _, _): return "wget: can't connect to remote host (\(ip)): No route to host"
    case .timedOut(_, let ip, _, _): return "wget: can't connect to remote host (\(ip)): Connection timed out"
    case .emptyReply: return "wget: error getting response: Connection reset by peer"
    }
  }

  /// Go's dial error, as kubelet probe messages quote it: `dial tcp 10.244.1.5:8080: connect: connection refused`.
  public var dial: String {
    switch self {
    case .unresolved(let host): return "dial tcp: lookup \(host): no such host"
    case .refused(_, let ip, let port, _): return "dial tcp \(ip):\(port): connect: connection refused"
    case .noRoute(_, let ip, let port, _): return "dial tcp \(ip):\(port): connect: no route to host"
    case .timedOut(_, let ip, let port, _): return "dial tcp \(ip):\(port): i/o timeout"
    case .emptyReply: return "EOF"
    }
  }

  /// The client-side reason, as `NetworkTrace.error` carries it (the PodNetwork contract):
  /// `Could not resolve host: web`, `Connection refused`, `No route to host`, `Connection timed out`.
  public var reason: String {
    switch self {
    case .unresolved(let host): return "Could not resolve host: \(host)"
    case .refused: return "Connection refused"
    case .noRoute: return "No route to host"
    case .timedOut: return "Connection timed out"
    case .emptyReply: return "Empty reply from server"
    }
  }

  /// Rebuilds the failure from a trace's `error` and the URL asked (the host and port come from
  /// the URL, the time from the reason), so a program can print curl's exact line:
  /// `NetworkFailure(error: trace.error!, url: url)?.curl`.
  public init?(error: String, url: String) {
    let target = ClusterNetwork.parseURL(url)
    let (host, port) = (target.host, target.port)
    switch error {
    case "Connection refused": self = .refused(host: host, ip: host, port: port, ms: 0)
    case "No route to host": self = .noRoute(host: host, ip: host, port: port, ms: ClusterNetwork.noRouteMS)
    case "Connection timed out":
      self = .timedOut(host: host, ip: host, port: port, ms: ClusterNetwork.connectTimeoutMS)
    case "Empty reply from server": self = .emptyReply(host: host, ip: host, port: port)
    default:
      guard error.hasPrefix("Could not resolve host: ") else { return nil }
      self = .unresolved(host: String(error.dropFirst("Could not resolve host: ".count)))
    }
  }
}
