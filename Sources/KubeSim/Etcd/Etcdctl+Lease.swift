// Etcdctl+Lease: the read-only lease commands, `etcdctl lease list` and `etcdctl lease timetolive`.

extension Etcdctl {
  /// `etcdctl lease list`.
  func leaseList(_ output: Output) throws(EtcdctlFailure) -> String {
    let response = store.leases()
    switch output.format {
    case "simple":
      return "found \(response.leases.count) leases\n"
        + response.leases.map { EtcdctlFormat.hex(UInt64(bitPattern: $0), width: 16) + "\n" }.joined()
    case "json":
      let items = response.leases.map { EtcdctlFormat.jsonObject([("ID", EtcdctlFormat.omitZero($0))]) }
      return EtcdctlFormat.jsonObject([("header", Self.json(response.header)), ("leases", Self.jsonArray(items))])
        + "\n"
    case "fields":
      return Self.fields(response.header) + response.leases.map { "\"ID\" : \($0)\n" }.joined()
    default:
      throw output.unsupported()
    }
  }

  /// `etcdctl lease timetolive <lease id in hex> [--keys]`.
  func leaseTimeToLive(_ args: EtcdctlArguments, _ output: Output) throws(EtcdctlFailure) -> String {
    guard args.positional.count == 1 else {
      throw EtcdctlFailure(message: "timetolive command needs lease ID as argument", code: EtcdctlFailure.exitBadArgs)
    }
    let arg = args.positional[0]
    guard let id = Int64(arg, radix: 16) else {
      throw EtcdctlFailure(
        message: "bad lease ID arg (strconv.ParseInt: parsing \(EtcdctlFormat.goQuote(arg)): invalid syntax), "
          + "expecting ID in Hex", code: EtcdctlFailure.exitBadArgs)
    }
    let withKeys = args.bool("keys")
    let response = store.timeToLive(id, keys: withKeys)
    let hexID = EtcdctlFormat.hex(UInt64(bitPattern: id), width: 16)
    switch output.format {
    case "simple":
      if response.grantedTTL == 0 && response.ttl == -1 { return "lease \(hexID) already expired\n" }
      var text = "lease \(hexID) granted with TTL(\(response.grantedTTL)s), remaining(\(response.ttl)s)"
      if withKeys { text += ", attached keys([\(response.keys.joined(separator: " "))])" }
      return text + "\n"
    case "json":
      return EtcdctlFormat.jsonObject([
        ("header", Self.json(response.header)), ("ID", EtcdctlFormat.omitZero(response.id)),
        ("TTL", EtcdctlFormat.omitZero(response.ttl)), ("grantedTTL", EtcdctlFormat.omitZero(response.grantedTTL)),
        ("keys", Self.jsonArray(response.keys.map { "\"" + EtcdctlFormat.base64($0) + "\"" })),
      ]) + "\n"
    case "fields":
      return Self.fields(response.header)
        + "\"ID\" : \(response.id)\n\"TTL\" : \(response.ttl)\n\"GrantedTTL\" : \(response.grantedTTL)\n"
        + response.keys.map { "\"Key\" : \(EtcdctlFormat.goQuote($0))\n" }.joined()
    default:
      throw output.unsupported()
    }
  }
}
