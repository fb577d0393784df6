// Etcdctl: a read-only etcdctl (v3.5) over the store, for the REPL: get, watch, endpoint status, member list.

/// `etcdctl`, as a learner would run it against the control plane's etcd, but read-only.
///
/// Supported, with etcdctl 3.5's output formats (`-w simple|json|fields`, `table` where etcdctl has
/// it): `get`, `watch --rev`, `endpoint status`, `member list`, `lease list`, `lease timetolive`,
/// `alarm list`, `version`. The usual connection flags (`--endpoints`, `--cacert`, `--cert`,
/// `--key`, …) are accepted and ignored, since every endpoint reaches the one simulated member.
///
/// Simulation: commands that write (`put`, `del`, `txn`, `compaction`, `lease grant`, …) are
/// refused, because in KubeLab only the kube-apiserver writes to etcd. `watch` cannot block in a
/// REPL: it prints the history from `--rev` to now and returns.
public struct Etcdctl<Value: EtcdValue> {
  public let store: EtcdStore<Value>

  public init(store: EtcdStore<Value>) {
    self.store = store
  }

  /// Runs `etcdctl <args>`; `output` holds what etcdctl writes to stdout and stderr, in order.
  public func run(_ args: [String]) -> (output: String, exitCode: Int32) {
    var out = ""
    do {
      try dispatch(args, into: &out)
      return (out, 0)
    } catch {
      return (out + "Error: \(error.message)\n", error.code)
    }
  }

  // MARK: - Dispatch

  private func dispatch(_ args: [String], into out: inout String) throws(EtcdctlFailure) {
    let (words, rest) = try EtcdctlSpec.splitCommand(args)
    let path = words.joined(separator: " ")
    let commandFlags = EtcdctlSpec.flags(for: path)
    let parsed = try EtcdctlArguments.parse(rest, flags: EtcdctlSpec.globalFlags + commandFlags)
    if parsed.bool("help") || words.isEmpty || path == "help" {
      out += EtcdctlSpec.help(for: words.first == "help" ? Array(words.dropFirst()) : words)
      return
    }
    let format = parsed.string("write-out", default: "simple")
    guard ["simple", "json", "fields", "table", "protobuf"].contains(format) else {
      throw EtcdctlFailure(message: "unsupported output format", code: EtcdctlFailure.exitBadFeature)
    }
    if format == "protobuf" {
      throw EtcdctlFailure(
        message: "protobuf output is not simulated in KubeLab; use -w json", code: EtcdctlFailure.exitBadFeature)
    }
    let output = Output(format: format, hex: parsed.bool("hex"))
    switch path {
    case "get": out += try get(parsed, output)
    case "watch": try watch(parsed, output, into: &out)
    case "endpoint status": out += try endpointStatus(parsed, output)
    case "member list": out += try memberList(output)
    case "lease list": out += try leaseList(output)
    case "lease timetolive": out += try leaseTimeToLive(parsed, output)
    case "alarm list": out += try alarmList(output)
    case "version": out += "etcdctl version: \(store.member.version)\nAPI version: 3.5\n"
    default:
      if EtcdctlSpec.writeCommands.contains(path) || EtcdctlSpec.writeCommands.contains(words[0]) {
        throw EtcdctlFailure(
          message: "etcdctl \(path) is refused: in KubeLab only the kube-apiserver writes to etcd",
          code: EtcdctlFailure.exitError)
      }
      if EtcdctlSpec.groups[words[0]] != nil, words.count == 1 {
        out += EtcdctlSpec.help(for: words)
        return
      }
      if EtcdctlSpec.knownCommands.contains(path) {
        throw EtcdctlFailure(message: "etcdctl \(path) is not simulated in KubeLab", code: EtcdctlFailure.exitError)
      }
      let parent = words.count > 1 ? "etcdctl \(words[0])" : "etcdctl"
      let message = "unknown command \(EtcdctlFormat.goQuote(words.last!)) for \(EtcdctlFormat.goQuote(parent))"
      throw EtcdctlFailure(
        message: words.count > 1 ? message : message + "\nRun 'etcdctl --help' for usage.",
        code: EtcdctlFailure.exitError)
    }
  }

  /// The chosen printer: `-w` and `--hex`.
  struct Output {
    var format: String
    var hex: Bool

    /// etcdctl's error for a format a command has no printer for.
    func unsupported() -> EtcdctlFailure {
      EtcdctlFailure(message: "\(format) not supported as output format", code: EtcdctlFailure.exitBadFeature)
    }
  }
}

// MARK: - Commands and flags

/// The commands etcdctl 3.5 has, the flags of those KubeLab runs, and the help it prints.
enum EtcdctlSpec {
  static let globalFlags: [EtcdctlFlag] = [
    .init("write-out", .string, shorthand: "w"), .init("hex", .bool), .init("endpoints", .string),
    .init("cacert", .string), .init("cert", .string), .init("key", .string), .init("user", .string),
    .init("password", .string), .init("dial-timeout", .string), .init("command-timeout", .string),
    .init("keepalive-time", .string), .init("keepalive-timeout", .string),
    .init("discovery-srv", .string, shorthand: "d"), .init("discovery-srv-name", .string),
    .init("insecure-transport", .bool), .init("insecure-skip-tls-verify", .bool), .init("insecure-discovery", .bool),
    .init("debug", .bool), .init("help", .bool, shorthand: "h"),
  ]

  static func flags(for command: String) -> [EtcdctlFlag] {
    switch command {
    case "get":
      return [
        .init("consistency", .string), .init("order", .string), .init("sort-by", .string), .init("limit", .int),
        .init("prefix", .bool), .init("from-key", .bool), .init("rev", .int), .init("keys-only", .bool),
        .init("count-only", .bool), .init("print-value-only", .bool),
      ]
    case "watch":
      return [
        .init("interactive", .bool, shorthand: "i"), .init("prefix", .bool), .init("rev", .int),
        .init("prev-kv", .bool), .init("progress-notify", .bool),
      ]
    case "endpoint status": return [.init("cluster", .bool)]
    case "lease timetolive": return [.init("keys", .bool)]
    default: return []
    }
  }

  /// Commands with subcommands, and those subcommands.
  static let groups: [String: [String]] = [
    "alarm": ["disarm", "list"], "auth": ["disable", "enable", "status"], "check": ["datascale", "perf"],
    "downgrade": ["cancel", "enable", "validate"], "endpoint": ["hashkv", "health", "status"],
    "lease": ["grant", "keep-alive", "list", "revoke", "timetolive"],
    "member": ["add", "list", "promote", "remove", "update"],
    "role": [
      "add", "delete", "get", "grant-permission",
      "list", "revoke-permission",
    ], "snapshot": ["restore", "save", "status"],
    "user": ["add", "delete", "get", "grant-role", "list", "passwd", "revoke-role"],
  ]

  /// Commands (or whole groups) that change the cluster: refused.
  static let writeCommands: Set<String> = [
    "put", "del", "txn", "compaction", "defrag", "make-mirror", "lock", "elect", "move-leader", "migrate",
    "downgrade", "check", "alarm disarm", "lease grant", "lease revoke", "lease keep-alive", "member add",
    "member remove", "member update", "member promote", "snapshot restore", "auth enable", "auth disable",
    "user add", "user delete", "user grant-role", "user passwd", "user revoke-role", "role add", "role delete",
    "role grant-permission", "role revoke-permission",
  ]

  static var knownCommands: Set<String> {
    var all: Set<String> = ["get", "watch", "version", "help", "completion"]
    for (group, subcommands) in groups {
      all.insert(group)
      for sub in subcommands { all.insert("\(group) \(sub)") }
    }
    return all
  }

  /// Finds the command words (`get`, or `endpoint status`) among the arguments; global flags may
  /// come before them. Returns the words and the arguments without them.
  static func splitCommand(_ args: [String]) throws(EtcdctlFailure) -> (words: [String], rest: [String]) {
    var words: [String] = []
    var rest: [String] = []
    var i = 0
    while i < args.count {
      let arg = args[i]
      i += 1
      if arg == "--" {
        rest += args[(i - 1)...]
        break
      }
      let wantsWord = words.isEmpty || (words.count == 1 && groups[words[0]] != nil)
      if !arg.hasPrefix("-") || arg == "-" {
        if wantsWord { words.append(arg) } else { rest.append(arg) }
        continue
      }
      rest.append(arg)
      // A global flag's value is not a command word.
      if wantsWord, !arg.contains("="), let flag = globalFlag(arg), flag.kind != .bool, i < args.count {
        rest.append(args[i])
        i += 1
      }
    }
    return (words, rest)
  }

  private static func globalFlag(_ arg: String) -> EtcdctlFlag? {
    if arg.hasPrefix("--") { return globalFlags.first { $0.name == arg.dropFirst(2) } }
    guard arg.count == 2, let c = arg.last else { return nil }
    return globalFlags.first { $0.shorthand == c }
  }

  static func help(for words: [String]) -> String {
    switch words.joined(separator: " ") {
    case "get":
      return """
        NAME:
        \tget - Gets the key or a range of keys

        USAGE:
        \tetcdctl get [options] <key> [range_end] [flags]

        OPTIONS:
        \t--consistency="l"\t\tLinearizable(l) or Serializable(s)
        \t--count-only[=false]\t\tGet only the count
        \t--from-key[=false]\t\tGet keys that are greater than or equal to the given key using byte compare
        \t--keys-only[=false]\t\tGet only the keys
        \t--limit=0\t\t\tMaximum number of results
        \t--order=""\t\t\tOrder of results; ASCEND or DESCEND (ASCEND by default)
        \t--prefix[=false]\t\tGet keys with matching prefix
        \t--print-value-only[=false]\tOnly write values when using the "simple" output format
        \t--rev=0\t\t\t\tSpecify the kv revision
        \t--sort-by=""\t\t\tSort target; CREATE, KEY, MODIFY, VALUE, or VERSION

        """
    case "watch":
      return """
        NAME:
        \twatch - Watches events stream on keys or prefixes

        USAGE:
        \tetcdctl watch [options] [key or prefix] [range_end] [flags]

        OPTIONS:
        \t--prefix[=false]\tWatch on a prefix if prefix is set
        \t--prev-kv[=false]\tget the previous key-value pair before the event happens
        \t--rev=0\t\t\tRevision to start watching

        KubeLab: watch prints the events from --rev up to now and returns; it does not wait.

        """
    case let group where groups[group] != nil:
      return """
        NAME:
        \t\(group) - \(group) related commands

        USAGE:
        \tetcdctl \(group) <subcommand> [flags]

        COMMANDS:
        \(groups[group]!.map { "\t\($0)" }.joined(separator: "\n"))

        """
    default:
      return """
        NAME:
        \tetcdctl - A simple command line client for etcd3.

        USAGE:
        \tetcdctl [flags]

        VERSION:
        \t\(EtcdMember.defaultVersion)

        API VERSION:
        \t3.5

        COMMANDS (KubeLab: read-only; only the kube-apiserver writes to etcd):
        \talarm list\t\tLists all alarms
        \tendpoint status\t\tPrints out the status of endpoints specified in `--endpoints` flag
        \tget\t\t\tGets the key or a range of keys
        \tlease list\t\tList all active leases
        \tlease timetolive\tGet lease information
        \tmember list\t\tLists all members in the cluster
        \tversion\t\t\tPrints the version of etcdctl
        \twatch\t\t\tWatches events stream on keys or prefixes

        OPTIONS:
        \t--hex[=false]\t\t\tprint byte strings as hex encoded strings
        \t-w, --write-out="simple"\tset the output format (fields, json, protobuf, simple, table)

        """
    }
  }
}
