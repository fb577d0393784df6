// DNSResolution: one name looked up from a pod — its resolv.conf, the server reached through the
// node's rules, each name tried on the search path, and the answer.

public struct DNSResolution: Sendable {
  /// The name as the program was given it.
  public var query: String
  public var type: String
  public var resolvConf: ResolvConf
  /// The nameserver asked (resolv.conf's first).
  public var server: String
  /// The CoreDNS pod that answered (the endpoint kube-proxy's rules chose), if reached.
  public var answeredBy: String?
  /// Why no server answered: `connection refused`, `timed out`.
  public var failure: String?
  /// The fully qualified name that answered, or the last one tried.
  public var fqdn: String
  /// The answer for `fqdn` (nil when no server was reached).
  public var message: DNSMessage?
  public var hops: [NetworkHop]

  public init(
    query: String, type: String, resolvConf: ResolvConf, server: String, answeredBy: String? = nil,
    failure: String? = nil, fqdn: String, message: DNSMessage? = nil, hops: [NetworkHop] = []
  ) {
    self.query = query
    self.type = type
    self.resolvConf = resolvConf
    self.server = server
    self.answeredBy = answeredBy
    self.failure = failure
    self.fqdn = fqdn
    self.message = message
    self.hops = hops
  }

  /// The IPv4 addresses in the answer.
  public var addresses: [String] { (message?.answers ?? []).filter { $0.type == "A" }.map(\.data) }

  /// The PodNetwork contract's summary: SRV records as `port weight priority target`.
  public var answer: DNSAnswer {
    let srv = (message?.answers ?? []).filter { $0.type == "SRV" }.map { r -> String in
      let f = r.data.split(separator: " ").map(String.init)
      return f.count == 4 ? "\(f[2]) \(f[1]) \(f[0]) \(f[3])" : r.data
    }
    return DNSAnswer(name: fqdn, addresses: addresses, srv: srv, nxdomain: message?.rcode == .nxDomain)
  }
}
