// EtcdctlPrinter: how etcdctl 3.5 prints headers and key-values in its simple, json and fields formats.

extension Etcdctl {
  typealias KeyValue = EtcdStore<Value>.KeyValue
  typealias Header = EtcdStore<Value>.ResponseHeader
  typealias Event = EtcdStore<Value>.Event

  // MARK: - simple

  /// `printKV`: the key on one line (unless value-only), the value on the next.
  static func simple(_ kv: KeyValue, valueOnly: Bool = false, hex: Bool) -> String {
    let key = hex ? EtcdctlFormat.hexBytes(kv.key) : kv.key
    let value = hex ? EtcdctlFormat.hexBytes(kv.valueText) : kv.valueText
    return (valueOnly ? "" : key + "\n") + value + "\n"
  }

  // MARK: - json (Go's encoding/json of the protobuf structs: snake_case, omitempty, bytes as base64)

  static func json(_ h: Header) -> String {
    EtcdctlFormat.jsonObject([
      ("cluster_id", EtcdctlFormat.omitZero(h.clusterID)), ("member_id", EtcdctlFormat.omitZero(h.memberID)),
      ("revision", EtcdctlFormat.omitZero(h.revision)), ("raft_term", EtcdctlFormat.omitZero(h.raftTerm)),
    ])
  }

  static func json(_ kv: KeyValue) -> String {
    EtcdctlFormat.jsonObject([
      ("key", EtcdctlFormat.omitEmptyBytes(kv.key)),
      ("create_revision", EtcdctlFormat.omitZero(kv.createRevision)),
      ("mod_revision", EtcdctlFormat.omitZero(kv.modRevision)), ("version", EtcdctlFormat.omitZero(kv.version)),
      ("value", EtcdctlFormat.omitEmptyBytes(kv.valueText)), ("lease", EtcdctlFormat.omitZero(kv.lease)),
    ])
  }

  static func json(_ event: Event) -> String {
    EtcdctlFormat.jsonObject([
      ("type", event.type == .delete ? "1" : nil), ("kv", json(event.kv)), ("prev_kv", event.prevKV.map { json($0) }),
    ])
  }

  static func jsonArray(_ items: [String]) -> String? {
    items.isEmpty ? nil : "[" + items.joined(separator: ",") + "]"
  }

  // MARK: - fields

  static func fields(_ h: Header) -> String {
    """
    "ClusterID" : \(h.clusterID)
    "MemberID" : \(h.memberID)
    "Revision" : \(h.revision)
    "RaftTerm" : \(h.raftTerm)

    """
  }

  static func fields(_ kv: KeyValue, prefix: String = "") -> String {
    """
    "\(prefix)Key" : \(EtcdctlFormat.goQuote(kv.key))
    "\(prefix)CreateRevision" : \(kv.createRevision)
    "\(prefix)ModRevision" : \(kv.modRevision)
    "\(prefix)Version" : \(kv.version)
    "\(prefix)Value" : \(EtcdctlFormat.goQuote(kv.valueText))
    "\(prefix)Lease" : \(kv.lease)

    """
  }
}
