// EtcdctlFlags: command-line flags parsed the way etcdctl's library (spf13/pflag) parses them.

/// A failed etcdctl command: the message printed after `Error: ` and the exit code.
struct EtcdctlFailure: Error {
  var message: String
  var code: Int32

  /// etcdctl's exit codes (pkg/cobrautl).
  static let exitError: Int32 = 1
  static let exitBadFeature: Int32 = 4
  static let exitInterrupted: Int32 = 5
  static let exitBadArgs: Int32 = 128
}

/// One flag a command accepts.
struct EtcdctlFlag {
  enum Kind { case bool, int, string }

  var name: String
  var shorthand: Character?
  var kind: Kind

  init(_ name: String, _ kind: Kind, shorthand: Character? = nil) {
    self.name = name
    self.kind = kind
    self.shorthand = shorthand
  }

  /// How pflag names the flag in errors: `--rev`, or `-w, --write-out`.
  var errorName: String { shorthand.map { "-\($0), --\(name)" } ?? "--\(name)" }
}

/// Flags and positional arguments after parsing.
struct EtcdctlArguments {
  var values: [String: String] = [:]
  var positional: [String] = []
  /// Arguments after a bare `--`.
  var afterDashDash: [String]? = nil

  func bool(_ name: String) -> Bool { values[name].map(Self.parseBool) == true }
  func int(_ name: String) -> Int64 { values[name].flatMap { Int64($0) } ?? 0 }
  func string(_ name: String, default fallback: String = "") -> String { values[name] ?? fallback }
  func isSet(_ name: String) -> Bool { values[name] != nil }

  static func parseBool(_ s: String) -> Bool? {
    switch s {
    case "1", "t", "T", "TRUE", "true", "True": return true
    case "0", "f", "F", "FALSE", "false", "False": return false
    default: return nil
    }
  }

  /// Parses `args` against `flags` as pflag does: `--name=value`, `--name value`, bare boolean
  /// `--name`, shorthand clusters `-w json` / `-wjson`, flags anywhere among the positional
  /// arguments, and `--` ending the flags.
  static func parse(_ args: [String], flags: [EtcdctlFlag]) throws(EtcdctlFailure) -> EtcdctlArguments {
    var result = EtcdctlArguments()
    var i = 0
    func set(_ flag: EtcdctlFlag, _ value: String) throws(EtcdctlFailure) {
      switch flag.kind {
      case .bool where parseBool(value) == nil:
        throw invalid(value, flag, "strconv.ParseBool: parsing \(EtcdctlFormat.goQuote(value)): invalid syntax")
      case .int where Int64(value) == nil:
        throw invalid(value, flag, "strconv.ParseInt: parsing \(EtcdctlFormat.goQuote(value)): invalid syntax")
      default: result.values[flag.name] = value
      }
    }
    while i < args.count {
      let arg = args[i]
      i += 1
      if arg == "--" {
        result.afterDashDash = Array(args[i...])
        result.positional += args[i...]
        break
      }
      if arg.hasPrefix("--") {
        let body = arg.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        guard let flag = flags.first(where: { $0.name == name }) else { throw failure("unknown flag: --\(name)") }
        if body.contains("=") {
          try set(flag, String(body.drop { $0 != "=" }.dropFirst()))
        } else if flag.kind == .bool {
          result.values[flag.name] = "true"
        } else if i < args.count {
          try set(flag, args[i])
          i += 1
        } else {
          throw failure("flag needs an argument: --\(name)")
        }
      } else if arg.hasPrefix("-") && arg.count > 1 {
        var rest = Substring(arg.dropFirst())
        while let c = rest.first {
          rest = rest.dropFirst()
          guard let flag = flags.first(where: { $0.shorthand == c }) else {
            throw failure("unknown shorthand flag: '\(c)' in \(arg)")
          }
          if rest.hasPrefix("=") {
            try set(flag, String(rest.dropFirst()))
            break
          } else if flag.kind == .bool {
            result.values[flag.name] = "true"
          } else if !rest.isEmpty {
            try set(flag, String(rest))
            break
          } else if i < args.count {
            try set(flag, args[i])
            i += 1
          } else {
            throw failure("flag needs an argument: '\(c)' in -\(c)")
          }
        }
      } else {
        result.positional.append(arg)
      }
    }
    return result
  }

  private static func invalid(_ value: String, _ flag: EtcdctlFlag, _ reason: String) -> EtcdctlFailure {
    failure(
      "invalid argument \(EtcdctlFormat.goQuote(value)) for \(EtcdctlFormat.goQuote(flag.errorName)) flag: \(reason)")
  }

  private static func failure(_ message: String) -> EtcdctlFailure {
    EtcdctlFailure(message: message, code: EtcdctlFailure.exitError)
  }
}
