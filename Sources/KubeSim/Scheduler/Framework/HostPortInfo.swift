// HostPortInfo: the host ports in use on a node, by host IP (upstream framework.HostPortInfo).

extension Framework {
  /// Host IP → (protocol, port) pairs in use. `0.0.0.0` (the default) conflicts with every IP.
  struct HostPortInfo: Sendable {
    /// One claimed host port, as a container port declares it.
    struct Port: Sendable, Hashable {
      var ip: String
      var `protocol`: String
      var port: Int32

      /// Upstream `sanitize`: an empty IP means all addresses, an empty protocol TCP.
      init(ip: String, protocol proto: String, port: Int32) {
        self.ip = ip.isEmpty ? HostPortInfo.bindAllHostIP : ip
        self.protocol = proto.isEmpty ? PortProtocol.tcp : proto
        self.port = port
      }
    }

    struct ProtocolPort: Hashable, Sendable {
      var `protocol`: String
      var port: Int32
    }

    static let bindAllHostIP = "0.0.0.0"

    /// IP → protocol/port → how many pods hold it.
    private(set) var byIP: [String: [ProtocolPort: Int]] = [:]

    var isEmpty: Bool { byIP.isEmpty }

    mutating func add(_ p: Port) {
      guard p.port > 0 else { return }
      byIP[p.ip, default: [:]][ProtocolPort(protocol: p.protocol, port: p.port), default: 0] += 1
    }

    mutating func remove(_ p: Port) {
      guard p.port > 0 else { return }
      let pp = ProtocolPort(protocol: p.protocol, port: p.port)
      guard let n = byIP[p.ip]?[pp] else { return }
      if n > 1 {
        byIP[p.ip]![pp] = n - 1
      } else {
        byIP[p.ip]![pp] = nil
        if byIP[p.ip]!.isEmpty { byIP[p.ip] = nil }
      }
    }

    /// Upstream `CheckConflict`: 0.0.0.0 conflicts with the same protocol/port on any IP; a
    /// specific IP conflicts with itself and with 0.0.0.0.
    func conflicts(_ p: Port) -> Bool {
      guard p.port > 0 else { return false }
      let pp = ProtocolPort(protocol: p.protocol, port: p.port)
      if p.ip == HostPortInfo.bindAllHostIP {
        return byIP.values.contains { $0[pp] != nil }
      }
      return byIP[HostPortInfo.bindAllHostIP]?[pp] != nil || byIP[p.ip]?[pp] != nil
    }
  }
}
