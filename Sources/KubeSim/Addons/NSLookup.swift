// NSLookup: what `nslookup` (bind9's, as in the dnsutils image) prints for a lookup.

public enum NSLookup {
  /// Whose nslookup: bind9's (dnsutils images: `Address:\t10.96.0.10#53`) or busybox's
  /// (`Address:\t10.96.0.10:53`).
  public enum Style: Sendable {
    case bind, busybox
  }

  /// The output and exit status of `nslookup NAME` for `resolution`.
  ///
  /// ```
  /// Server:		10.96.0.10
  /// Address:	10.96.0.10#53
  ///
  /// Name:	web.default.svc.cluster.local
  /// Address: 10.96.0.20
  ///
  /// ```
  /// A name that does not exist ends with `** server can't find web: NXDOMAIN`.
  public static func render(_ r: DNSResolution, style: Style = .bind) -> (output: String, exitCode: Int32) {
    if let failure = r.failure {
      let line = ";; communications error to \(r.server)#53: \(failure)\n"
      return (line + line + line + ";; no servers could be reached\n\n", 1)
    }
    var out = "Server:\t\t\(r.server)\nAddress:\t\(r.server)\(style == .bind ? "#" : ":")53\n\n"
    guard let message = r.message else { return (out, 1) }
    switch message.rcode {
    case .nxDomain, .servFail:
      out += "** server can't find \(r.query): \(message.rcode.rawValue)\n\n"
      return (out, 1)
    case .noError:
      break
    }
    if message.answers.isEmpty {
      out += "*** Can't find \(r.query): No answer\n\n"
      return (out, 1)
    }
    for rec in message.answers {
      let owner = String(rec.name.dropLast())
      switch rec.type {
      case "A": out += "Name:\t\(owner)\nAddress: \(rec.data)\n"
      case "CNAME": out += "\(owner)\tcanonical name = \(rec.data)\n"
      case "SRV": out += "\(owner)\tservice = \(rec.data)\n"
      case "PTR": out += "\(owner)\tname = \(rec.data)\n"
      default: out += "\(owner)\t\(rec.type) = \(rec.data)\n"
      }
    }
    return (out + "\n", 0)
  }

  /// The reverse-lookup name of an IPv4 address: `10.96.0.10` → `10.0.96.10.in-addr.arpa`.
  public static func reverseName(_ ip: String) -> String {
    ip.split(separator: ".").reversed().joined(separator: ".") + ".in-addr.arpa"
  }
}

extension PodNetwork {
  /// `nslookup NAME` (or `nslookup -type=srv NAME`) run in a pod: output and exit status.
  /// An IPv4 address is looked up in reverse (PTR).
  public func nslookup(
    _ name: String, type: String = "A", style: NSLookup.Style = .bind, from source: NetworkSource
  ) -> (output: String, exitCode: Int32) {
    if let network = self as? ClusterNetwork {
      return NSLookup.render(network.resolve(name, type: type, from: source), style: style)
    }
    let (answer, _) = lookup(name, type: type, from: source)
    var r = DNSResolution(
      query: name, type: type, resolvConf: ResolvConf(nameservers: ["10.96.0.10"]), server: "10.96.0.10",
      fqdn: answer.name)
    var records = answer.addresses.map { DNSRecord(name: answer.name + ".", ttl: 30, type: "A", data: $0) }
    records += answer.srv.map { s -> DNSRecord in
      let f = s.split(separator: " ").map(String.init)
      let data = f.count == 4 ? "\(f[2]) \(f[1]) \(f[0]) \(f[3])" : s
      return DNSRecord(name: answer.name + ".", ttl: 30, type: "SRV", data: data)
    }
    r.message = DNSMessage(
      question: answer.name, type: type, rcode: answer.nxdomain ? .nxDomain : .noError, answers: records)
    return NSLookup.render(r, style: style)
  }
}
