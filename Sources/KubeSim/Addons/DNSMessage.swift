// DNSMessage: a DNS answer as CoreDNS gives it — response code and resource records.

/// The response codes the simulation produces.
public enum DNSRcode: String, Sendable, Hashable {
  case noError = "NOERROR"
  case nxDomain = "NXDOMAIN"
  case servFail = "SERVFAIL"
}

/// One resource record: `web.default.svc.cluster.local. 30 IN A 10.96.0.20`.
public struct DNSRecord: Sendable, Hashable, CustomStringConvertible {
  /// The owner name, fully qualified with the trailing dot.
  public var name: String
  public var ttl: Int
  /// `A`, `SRV`, `CNAME` or `PTR`.
  public var type: String
  /// `10.96.0.20`; SRV `priority weight port target.`; CNAME/PTR `target.`.
  public var data: String

  public init(name: String, ttl: Int, type: String, data: String) {
    self.name = name
    self.ttl = ttl
    self.type = type
    self.data = data
  }

  /// As `dig` prints an answer line.
  public var description: String { "\(name)\t\(ttl)\tIN\t\(type)\t\(data)" }
}

/// A query and CoreDNS's answer to it.
public struct DNSMessage: Sendable, Hashable {
  /// The name asked, without the trailing dot.
  public var question: String
  public var type: String
  public var rcode: DNSRcode
  public var answers: [DNSRecord]

  public init(question: String, type: String, rcode: DNSRcode, answers: [DNSRecord] = []) {
    self.question = question
    self.type = type
    self.rcode = rcode
    self.answers = answers
  }
}
