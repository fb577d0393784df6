// FlagSet: kubectl's flag syntax (spf13/pflag): `--name=value`, `--name value`, `-n value`,
// `-nvalue`, `-n=value`, grouped booleans (`-it`), `--` ending the flags, flags anywhere.

/// The type of a flag's value, as pflag declares it.
public enum FlagKind: Sendable, Equatable {
  case bool
  case string
  case int
  /// A Go duration (`30s`, `5m`).
  case duration
  /// A repeatable flag (`--env a=b --env c=d`, `-f a.yaml,b.yaml`).
  case array
}

/// One flag a command accepts.
public struct FlagSpec: Sendable, Equatable {
  public let name: String
  public let shorthand: String
  public let kind: FlagKind
  /// The default as kubectl's help prints it (`false`, `''`, `[]`, `-1`).
  public let defaultText: String
  /// The value a flag takes when given without one (pflag's NoOptDefVal: `--cascade` means `background`).
  public let noOptDefault: String?

  public init(
    name: String, shorthand: String = "", kind: FlagKind, defaultText: String = "", noOptDefault: String? = nil
  ) {
    self.name = name
    self.shorthand = shorthand
    self.kind = kind
    self.defaultText = defaultText
    self.noOptDefault = noOptDefault
  }
}

/// The flags given on one command line, and the arguments left once they are taken out.
struct ParsedFlags {
  private(set) var values: [String: [String]] = [:]
  var args: [String] = []
  /// How many positional arguments came before `--` (cobra's ArgsLenAtDash), or nil without `--`.
  var argsLenAtDash: Int? = nil

  func changed(_ name: String) -> Bool { values[name] != nil }

  func string(_ name: String, default d: String = "") -> String { values[name]?.last ?? d }

  func bool(_ name: String) -> Bool {
    guard let v = values[name]?.last else { return false }
    return v == "true"
  }

  func int(_ name: String) -> Int? {
    guard let v = values[name]?.last else { return nil }
    return Int(v)
  }

  /// An int32 flag (pflag's `Int32Var`, such as `create deployment --replicas`): a value past
  /// Int32 is pflag's parse error, as `spec` names the flag.
  func int32(_ spec: FlagSpec?) throws(KubectlError) -> Int32? {
    guard let spec, let v = values[spec.name]?.last, let i = Int(v) else { return nil }
    guard let small = Int32(exactly: i) else {
      let shown = spec.shorthand.isEmpty ? "--\(spec.name)" : "-\(spec.shorthand), --\(spec.name)"
      throw .usage(
        "invalid argument \"\(v)\" for \"\(shown)\" flag: strconv.ParseInt: parsing \"\(v)\": value out of range")
    }
    return small
  }

  /// Every value of a repeatable flag, in order.
  func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// Every value of a comma-separated list flag (`-f a,b -f c`), split on commas.
  func list(_ name: String) -> [String] {
    strings(name).flatMap { $0.split(separator: ",", omittingEmptySubsequences: true).map(String.init) }
  }

  mutating func set(_ name: String, _ value: String) {
    values[name, default: []].append(value)
    given.append((name, value))
  }

  /// Every flag as given, in order, by its long name (what `--record` writes down).
  private(set) var given: [(name: String, value: String)] = []
}

/// pflag's parser over a command's flags.
struct FlagParser {
  let flags: [FlagSpec]

  func spec(named name: String) -> FlagSpec? { flags.first { $0.name == name } }
  func spec(shorthand: Character) -> FlagSpec? { flags.first { $0.shorthand == String(shorthand) } }

  /// Parses `args`; errors are pflag's messages (`unknown flag: --foo`).
  func parse(_ args: [String]) throws(KubectlError) -> ParsedFlags {
    var out = ParsedFlags()
    var i = 0
    while i < args.count {
      let a = args[i]
      i += 1
      if a == "--" {
        out.argsLenAtDash = out.args.count
        out.args.append(contentsOf: args[i...])
        break
      }
      if a.hasPrefix("--") && a.count > 2 {
        let body = a.dropFirst(2)
        let name: String
        var value: String? = nil
        if let eq = body.firstIndex(of: "=") {
          name = String(body[..<eq])
          value = String(body[body.index(after: eq)...])
        } else {
          name = String(body)
        }
        guard let f = spec(named: name) else { throw .usage("unknown flag: --\(name)") }
        if f.kind == .bool {
          try set(f, value ?? "true", flagText: "--\(name)", into: &out)
        } else if let value {
          try set(f, value, flagText: "--\(name)", into: &out)
        } else if let d = f.noOptDefault {
          try set(f, d, flagText: "--\(name)", into: &out)
        } else {
          guard i < args.count else { throw .usage("flag needs an argument: --\(name)") }
          try set(f, args[i], flagText: "--\(name)", into: &out)
          i += 1
        }
        continue
      }
      if a.hasPrefix("-") && a.count > 1 && a != "-" {
        // Shorthands: `-it`, `-n ns`, `-nns`, `-n=ns`.
        var chars = Array(a.dropFirst())
        while !chars.isEmpty {
          let c = chars.removeFirst()
          guard let f = spec(shorthand: c) else {
            throw .usage("unknown shorthand flag: '\(c)' in \(a)")
          }
          if f.kind == .bool {
            if chars.first == "=" {
              try set(f, String(chars.dropFirst()), flagText: "-\(c)", into: &out)
              chars = []
            } else {
              try set(f, "true", flagText: "-\(c)", into: &out)
            }
            continue
          }
          if !chars.isEmpty {
            let rest = chars.first == "=" ? String(chars.dropFirst()) : String(chars)
            try set(f, rest, flagText: "-\(c)", into: &out)
            chars = []
          } else {
            guard i < args.count else { throw .usage("flag needs an argument: '\(c)' in -\(c)") }
            try set(f, args[i], flagText: "-\(c)", into: &out)
            i += 1
          }
        }
        continue
      }
      out.args.append(a)
    }
    return out
  }

  private func set(_ f: FlagSpec, _ value: String, flagText: String, into out: inout ParsedFlags) throws(KubectlError) {
    let shown = f.shorthand.isEmpty ? "--\(f.name)" : "-\(f.shorthand), --\(f.name)"
    switch f.kind {
    case .bool:
      switch value {
      case "1", "t", "T", "true", "TRUE", "True": out.set(f.name, "true")
      case "0", "f", "F", "false", "FALSE", "False": out.set(f.name, "false")
      default:
        throw .usage(
          "invalid argument \"\(value)\" for \"\(shown)\" flag: strconv.ParseBool: parsing \"\(value)\": invalid syntax"
        )
      }
    case .int:
      guard Int(value) != nil else {
        // strconv.ParseInt: digits past the integer's range are "out of range", anything else "invalid syntax".
        let digits = value.drop { $0 == "-" || $0 == "+" }
        let why = !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? "value out of range" : "invalid syntax"
        throw .usage(
          "invalid argument \"\(value)\" for \"\(shown)\" flag: strconv.ParseInt: parsing \"\(value)\": \(why)")
      }
      out.set(f.name, value)
    case .duration:
      guard GoDuration.parse(value) != nil else {
        throw .usage("invalid argument \"\(value)\" for \"\(shown)\" flag: time: invalid duration \"\(value)\"")
      }
      out.set(f.name, value)
    case .string, .array:
      out.set(f.name, value)
    }
  }
}

/// Go's `time.ParseDuration` for the simple forms kubectl users type (`30s`, `1m30s`, `2h`, `0`).
enum GoDuration {
  /// Seconds (fractions dropped), or nil when malformed.
  static func parse(_ text: String) -> Double? {
    if text == "0" { return 0 }
    var total = 0.0
    var number = ""
    var unit = ""
    var parsedAny = false
    func flush() -> Bool {
      guard let n = Double(number) else { return false }
      let scale: Double
      switch unit {
      case "ns": scale = 1e-9
      case "us", "µs": scale = 1e-6
      case "ms": scale = 1e-3
      case "s": scale = 1
      case "m": scale = 60
      case "h": scale = 3600
      default: return false
      }
      total += n * scale
      number = ""
      unit = ""
      parsedAny = true
      return true
    }
    for ch in text {
      if ch.isNumber || ch == "." {
        if !unit.isEmpty { guard flush() else { return nil } }
        number.append(ch)
      } else {
        guard !number.isEmpty else { return nil }
        unit.append(ch)
      }
    }
    guard !number.isEmpty, flush(), parsedAny else { return nil }
    return total
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
