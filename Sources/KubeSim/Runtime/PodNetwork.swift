// PodNetwork: the data plane as a container sees it — DNS lookups and connections that go
// through the node's kube-proxy rules to another pod. Implemented by the cluster's network
// (Proxy/), used by the runtime's simulated programs (curl, wget, nslookup) and kubelet probes.

/// An HTTP answer from a simulated program.
public struct HTTPResponse: Sendable, Hashable {
  public var status: Int
  public var body: String
  public var headers: [String: String]
  public init(status: Int, body: String, headers: [String: String] = [:]) {
    self.status = status
    self.body = body
    self.headers = headers
  }
}

/// One step of a traced request: `DNS`, `iptables`, `endpoint`, `container` …
public struct NetworkHop: Sendable, Hashable {
  public var kind: String
  public var text: String
  public init(kind: String, text: String) {
    self.kind = kind
    self.text = text
  }
}

/// What happened to a request, hop by hop, and how it ended.
public struct NetworkTrace: Sendable {
  public var hops: [NetworkHop]
  public var response: HTTPResponse?
  /// The client-side error when there is no response (`Could not resolve host: x`, `Connection refused`).
  public var error: String?
  /// The address the client connected to: the host itself, or what DNS gave for it (before any
  /// DNAT), as `wget` prints it in `Connecting to web (10.96.0.20:80)`. nil when DNS gave nothing.
  public var address: String?
  public init(hops: [NetworkHop] = [], response: HTTPResponse? = nil, error: String? = nil, address: String? = nil) {
    self.hops = hops
    self.response = response
    self.error = error
    self.address = address
  }
}

/// The answer of a DNS lookup.
public struct DNSAnswer: Sendable, Hashable {
  /// The fully qualified name that matched (after the search path), or the name asked.
  public var name: String
  /// A records (IPv4 addresses); empty with `nxdomain`.
  public var addresses: [String]
  /// SRV records: `port weight priority target`.
  public var srv: [String]
  public var nxdomain: Bool
  public init(name: String, addresses: [String] = [], srv: [String] = [], nxdomain: Bool = false) {
    self.name = name
    self.addresses = addresses
    self.srv = srv
    self.nxdomain = nxdomain
  }
}

/// Where a request starts: a pod (its IP, node and namespace) or a node itself.
public struct NetworkSource: Sendable, Hashable {
  public var ip: String
  public var node: String
  /// The pod's namespace (for the DNS search path); "" for a node.
  public var namespace: String
  /// The pod's dnsPolicy (`ClusterFirst` uses cluster DNS).
  public var dnsPolicy: String
  public init(ip: String, node: String, namespace: String, dnsPolicy: String = "ClusterFirst") {
    self.ip = ip
    self.node = node
    self.namespace = namespace
    self.dnsPolicy = dnsPolicy
  }
}

public protocol PodNetwork: AnyObject {
  /// Looks a name up as the source's resolver would (cluster DNS with the pod's search path).
  func lookup(_ name: String, type: String, from source: NetworkSource) -> (answer: DNSAnswer, hops: [NetworkHop])
  /// An HTTP GET of `url` from the source, through DNS, kube-proxy's rules and the answering container.
  func httpGet(_ url: String, from source: NetworkSource) -> NetworkTrace
  /// The same GET with the request's headers, and why it failed (what curl and wget print).
  func request(_ url: String, headers: [String: String], from source: NetworkSource) -> (
    trace: NetworkTrace, failure: NetworkFailure?
  )
  /// A TCP connection attempt (probes' tcpSocket, `nc -z`).
  func tcpConnect(host: String, port: Int, from source: NetworkSource) -> NetworkTrace
}

extension PodNetwork {
  /// A network that only traces: the failure is rebuilt from the trace's reason and the URL.
  public func request(_ url: String, headers: [String: String], from source: NetworkSource) -> (
    trace: NetworkTrace, failure: NetworkFailure?
  ) {
    let trace = httpGet(url, from: source)
    return (trace, trace.error.flatMap { NetworkFailure(error: $0, url: url) })
  }
}
