// NSLookup: what `nslookup` (bind9's, as in the dnsutils image) prints for a lookup.

public enum NSLookup {
  /// Whose nslookup: bind9's (dnsutils images: `Address:\t10.96.0.10#53`), busybox's
  /// (`Address:\t10.96.0.10:53`), or busybox's before 1.29 (the libc resolver, each address with its
  /// reverse name: `Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local`), the
  /// `busybox:1.28` of Kubernetes' DNS debugging guide.
  public enum Style: Sendable {
    case bind, busybox, busyboxLegacy
  }

  /// busybox ≤ 1.28: `Server:`/`Name:` in ten columns, then `Address N: IP [PTR name]`; a name
  /// that does not resolve ends with `nslookup: can't resolve 'NAME'` (status 1).
  static func renderLegacy(
    _ r: DNSResolution, reverse: (String) -> String?
  ) -> (output: String, exitCode: Int32) {
    func line(_ n: Int, _ ip: String) -> String {
      "Address \(n): \(ip)" + (reverse(ip).map { " " + $0 } ?? "") + "\n"
    }
    var out = "Server:    \(r.server)\n" + line(1, r.server) + "\n"
    let addresses = r.failure == nil && r.message?.rcode == .noError ? r.addresses : []
    guard !addresses.isEmpty else { return (out + "nslookup: can't resolve '\(r.query)'\n", 1) }
    out += "Name:      \(r.query)\n"
    for (i, ip) in addresses.enumerated() { out += line(i + 1, ip) }
    return (out, 0)
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
      if style == .busyboxLegacy {
        // The libc resolver: A records only, then a PTR query for each address shown.
        return NSLookup.renderLegacy(network.resolve(name, type: "A", from: source)) { ip in
          let r = network.resolve(ip, type: "PTR", from: source)
          return r.message?.answers.first { $0.type == "PTR" }.map { String($0.data.dropLast()) }
        }
      }
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
