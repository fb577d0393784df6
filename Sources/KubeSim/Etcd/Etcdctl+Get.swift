// Etcdctl+Get: `etcdctl get`, with its flags, checks, client-side sorting and three output formats.

extension Etcdctl {
  /// `etcdctl get [options] <key> [range_end]`.
  func get(_ args: EtcdctlArguments, _ output: Output) throws(EtcdctlFailure) -> String {
    // 1. Check the arguments as etcdctl's getGetOp does.
    let bad = { (message: String) in EtcdctlFailure(message: message, code: EtcdctlFailure.exitBadArgs) }
    let feature = { (message: String) in EtcdctlFailure(message: message, code: EtcdctlFailure.exitBadFeature) }
    guard let first = args.positional.first else {
      throw bad("get command needs one argument as key and an optional argument as range_end")
    }
    let prefix = args.bool("prefix")
    let fromKey = args.bool("from-key")
    let keysOnly = args.bool("keys-only")
    let countOnly = args.bool("count-only")
    if prefix && fromKey { throw bad("`--prefix` and `--from-key` cannot be set at the same time, choose one") }
    if keysOnly && countOnly {
      throw bad("`--keys-only` and `--count-only` cannot be set at the same time, choose one")
    }
    let consistency = args.string("consistency", default: "l")
    guard consistency == "l" || consistency == "s" else {
      throw feature("unknown consistency flag \(EtcdctlFormat.goQuote(consistency))")
    }
    var range = EtcdKeyRange(first)
    if args.positional.count > 1 {
      if prefix || fromKey {
        throw bad("too many arguments, only accept one argument when `--prefix` or `--from-key` is set")
      }
      range.rangeEnd = args.positional[1]
    }
    let order = args.string("order").uppercased()
    guard ["", "ASCEND", "DESCEND"].contains(order) else { throw feature("bad sort order \(args.string("order"))") }
    let target = args.string("sort-by").uppercased()
    guard ["", "CREATE", "KEY", "MODIFY", "VALUE", "VERSION"].contains(target) else {
      throw feature("bad sort target \(args.string("sort-by"))")
    }
    if prefix { range = .prefix(first) }
    if fromKey { range = .fromKey(first) }
    // 2. Ask the store. Sorting other than by ascending key happens over every match, then the limit.
    let sortTarget = target.isEmpty ? "KEY" : target
    let descending = order == "DESCEND"
    let sorted = sortTarget != "KEY" || descending
    let limit = args.int("limit")
    var response: EtcdStore<Value>.RangeResponse
    do {
      response = try store.range(
        range.key, rangeEnd: range.rangeEnd, revision: max(0, args.int("rev")), limit: sorted ? 0 : limit,
        keysOnly: keysOnly, countOnly: countOnly)
    } catch {
      throw EtcdctlFailure(message: error.message, code: EtcdctlFailure.exitError)
    }
    if sorted {
      response.kvs = Self.sort(response.kvs, by: sortTarget, descending: descending)
      if limit > 0 && response.kvs.count > Int(limit) {
        response.kvs.removeSubrange(Int(limit)...)
        response.more = true
      }
    }
    // 3. Print.
    if countOnly && output.format != "fields" {
      throw bad("--count-only is only for `--write-out=fields`")
    }
    let valueOnly = args.bool("print-value-only")
    if valueOnly && output.format != "simple" { throw bad("print-value-only is only for `--write-out=simple`") }
    switch output.format {
    case "simple":
      return response.kvs.map { Self.simple($0, valueOnly: valueOnly, hex: output.hex) }.joined()
    case "json":
      return EtcdctlFormat.jsonObject([
        ("header", Self.json(response.header)), ("kvs", Self.jsonArray(response.kvs.map { Self.json($0) })),
        ("more", response.more ? "true" : nil), ("count", EtcdctlFormat.omitZero(response.count)),
      ]) + "\n"
    case "fields":
      return Self.fields(response.header) + response.kvs.map { Self.fields($0) }.joined()
        + "\"More\" : \(response.more)\n\"Count\" : \(response.count)\n"
    default:
      throw output.unsupported()
    }
  }

  /// etcd's server-side sort: by `target`, ties in key order.
  static func sort(_ kvs: [KeyValue], by target: String, descending: Bool) -> [KeyValue] {
    func less(_ a: KeyValue, _ b: KeyValue) -> Bool {
      switch target {
      case "CREATE": return a.createRevision < b.createRevision
      case "MODIFY": return a.modRevision < b.modRevision
      case "VERSION": return a.version < b.version
      case "VALUE": return a.valueText.utf8.lexicographicallyPrecedes(b.valueText.utf8)
      default: return a.key < b.key
      }
    }
    let ascending = kvs.enumerated().sorted { x, y in
      less(x.element, y.element) || (!less(y.element, x.element) && x.offset < y.offset)
    }.map(\.element)
    return descending ? ascending.reversed() : ascending
  }
}
