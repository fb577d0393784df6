// Etcdctl+Cluster: `etcdctl endpoint status`, `member list` and `alarm list` for the single simulated member.

extension Etcdctl {
  /// `etcdctl endpoint status [--cluster]`: one row per endpoint (all reach the same member).
  func endpointStatus(_ args: EtcdctlArguments, _ output: Output) throws(EtcdctlFailure) -> String {
    let endpoints =
      args.bool("cluster")
      ? store.member.clientURLs
      : args.string("endpoints", default: "127.0.0.1:2379").split(separator: ",").map(String.init)
    let status = store.status
    let rows = endpoints.map { endpoint in
      [
        endpoint, EtcdctlFormat.hex(status.header.memberID), status.version,
        EtcdctlFormat.humanizeBytes(status.dbSize), "\(status.leader == status.header.memberID)",
        "\(status.isLearner)", "\(status.raftTerm)", "\(status.raftIndex)", "\(status.raftAppliedIndex)", "",
      ]
    }
    switch output.format {
    case "simple":
      return rows.map { $0.joined(separator: ", ") + "\n" }.joined()
    case "table":
      return EtcdctlFormat.table(
        header: [
          "endpoint", "ID", "version", "db size", "is leader", "is learner", "raft term", "raft index",
          "raft applied index", "errors",
        ], rows: rows)
    case "json":
      let statusJSON = EtcdctlFormat.jsonObject([
        ("header", Self.json(status.header)), ("version", EtcdctlFormat.jsonString(status.version)),
        ("dbSize", EtcdctlFormat.omitZero(status.dbSize)), ("leader", EtcdctlFormat.omitZero(status.leader)),
        ("raftIndex", EtcdctlFormat.omitZero(status.raftIndex)), ("raftTerm", EtcdctlFormat.omitZero(status.raftTerm)),
        ("raftAppliedIndex", EtcdctlFormat.omitZero(status.raftAppliedIndex)),
        ("dbSizeInUse", EtcdctlFormat.omitZero(status.dbSizeInUse)), ("isLearner", status.isLearner ? "true" : nil),
      ])
      let items = endpoints.map {
        EtcdctlFormat.jsonObject([("Endpoint", EtcdctlFormat.jsonString($0)), ("Status", statusJSON)])
      }
      return "[" + items.joined(separator: ",") + "]\n"
    default:
      return endpoints.map { endpoint in
        Self.fields(status.header) + """
          "Version" : \(EtcdctlFormat.goQuote(status.version))
          "DBSize" : \(status.dbSize)
          "Leader" : \(status.leader)
          "IsLearner" : \(status.isLearner)
          "RaftIndex" : \(status.raftIndex)
          "RaftTerm" : \(status.raftTerm)
          "RaftAppliedIndex" : \(status.raftAppliedIndex)
          "Errors" : []
          "Endpoint" : \(EtcdctlFormat.goQuote(endpoint))


          """
      }.joined()
    }
  }

  /// `etcdctl member list`: the one member.
  func memberList(_ output: Output) throws(EtcdctlFailure) -> String {
    let member = store.member
    // The cluster API's header carries no revision.
    var header = store.header()
    header.revision = 0
    let row = [
      EtcdctlFormat.hex(member.id), "started", member.name, member.peerURLs.joined(separator: ","),
      member.clientURLs.joined(separator: ","), "false",
    ]
    switch output.format {
    case "simple":
      return row.joined(separator: ", ") + "\n"
    case "table":
      return EtcdctlFormat.table(
        header: ["ID", "Status", "Name", "Peer Addrs", "Client Addrs", "Is Learner"], rows: [row])
    case "json":
      let urls = { (list: [String]) in Self.jsonArray(list.map(EtcdctlFormat.jsonString)) }
      let memberJSON = EtcdctlFormat.jsonObject([
        ("ID", EtcdctlFormat.omitZero(member.id)), ("name", EtcdctlFormat.jsonString(member.name)),
        ("peerURLs", urls(member.peerURLs)), ("clientURLs", urls(member.clientURLs)),
      ])
      return EtcdctlFormat.jsonObject([("header", Self.json(header)), ("members", "[" + memberJSON + "]")]) + "\n"
    default:
      return Self.fields(header) + "\"ID\" : \(member.id)\n\"Name\" : \(EtcdctlFormat.goQuote(member.name))\n"
        + member.peerURLs.map { "\"PeerURL\" : \(EtcdctlFormat.goQuote($0))\n" }.joined()
        + member.clientURLs.map { "\"ClientURL\" : \(EtcdctlFormat.goQuote($0))\n" }.joined()
        + "\"IsLearner\" : false\n\n"
    }
  }

  /// `etcdctl alarm list`: the simulated member never raises an alarm (NOSPACE, CORRUPT).
  func alarmList(_ output: Output) throws(EtcdctlFailure) -> String {
    switch output.format {
    case "simple": return ""
    case "json": return EtcdctlFormat.jsonObject([("header", Self.json(store.header()))]) + "\n"
    case "fields": return Self.fields(store.header())
    default: throw output.unsupported()
    }
  }
}
