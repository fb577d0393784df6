// ResolvConf: a pod's /etc/resolv.conf as the kubelet writes it, and the stub resolver's search
// order (glibc/musl with `ndots`).

public struct ResolvConf: Sendable, Hashable {
  public var nameservers: [String]
  public var searches: [String]
  public var ndots: Int

  public init(nameservers: [String], searches: [String] = [], ndots: Int = 1) {
    self.nameservers = nameservers
    self.searches = searches
    self.ndots = ndots
  }

  /// `dnsPolicy: ClusterFirst`: the cluster DNS, the namespace's search path, `ndots:5`.
  public static func clusterFirst(
    namespace: String, nameserver: String = "10.96.0.10", domain: String = "cluster.local"
  )
    -> ResolvConf
  {
    ResolvConf(
      nameservers: [nameserver], searches: ["\(namespace).svc.\(domain)", "svc.\(domain)", domain], ndots: 5)
  }

  /// The file: `search …`, `nameserver …`, `options ndots:5`.
  public var text: String {
    var lines: [String] = []
    if !searches.isEmpty { lines.append("search " + searches.joined(separator: " ")) }
    for ns in nameservers { lines.append("nameserver \(ns)") }
    if ndots != 1 { lines.append("options ndots:\(ndots)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The names the resolver asks for, in order: a name with fewer than `ndots` dots goes through
  /// the search list first, then as is; a name with a trailing dot is asked as is only.
  public func candidates(for name: String) -> [String] {
    if name.hasSuffix(".") { return [String(name.dropLast())] }
    let dots = name.filter { $0 == "." }.count
    let searched = searches.map { "\(name).\($0)" }
    return dots >= ndots ? [name] + searched : searched + [name]
  }
}
