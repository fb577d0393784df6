// Etcdctl+Watch: `etcdctl watch`, replaying the history from --rev to now in etcdctl's watch formats.

extension Etcdctl {
  /// etcd sends a lagging watcher at most this many revisions per response.
  static var watchBatchRevisions: Int { 1000 }

  /// `etcdctl watch [options] <key> [range_end]`.
  ///
  /// Simulation: real etcdctl waits for new events until interrupted; this prints the events from
  /// `--rev` to the current revision and returns.
  func watch(_ args: EtcdctlArguments, _ output: Output, into out: inout String) throws(EtcdctlFailure) {
    let bad = { (message: String) in EtcdctlFailure(message: message, code: EtcdctlFailure.exitBadArgs) }
    if args.bool("interactive") {
      throw EtcdctlFailure(message: "etcdctl watch --interactive is not simulated in KubeLab", code: 1)
    }
    if args.afterDashDash != nil {
      throw EtcdctlFailure(message: "etcdctl watch -- <command> is not simulated in KubeLab", code: 1)
    }
    let positional = args.positional
    guard let key = positional.first else { throw bad("bad number of arguments") }
    let prefix = args.bool("prefix")
    var range = EtcdKeyRange(key)
    if positional.count == 2 {
      if prefix { throw bad("`range_end` and `--prefix` are mutually exclusive") }
      range.rangeEnd = positional[1]
    }
    if prefix { range = .prefix(key) }
    guard ["simple", "json", "fields"].contains(output.format) else { throw output.unsupported() }

    let start = args.int("rev")
    guard start > 0 else {
      out += "(KubeLab: watch does not wait for new events; use --rev N to print the events since revision N)\n"
      return
    }
    let events: [Event]
    do {
      events = try store.events(range.key, rangeEnd: range.rangeEnd, from: start, prevKV: args.bool("prev-kv"))
    } catch {
      out += "watch was canceled (\(error.message))\n"
      out += print(events: [], canceled: true, output)
      throw EtcdctlFailure(message: "watch is canceled by the server", code: EtcdctlFailure.exitInterrupted)
    }
    // One response per batch of up to 1000 revisions, as etcd sends a watcher catching up.
    var batch: [Event] = []
    var revisions = 0
    for event in events {
      if batch.last?.revision != event.revision {
        if revisions == Self.watchBatchRevisions {
          out += print(events: batch, canceled: false, output)
          batch = []
          revisions = 0
        }
        revisions += 1
      }
      batch.append(event)
    }
    if !batch.isEmpty { out += print(events: batch, canceled: false, output) }
  }

  /// One watch response in `output`'s format.
  private func print(events: [Event], canceled: Bool, _ output: Output) -> String {
    let header = store.header()
    switch output.format {
    case "json":
      // etcdctl marshals clientv3.WatchResponse itself: Go field names, nothing omitted.
      let list = events.isEmpty ? "null" : "[" + events.map { Self.json($0) }.joined(separator: ",") + "]"
      return EtcdctlFormat.jsonObject([
        ("Header", Self.json(header)), ("Events", list),
        ("CompactRevision", "\(canceled ? store.compactRevision : 0)"), ("Canceled", "\(canceled)"),
        ("Created", "false"),
      ]) + "\n"
    case "fields":
      return Self.fields(header)
        + events.map { event in
          "\"Type\" : \(event.type)\n" + (event.prevKV.map { Self.fields($0, prefix: "Prev") } ?? "")
            + Self.fields(event.kv)
        }.joined()
    default:
      return events.map { event in
        "\(event.type)\n" + (event.prevKV.map { Self.simple($0, hex: output.hex) } ?? "")
          + Self.simple(event.kv, hex: output.hex)
      }.joined()
    }
  }
}
